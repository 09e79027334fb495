"""Officer Markdown becomes safe GOV.UK HTML; anything that could run script is removed."""

import html5lib
import pytest

from offers.markdown import markdown_to_html
from offers.services import offer_publish


def test_headings_lists_links_and_bold_are_kept_with_govuk_classes():
    html = markdown_to_html(
        "## Who can get it\n\nYou can get **money** if:\n\n- you are a carer\n- you live here\n\n"
        "1. Call us\n2. Fill in the form\n\n[Apply online](https://ashdown.example/apply)"
    )
    assert '<h4 class="govuk-heading-s">Who can get it</h4>' in html
    assert "<strong>money</strong>" in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert "<li>you are a carer</li>" in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert 'href="https://ashdown.example/apply"' in html


def test_an_officers_top_heading_sits_under_the_section_heading_so_the_page_keeps_one_h1():
    html = markdown_to_html("# Money\n\ntext")
    assert "<h1" not in html and "<h2" not in html
    assert '<h3 class="govuk-heading-m">Money</h3>' in html


def test_links_to_other_websites_say_so_and_stay_in_the_same_tab():
    html = markdown_to_html("[Kinship](https://kinship.example) or [call](tel:01614960000)")
    assert "(opens another website)</span></a>" in html
    assert "target=" not in html
    assert html.count("opens another website") == 1  # not on the phone link


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert('x')</script>",
        "Hello <script>alert('x')</script> there",
        "<img src=x onerror=alert('x')>",
        "[click me](javascript:alert('x'))",
        "<a href=\"javascript:alert('x')\">click me</a>",
        '<a href="https://ok.example" onclick="alert(\'x\')">click me</a>',
        "<p onmouseover=\"alert('x')\">hover</p>",
        '<iframe src="https://evil.example"></iframe>',
        "<svg onload=alert('x')>",
        '[x](JaVaScRiPt:alert("x"))',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    ],
)
def test_script_and_script_like_html_is_stripped(attack):
    html = markdown_to_html(attack)
    # What a browser would build from the output: no script, no handlers, no script links.
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    for element in tree.iter():
        assert element.tag not in {"script", "img", "iframe", "svg", "object", "embed"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), html
            if name in {"href", "src"}:
                assert value.startswith(("http:", "https:", "mailto:", "tel:")), html
    assert "<script" not in html.lower()


def test_script_inside_a_paragraph_is_shown_as_the_words_typed_and_never_runs():
    html = markdown_to_html("Hello <script>alert('x')</script> there")
    assert "<script" not in html
    assert "Hello &lt;script&gt;alert('x')&lt;/script&gt; there" in html


def test_raw_html_cannot_add_styles_classes_or_ids():
    html = markdown_to_html('<p class="evil" style="position:fixed" id="top">Hi</p>')
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    paragraphs = tree.findall(".//p")
    assert len(paragraphs) == 1  # the officer's <p> is text inside ours, not a second one
    assert paragraphs[0].attrib == {"class": "govuk-body"}
    assert "Hi" in paragraphs[0].text


# --- Text that is not Markdown shows as the officer typed it -------------------------------


def test_tag_like_text_is_shown_as_typed_not_dropped():
    html = markdown_to_html("Bring <ampersand> and <your letter> to the meeting")
    assert "Bring &lt;ampersand&gt; and &lt;your letter&gt; to the meeting" in html


def test_html_an_officer_types_is_shown_as_text_with_the_words_inside_it():
    html = markdown_to_html("<b>Closed</b> on <blink>Fridays</blink>\n\n<div>\nCall us\n</div>")
    assert "&lt;b&gt;Closed&lt;/b&gt; on &lt;blink&gt;Fridays&lt;/blink&gt;" in html
    assert "&lt;div&gt;\nCall us\n&lt;/div&gt;" in html
    assert "<b>" not in html and "<div" not in html


def test_asterisks_inside_words_and_sums_are_kept_as_typed():
    html = markdown_to_html("7*7 \u2026 ${7*7}, a*b*c and 2*3=6")
    assert "7*7 \u2026 ${7*7}, a*b*c and 2*3=6" in html
    assert "<em>" not in html


def test_emphasis_and_bold_still_work_at_the_edges_of_words():
    html = markdown_to_html("*Only* **£184** a week, ***always***. **Important**: 3*4 is 12")
    assert "<em>Only</em> <strong>£184</strong> a week, <strong><em>always</em></strong>." in html
    assert "<strong>Important</strong>: 3*4 is 12" in html


def test_links_written_in_angle_brackets_and_entities_still_work():
    html = markdown_to_html("<https://ashdown.example/apply>, <team@ashdown.example> &amp; more")
    assert 'href="https://ashdown.example/apply"' in html
    assert 'href="mailto:team@ashdown.example"' in html
    assert "&amp; more" in html


def test_empty_text_is_empty_html():
    assert markdown_to_html("") == ""


def test_a_public_page_shows_the_officers_words_as_typed(client, offer_a, approver_a):
    section = offer_a.sections.get()
    section.body = "Bring <ampersand>. We pay 7*7 \u2026 ${7*7} pounds, **every** week."
    section.save()
    revision = offer_publish(offer=offer_a, by=approver_a, summary="v1", accept_gaps=True)
    anchor = revision.content["sections"][0]["anchor"]
    html = client.get(f"/offers/ashdown-test/{anchor}/").content.decode()
    assert (
        '<p class="govuk-body">Bring &lt;ampersand&gt;. We pay 7*7 \u2026 ${7*7} pounds, '
        "<strong>every</strong> week.</p>"
    ) in html
