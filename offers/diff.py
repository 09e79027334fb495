"""Compare two offer documents and say what changed, in words. A pure function of two dicts.

Sections and entries are matched across the two documents by their "key" (kept with a
section or entry through edits, export and import), so a renamed allowance is "changed",
not "removed and added". Every Change.text is one plain sentence that makes sense on its
own, because the public "what changed" page prints it with nothing around it.

For officers, inline_diff marks the words that changed in a long text. Its work is capped
(DIFF_WORD_LIMIT and DIFF_PAIR_LIMIT, for all the diffs on one page), so a pasted book or a
2 MB import gets a plain sentence and the new text, never a page that takes minutes.
"""

import difflib
import re
from dataclasses import dataclass, replace

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import formatting
from .answers import entry_fragment
from .choices import CourseFormat, Frequency, Region, SectionKind, SocialWorkKind, label
from .documents import COUNCIL_FIELDS, OFFER_FIELDS
from .entry_types import ENTRY_TYPES


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    where: str  # e.g. "Financial support" or "Financial support: Weekly allowance for SGO carers"
    text: str  # a plain sentence: "SGO allowance: went up from £190 to £201 a week."
    field_name: str = ""  # the field that changed, for "changed"
    old: str = ""  # long text before, for inline text diffs
    new: str = ""  # long text after
    anchor: str = ""  # the section it is in (its page), if any
    fragment: str = ""  # the entry's place on that page, for a change to an entry


OFFER_WHERE = "About this offer"
COUNCIL_WHERE = "Council details"

# Field labels in words families use; fields missing here fall back to their name.
FIELD_LABELS = {
    "title": "title",
    "introduction": "general approach",
    "manager_name": "responsible senior manager",
    "manager_job_title": "manager's job title",
    "last_reviewed": "last reviewed date",
    "next_review_due": "next review date",
    "name": "name",
    "slug": "web address name",
    "gss_code": "GSS code",
    "region": "region",
    "website": "website",
    "email": "email",
    "phone": "phone number",
    "kind": "type",
    "heading": "heading",
    "summary": "summary",
    "body": "text",
    "arrangement_types": "who it is for",
    "amount": "amount",
    "frequency": "how often it is paid",
    "means_tested": "means-tested",
    "applies_from": "date it applies from",
    "age_band": "age band",
    "how_to_apply": "how to apply",
    "notes": "notes",
    "what_happens": "what happens",
    "who_can_ask": "who can ask",
    "timescale": "typical timescale",
    "how_to_ask": "how to ask",
    "description": "description",
    "provider": "provider",
    "cost": "cost",
    "how_to_get": "how to get it",
    "format": "format",
    "when": "when it runs",
    "how_to_book": "how to book",
    "booking_url": "booking link",
    "meets": "when it meets",
    "venue": "where it meets",
    "online": "meets online",
    "run_by": "who runs it",
    "contact": "contact",
    "opening_hours": "opening hours",
    "address": "address",
}

# Text that is usually long: shown as an inline diff, not quoted whole in the sentence.
LONG_FIELDS = {
    "introduction",
    "body",
    "description",
    "how_to_apply",
    "notes",
    "what_happens",
    "who_can_ask",
    "how_to_ask",
    "how_to_get",
    "how_to_book",
    "address",
}
SHORT_LIMIT = 80
# Values shown in a fixed format (money, dates, choices), so not quoted like free text.
FORMATTED_FIELDS = {
    "amount",
    "last_reviewed",
    "next_review_due",
    "applies_from",
    "arrangement_types",
    "frequency",
    "format",
    "kind",
    "region",
}

# Section fields in the order a reader meets them on the page.
SECTION_FIELDS = ["heading", "kind", "summary", "body", "arrangement_types"]
DATE_FIELDS = {"last_reviewed", "next_review_due", "applies_from"}
CHOICE_LABELS = {"frequency": Frequency, "format": CourseFormat, "region": Region}


