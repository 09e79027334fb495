"""The hostile corpus (tests/hostile_corpus.py) in chromium: nothing an officer writes runs.

Offers holding every payload in every text field (as tests/test_hostile_content.py builds
them) are published, and chromium opens their overviews, every section page, the print
booklets and the workspace's history and compare pages. On each: no dialog opens (alert(1) is
what the payloads try), no script element exists but those the clean twin's page of the
same kind has, no element carries an event handler, no link or source uses a javascript:,
data: or vbscript: address, no frame, object, embed or base exists, and the Content
Security Policy reports nothing blocked (so the policy is not what stopped a payload).
"""

import pytest
from django.db.models import TextField

from offers import flood
from tests.hostile_corpus import PART_INDICES, PAYLOADS, RETOKENED, build_hostile_offer, retoken

from ..conftest import publish
from .helpers import assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Recorded from the first moment of every page, before any of its own scripts run.
RECORD_VIOLATIONS = """
window.__kpViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__kpViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
# What is on the page once it has loaded and its scripts have run.
INSPECT = """() => {
    const all = [...document.querySelectorAll("*")];
    const where = (el) => el.tagName.toLowerCase() + " " + el.outerHTML.slice(0, 100);
    const badAddress = (value) => {
        try {
            return ["javascript:", "data:", "vbscript:"].includes(
                new URL(value, document.baseURI).protocol);
        } catch (error) {
            return false;
        }
    };
    const addressAttributes = ["href", "xlink:href", "src", "action", "formaction", "data",
                               "poster", "srcset"];
    return {
        scripts: [...document.scripts].map((s) => s.src ? new URL(s.src).pathname
                                                        : "inline: " + s.text.slice(0, 60)),
        handlers: all.flatMap((el) => [...el.attributes]
            .filter((a) => a.name.toLowerCase().startsWith("on"))
            .map((a) => `${a.name} on ${where(el)}`)),
        addresses: all.flatMap((el) => addressAttributes
            .filter((name) => el.hasAttribute(name) && badAddress(el.getAttribute(name)))
            .map((name) => `${name} on ${where(el)}`)),
        embedded: [...document.querySelectorAll(
            "iframe, frame, object, embed, base, meta[http-equiv]")].map(where),
        violations: window.__kpViolations || [],
    };
}"""


def _publish_twice(offer, approver):

    publish(offer, approver, "First version")
    retoken(offer, version=2, labels=RETOKENED)
    publish(offer, approver, "Second version")


def _offer_with_approver(n, slug, indices, *, clean=False, holds=None):
    from offers.models import Role
    from tests.factories import CouncilFactory, MembershipFactory, OfferFactory, UserFactory

    council = CouncilFactory(
        name=f"Browser Hostile Council {n}", slug=slug, gss_code=f"E0690008{n}"
    )
    approver = MembershipFactory(
        council=council, role=Role.APPROVER, user=UserFactory(username=f"{slug}-approver")
    ).user
    offer = OfferFactory(council=council)
    build_hostile_offer(offer, indices=indices, clean=clean, holds=holds)
    _publish_twice(offer, approver)
    return offer, approver


class Visitor:
    """One browser tab that records dialogs and inspects each page it opens."""

    def __init__(self, page):
        self.page = page
        self.dialogs = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{self.page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def open(self, url) -> dict:
        response = self.page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        return self.page.evaluate(INSPECT)


def _workspace(offer, rest):
    return f"/workspace/{offer.council.slug}/{rest}"


def _page_kinds(offer):
    """(kind, url) of every page opened for one offer: its kind says which clean page it
    is compared with."""
    slug = offer.council.slug
    document = offer.published_revision.content
    yield "overview", f"/offers/{slug}/"
    for section in document["sections"]:
        yield "section", f"/offers/{slug}/{section['anchor']}/"
    yield "print", f"/offers/{slug}/print/"
    yield "history", _workspace(offer, "history/")
    yield "compare", _workspace(offer, "history/compare/?old=1&new=2")


def test_no_payload_runs_or_adds_a_script_in_chromium(new_page, monkeypatch):
    # A crawl of hundreds of pages made afresh within a minute: the render limit
    # (offers.flood, tested in tests/test_cache_flood.py) would refuse most of them.
    monkeypatch.setattr(flood, "RENDERS_PER_MINUTE", 10**9)
    twin, twin_approver = _offer_with_approver(
        0, "browser-clean-twin", PART_INDICES[0][:3], clean=True
    )
    hostile = [
        _offer_with_approver(n + 1, f"browser-hostile-{n + 1}", indices)
        for n, indices in enumerate(PART_INDICES)
    ]

    clean = {}
    visitor = Visitor(new_page(user=twin_approver))
    for kind, url in _page_kinds(twin):
        if kind in clean:
            continue  # one clean page of each kind
        seen = visitor.open(url)
        clean[kind] = seen["scripts"]
        assert not (
            seen["handlers"] or seen["addresses"] or seen["embedded"] or seen["violations"]
        ), (url, seen)

    problems, opened = [], 0
    for offer, approver in hostile:
        visitor = Visitor(new_page(user=approver))
        for kind, url in _page_kinds(offer):
            seen = visitor.open(url)
            opened += 1
            if seen["scripts"] != clean[kind]:
                problems.append(
                    f"{url}: scripts {seen['scripts']}, a clean {kind} page has {clean[kind]}"
                )
            problems += [
                f"{url}: {what}: {found}"
                for what in ("handlers", "addresses", "embedded", "violations")
                for found in seen[what]
            ]
        problems += visitor.dialogs
    assert opened >= len(PAYLOADS) + 4 * len(hostile)
    assert not problems, "\n".join(problems[:40])


def _long_word_page(new_page, holds, page=""):
    """A one-section offer with the 5,000-character word in the fields holds() picks (cut to
    fit shorter ones), opened at 320px: its section page, or page="overview"."""
    index = next(i for i, p in enumerate(PAYLOADS) if p.name == "long_word")
    offer, _approver = _offer_with_approver(9, "long-words", [index], holds=holds)
    anchor = offer.published_revision.content["sections"][0]["anchor"]
    browser_page = new_page(width=320, height=640)
    url = "/offers/long-words/" if page == "overview" else f"/offers/long-words/{anchor}/"
    assert browser_page.goto(url).ok
    return browser_page


def test_long_words_in_free_text_and_plain_entry_fields_wrap_at_320px(new_page):
    # Free text (Markdown) holds all 5,000 characters; the section's summary and the plain
    # fields of support services, courses, groups and contacts hold as many as they take.
    def holds(text_field):
        return (
            text_field.label == "section.summary"
            or isinstance(text_field.model_field, TextField)
            or text_field.where not in {"offer", "section", "allowances"}
        )

    page = _long_word_page(new_page, holds)
    assert len(page.locator("main").inner_text()) > 10 * 5_000
    assert_no_horizontal_scroll(page, 320)


# Each once made a 320px page scroll sideways (the width it reached is in its note); the
# main wrapper's overflow-wrap: anywhere now breaks such words.
OVERFLOWING = {
    "general approach on the overview": (
        lambda f: f.label == "offer.introduction",
        "overview",
        "the offer's general approach (Markdown) sits outside the wrapping containers on the "
        "overview (and in the print booklet): the page is 63,379px wide",
    ),
    "title on the overview": (
        lambda f: f.label == "offer.title",
        "overview",
        "the offer's title (a 200-character word) does not wrap in the overview's <h1> "
        "(4,244px) nor in the caption above a section page's heading (2,578px)",
    ),
    "heading on its section page": (
        lambda f: f.label == "section.heading",
        "",
        "a section heading (a 120-character word) does not wrap in its own page's <h1> (2,395px)",
    ),
    "allowance name and age band": (
        lambda f: f.label in {"allowances.name", "allowances.age_band"},
        "",
        "an allowance's name or age band (160 and 60 characters) widens the allowances "
        "table and the 'how to apply' summary (1,858px; print booklet too): overflow-wrap: "
        "break-word does not narrow table cells, anywhere would",
    ),
}


@pytest.mark.parametrize("case", list(OVERFLOWING))
def test_a_long_word_wraps_at_320px_in_the(new_page, case):
    holds, page_name, _reason = OVERFLOWING[case]
    page = _long_word_page(new_page, holds, page_name)
    assert_no_horizontal_scroll(page, 320)
