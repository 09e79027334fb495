"""Lists pasted from Word into a Markdown field are saved as Markdown lists, so families see a
list, not one paragraph with stray "•" and "o" in it: in the admin's forms and at import
alike (offers.fields.MarkdownField, offers.markdown.pasted_lists_to_markdown)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from offers.documents import document_for
from offers.entry_types import ENTRY_TYPES
from offers.fields import MarkdownField
from offers.markdown import markdown_to_html, pasted_lists_to_markdown
from offers.models import Allowance, Offer, Section
from offers.services import offer_import

from .admin_helpers import form_data

NBSP = "\u00a0"

# Word's plain text, as a browser pastes it into a text box: a bullet, a tab, the words,
# Windows line endings; a paragraph straight before and after the list.
WORD_BULLETS = (
    "We can help with:\r\n"
    "•\tmoney for school uniform\r\n"
    "•\ttravel to family time\r\n"
    "•\ta laptop for homework\r\n"
    "Ask your social worker."
)
WORD_BULLETS_AS_MARKDOWN = (
    "We can help with:\r\n"
    "\r\n"
    "- money for school uniform\r\n"
    "- travel to family time\r\n"
    "- a laptop for homework\r\n"
    "\r\n"
    "Ask your social worker."
)

# Word's three default levels from its HTML (Symbol "·", Courier "o", Wingdings "§"), with
# non-breaking spaces after each bullet and a blank line for each paragraph's spacing.
WORD_LEVELS = (
    "What happens next:\n"
    "\n"
    f"·{NBSP * 6} we visit you at home\n"
    "\n"
    f"·{NBSP * 6} we write a support plan with you\n"
    "\n"
    f"o{NBSP * 2} we review it every 6 months\n"
    "\n"
    f"§{NBSP} you get a copy\n"
    "\n"
    f"·{NBSP * 6} we help if you go to court\n"
)
WORD_LEVELS_AS_MARKDOWN = (
    "What happens next:\n"
    "\n"
    "- we visit you at home\n"
    "- we write a support plan with you\n"
    "    - we review it every 6 months\n"
    "        - you get a copy\n"
    "- we help if you go to court\n"
)


@pytest.mark.parametrize(
    "pasted, markdown",
    [
        (WORD_BULLETS, WORD_BULLETS_AS_MARKDOWN),
        (WORD_LEVELS, WORD_LEVELS_AS_MARKDOWN),
        (
            "How to apply:\n1)\tCall us\n2)\tWe visit\n3)\tWe decide within 28 days",
            "How to apply:\n\n1. Call us\n2. We visit\n3. We decide within 28 days",
        ),
        (
            "1.\tCall the team\n•\tmornings are best\n2.\tFill in the form",
            "1. Call the team\n    - mornings are best\n2. Fill in the form",
        ),
        (
            "▪ proof of address\n▪ the child's birth certificate\n\nBring them with you.",
            "- proof of address\n- the child's birth certificate\n\nBring them with you.",
        ),
        (
            "You will need:\n– your bank details\n– your court order",
            "You will need:\n\n- your bank details\n- your court order",
        ),
        (f"-\tthe SGO\n*{NBSP}the CAO", "- the SGO\n- the CAO"),
    ],
    ids=[
        "bullet-tab-crlf",
        "three-levels-nbsp",
        "numbers-bracket",
        "numbers-with-bullets",
        "squares",
        "en-dashes",
        "markdown-marks-with-tab",
    ],
)
def test_word_lists_become_markdown_lists(pasted, markdown):
    assert pasted_lists_to_markdown(pasted) == markdown
    assert pasted_lists_to_markdown(markdown) == markdown  # a second save changes nothing


def test_a_pasted_list_shows_as_a_list_to_families():
    html = markdown_to_html(pasted_lists_to_markdown(WORD_BULLETS))
    assert "<li>money for school uniform</li>" in html
    assert "<li>a laptop for homework</li>" in html
    assert "•" not in html
    assert html.count("<ul") == 1 and '<p class="govuk-body">Ask your social worker.</p>' in html
    nested = markdown_to_html(pasted_lists_to_markdown(WORD_LEVELS))
    assert re.search(r"<li>we write a support plan with you<ul[^>]*>\s*<li>we review it", nested)


@pytest.mark.parametrize(
    "text",
    [
        "We pay weekly.\r\n\r\n- by bank transfer\r\n- into your account",
        "Intro.\n\n1. first\n2. second\n\n* starred",
        "o is a letter. So is a.\nopen every day",
        "We pay £190 a week.\n2026 rates apply from 1 April.",
        "Costs:  £5 •  free for carers",
        "",
    ],
)
def test_text_with_nothing_pasted_is_left_exactly_as_it_was(text):
    assert pasted_lists_to_markdown(text) == text


def test_every_markdown_field_families_read_is_a_markdown_field_in_the_model():
    """The fields templates render as Markdown are the ones cleaned as Markdown (and the
    entry-type registry's markdown_fields, which the plain-English check scores)."""
    entries = Path(settings.BASE_DIR) / "templates" / "includes" / "entries"
    rendered = re.compile(r"entry\.(\w+)\|markdown")
    for entry_type in ENTRY_TYPES:
        names = set()
        for template in {entry_type.template, entry_type.list_template}:
            source = (Path(settings.BASE_DIR) / "templates" / template).read_text()
            names |= set(rendered.findall(source))
        assert names == set(entry_type.markdown_fields), entry_type.key
    assert entries.is_dir()
    for model, name in ((Offer, "introduction"), (Section, "body")):
        assert isinstance(model._meta.get_field(name), MarkdownField)


# --- Through the workspace's forms and import -------------------------------------------------


def _workspace(name, offer, *args):
    return reverse(f"workspace:{name}", args=[offer.council.slug, *args])


def test_pasting_a_word_list_into_the_section_and_an_allowance_saves_markdown_lists(
    client_a, offer_a
):
    section = offer_a.sections.get()
    details = _workspace("section_details", offer_a, section.key)
    data = form_data(client_a.get(details))
    assert client_a.post(details, {**data, "body": [WORD_LEVELS]}).status_code == 302
    section.refresh_from_db()
    assert section.body == WORD_LEVELS_AS_MARKDOWN.rstrip()  # forms strip the last newline
    allowance = section.allowances.get()
    entry = _workspace("entry_change", offer_a, section.key, "allowances", allowance.key)
    data = form_data(client_a.get(entry))
    data = {k: v for k, v in data.items() if k != "add_band"}
    response = client_a.post(entry, {**data, "how_to_apply": [WORD_BULLETS]})
    assert response.status_code == 302
    # The browser posts Windows line endings; the list keeps them.
    assert Allowance.objects.get().how_to_apply == WORD_BULLETS_AS_MARKDOWN

    page = document_for(offer_a.pk)["sections"][0]["anchor"]
    preview = client_a.get(_workspace("preview_page", offer_a, page)).content.decode()
    assert "<li>we visit you at home</li>" in preview
    assert "<li>a laptop for homework</li>" in preview
    assert "·\u00a0" not in preview and "•\t" not in preview


def test_pasting_into_the_offers_general_approach_saves_a_markdown_list(client_a, offer_a):
    intro = _workspace("about", offer_a, "introduction")
    data = form_data(client_a.get(intro))
    data.update({"introduction": [WORD_BULLETS], "completed": ["yes"]})
    assert client_a.post(intro, data).status_code == 302
    offer_a.refresh_from_db()
    assert offer_a.introduction == WORD_BULLETS_AS_MARKDOWN


def test_an_imported_offer_has_its_pasted_lists_made_markdown(offer_a, officer_a):
    document = document_for(offer_a.pk)
    document["offer"]["introduction"] = WORD_BULLETS
    document["sections"][0]["allowances"][0]["notes"] = WORD_LEVELS
    offer_import(offer=offer_a, document=document, by=officer_a)
    offer_a.refresh_from_db()
    assert offer_a.introduction == WORD_BULLETS_AS_MARKDOWN
    assert Allowance.objects.get().notes == WORD_LEVELS_AS_MARKDOWN
