"""Nothing on a public page of an offer claims help the council did not write (issue 20).

Every sentence an offer's pages show is the council's document, national help marked as
such (the site-wide helplines, England's general rules on "What does my situation mean?"),
or fixed service wording that promises nothing. The check: every public page type of the
three demo offers and of a minimal offer, each situation included, is rendered, and no
phrase that promises help (CLAIM_PHRASES) may appear on a page unless the page's document
says it. A minimal offer says almost nothing, so any fixed sentence that promises help
shows up there (the "call us and ask if we can make a one-off payment" that "At a glance"
once told every family with no allowance).

Cast: an approver of council A (the minimal offer) and an anonymous carer (the client).
"""

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from offers import flood, formatting
from offers.choices import ARRANGEMENT_EXPLANATIONS, ArrangementType, Frequency, label
from offers.models import NationalHelpline, Offer, SectionKind

from .conftest import publish
from .factories import OfferFactory, SectionFactory

pytestmark = pytest.mark.slow  # renders about 400 pages

# Words that promise the family something from the council. Each may be on a page only if
# the document behind the page has it (so the council wrote it).
CLAIM_PHRASES = (
    "one-off payment",
    "ask if we can",
    "call us",
    "we will help",
    "we can help",
    "we can make",
    "we will pay",
    "we pay",
    "we give",
    "we offer",
    "we provide",
    "you will get",
    "you may still get",
    "help with money",
    "free",
    "grant",
    "therapy",
    "counselling",
    "legal advice",
    "short break",
    "training",
    "peer support",
    "support group",
    "means test form",
    "social worker",
)
SITUATIONS = [*ArrangementType.values, "not_sure"]
MARKDOWN_MARKS = re.compile(r"[*_#>\[\]()`]")


def _words(text: str) -> str:
    return " ".join(html.unescape(text).split()).lower()


def _main_text(page: str) -> str:
    main = page[page.index("<main") : page.index("</main>")]
    return _words(re.sub(r"<[^>]+>", " ", main))


def _general_wording() -> list[str]:
    """National help and general rules a page may show whatever the document says: the
    site-wide helplines and the situations explainer, each marked as not the council's."""
    texts = []
    for explained in ARRANGEMENT_EXPLANATIONS.values():
        texts += [explained.what_it_is, explained.parental_responsibility]
        texts += [explained.how_long, explained.support]
    # The heading that marks national help as not the council's (the leaflet keeps it for
    # the national schemes even when there are none yet).
    texts.append("Free help that is not the council")
    for helpline in NationalHelpline.objects.all():
        texts += [helpline.name, helpline.description, helpline.opening_hours]
    return [_words(text) for text in texts if text]


def _document_words(document: dict) -> str:
    """Every word of a document as a page shows it: its text without Markdown marks, and the
    labels and amounts its codes and numbers are shown as."""
    strings: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            strings.append(value)
            for choices in (Frequency, ArrangementType, SectionKind):
                if value in choices.values:
                    strings.append(label(choices, value))

    walk(document)
    for section in document.get("sections", []):
        for entry in section.get("allowances", []):
            strings.append(formatting.money_per(entry["amount"], entry["frequency"]))
    return _words(MARKDOWN_MARKS.sub(" ", " ".join(strings)))


def claims_not_in_document(page_text: str, document: dict, general: list[str]) -> list[str]:
    """The claim phrases on a page (its main text) that its document does not say."""
    for text in general:
        page_text = page_text.replace(text, " ")
    document_text = _document_words(document)
    return [
        phrase for phrase in CLAIM_PHRASES if phrase in page_text and phrase not in document_text
    ]


def _offer_pages(client, slug: str, document: dict) -> dict[str, str]:
    """Every public page type of one live offer, each situation included: {url: html}."""
    base = f"/offers/{slug}/"
    urls = [base, f"{base}?for=", f"{base}situations/", f"{base}print/", f"{base}changes/"]
    urls.append(f"{base}leaflet/")
    urls += [f"{base}?for={code}" for code in SITUATIONS]
    for section in document["sections"]:
        urls.append(f"{base}{section['anchor']}/")
        urls += [f"{base}{section['anchor']}/?for={code}" for code in ArrangementType.values]
        urls.append(f"{base}feedback/?page={section['anchor']}")
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


@pytest.fixture(autouse=True)
def _no_render_limit(monkeypatch):
    """Hundreds of pages from one client in a minute: past the site's render limit."""
    monkeypatch.setattr(flood, "RENDERS_PER_MINUTE", 10**9)


@pytest.fixture
def minimal_offer(council_a, approver_a):
    """An offer that says as little as an offer can: one section, no entries, no contacts."""
    offer = OfferFactory(
        council=council_a, title="Ashdown minimal offer", introduction="Our offer is new."
    )
    SectionFactory(
        offer=offer,
        kind=SectionKind.GENERAL_APPROACH,
        heading="Our approach",
        summary="How we work with families.",
        body="We are writing this part.",
    )
    publish(offer, approver_a)
    return offer


def test_no_page_of_a_minimal_offer_promises_help_it_does_not_list(client, minimal_offer):
    document = minimal_offer.published_revision.content
    general = _general_wording()
    found = {}
    for url, page in _offer_pages(client, "ashdown-test", document).items():
        claims = claims_not_in_document(_main_text(page), document, general)
        if claims:
            found[url] = claims
    assert not found, f"fixed sentences promising help the offer does not list: {found}"


def test_no_page_of_the_demo_offers_promises_help_their_documents_do_not_say(client, db):
    with override_settings(DEBUG=True):  # seed_demo refuses to run without DEBUG
        call_command("seed_demo", stdout=StringIO())
    general = _general_wording()
    found = {}
    for offer in Offer.objects.filter(council__slug__in=["ashdown", "brackenford", "coldmere"]):
        document = offer.published_revision.content
        for url, page in _offer_pages(client, offer.council.slug, document).items():
            claims = claims_not_in_document(_main_text(page), document, general)
            if claims:
                found[url] = claims
    assert not found, f"fixed sentences promising help the offer does not say: {found}"


def test_the_check_finds_the_sentence_at_a_glance_used_to_make_up(minimal_offer):
    """The check can fail: the old fixed sentence, on the minimal offer's page."""
    document = minimal_offer.published_revision.content
    old = (
        "If you are struggling to pay for the child's needs, call us and ask if we can "
        "make a one-off payment. You may still get other help with money: Counselling for "
        "carers."
    )
    assert claims_not_in_document(_words(old), document, _general_wording()) == [
        "one-off payment",
        "ask if we can",
        "call us",
        "we can make",
        "you may still get",
        "help with money",
        "counselling",
    ]
