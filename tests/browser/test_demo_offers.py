"""The three demo offers (real officer text, seeded by `manage.py seed_demo`) on a 320px phone:
who to call and the situation question come first, every page of the guide stays a few
screens long without sideways scrolling, informal carers hear which money help applies, and
no page of the guide sets a cookie or carries a POST form (so pages can be cached whole).

Each test seeds its own copy (a fraction of a second) because browser tests use transactional
databases, which are emptied after every test; each then loops over many pages.
"""

from io import StringIO

import pytest

from .helpers import assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_SLUGS = ["ashdown", "brackenford", "coldmere"]
PHONE = {"width": 320, "height": 640}
FIRST_SCREENS = 1280  # two phone screens: who to call, the question, the first amount
MOST_SCREENS = 5120  # a guide page longer than eight phone screens is too long to read

TOP_OF = "(el) => el.getBoundingClientRect().top + window.scrollY"
FIRST_POUND_TOP = """() => {
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent.includes("£")) {
            const range = document.createRange();
            range.selectNodeContents(node);
            return range.getBoundingClientRect().top + window.scrollY;
        }
    }
    return null;
}"""


@pytest.fixture
def demo_offers():
    """Seed the demo councils and offers; return {slug: live document}."""
    from django.core.management import call_command
    from django.test import override_settings

    from offers.models import Offer

    # seed_demo refuses to run without DEBUG (its logins share a published password).
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=StringIO())
    offers = Offer.objects.filter(council__slug__in=DEMO_SLUGS).select_related(
        "council", "published_revision"
    )
    documents = {offer.council.slug: offer.published_revision.content for offer in offers}
    assert sorted(documents) == DEMO_SLUGS
    return documents


def guide_pages(slug: str, document: dict) -> list[str]:
    """Every page of one offer's guide: the overview, "What does my situation mean?", and a
    page per section."""
    base = f"/offers/{slug}/"
    return [base, f"{base}situations/"] + [f"{base}{s['anchor']}/" for s in document["sections"]]


def test_who_to_call_the_question_and_the_first_amount_are_near_the_top_on_a_phone(
    new_page, demo_offers
):
    page = new_page(**PHONE)
    page.goto("/offers/ashdown/")
    phone_link = page.locator("main a[href^='tel:']").first
    assert phone_link.inner_text() == "0161 496 0100"
    assert phone_link.evaluate(TOP_OF) <= FIRST_SCREENS
    question = page.locator("form#situation")
    assert "How does the child live with you?" in question.inner_text()
    assert question.evaluate(TOP_OF) <= FIRST_SCREENS

    page.goto("/offers/ashdown/?for=sgo")
    assert page.get_by_role("heading", name="At a glance").is_visible()
    first_pound = page.evaluate(FIRST_POUND_TOP)
    assert first_pound is not None, "no amount in £ on the answer for SGO"
    assert first_pound <= FIRST_SCREENS, f"the first £ is {first_pound:.0f}px down the page"


def test_every_demo_guide_page_fits_a_phone_sets_no_cookie_and_has_no_post_form(
    new_page, demo_offers
):
    """One loop over all 57 guide pages (reflow, height, cookies, forms), so the database is
    seeded once; the answers, print booklet and changes pages are checked for cookies too."""
    page = new_page(**PHONE)
    too_tall, tallest = [], {}
    for slug, document in demo_offers.items():
        base = f"/offers/{slug}/"
        for path in guide_pages(slug, document):
            response = page.goto(path)
            assert response.status == 200, path
            assert_no_horizontal_scroll(page, PHONE["width"])
            height = page.evaluate("document.documentElement.scrollHeight")
            tallest[slug] = max(tallest.get(slug, (0, "")), (height, path))
            if height > MOST_SCREENS:
                too_tall.append(f"{path} is {height}px, {height - MOST_SCREENS}px too tall")
            _assert_cacheable(page, response, path)
        for path in [
            f"{base}?for=sgo",
            f"{base}?for=informal",
            f"{base}financial/?for=sgo",
            f"{base}print/",
            f"{base}changes/",
        ]:
            _assert_cacheable(page, page.goto(path), path)
    assert not too_tall, f"pages taller than {MOST_SCREENS}px at 320px wide: {too_tall}"
    assert page.context.cookies() == []
    # The tallest page of each offer, for whoever tightens the layout next (pytest -s).
    print(f"Tallest guide page of each demo offer at 320px: {tallest}")


def _assert_cacheable(page, response, path):
    """A page cached whole must not set a cookie or carry a CSRF token in a POST form."""
    assert response.status == 200, path
    assert "set-cookie" not in response.all_headers(), path
    assert page.locator("form[method=post i]").count() == 0, path


def test_informal_carers_hear_which_money_help_applies(new_page, demo_offers):
    """An informal carer gets no allowance in most demo offers: the answer says so in a
    sentence and links to the money page, rather than showing an empty money section."""
    page = new_page()
    for slug in demo_offers:
        page.goto(f"/offers/{slug}/?for=informal")
        answer = page.locator("section.kp-answer")
        money = answer.evaluate(
            """(answer) => {
                const heading = [...answer.querySelectorAll("h3")]
                    .find(h => ["Money you could get", "Money"].includes(h.textContent.trim()));
                if (!heading) return null;
                const parts = [];
                for (let el = heading.nextElementSibling; el && el.tagName !== "H3";
                     el = el.nextElementSibling) parts.push(el.innerText.trim());
                return parts.join("\\n");
            }"""
        )
        assert money is not None, f"{slug}: no money heading in the answer"
        assert "." in money and len(money) > 40, f"{slug}: money section says too little: {money!r}"
        if "£" not in money:
            # Issue 20: no "other help with money" made up from the section a service is in,
            # and no promise the council did not write; a link to the money page instead.
            assert "None of the allowances in this offer is for your situation" in money, slug
            assert "other help with money" not in money, slug
            assert answer.get_by_role("link", name="Read the money page").count() == 1, slug