def _shown(field: str, value, *, kind_choices=None) -> str:
    """A value as a family would read it."""
    if field == "amount":
        return formatting.money(value)
    if field in DATE_FIELDS:
        return formatting.uk_date(value)
    if field == "arrangement_types":
        return formatting.who_for(value)
    if field == "kind" and kind_choices:
        return label(kind_choices, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field in CHOICE_LABELS and value:
        return label(CHOICE_LABELS[field], value)
    return "" if value is None else str(value)


def _is_long(field: str, old: str, new: str) -> bool:
    return field in LONG_FIELDS or any(len(v) > SHORT_LIMIT or "\n" in v for v in (old, new))


def _amount_movement(old, new) -> str:
    """ "went up from" or "went down from": words a screen reader reads well, unlike an arrow."""
    old_amount, new_amount = formatting.to_decimal(old), formatting.to_decimal(new)
    if old_amount is None or new_amount is None:
        return "changed from"
    return "went up from" if new_amount > old_amount else "went down from"


def _field_change(where: str, field: str, old, new, *, kind_choices=None, entry=None) -> Change:
    """One changed field, as a sentence."""
    name = FIELD_LABELS.get(field, field.replace("_", " "))
    old_s = _shown(field, old, kind_choices=kind_choices)
    new_s = _shown(field, new, kind_choices=kind_choices)
    if field == "amount":
        # The figure families look for first; the frequency says what it is per.
        per = formatting.frequency_label((entry or {}).get("frequency", ""))
        text = f"{where}: {_amount_movement(old, new)} {old_s} to {new_s} {per}".rstrip() + "."
        return Change("changed", where, text, field, old_s, new_s)
    if isinstance(old, str) and isinstance(new, str) and _is_long(field, old, new):
        if not old.strip():
            text = f"{where}: {name} was added."
        elif not new.strip():
            text = f"{where}: {name} was removed."
        else:
            text = f"{where}: {name} was changed."
        return Change("changed", where, text, field, old_s, new_s)
    if field not in FORMATTED_FIELDS and not isinstance(new, bool):
        # Free text is quoted, so where one value ends and the next begins is clear.
        old_s, new_s = (f"“{v}”" if v else "" for v in (old_s, new_s))
    if not old_s:
        text = f"{where}: {name} is now {new_s}."
    elif not new_s:
        text = f"{where}: {name} was removed (it was {old_s})."
    else:
        text = f"{where}: {name} changed from {old_s} to {new_s}."
    return Change("changed", where, text, field, old_s, new_s)


def _compare_fields(where, old: dict, new: dict, fields, **kwargs) -> list[Change]:
    return [
        _field_change(where, field, old.get(field), new.get(field), **kwargs)
        for field in fields
        if old.get(field) != new.get(field)
    ]


def entry_label(entry_type, entry: dict) -> str:
    """An entry's name, with its age band when it has one, so the bands of one allowance
    ("Fostering allowance (Age 0 to 4)", "… (Age 5 to 10)") are told apart."""
    name = entry_type.name_of(entry)
    band = entry.get("age_band") or ""
    return f"{name} ({band})" if band else name


def _entry_summary(entry_type, entry: dict) -> str:
    """'allowance “SGO allowance (Age 0 to 4)” (£201 a week)'."""
    text = f"{entry_type.noun} “{entry_label(entry_type, entry)}”"
    if entry_type.key == "allowances" and entry.get("amount") not in (None, ""):
        text += f" ({formatting.money_per(entry['amount'], entry.get('frequency'))})"
    return text


def _compare_entries(heading: str, old_section: dict, new_section: dict) -> list[Change]:
    changes: list[Change] = []
    for entry_type in ENTRY_TYPES:
        old_entries = {e["key"]: e for e in old_section.get(entry_type.key, [])}
        new_keys = set()
        for entry in new_section.get(entry_type.key, []):
            new_keys.add(entry["key"])
            before = old_entries.get(entry["key"])
            fragment = entry_fragment(entry_type.key, entry)
            if before is None:
                where = f"{heading}: {entry_label(entry_type, entry)}"
                text = f"{heading}: added {_entry_summary(entry_type, entry)}."
                changes.append(Change("added", where, text, fragment=fragment))
                continue
            if before == entry:
                continue
            # Say the entry by the name (and age band) readers knew, if it changed.
            changes += [
                replace(change, fragment=fragment)
                for change in _compare_fields(
                    f"{heading}: {entry_label(entry_type, before)}",
                    before,
                    entry,
                    entry_type.document_fields[1:],
                    kind_choices=SocialWorkKind,
                    entry=entry,
                )
            ]
        for key, entry in old_entries.items():
            if key not in new_keys:
                changes.append(
                    Change(
                        "removed",
                        f"{heading}: {entry_label(entry_type, entry)}",
                        f"{heading}: removed {_entry_summary(entry_type, entry)}.",
                    )
                )
    return changes


def document_changes(old: dict | None, new: dict) -> list[Change]:
    """Every difference between two documents, in reading order. old=None: first version."""
    if old is None:
        return [Change("added", OFFER_WHERE, "This was the first version we published.")]
    changes = _compare_fields(OFFER_WHERE, old.get("offer", {}), new.get("offer", {}), OFFER_FIELDS)
    changes += _compare_fields(
        COUNCIL_WHERE, old.get("council") or {}, new.get("council") or {}, COUNCIL_FIELDS
    )
    old_sections = {s["key"]: s for s in old.get("sections", [])}
    new_keys = set()
    for section in new.get("sections", []):
        new_keys.add(section["key"])
        before = old_sections.get(section["key"])
        if before is None:
            text = f"Added a new section: {section['heading']}."
            changes.append(Change("added", section["heading"], text, anchor=section["anchor"]))
            continue
        heading = before["heading"]
        in_section = _compare_fields(
            heading, before, section, SECTION_FIELDS, kind_choices=SectionKind
        )
        in_section += _compare_entries(section["heading"], before, section)
        changes += [replace(change, anchor=section["anchor"]) for change in in_section]
    for key, section in old_sections.items():
        if key not in new_keys:
            changes.append(
                Change("removed", section["heading"], f"Removed the section {section['heading']}.")
            )
    return changes


def is_long_text(change: Change) -> bool:
    """True for a change to long text, which reads better as an inline diff."""
    if change.kind != "changed" or change.field_name == "amount":
        return False
    return _is_long(change.field_name, change.old, change.new)


# Limits on the inline diffs of one page (the changes on an officer's compare, publish,
# rollback or import page), so it takes well under a second whatever an officer pastes or
# imports (`make bench` times them). No real offer comes near them: the longest demo offer
# has about 3,300 words in all, and its longest text about 120.
#
# Words read: the old and new text of every changed long text, together. 40,000 is two texts
# of 20,000 words each; reading them costs far less than comparing, but grows with them.
DIFF_WORD_LIMIT = 40_000
# Pairs of pieces weighed up: difflib weighs every old line (or word) against every new one,
# so its work grows with the product of the two lengths. 2,000,000 is two paragraphs of
# about 1,400 words each with nothing in common.
DIFF_PAIR_LIMIT = 2_000_000
# What the officer reads instead of a diff past a limit, before the new text.
TOO_MUCH_TEXT = "There is too much text to mark each change. This is the new text:"

# A line with text in it, then the white space after it (the line break, any blank lines,
# the next line's indent). In officer Markdown each paragraph and list item is a line.
_LINE = re.compile(r"(\S[^\n]*)(\s*)")
# A word, then the white space after it.
_WORD = re.compile(r"(\S+)(\s*)")

Pieces = list[tuple[str, str]]  # (a line or a word, the white space after it)


class DiffBudget:
    """What the inline diffs of one page may still do. One budget is shared by every diff
    on a page, so many long changes cost no more than one change at the limits."""

    def __init__(self, words: int = DIFF_WORD_LIMIT, pairs: int = DIFF_PAIR_LIMIT):
        self.words, self.pairs = words, pairs

    def read(self, words: int) -> bool:
        """Take `words` if that many are left; otherwise take none and say no."""
        if words > self.words:
            return False
        self.words -= words
        return True

    def weigh(self, old: int, new: int) -> bool:
        """Take the pairs that comparing `old` pieces with `new` pieces weighs up, if that many
        are left; otherwise take none and say no."""
        if old * new > self.pairs:
            return False
        self.pairs -= old * new
        return True


def _pieces(pattern: re.Pattern, text: str) -> tuple[str, Pieces]:
    """The white space a text starts with, then its pieces."""
    start = len(text) - len(text.lstrip())
    return text[:start], pattern.findall(text, start)


def _text(pieces: Pieces) -> str:
    """The pieces as text, without the white space after the last one."""
    return "".join(piece + space for piece, space in pieces[:-1]) + pieces[-1][0]


def _tagged(tag: str, pieces: Pieces) -> str:
    return f"<{tag}>{escape(_text(pieces))}</{tag}>"


def _replaced(old: Pieces, new: Pieces) -> str:
    return _tagged("del", old) + _tagged("ins", new)


def _opcodes(old: Pieces, new: Pieces, budget: DiffBudget) -> list | None:
    """difflib's opcodes, comparing pieces without the white space after them, or None when
    the budget cannot pay for them.

    The pieces both texts start and end with are matched first, one by one, so only the
    middle, where the changes are, is weighed up (and paid for). autojunk (difflib's
    default) keeps a piece found in more than 1 in 100 places (like "the", or a repeated
    line) from anchoring a match, which keeps long texts fast; a match still runs on
    through such pieces.
    """
    a, b = [piece for piece, _ in old], [piece for piece, _ in new]
    shorter, head, tail = min(len(a), len(b)), 0, 0
    while head < shorter and a[head] == b[head]:
        head += 1
    while tail < shorter - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_end, b_end = len(a) - tail, len(b) - tail
    if not budget.weigh(a_end - head, b_end - head):
        return None
    matcher = difflib.SequenceMatcher(a=a[head:a_end], b=b[head:b_end])
    opcodes = [("equal", 0, head, 0, head)] if head else []
    opcodes += [
        (op, a1 + head, a2 + head, b1 + head, b2 + head)
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
    ]
    if tail:
        opcodes.append(("equal", a_end, len(a), b_end, len(b)))
    return opcodes


def _render(old: Pieces, new: Pieces, opcodes, replaced, start: str = "") -> str:
    """HTML of old becoming new. The white space shown is the new text's, and the old text's
    around what was deleted."""
    parts, space = [], start  # space: the white space owed before what comes next
    for op, a1, a2, b1, b2 in opcodes:
        if op == "equal":
            parts += [escape(space), escape(_text(new[b1:b2]))]
        elif op == "insert":
            parts += [escape(space), _tagged("ins", new[b1:b2])]
        elif op == "replace":
            parts += [escape(space), replaced(old[a1:a2], new[b1:b2])]
        else:  # delete: between the old pieces it stood between
            parts += [escape(old[a1 - 1][1] if a1 else space), _tagged("del", old[a1:a2])]
            if not a1:
                space = old[a2 - 1][1]
            continue
        space = new[b2 - 1][1]
    parts.append(escape(space))
    return "".join(parts)


def _changed_lines(budget: DiffBudget):
    """Changed lines, compared word by word while the budget lasts, else marked whole."""

    def replaced(old: Pieces, new: Pieces) -> str:
        old_words, new_words = _pieces(_WORD, _text(old))[1], _pieces(_WORD, _text(new))[1]
        opcodes = _opcodes(old_words, new_words, budget)
        if opcodes is None:
            return _replaced(old, new)
        return _render(old_words, new_words, opcodes, _replaced)

    return replaced


def _too_much(new: str) -> SafeString:
    return mark_safe(f"<strong>{escape(TOO_MUCH_TEXT)}</strong>\n{escape(new)}")  # noqa: S308


def inline_diff(old: str, new: str, *, budget: DiffBudget | None = None) -> SafeString:
    """Word-level diff of two texts as HTML: everything escaped, <del> and <ins> marked.

    Lines (paragraphs and list items) are compared first, then words only inside each run of
    changed lines, so the work follows what changed. Reading and comparing are paid for
    from the budget (one page's: DIFF_WORD_LIMIT and DIFF_PAIR_LIMIT). When too little is
    left, changed lines are marked whole; if no line is the same, or the texts are too long
    to read, the officer gets a sentence saying so and the new text.
    """
    old, new = old or "", new or ""
    if old == new:
        return mark_safe(escape(new))  # noqa: S308
    if not old.strip() or not new.strip():  # all added or all removed: nothing to compare
        return mark_safe(
            "".join(  # noqa: S308 - escaped
                f"<{tag}>{escape(text.strip())}</{tag}>"
                for tag, text in (("del", old), ("ins", new))
                if text.strip()
            )
        )
    budget = budget or DiffBudget()
    # Counting stops past what is left, so a 2 MB text costs no more to turn down.
    if not budget.read(sum(len(text.split(maxsplit=budget.words)) for text in (old, new))):
        return _too_much(new)
    _, old_lines = _pieces(_LINE, old)
    start, new_lines = _pieces(_LINE, new)
    opcodes = _opcodes(old_lines, new_lines, budget)
    if opcodes is None:
        return _too_much(new)
    if any(op == "equal" for op, *_ in opcodes):
        html = _render(old_lines, new_lines, opcodes, _changed_lines(budget), start)
        return mark_safe(html)  # noqa: S308 - every piece is escaped
    # No line in common: compare the words of the whole, or show the new text.
    (_, old_words), (start, new_words) = _pieces(_WORD, old), _pieces(_WORD, new)
    opcodes = _opcodes(old_words, new_words, budget)
    if opcodes is None:
        return _too_much(new)
    return mark_safe(_render(old_words, new_words, opcodes, _replaced, start))  # noqa: S308


def change_rows(changes) -> list[dict]:
    """Changes for a template, with an inline word diff for long text. The diffs share one
    budget, so a page of changes does bounded work however many long texts changed."""
    budget = DiffBudget()
    return [
        {
            "change": change,
            "diff": (
                inline_diff(change.old, change.new, budget=budget) if is_long_text(change) else ""
            ),
        }
        for change in changes
    ]
