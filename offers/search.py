"""Search: find a council by name, and find words inside every live offer.

Council names: drop the words every council name shares ("council", "city", "borough"…),
then score each active council's name against the query with rapidfuzz's WRatio and keep
those at or above MATCH_THRESHOLD, best first, ties A to Z.

Offer text: publishing a version writes its search rows (SearchEntry, made from the
document: one for the offer's title and introduction, one per section for its heading,
summary and body, and one per entry for every field of it families read, as the entry-type
registry lists them) in the publish's own transaction and deletes the rows of the version
it replaces, so search only finds what families can see. On PostgreSQL each row has a
tsvector (English configuration; the heading weighs A, the text B for the offer and a
section and C for an entry) with a GIN index, and results are ranked with ts_rank and
marked with ts_headline. SQLite, used in development and tests, has no full-text search:
there every word must appear in the heading or text (LIKE), and headings rank first.
Either way a snippet is whole words around the first match (snippet), so an amount is
never cut in two.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from rapidfuzz import fuzz

from . import addresses, formatting
from .answers import entry_fragment
from .choices import ArrangementType
from .diff import FIELD_LABELS
from .entry_types import ENTRY_TYPES
from .models import Council, SearchEntry
from .selectors import active_councils, live_offer_ids

# Scores run 0 to 100. 80 keeps one or two typing mistakes ("brakenford" scores 95) and a
# name's first letters ("bracken"), and drops names that only share a few letters ("kent").
MATCH_THRESHOLD = 80
# Longer input is not a council name; cutting it keeps the work per search small.
MAX_QUERY_LENGTH = 100

# Words that say what kind of council it is, not which one: they must not make a match.
GENERIC_WORDS = frozenset(
    {
        "council",
        "city",
        "county",
        "borough",
        "district",
        "metropolitan",
        "royal",
        "of",
        "the",
        "and",
    }
)

# --- Offer text search --------------------------------------------------------------------

SEARCH_CONFIG = "english"
MAX_SEARCH_LENGTH = 200  # longer input is refused by the form, with a message
MAX_RESULTS = 200  # the best matches across all councils; a council filter shows its own
MATCHES_PER_COUNCIL = 5  # the rest are one "see all" link away
# ts_headline marks matches with these (Unicode private-use characters, removed from the
# indexed text), so the snippet can be HTML-escaped first and <mark> added after.
MARK_START, MARK_STOP = "\ue000", "\ue001"
# How many words (and amounts, each kept whole) a snippet shows around the first match.
SNIPPET_WORDS = 30
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](address) -> text
MARKDOWN_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^<>\s]+)>")  # <https://…> -> address
MARKDOWN_TAG = re.compile(r"<[^<>\s][^<>]*>")  # <b>, </p>; not "5 < 6"
MARKDOWN_LINE_START = re.compile(r"^\s*(?:#{1,6}|>|[-+*]|\d+[.)])\s+", re.MULTILINE)
MARKDOWN_EMPHASIS = re.compile(
    r"(\*{1,3}|_{2,3}|`+)(?=\S)|(?<=\S)(\*{1,3}|_{2,3}|`+)|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)"
)
WORD = re.compile(r"\w+")


def name_normalise(name: str) -> str:
    """Lower-case words without punctuation or generic words: "City of Ashdown" -> "ashdown"."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return " ".join(word for word in words if word not in GENERIC_WORDS)


def council_search(query: str) -> list[Council]:
    """Active councils whose name matches the query, best match first (empty if none)."""
    wanted = name_normalise((query or "")[:MAX_QUERY_LENGTH])
    if not wanted:
        return []
    scored = []
    for council in active_councils():
        score = fuzz.WRatio(wanted, name_normalise(council.name))
        if score >= MATCH_THRESHOLD:
            scored.append((score, council))
    scored.sort(key=lambda pair: (-pair[0], pair[1].name))
    return [council for _score, council in scored]


# --- Search rows, made from a published document --------------------------------------------


def plain_text(text: str) -> str:
    """Officer Markdown as the words a family reads: links as their text, no markup marks,
    single spaces. Cruder than offers.markdown, and fast enough to run on every publish."""
    text = (text or "").replace(MARK_START, " ").replace(MARK_STOP, " ")
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = MARKDOWN_AUTOLINK.sub(r"\1", text)
    text = MARKDOWN_TAG.sub(" ", text)
    text = MARKDOWN_LINE_START.sub("", text)
    text = MARKDOWN_EMPHASIS.sub("", text)
    return " ".join(text.split())


def _types_text(section: dict, entry: dict | None = None) -> str:
    """Who a row is for, as " sgo cao " ("" for everyone). An entry is only for the
    arrangement types both it and its section are for (offers.applicability)."""
    lists = [section.get("arrangement_types") or []]
    if entry is not None:
        lists.append(entry.get("arrangement_types") or [])
    if not any(lists):
        return ""
    codes = [
        code for code in ArrangementType.values if all(not lst or code in lst for lst in lists)
    ]
    return f" {' '.join(codes)} "  # two spaces if for no one: never matches a filter


