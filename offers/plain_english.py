"""The plain-English check: reading age, long sentences and unexplained jargon.

Pure functions of officer text (and, for jargon, of the terms a site administrator keeps
in the admin as JargonTerm rows). Shown beside the section editor and summarised on the
publish page. Advice only: it never stops anyone saving or publishing.

It reads every text families see (offers.places.document_texts): the offer's title,
introduction and manager's job title, each section's heading, summary and body, and each
entry's name and text fields (which ones: the entry-type registry). Each field gets its own
report with its Place, so a finding can link to the field; the offer's own text and each
section also get one report of their text read together (PartReport).

- Reading age: the Flesch-Kincaid grade (textstat, pinned to 0.7.8, which needs no network)
  plus 5, the usual way to turn a US school grade into a UK reading age. DOMAIN.md's target
  for public text is 9. Below MIN_WORDS_TO_SCORE words the formula swings wildly (one long
  word moves it years), so a shorter text is "too short to score" instead of a number.
  Headings, names and other one-line fields are not scored at all: only jargon matters.
- Long sentences: more than 25 words (GOV.UK's guidance), in running text.
- Jargon: a term counts as unexplained unless, before it, its plain alternative appears
  (earlier in the same field, or in a field before it on the page: the part is read in
  order), or it is explained where it is used: followed by a bracketed explanation
  ("LAC (looked after child)"), or an acronym in brackets after the words it stands for
  ("special guardianship order (SGO)"). Only a term's first use in a part counts. Terms are
  matched as whole words; acronyms (no lower-case letters) only in capitals, other terms
  in any case. Headings and names are checked too.
"""

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

import textstat

from .places import DocumentText, Place, offer_texts, section_texts

LONG_SENTENCE_WORDS = 25
READING_AGE_TARGET = 9
# Flesch-Kincaid gives a US school grade; a UK reading age is about 5 years more.
GRADE_TO_AGE = 5
# Fewer words than this give a reading age that is mostly noise.
MIN_WORDS_TO_SCORE = 30

# Why a report has no reading age (Report.unscored), in words officers read.
NO_TEXT = "no text to check yet"
TOO_SHORT = "too short to score"
NOT_SCORED = "a heading or name: checked for jargon only"

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
    """An unexplained use of a term, with the sentence it was found in (and, over a
    document, the field it is in)."""

    term: str
    plain_alternative: str
    note: str
    sentence: str
    place: Place | None = None


@dataclass(frozen=True)
class Report:
    """The check of one text, or of several read together.

    reading_age is None when it is not scored, and `unscored` says why: NO_TEXT,
    TOO_SHORT (under MIN_WORDS_TO_SCORE words) or NOT_SCORED (a heading or name).
    """

    words: int
    reading_age: int | None
    long_sentences: list[str] = field(default_factory=list)
    jargon: list[Jargon] = field(default_factory=list)
    unscored: str = ""

    @property
    def above_target(self) -> bool:
        return self.reading_age is not None and self.reading_age > READING_AGE_TARGET

    @property
    def too_short(self) -> bool:
        return self.unscored == TOO_SHORT


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
    """The reading age of plain text (Flesch-Kincaid grade + 5), or None if it has no words.

    The bare formula, whatever the length: check() leaves texts under MIN_WORDS_TO_SCORE
    words unscored."""
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
    words = re.findall(r"[A-Za-z]+", before[:-1])[-len(letters) :]
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


class _Terms:
    """A jargon list made ready once for many texts: each term with its pattern."""

    def __init__(self, terms: Iterable):
        self.items = []
        for item in terms:
            term = (item.term or "").strip()
            if term:
                alternative = (item.plain_alternative or "").strip()
                self.items.append((term, alternative, item.note or "", _pattern(term)))
        self.fingerprint = hashlib.sha256(
            json.dumps([item[:3] for item in self.items], ensure_ascii=False).encode()
        ).hexdigest()


def _first_uses(
    text: str,
    terms: _Terms,
    *,
    before: str = "",
    seen: set[str] | None = None,
    place: Place | None = None,
) -> list[Jargon]:
    """Each term whose first use is in `text` and is not explained (see the module's rule).

    before: the text read before this one (lower case), where a plain alternative also
    counts; seen: terms already used before, left alone here, and added to as found.
    """
    found = []
    text = text or ""
    lowered = text.lower()
    seen = set() if seen is None else seen
    for term, alternative, note, pattern in terms.items:
        if term in seen:
            continue
        match = pattern.search(text)
        if match is None:
            continue
        seen.add(term)  # only the first use matters: once explained, later uses are fine
        start, end = match.span()
        explained = (
            (alternative and alternative.lower() in f"{before}\n{lowered[:start]}")
            or text[end:].lstrip().startswith("(")
            or (_is_acronym(term) and _spelled_out_before(text, start, end, term))
        )
        if not explained:
            found.append(Jargon(term, alternative, note, _sentence_at(text, start), place))
    return found


