"""A screenshot-free check of the public pages' HTML: it parses cleanly, has one <main> and
one <h1>, no repeated ids, a label for every field and a skip link that lands somewhere."""

import html5lib
import pytest
from django.template.loader import render_to_string
from django.test import Client

from offers.models import SectionKind

from .conftest import publish
from .factories import (
    ContactFactory,
    PeerGroupFactory,
    SectionFactory,
    SocialWorkServiceFactory,
    SupportServiceFactory,
    TrainingCourseFactory,
)
from .public_site_helpers import first_section

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


def parse(html: str):
    """Parse like a browser does; return the tree and html5lib's list of parse errors."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    tree = parser.parse(html)
    return tree, [
        html5lib.constants.E.get(code, code) % (data or {}) for _pos, code, data in parser.errors
    ]


def problems_in(html: str) -> list[str]:
    """Everything wrong with a page's structure, as readable sentences (empty if none)."""
    tree, errors = parse(html)
    problems = [f"parse error: {error}" for error in errors]
    elements = list(tree.iter())

    ids = [el.get("id") for el in elements if el.get("id")]
    problems += [f"duplicate id {i!r}" for i in sorted({i for i in ids if ids.count(i) > 1})]

    h1s = [el for el in elements if el.tag == "h1"]
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} <h1> elements, expected 1")
    mains = [el for el in elements if el.tag == "main"]
    if len(mains) != 1:
        problems.append(f"{len(mains)} <main> elements, expected 1")

    label_for = {el.get("for") for el in elements if el.tag == "label" and el.get("for")}
    for el in elements:
        if el.tag not in {"input", "select", "textarea"}:
            continue
        if el.tag == "input" and (el.get("type") or "text").lower() in UNLABELLED_TYPES:
            continue
        labelled = el.get("id") in label_for or any(
            i in ids for i in (el.get("aria-labelledby") or "").split()
        )
        if not labelled:
            problems.append(f"<{el.tag} name={el.get('name')!r}> has no label")

    skip_links = [
        el for el in elements if el.tag == "a" and "govuk-skip-link" in (el.get("class") or "")
    ]
    if not skip_links:
        problems.append("no skip link")
    for link in skip_links:
        target = (link.get("href") or "").removeprefix("#")
        if target not in ids:
            problems.append(f"skip link target #{target} does not exist")
    return problems


def test_checker_finds_the_problems_it_looks_for():
    # The checker itself must be able to fail, or the page tests below prove nothing.
    bad = (
        "<!DOCTYPE html><html lang='en'><head><title>x</title></head><body>"
        "<a class='govuk-skip-link' href='#nowhere'>Skip</a>"
        "<h1>One</h1><h1>Two</h1><p id='a'></p><p id='a'></p>"
        "<input name='q' id='q'><select name='s'></select><textarea name='t'></textarea>"
        "<div></span></body></html>"
    )
    found = "\n".join(problems_in(bad))
    assert "duplicate id 'a'" in found
    assert "2 <h1> elements" in found
    assert "0 <main> elements" in found
    assert "<input name='q'> has no label" in found
    assert "<select name='s'> has no label" in found
    assert "<textarea name='t'> has no label" in found
    assert "skip link target #nowhere does not exist" in found
    assert "parse error" in found


@pytest.fixture
def live_offer(offer_a, approver_a):
    """Council A's offer with one of each kind of entry, published."""
    for kind, entry_factory in [
        (SectionKind.CARER_TRAINING, TrainingCourseFactory),
        (SectionKind.PEER_SUPPORT, PeerGroupFactory),
        (SectionKind.SOCIAL_WORK, SocialWorkServiceFactory),
        (SectionKind.PRACTICAL, SupportServiceFactory),
        (SectionKind.CONTACTS, ContactFactory),
    ]:
        entry_factory(section=SectionFactory(offer=offer_a, kind=kind, heading=kind.label))
    return publish(offer_a, approver_a)


PAGES = [
    "/",
    "/search/",
    "/search/?q=",
    "/search/?q=ashdown",
    "/search/?q=nowhere",
    "/accessibility/",
    "/privacy/",
    "/no-such-page/",
    "/offers/ashdown-test/",
    "/offers/ashdown-test/print/",
    "/offers/ashdown-test/leaflet/",
    "/offers/ashdown-test/alerts/",
    "/offers/ashdown-test/alerts/sent/",
    "/alerts/confirm/not-a-link/",
]


@pytest.mark.parametrize("url", PAGES)
def test_public_page_html_is_well_formed_and_labelled(client, live_offer, council_b, url):
    response = client.get(url)
    assert response.status_code in {200, 404}, url
    assert problems_in(response.content.decode()) == []


def test_every_page_of_the_guide_is_well_formed(client, live_offer):
    base = "/offers/ashdown-test/"
    pages = [base, base + "?for=sgo", base + "?for=informal", base + "situations/"]
    pages += [f"{base}{section['anchor']}/" for section in live_offer.content["sections"]]
    pages += [f"{base}{section['anchor']}/?for=sgo" for section in live_offer.content["sections"]]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert problems_in(response.content.decode()) == [], page


def test_feedback_pages_are_well_formed(client, live_offer):
    anchor = first_section(live_offer)["anchor"]
    url = "/offers/ashdown-test/feedback/"
    form_page = client.get(url, {"page": anchor, "useful": "no"})
    assert problems_in(form_page.content.decode()) == []
    error_page = client.post(url, {"page": anchor, "comment": "x" * 1001})
    assert "There is a problem" in error_page.content.decode()
    assert problems_in(error_page.content.decode()) == []
    thanks = client.post(url, {"page": anchor, "useful": "yes"}, follow=True)
    assert "Thank you for your feedback" in thanks.content.decode()
    assert problems_in(thanks.content.decode()) == []


def test_csrf_failure_page_is_well_formed(live_offer):
    html = Client(enforce_csrf_checks=True).post("/offers/ashdown-test/feedback/").content
    assert problems_in(html.decode()) == []


def test_500_template_is_well_formed():
    assert problems_in(render_to_string("500.html")) == []