def _field_words(entry_type, entry: dict, name: str) -> str:
    """One field of an entry as families read it on the page: Markdown as its words, an
    amount as money with how often it is paid ("£184 a week"), a date as GOV.UK writes it,
    a choice by its label, a yes/no field by what it means when it is yes ("means-tested")."""
    value = entry.get(name)
    if value in (None, "", False) or name == "frequency" and entry.get("amount"):
        return ""  # the frequency is read with the amount
    if name == "amount":
        return formatting.money_per(value, entry.get("frequency"))
    if value is True:
        return FIELD_LABELS.get(name, name.replace("_", " ")).capitalize()
    field = entry_type.model._meta.get_field(name)
    if field.choices:
        return dict(field.choices).get(value, str(value))
    if field.get_internal_type() == "DateField":
        words = FIELD_LABELS.get(name, name.replace("_", " "))
        return f"{words.capitalize()}: {formatting.uk_date(value)}"
    return plain_text(str(value))


def _entry_text(entry_type, entry: dict) -> str:
    """Every field of an entry that families read, in the registry's order, except its name
    (the row's heading) and web addresses (shown as link words like "Book a place", so the
    address is not text a family reads)."""
    parts = [
        _field_words(entry_type, entry, name)
        for name in entry_type.fields
        if name != entry_type.name_field and name not in entry_type.url_fields
    ]
    # Each part reads as a sentence in a snippet: "Family solicitors. Free. Ask us."
    return " ".join(part if part[-1] in ".!?:" else f"{part}." for part in parts if part)


def search_rows(document: dict) -> list[dict]:
    """The search rows of a document, in page order: the offer's own (its title and
    introduction, linked to the overview), then each section and its entries.

    A pure function of the document, so migrations 0004 and 0016 fill rows for versions
    published before the rows had their present shape the same way a publish does now.
    """
    offer = document.get("offer") or {}
    council_name = (document.get("council") or {}).get("name", "")
    rows = [
        {
            "section_anchor": "",  # the overview: no section page
            "section_heading": "",
            "fragment": "",
            "heading": (offer.get("title") or council_name)[:200],
            "text": plain_text(offer.get("introduction", "")),
            "arrangement_types": "",
            "weight": SearchEntry.SECTION_TEXT,
        }
    ]
    for section in document.get("sections", []):
        common = {"section_anchor": section["anchor"], "section_heading": section["heading"]}
        rows.append(
            {
                **common,
                "fragment": "",
                "heading": section["heading"],
                "text": plain_text(f"{section.get('summary', '')}\n\n{section.get('body', '')}"),
                "arrangement_types": _types_text(section),
                "weight": SearchEntry.SECTION_TEXT,
            }
        )
        for entry_type in ENTRY_TYPES:
            for entry in section.get(entry_type.key, []):
                rows.append(
                    {
                        **common,
                        "fragment": entry_fragment(entry_type.key, entry),
                        "heading": entry_type.name_of(entry)[:200],
                        "text": _entry_text(entry_type, entry),
                        "arrangement_types": _types_text(section, entry),
                        "weight": SearchEntry.ENTRY_TEXT,
                    }
                )
    return [{**row, "order": index} for index, row in enumerate(rows)]


def search_vectors_update(queryset) -> None:
    """Fill the tsvector of these rows (PostgreSQL only): heading A, text by the row's weight."""
    if connection.vendor != "postgresql":
        return
    for weight in (SearchEntry.SECTION_TEXT, SearchEntry.ENTRY_TEXT):
        queryset.filter(weight=weight).update(
            search_vector=SearchVector("heading", weight="A", config=SEARCH_CONFIG)
            + SearchVector("text", weight=weight, config=SEARCH_CONFIG)
        )


def search_index_revision(*, revision) -> int:
    """Make a newly published version the offer's searchable text. Returns the row count.

    Called by offers.services.offer_publish_document inside its transaction: the rows of
    the version it replaces go, so search never shows superseded text, and a failed
    publish leaves the old rows in place.
    """
    council_id = revision.offer.council_id
    SearchEntry.objects.filter(council_id=council_id).delete()
    rows = SearchEntry.objects.bulk_create(
        SearchEntry(revision=revision, council_id=council_id, **row)
        for row in search_rows(revision.content)
    )
    search_vectors_update(SearchEntry.objects.filter(revision=revision))
    return len(rows)


# --- Searching ------------------------------------------------------------------------------


@dataclass
class Match:
    heading: SafeString  # escaped, with <mark> around the words found
    section_heading: str  # the section an entry is in; "" for a section's own row
    url: str
    snippet: SafeString
    rank: float


@dataclass
class CouncilMatches:
    name: str
    slug: str
    matches: list[Match] = field(default_factory=list)
    more: int = 0  # matches left out of this group (MATCHES_PER_COUNCIL)


@dataclass
class OfferResults:
    councils: list[CouncilMatches]
    total: int  # matches found, at most MAX_RESULTS
    limited: bool  # True if there may be more than MAX_RESULTS


