"""The one place that turns officer-written Markdown into safe HTML for families.

python-markdown makes the HTML, then nh3 keeps only an allow-list of tags, attributes and
link schemes, so raw HTML, scripts, event handlers and `javascript:` links never reach a page.
GOV.UK classes are set by nh3 itself (officers cannot add their own classes).

Headings are moved down to fit the page: in the booklet a section's heading is an <h2>, so
an officer's "# Heading" becomes an <h3>; on a section's own page its heading is the <h1>,
so "# Heading" becomes an <h2>. Each page keeps one <h1> and an outline with no gaps.
"""

import threading
import xml.etree.ElementTree as etree

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .validators import without_hidden_characters

HEADING_OFFSET = 2

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote",
    "h3", "h4", "h5", "h6", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Officers cannot set classes; these are added to every tag of the kind.
GOVUK_CLASSES = {
    "p": "govuk-body",
    "a": "govuk-link kp-wrap",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
    "blockquote": "govuk-inset-text",
}
EXTERNAL_LINK_TEXT = " (opens another website)"


class _PageOutline(Treeprocessor):
    """Move headings down to fit under the section's heading, and mark links that leave."""

    def __init__(self, md, offset: int):
        super().__init__(md)
        self.offset = offset

    def run(self, root):
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + self.offset)}"
            elif element.tag == "a" and element.get("href", "").startswith(("http:", "https:")):
                # Said in words (not an icon) so it is read out and printed; same tab.
                marker = etree.SubElement(element, "span")
                marker.set("class", "govuk-visually-hidden")
                marker.text = EXTERNAL_LINK_TEXT
        return None


class _PageOutlineExtension(Extension):
    def __init__(self, offset: int):
        super().__init__()
        self.offset = offset

    def extendMarkdown(self, md):  # noqa: N802 (python-markdown's name)
        md.treeprocessors.register(_PageOutline(md, self.offset), "kp_page_outline", 5)


_local = threading.local()


def _converter(offset: int) -> markdown.Markdown:
    # Building a Markdown object (and its extensions) costs more than converting a
    # paragraph, so each thread keeps one per heading offset and resets it between texts.
    converters = getattr(_local, "converters", None)
    if converters is None:
        converters = _local.converters = {}
    if offset not in converters:
        converters[offset] = markdown.Markdown(
            extensions=["sane_lists", _PageOutlineExtension(offset)], output_format="html"
        )
    return converters[offset]


def markdown_to_html(text: str, heading_offset: int = HEADING_OFFSET) -> SafeString:
    """Officer Markdown (headings, lists, links, bold) as sanitised HTML, safe to show.

    Not cached here: public pages are kept whole by offers.page_cache, keyed by the
    published version, so each text is converted once per live page, and nothing here
    grows with every text ever seen.
    """
    text = without_hidden_characters(text or "")
    if not text:
        return mark_safe("")
    html = _converter(heading_offset).reset().convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS | {f"h{level}" for level in range(1 + heading_offset, 3)},
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        allowed_classes={"span": {"govuk-visually-hidden"}},
        set_tag_attribute_values={tag: {"class": cls} for tag, cls in GOVUK_CLASSES.items()},
        link_rel=None,
    )
    return mark_safe(clean)  # noqa: S308 (sanitised by nh3 just above)
