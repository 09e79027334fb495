"""The plain-English check: reading age, long sentences and unexplained jargon.

Pure functions of officer text (and, for jargon, of the terms a site administrator keeps
in the admin as JargonTerm rows). Shown beside the section editor and summarised on the
publish page. Advice only: it never stops anyone saving or publishing.

- Reading age: the Flesch-Kincaid grade (textstat, pinned to 0.7.8, which needs no network)
  plus 5, the usual way to turn a US school grade into a UK reading age. DOMAIN.md's target
  for public text is 9.
- Long sentences: more than 25 words (GOV.UK's guidance).
- Jargon: a term counts as unexplained unless, before it in the same text, its plain
  alternative appears, or it is explained where it is used: followed by a bracketed
  explanation ("LAC (looked after child)"), or an acronym in brackets after the words it
  stands for ("special guardianship order (SGO)"). Terms are matched as whole words;
  acronyms (no lower-case letters) only in capitals, other terms in any case.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import textstat

from .entry_types import ENTRY_TYPES

LONG_SENTENCE_WORDS = 25
READING_AGE_TARGET = 9
# Flesch-Kincaid gives a US school grade; a UK reading age is about 5 years more.
GRADE_TO_AGE = 5

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|`|^#+\s*|^\s*>\s*)", re.MULTILINE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^a-z])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class Term:
    """A jargon term and what to say instead (a JargonTerm row, or one made in a test)."""

    term: str
    plain_alternative: str
    note: str = ""


@dataclass(frozen=True)
class Jargon:
    """An unexplained use of a term, with the sentence it was found in."""

    term: str
    plain_alternative: str
    note: str
    sentence: str


@dataclass(frozen=True)
class Report:
    words: int
    reading_age: int | None  # None when there is no text to judge
    long_sentences: list[str] = field(default_factory=list)
    jargon: list[Jargon] = field(default_factory=list)

    @property
    def above_target(self) -> bool:
        return self.reading_age is not None and self.reading_age > READING_AGE_TARGET


def plain_text(markdown: str) -> str:
    """Officer Markdown as plain text: links keep their words, marks go, and every line
    (a paragraph, heading or list item) ends as a sentence, so a list is not one long one."""
    text = _LINK.sub(r"\1", markdown or "")
    text = _LIST_ITEM.sub("", text)
    text = _MARKS.sub("", text)
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            lines.append(line if line[-1] in ".!?:;" else f"{line}.")
    return "\n".join(lines)


def sentences(text: str) -> list[str]:
    """The sentences of plain text: split at . ! or ? before a space, and at line ends."""
    found = []
    for line in (text or "").splitlines():
        found += [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
    return found


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


def reading_age(text: str) -> int | None:
    """The reading age of plain text (Flesch-Kincaid grade + 5), or None if it has no words."""
    if not word_count(text):
        return None
    grade = textstat.flesch_kincaid_grade(text)
    return max(GRADE_TO_AGE, round(grade + GRADE_TO_AGE))


def long_sentences(text: str, limit: int = LONG_SENTENCE_WORDS) -> list[str]:
    """The sentences of plain text with more than `limit` words, in order."""
    return [sentence for sentence in sentences(text) if word_count(sentence) > limit]


def _is_acronym(term: str) -> bool:
    return any(c.isalpha() for c in term) and not any(c.islower() for c in term)


def _pattern(term: str) -> re.Pattern:
    flags = 0 if _is_acronym(term) else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", flags)


def _spelled_out_before(text: str, start: int, end: int, term: str) -> bool:
    """ "child in need (CIN)": the acronym is in brackets after words with its initials."""
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if not (before.endswith("(") and after.startswith(")")):
        return False
    letters = [c.lower() for c in term if c.isalpha()]
    words = re.findall(r"[A-Za-z]+", before[:-1])[-len(letters):]
    return len(words) == len(letters) and [w[0].lower() for w in words] == letters


def _sentence_at(text: str, position: int) -> str:
    offset = 0
    for line in text.splitlines(keepends=True):
        if offset + len(line) > position:
            for sentence in sentences(line):
                index = line.find(sentence)
                if offset + index <= position < offset + index + len(sentence):
                    return sentence
            return line.strip()
        offset += len(line)
    return ""


def unexplained_jargon(text: str, terms: Iterable) -> list[Jargon]:
    """Each term used in the text before it is explained (see the module's rule), once.

    terms: anything with term, plain_alternative and note (JargonTerm rows, or Term).
    """
    found = []
    lowered = (text or "").lower()
    for item in terms:
        term = (item.term or "").strip()
        if not term:
            continue
        alternative = (item.plain_alternative or "").strip()
        for match in _pattern(term).finditer(text or ""):
            start, end = match.span()
            explained = (
                (alternative and alternative.lower() in lowered[:start])
                or text[end:].lstrip().startswith("(")
                or (_is_acronym(term) and _spelled_out_before(text, start, end, term))
            )
            if not explained:
                found.append(Jargon(term, alternative, item.note or "", _sentence_at(text, start)))
            break  # only the first use matters: once explained, later uses are fine
    return found


def check(markdown: str, terms: Iterable) -> Report:
    """Reading age, long sentences and unexplained jargon of one officer text (Markdown)."""
    text = plain_text(markdown)
    return Report(
        words=word_count(text),
        reading_age=reading_age(text),
        long_sentences=long_sentences(text),
        jargon=unexplained_jargon(text, terms),
    )


# --- Over a document ------------------------------------------------------------------------

# Fields whose words families read; names, amounts, dates, codes and addresses are left out.
_TEXT_FIELDS = {
    "allowances": ("name", "how_to_apply", "notes"),
    "social_work_services": ("what_happens", "who_can_ask", "timescale", "how_to_ask"),
    "support_services": ("title", "description", "how_to_get"),
    "training_courses": ("title", "description", "how_to_book"),
    "peer_groups": ("name", "description"),
    "contacts": ("name", "notes"),
}


def section_text(section: dict) -> str:
    """All the words families read in one section of a document, in page order (Markdown)."""
    parts = [section.get("heading", ""), section.get("summary", ""), section.get("body", "")]
    for entry_type in ENTRY_TYPES:
        names = _TEXT_FIELDS.get(entry_type.key, entry_type.fields)
        for entry in section.get(entry_type.key) or []:
            parts += [entry.get(name) or "" for name in names]
    return "\n\n".join(part for part in parts if isinstance(part, str) and part.strip())


def document_report(document: dict, terms: Iterable) -> list[tuple[dict, Report]]:
    """A report for the offer's introduction and each section: (what it is, its report).

    "What it is" is {"heading", "key"}: key "" for the introduction (an offer field).
    """
    terms = list(terms)
    rows = [
        (
            {"heading": "Our general approach (the offer's introduction)", "key": ""},
            check(document["offer"].get("introduction", ""), terms),
        )
    ]
    for section in document.get("sections") or []:
        rows.append(
            (
                {"heading": section.get("heading", ""), "key": section.get("key", "")},
                check(section_text(section), terms),
            )
        )
    return rows
