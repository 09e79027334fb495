"""The one place that turns officer-written Markdown into safe HTML for families.

python-markdown makes the HTML, then nh3 keeps only an allow-list of tags, attributes and
link schemes, so raw HTML, scripts, event handlers and `javascript:` links never reach a page.
GOV.UK classes are set by nh3 itself (officers cannot add their own classes).

Headings are moved down to fit the page: in the booklet a section's heading is an <h2>, so
an officer's "# Heading" becomes an <h3>; on a section's own page its heading is the <h1>,
so "# Heading" becomes an <h2>. Each page keeps one <h1> and an outline with no gaps.
"""

import re
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
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "h6",
    "span",
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


class _OfficersWordsExtension(Extension):
    """Text that is not Markdown shows as the officer typed it.

    Officers write Markdown, never HTML: without python-markdown's raw HTML handling, a
    tag-like "<ampersand>" or "<b>" is escaped and shown, where nh3 would otherwise drop it
    (and the words inside an unknown tag with it). Asterisks use the same "smart" rule as
    underscores: a run inside a word ("7*7", "${7*7}") is a character, not emphasis, so a
    sum is not turned into italics with its asterisks gone. "*this*" and "**this**" still
    work at the edges of words.
    """

    def extendMarkdown(self, md):  # noqa: N802 (python-markdown's name)
        # The way python-markdown's release notes give to escape HTML since safe_mode went.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.delimiters.add("*", "strong,em", smart=True)


_local = threading.local()


def _converter(offset: int) -> markdown.Markdown:
    # Building a Markdown object (and its extensions) costs more than converting a
    # paragraph, so each thread keeps one per heading offset and resets it between texts.
    converters = getattr(_local, "converters", None)
    if converters is None:
        converters = _local.converters = {}
    if offset not in converters:
        converters[offset] = markdown.Markdown(
            extensions=["sane_lists", _OfficersWordsExtension(), _PageOutlineExtension(offset)],
            output_format="html",
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


# --- Lists pasted from Word -------------------------------------------------------------------
# Officers often paste from Word or Outlook, whose plain text keeps each bullet as a character
# at the start of the line (the Symbol and Wingdings fonts come through as "·", "o" and "§",
# Word's first, second and third levels), then a tab or non-breaking spaces. Markdown does
# not see those as a list, so families would read one paragraph with stray symbols in it.

_GAP = "[ \t\u00a0]"
# A bullet that is never Markdown, or a Markdown one followed by a tab or non-breaking
# space; "o" only before a tab, a non-breaking space or two spaces ("o is for orange").
_PASTED_BULLET = re.compile(
    rf"^{_GAP}*(?P<mark>[•·▪■◦●‣⁃∙–—§]|o(?=[\t\u00a0]| {{2}})|[-*+](?=[\t\u00a0]))"
    rf"{_GAP}+(?P<text>\S.*)$"
)
# "1)" (not Markdown), or "1." followed by a tab or non-breaking space.
_PASTED_NUMBER = re.compile(
    rf"^{_GAP}*(?P<number>\d{{1,3}})(?:\){_GAP}+|\.(?=[\t\u00a0]){_GAP}+)(?P<text>\S.*)$"
)
_MARKDOWN_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)]) +\S")
_NESTED_INDENT = "    "  # python-markdown nests a list item indented by four spaces
_MAX_LEVELS = 3


def _pasted_item(line: str) -> tuple[str, str, str] | None:
    """(level key, Markdown marker, text) of a pasted list line, or None."""
    bullet = _PASTED_BULLET.match(line)
    if bullet:
        mark = bullet["mark"]
        return ("-" if mark in "-*+" else mark), "-", bullet["text"]
    number = _PASTED_NUMBER.match(line)
    if number:
        return "1.", f"{number['number']}.", number["text"]
    return None


def pasted_lists_to_markdown(text: str) -> str:
    """Officer text with lists pasted from Word made into Markdown lists; otherwise unchanged.

    "•", "·", "▪", "–", "§" and other bullet characters, and "o" before a tab, at the start
    of a line (with any tabs or non-breaking spaces after them) become "- "; "1)", and "1."
    before a tab, become "1. ". In one list each new kind of bullet is one level deeper, as
    Word's "•", "o" and "§" are, up to three. A blank line is put before the list when a
    paragraph runs straight into it (Markdown needs one) and after it when a paragraph
    follows, and blank lines between pasted items are dropped, so they stay one list.
    Text with nothing pasted in it is returned exactly as it was, and a second run changes
    nothing more. Called when a Markdown field is cleaned (offers.fields), so forms and
    import both do it.
    """
    if not text:
        return text
    out: list[str] = []
    levels: dict[str, int] = {}  # kind of bullet -> its level, in the list being read
    in_list = False  # the last line with words was a list item, or part of one
    blanks = 0  # blank lines since the last line with words
    level = -1  # of the last pasted item
    pasted = False  # the last line with words was a pasted item
    changed = False
    for line in text.splitlines():
        item = _pasted_item(line)
        if item is None:
            if not line.strip():
                blanks += 1
            else:
                indented = line.startswith((" ", "\t"))
                if _MARKDOWN_ITEM.match(line) or (in_list and (indented or not (blanks or pasted))):
                    in_list = True  # a typed Markdown item, or more words of the item above
                else:
                    if pasted and not blanks:
                        out.append("")  # a Word paragraph after the list: not part of it
                    in_list, levels, level = False, {}, -1
                blanks, pasted = 0, False
            out.append(line)
            continue
        kind, marker, words = item
        if in_list and blanks:
            del out[-blanks:]  # Word's space between paragraphs, not the end of the list
        elif out and not in_list and not blanks:
            out.append("")
        if kind not in levels:
            # One level below the item before it at most: Markdown cannot skip a level.
            levels[kind] = min(len(levels), _MAX_LEVELS - 1, level + 1)
        level = levels[kind] if in_list else 0
        out.append(f"{_NESTED_INDENT * level}{marker} {words}")
        in_list, pasted, blanks, changed = True, True, 0, True
    if not changed:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    ending = newline if text.endswith(("\n", "\r")) else ""
    return newline.join(out) + ending