def search_words(query: str) -> list[str]:
    """The words of a query, lower case: letters and numbers only (so &|!:* mean nothing)."""
    return WORD.findall((query or "").lower())


def _marked(text: str) -> SafeString:
    """Text marked by ts_headline (MARK_START/STOP) as escaped HTML with <mark>."""
    escaped = escape(text or "")
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def _stem(word: str) -> str:
    # SQLite's simple path: "groups" should find "group" (and still finds "groups").
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _marks_added(text: str, words: list[str]) -> str:
    """SQLite's marks: MARK_START and MARK_STOP around each place a word is found."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda found: f"{MARK_START}{found.group()}{MARK_STOP}", text or "")


def snippet(marked: str, *, words: int = SNIPPET_WORDS) -> SafeString:
    """The words around the first match of a marked text, as escaped HTML with <mark>.

    The text is cut only between words (at white space), so a word or an amount like
    "£1,234.50" is never cut in two; "…" says where text was left out.
    """
    pieces = marked.split()
    if len(pieces) > words:
        first = next((i for i, piece in enumerate(pieces) if MARK_START in piece), 0)
        start = max(0, min(first - words // 3, len(pieces) - words))
        end = start + words
        shown = " ".join(pieces[start:end])
        marked = ("… " if start else "") + shown + (" …" if end < len(pieces) else "")
    else:
        marked = " ".join(pieces)
    return _marked(marked)


def live_search_entries():
    """Search rows of live versions only: an active council's current published version."""
    return SearchEntry.objects.filter(revision_id__in=live_offer_ids()).select_related("council")


def _postgres_matches(entries, query: str) -> list[tuple]:
    wanted = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    marks = {"start_sel": MARK_START, "stop_sel": MARK_STOP, "config": SEARCH_CONFIG}
    rows = (
        entries.filter(search_vector=wanted)
        .annotate(
            rank=SearchRank(F("search_vector"), wanted),
            marked_heading=SearchHeadline("heading", wanted, highlight_all=True, **marks),
            # The whole text marked: snippet() cuts it between words, which ts_headline's
            # fragments do not promise for an amount ("£1,234.50" is three of its tokens).
            marked_text=SearchHeadline("text", wanted, highlight_all=True, **marks),
        )
        .defer("text", "search_vector")
        .order_by("-rank", "council__name", "order")[: MAX_RESULTS + 1]
    )
    return [(row, row.rank, _marked(row.marked_heading), snippet(row.marked_text)) for row in rows]


def _sqlite_matches(entries, query: str) -> list[tuple]:
    words = list(dict.fromkeys(_stem(word) for word in search_words(query)))
    condition = Q()
    for word in words:
        condition &= Q(heading__icontains=word) | Q(text__icontains=word)
    rows = entries.filter(condition).defer("search_vector").order_by("council__name", "order")
    found = []
    for row in rows[: MAX_RESULTS + 1]:
        in_heading = sum(word in row.heading.lower() for word in words)
        rank = in_heading + 0.4 * (len(words) - in_heading)
        heading = _marked(_marks_added(row.heading, words))
        found.append((row, rank, heading, snippet(_marks_added(row.text, words))))
    found.sort(key=lambda item: -item[1])  # stable: councils A to Z within a rank
    return found


def _match_url(row, situation: str) -> str:
    """Where a row is read: its section's page at the entry, or the overview (the offer's
    own row: its title and introduction)."""
    if not row.section_anchor:
        return addresses.offer_page(row.council.slug, situation=situation)
    return addresses.section_page(
        row.council.slug, row.section_anchor, situation=situation, fragment=row.fragment
    )


def offer_search(
    query: str, *, council_slug: str | None = None, arrangement: str | None = None
) -> OfferResults:
    """The live offers' sections and entries that match the query, grouped by council.

    Councils come in the order of their best match. arrangement (an ArrangementType code)
    keeps rows for that kind of family or for everyone, and links keep it as ?for=.
    A query with no letters or numbers finds nothing (the form refuses it first).
    """
    if not search_words(query):
        return OfferResults([], 0, False)
    entries = live_search_entries()
    if council_slug:
        entries = entries.filter(council__slug=council_slug)
    if arrangement:
        entries = entries.filter(
            Q(arrangement_types="") | Q(arrangement_types__contains=f" {arrangement} ")
        )
    if connection.vendor == "postgresql":
        found = _postgres_matches(entries, query)
    else:
        found = _sqlite_matches(entries, query)
    limited = len(found) > MAX_RESULTS
    found = found[:MAX_RESULTS]
    groups: dict[int, CouncilMatches] = {}
    for row, rank, heading, snippet in found:
        group = groups.setdefault(
            row.council_id, CouncilMatches(name=row.council.name, slug=row.council.slug)
        )
        if len(group.matches) >= MATCHES_PER_COUNCIL and not council_slug:
            group.more += 1
            continue
        group.matches.append(
            Match(
                heading=heading,
                section_heading=row.section_heading if row.fragment else "",
                url=_match_url(row, arrangement or ""),
                snippet=snippet,
                rank=rank,
            )
        )
    return OfferResults(list(groups.values()), len(found), limited)
