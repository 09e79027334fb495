"""Officer Markdown becomes safe GOV.UK HTML; anything that could run script is removed."""

import html5lib
import pytest

from offers.markdown import markdown_to_html


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
        '<a href="javascript:alert(\'x\')">click me</a>',
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


def test_script_inside_a_paragraph_is_removed_with_its_content():
    html = markdown_to_html("Hello <script>alert('x')</script> there")
    assert "alert" not in html
    assert "Hello" in html and "there" in html


def test_raw_html_cannot_add_styles_classes_or_ids():
    html = markdown_to_html('<p class="evil" style="position:fixed" id="top">Hi</p>')
    assert "Hi" in html
    assert "evil" not in html and "style=" not in html and 'id="top"' not in html


def test_empty_text_is_empty_html():
    assert markdown_to_html("") == ""