def unexplained_jargon(text: str, terms: Iterable) -> list[Jargon]:
    """Each term used in the text before it is explained (see the module's rule), once.

    terms: anything with term, plain_alternative and note (JargonTerm rows, or Term).
    """
    return _first_uses(text, _Terms(terms))


def _unscored(words: int) -> str:
    if not words:
        return NO_TEXT
    return TOO_SHORT if words < MIN_WORDS_TO_SCORE else ""


def check(markdown: str, terms: Iterable, *, running: bool = True) -> Report:
    """Reading age, long sentences and unexplained jargon of one officer text (Markdown).

    running=False for a heading or name: only its jargon is checked.
    """
    text = plain_text(markdown)
    words = word_count(text)
    jargon = unexplained_jargon(text, terms)
    if not running:
        return Report(words, None, [], jargon, NO_TEXT if not words else NOT_SCORED)
    unscored = _unscored(words)
    return Report(
        words=words,
        reading_age=None if unscored else reading_age(text),
        long_sentences=long_sentences(text),
        jargon=jargon,
        unscored=unscored,
    )


# --- Over a document ------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldReport:
    """The check of one field families read. A heading or name (running False) is checked
    for jargon only."""

    place: Place
    where: str  # the place in words: "Section “Money”, allowance “X”: How to apply"
    running: bool
    report: Report


@dataclass(frozen=True)
class PartReport:
    """The offer's own text (section_key None) or one section with its entries.

    report: the part's running text read together (its reading age, words, long
    sentences) and every jargon finding in it; fields: each field with text, page order.
    """

    heading: str
    section_key: str | None
    report: Report
    fields: list[FieldReport]

    @property
    def key(self) -> str:
        return self.section_key or ""


def part_report(
    texts: list[DocumentText], terms, *, heading: str, section_key: str | None
) -> PartReport:
    """Check a part's texts in page order (see the module's rules), each field on its own
    and the running text together."""
    ready = terms if isinstance(terms, _Terms) else _Terms(terms)
    seen: set[str] = set()
    before = ""
    fields, running_text = [], []
    for item in texts:
        text = plain_text(item.text)
        words = word_count(text)
        if not words:
            continue
        jargon = _first_uses(text, ready, before=before, seen=seen, place=item.place)
        before += "\n" + text.lower()
        if item.running:
            running_text.append(text)
            unscored = _unscored(words)
            report = Report(
                words,
                None if unscored else reading_age(text),
                long_sentences(text),
                jargon,
                unscored,
            )
        else:
            report = Report(words, None, [], jargon, NOT_SCORED)
        fields.append(FieldReport(item.place, item.where, item.running, report))
    together = "\n".join(running_text)
    words = word_count(together)
    unscored = _unscored(words)
    report = Report(
        words=words,
        reading_age=None if unscored else reading_age(together),
        long_sentences=[s for f in fields for s in f.report.long_sentences],
        jargon=[j for f in fields for j in f.report.jargon],
        unscored=unscored,
    )
    return PartReport(heading, section_key, report, fields)


INTRODUCTION_HEADING = "Our general approach (the offer's introduction)"


def offer_report(document: dict, terms) -> PartReport:
    """The offer's own words: its title, introduction ("our general approach") and the
    manager's job title. Its reading age is the introduction's."""
    return part_report(offer_texts(document), terms, heading=INTRODUCTION_HEADING, section_key=None)


def section_report(section: dict, terms) -> PartReport:
    """One section of a document: its heading, summary, body and entries.

    A section's report depends only on its own text and the jargon list, so it is kept in
    this process's memory under a digest of both: the checks page of a 40-section offer
    then reads again only the sections changed since. Reports are immutable (frozen
    dataclasses and lists nobody changes), so handing out the kept one is safe.
    """
    ready = terms if isinstance(terms, _Terms) else _Terms(terms)
    key = (
        "plain-english:"
        + hashlib.sha256(
            json.dumps([ready.fingerprint, section], sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
    )
    kept = _kept(key)
    if kept is not None:
        return kept
    report = part_report(
        section_texts(section),
        ready,
        heading=section.get("heading", ""),
        section_key=section.get("key", ""),
    )
    _keep(key, report)
    return report


# At most this many section reports are kept, the least recently used going first: about
# every section of every council's working copy, a few MB.
REPORTS_KEPT = 4000
_REPORTS: "OrderedDict[str, PartReport]" = OrderedDict()
_REPORTS_LOCK = threading.Lock()


def _kept(key: str) -> PartReport | None:
    with _REPORTS_LOCK:
        report = _REPORTS.get(key)
        if report is not None:
            _REPORTS.move_to_end(key)
        return report


def _keep(key: str, report: PartReport) -> None:
    with _REPORTS_LOCK:
        _REPORTS[key] = report
        while len(_REPORTS) > REPORTS_KEPT:
            _REPORTS.popitem(last=False)


def document_report(document: dict, terms: Iterable) -> list[PartReport]:
    """A report for the offer's own text, then one for each section, in order."""
    ready = _Terms(terms)
    return [
        offer_report(document, ready),
        *(section_report(section, ready) for section in document.get("sections") or []),
    ]
