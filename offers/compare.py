"""Councils side by side (2 to 4 chosen ones in full, or every council's headline figures
in a table cut into pages), and every live allowance and service as spreadsheets (CSV).

All of them read published documents only, never the working copy. What they need from
one document ("facts": its allowances, the best weekly allowance for each kind of family,
legal advice, peer groups, training, review date, every service) is worked out once per
published version and kept in Django's cache under the version's id: a version never
changes, and a new publish is a new key, so nothing is ever cleared by hand. A page then
needs one query for the live versions and one cache read for all their facts, however
many councils.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils import timezone

from . import addresses, formatting
from .answers import entry_fragment
from .applicability import applies_to
from .choices import ArrangementType, Region, SectionKind, label
from .entry_types import ENTRY_TYPES
from .models import Offer, OfferRevision
from .page_cache import PAGE_TTL
from .selectors import live_offers_with_councils
from .spreadsheets import write_csv

FACTS_VERSION = 3  # bump when revision_facts changes shape, so old cached facts are not read

# The kinds of family the table compares, in its column order.
COMPARED = (ArrangementType.SGO, ArrangementType.CAO, ArrangementType.KINSHIP_FOSTER)
# Money for young people after 18 is not an allowance for a child.
NOT_FOR_A_CHILD = frozenset({SectionKind.AGE_18})

CSV_HEADER = (
    "Council",
    "Council slug",
    "Section",
    "Allowance",
    "Amount (£)",
    "Frequency",
    "Weekly equivalent (£)",
    "Means-tested",
    "Applies from",
    "Age band",
    "Who it is for",
    "Link",
)

# Every entry that is not money or a contact (legal help, peer groups, short breaks,
# training, social work), one row each: the second spreadsheet.
SERVICES_CSV_HEADER = (
    "Council",
    "Council slug",
    "Section",
    "Topic",
    "Type",
    "Name",
    "Provider",
    "Cost",
    "Who it is for",
    "Link",
)
# Entry types that are not services: money has its own spreadsheet, contacts are not help.
NOT_SERVICES = frozenset({"allowances", "contacts"})

# What the chosen comparison puts side by side besides money, in page order.
TOPICS = (
    ("legal", "Legal help"),
    ("peer_support", "Peer support"),
    ("short_breaks", "Short breaks"),
)
TOPIC_OF_KIND = {
    SectionKind.LEGAL: "legal",
    SectionKind.PEER_SUPPORT: "peer_support",
    SectionKind.SHORT_BREAKS: "short_breaks",
}


def topic_of(section_kind: str, entry_key: str) -> str:
    """The topic an entry counts for ("legal", "peer_support", "short_breaks"), or "".
    A peer group is peer support wherever it is; anything else goes by its section."""
    if entry_key == "peer_groups":
        return "peer_support"
    return TOPIC_OF_KIND.get(section_kind, "")


# --- Facts of one published document ---------------------------------------------------------


def _allowances(document: dict) -> list[dict]:
    rows = []
    for section in document.get("sections", []):
        for entry in section.get("allowances", []):
            weekly = formatting.weekly_equivalent(entry.get("amount"), entry.get("frequency"))
            rows.append(
                {
                    "section": section["heading"],
                    "anchor": section["anchor"],
                    "fragment": entry_fragment("allowances", entry),
                    "for_a_child": section.get("kind") not in NOT_FOR_A_CHILD,
                    "section_types": section.get("arrangement_types") or [],
                    "name": entry["name"],
                    "amount": entry["amount"],
                    "frequency": entry["frequency"],
                    "weekly": f"{weekly:.2f}" if weekly is not None else "",
                    "means_tested": bool(entry.get("means_tested")),
                    "applies_from": entry.get("applies_from", ""),
                    "age_band": entry.get("age_band", ""),
                    "arrangement_types": entry.get("arrangement_types") or [],
                    "topic": topic_of(section.get("kind", ""), "allowances"),
                }
            )
    return rows


def _services(document: dict) -> list[dict]:
    """Every service of a document (entries that are not money or a contact), page order."""
    rows = []
    for section in document.get("sections", []):
        for entry_type in ENTRY_TYPES:
            if entry_type.key in NOT_SERVICES:
                continue
            for entry in section.get(entry_type.key, []):
                rows.append(
                    {
                        "section": section["heading"],
                        "section_kind": section.get("kind", ""),
                        "anchor": section["anchor"],
                        "fragment": entry_fragment(entry_type.key, entry),
                        "type": entry_type.noun,
                        "name": entry_type.name_of(entry),
                        "provider": entry.get("provider") or entry.get("run_by") or "",
                        "cost": entry.get("cost") or "",
                        "has_cost": "cost" in entry_type.fields,
                        "arrangement_types": entry.get("arrangement_types") or [],
                        "topic": topic_of(section.get("kind", ""), entry_type.key),
                    }
                )
    return rows


def _best_weekly(allowances: list[dict], code: str) -> dict | None:
    """The highest weekly equivalent one child's family of this kind can get (first if tied)."""
    best = None
    for allowance in allowances:
        if not (allowance["weekly"] and allowance["for_a_child"]):
            continue
        if not (
            applies_to({"arrangement_types": allowance["section_types"]}, code)
            and applies_to(allowance, code)
        ):
            continue
        if best is None or Decimal(allowance["weekly"]) > Decimal(best["weekly"]):
            best = allowance
    if best is None:
        return None
    keep = ("weekly", "name", "age_band", "means_tested", "anchor", "fragment")
    return {name: best[name] for name in keep}


def _first_with(document: dict, entry_key: str, kinds=None) -> tuple[int, str | None, str]:
    """(how many entries of a type, the anchor of the first section holding one, its name)."""
    count, anchor, name = 0, None, ""
    for section in document.get("sections", []):
        if kinds is not None and section.get("kind") not in kinds:
            continue
        entries = section.get(entry_key, [])
        if entries and anchor is None:
            anchor = section["anchor"]
            name = entries[0].get("name") or entries[0].get("title") or ""
        count += len(entries)
    return count, anchor, name


def _anchor_of_kind(document: dict, kind: str) -> str | None:
    return next((s["anchor"] for s in document.get("sections", []) if s.get("kind") == kind), None)


def revision_facts(document: dict) -> dict:
    """What the comparison and the CSV need from one document. A pure function."""
    allowances = _allowances(document)
    legal_services, legal_anchor, legal_name = _first_with(
        document, "support_services", kinds={SectionKind.LEGAL}
    )
    legal_money, money_anchor, money_name = _first_with(
        document, "allowances", kinds={SectionKind.LEGAL}
    )
    peer_groups, peer_anchor, _ = _first_with(document, "peer_groups")
    courses, course_anchor, _ = _first_with(document, "training_courses")
    return {
        "allowances": allowances,
        "services": _services(document),
        "best": {code: _best_weekly(allowances, code) for code in COMPARED},
        # Judged from the document: a support service or an allowance in a "Legal advice"
        # section says the council pays for or gives legal advice; anything else is not
        # stated (the offer may say it in words, which we do not try to read).
        "legal": {
            "stated": bool(legal_services or legal_money),
            "name": legal_name or money_name,
            "anchor": legal_anchor or money_anchor or _anchor_of_kind(document, SectionKind.LEGAL),
        },
        "peer_groups": {
            "count": peer_groups,
            "anchor": peer_anchor or _anchor_of_kind(document, SectionKind.PEER_SUPPORT),
        },
        "training": {
            "count": courses,
            "anchor": course_anchor or _anchor_of_kind(document, SectionKind.CARER_TRAINING),
        },
        "next_review_due": (document.get("offer") or {}).get("next_review_due") or "",
    }


def _facts_key(revision) -> str:
    # The offer and version are in the key too: SQLite may reuse the id of a deleted row.
    return f"kp:facts:{FACTS_VERSION}:{revision.pk}:{revision.offer_id}:{revision.version}"


def facts_for(revisions) -> dict[int, dict]:
    """Facts of these published versions by id: one cache read, and for versions not yet
    seen, one query for their documents (each is worked out once and then cached)."""
    keys = {_facts_key(revision): revision for revision in revisions}
    found = cache.get_many(list(keys)) if keys else {}
    missing = {key: revision for key, revision in keys.items() if key not in found}
    if missing:
        contents = dict(
            OfferRevision.objects.filter(pk__in=[r.pk for r in missing.values()]).values_list(
                "pk", "content"
            )
        )
        computed = {key: revision_facts(contents[r.pk]) for key, r in missing.items()}
        cache.set_many(computed, timeout=PAGE_TTL)
        found.update(computed)
    return {revision.pk: found[key] for key, revision in keys.items()}


# --- The CSV --------------------------------------------------------------------------------


def allowance_csv_rows(offers: list[Offer]) -> list[list[str]]:
    """One row per allowance of these live offers, in CSV_HEADER's order."""
    facts = facts_for([offer.published_revision for offer in offers])
    rows = []
    for offer in offers:
        council = offer.council
        for allowance in facts[offer.published_revision_id]["allowances"]:
            codes = allowance["arrangement_types"]
            link = addresses.absolute(
                addresses.section_page(
                    council.slug, allowance["anchor"], fragment=allowance["fragment"]
                )
            )
            row = [
                council.name,
                council.slug,
                allowance["section"],
                allowance["name"],
                allowance["amount"],
                allowance["frequency"],
                allowance["weekly"],
                "yes" if allowance["means_tested"] else "no",
                allowance["applies_from"],
                allowance["age_band"],
                formatting.who_for(codes),
                link,
            ]
            rows.append(row)
    return rows


def allowances_csv_write(out, offers: list[Offer]) -> None:
    """Write the allowances of these offers as CSV to a file-like object: a byte order mark
    first, so Excel reads the file as UTF-8 (£ signs, accents), then the header."""
    write_csv(out, CSV_HEADER, allowance_csv_rows(offers))


def services_csv_rows(offers: list[Offer]) -> list[list[str]]:
    """One row per service of these live offers, in SERVICES_CSV_HEADER's order."""
    facts = facts_for([offer.published_revision for offer in offers])
    topics = dict(TOPICS)
    rows = []
    for offer in offers:
        council = offer.council
        for service in facts[offer.published_revision_id]["services"]:
            link = addresses.section_page(
                council.slug, service["anchor"], fragment=service["fragment"]
            )
            rows.append(
                [
                    council.name,
                    council.slug,
                    service["section"],
                    topics.get(service["topic"], ""),
                    service["type"],
                    service["name"],
                    service["provider"],
                    service["cost"],
                    formatting.who_for(service["arrangement_types"]),
                    addresses.absolute(link),
                ]
            )
    return rows


def services_csv_write(out, offers: list[Offer]) -> None:
    """Write the services of these offers as CSV, like allowances_csv_write."""
    write_csv(out, SERVICES_CSV_HEADER, services_csv_rows(offers))


# --- The comparison table -------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    phone_label: str  # said before the value when the table is stacked on a phone


COLUMNS = (
    Column("council", "Council", "Council"),
    Column(ArrangementType.SGO, "Special guardianship order (SGO)", "SGO"),
    Column(ArrangementType.CAO, "Child arrangements order (CAO)", "CAO"),
    Column(ArrangementType.KINSHIP_FOSTER, "Kinship foster care", "Kinship foster care"),
    Column("legal", "Pays for legal advice", "Legal advice"),
    Column("peer_groups", "Peer support groups", "Peer support groups"),
    Column("training", "Training for carers", "Training"),
    Column("review", "Next review due", "Next review due"),
    Column("published", "Last published", "Last published"),
)
SORTS = {column.key: column for column in COLUMNS}
DEFAULT_SORT = "council"
ORDERS = {"asc": "A to Z, lowest or earliest first", "desc": "Z to A, highest or latest first"}
PER_PAGE = 25  # councils on one page of the whole table


def _sort_value(row: dict, key: str):
    """What a column sorts by; None sorts last whichever way the table is sorted."""
    if key == "council":
        return row["name"].lower()
    if key in COMPARED:
        best = row["best"][key]
        return Decimal(best["weekly"]) if best else None
    if key == "legal":
        return int(row["legal"]["stated"])
    if key in ("peer_groups", "training"):
        return row[key]["count"]
    if key == "review":
        return row["next_review_due"] or None
    return row["published_at"]


def _sorted(rows: list[dict], key: str, order: str) -> list[dict]:
    rows = sorted(rows, key=lambda row: row["name"].lower())  # ties stay A to Z
    known = [row for row in rows if _sort_value(row, key) is not None]
    unknown = [row for row in rows if _sort_value(row, key) is None]
    known.sort(key=lambda row: _sort_value(row, key), reverse=order == "desc")
    return known + unknown


def _query(region: str, sort: str, order: str, page: int = 1) -> str:
    pairs = (("region", region), ("sort", sort), ("order", order), ("page", page > 1 and page))
    return "?" + urlencode({k: v for k, v in pairs if v})


def _page_links(current: int, pages: int) -> list[int | None]:
    """GOV.UK pagination's numbers: the first, the last and those beside the current page,
    None for a gap ("⋯"), so the list stays short however many pages there are."""
    shown = sorted({1, pages, *range(max(1, current - 1), min(pages, current + 1) + 1)})
    links: list[int | None] = []
    for number in shown:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links


@dataclass
class Comparison:
    rows: list[dict]
    region: str
    sort: str
    order: str
    headers: list[dict]
    regions: list[tuple[str, str]]
    region_label: str
    sort_label: str
    order_label: str
    orders: list[tuple[str, str]]
    page: int = 1
    pages: int = 1
    total: int = 0
    first: int = 0  # the places of the page's first and last rows among all rows, from 1
    last: int = 0
    per_page: int = PER_PAGE
    page_links: list[dict] | None = None  # GOV.UK pagination: number (None: a gap), url
    previous_url: str = ""
    next_url: str = ""

    @property
    def page_missing(self) -> bool:
        """A page past the last (the view answers 404)."""
        return self.page > self.pages


def comparison(*, region: str = "", sort: str = "", order: str = "", page: int = 1) -> Comparison:
    """Every live offer as one row of the comparison, filtered by region, sorted and cut
    into pages of PER_PAGE, so no page grows with the number of councils.

    Unknown values are ignored (all regions, sorted by council A to Z), so an edited
    address still gives a page. Each header links to the table sorted by it: ascending
    first, then the other way, from its first page.
    """
    region = region if region in Region.values else ""
    sort = sort if sort in SORTS else DEFAULT_SORT
    order = order if order in ORDERS else "asc"
    offers = live_offers_with_councils(region)
    facts = facts_for([offer.published_revision for offer in offers])
    today = timezone.localdate()
    rows = []
    for offer in offers:
        council, revision = offer.council, offer.published_revision
        row = dict(facts[revision.pk])
        due = row["next_review_due"]
        row.update(
            {
                "name": council.name,
                "slug": council.slug,
                "region": label(Region, council.region),
                "published_at": revision.published_at,
                "review_overdue": bool(due) and datetime.date.fromisoformat(due) < today,
                "cells": [(COLUMNS[i + 1], row["best"][code]) for i, code in enumerate(COMPARED)],
            }
        )
        rows.append(row)
    headers = []
    for column in COLUMNS:
        current = column.key == sort
        next_order = "desc" if current and order == "asc" else "asc"
        headers.append(
            {
                "column": column,
                "url": _query(region, column.key, next_order),
                "aria_sort": ("ascending" if order == "asc" else "descending") if current else "",
                "next_order": next_order,
                "next_order_label": ORDERS[next_order],
            }
        )
    total = len(rows)
    pages = max(1, -(-total // PER_PAGE))
    page = page if page >= 1 else 1
    start = (page - 1) * PER_PAGE
    return Comparison(
        rows=_sorted(rows, sort, order)[start : start + PER_PAGE],
        page=page,
        pages=pages,
        total=total,
        first=start + 1,
        last=min(start + PER_PAGE, total),
        page_links=[
            {"number": n, "url": _query(region, sort, order, n) if n else ""}
            for n in _page_links(min(page, pages), pages)
        ],
        previous_url=_query(region, sort, order, page - 1) if 1 < page <= pages else "",
        next_url=_query(region, sort, order, page + 1) if page < pages else "",
        region=region,
        sort=sort,
        order=order,
        headers=headers,
        regions=list(Region.choices),
        region_label=label(Region, region) if region else "",
        sort_label=SORTS[sort].label,
        order_label=ORDERS[order],
        orders=list(ORDERS.items()),
    )


# --- Chosen councils side by side -----------------------------------------------------------

MIN_CHOSEN, MAX_CHOSEN = 2, 4
SLUG = r"[a-z0-9_]+(?:-[a-z0-9_]+)*"
CHOSEN_VALUE = re.compile(rf"{SLUG}(?:,{SLUG}){{{MIN_CHOSEN - 1},{MAX_CHOSEN - 1}}}")


def councils_value(slugs) -> str:
    """?councils= as the site writes it: the web address names A to Z, each once."""
    return ",".join(sorted(set(slugs)))


def is_councils_value(value: str) -> bool:
    """Whether ?councils= is written as the site writes it (2 to 4 names, A to Z, each once),
    the page cache's rule; whether each is a council with a live offer is the view's to say."""
    return CHOSEN_VALUE.fullmatch(value) is not None and value == councils_value(value.split(","))


@dataclass(frozen=True)
class ChosenItem:
    text: str  # the link's words: an amount, or a service's name
    detail: str  # which allowance and age band, or who provides it
    # "Means-tested", "Not means-tested", "Cost: Free", "Cost not stated", or "" for a kind of
    # service with no cost to state (a peer group)
    means: str
    url: str  # its place on the council's guide page


@dataclass(frozen=True)
class ChosenCell:
    name: str
    slug: str
    items: list[ChosenItem]


@dataclass(frozen=True)
class ChosenGroup:
    key: str
    title: str
    cells: list[ChosenCell]


def _allowance_item(slug: str, allowance: dict, *, amount_first: bool) -> ChosenItem:
    """An allowance as the amount ("£184 a week") with its name and age band beside it, or
    (among services) as its name with the amount beside it."""
    money = formatting.money_per(allowance["amount"], allowance["frequency"])
    text, detail = (money, allowance["name"]) if amount_first else (allowance["name"], money)
    return ChosenItem(
        text=text,
        detail=", ".join(part for part in (detail, allowance["age_band"]) if part),
        means="Means-tested" if allowance["means_tested"] else "Not means-tested",
        url=addresses.section_page(slug, allowance["anchor"], fragment=allowance["fragment"]),
    )


def _service_item(slug: str, service: dict) -> ChosenItem:
    return ChosenItem(
        text=service["name"],
        detail=service["provider"],
        means=(f"Cost: {service['cost']}" if service["cost"] else "Cost not stated")
        if service["has_cost"]
        else "",
        url=addresses.section_page(slug, service["anchor"], fragment=service["fragment"]),
    )


def _for_code(allowance: dict, code: str) -> bool:
    return applies_to({"arrangement_types": allowance["section_types"]}, code) and applies_to(
        allowance, code
    )


def chosen_comparison(slugs: list[str]) -> list[ChosenGroup]:
    """These councils' live offers side by side, columns in the order of slugs: every
    allowance for each kind of family the table compares (each age band, its means test),
    other allowances, then legal help, peer support and short breaks. Every item links to
    its entry on the council's own page. Councils without a live offer are left out."""
    offers = {offer.council.slug: offer for offer in live_offers_with_councils(slugs=slugs)}
    chosen = [offers[slug] for slug in slugs if slug in offers]
    facts = facts_for([offer.published_revision for offer in chosen])
    columns = [(offer.council, facts[offer.published_revision_id]) for offer in chosen]

    def group(key: str, title: str, items_of) -> ChosenGroup:
        cells = [ChosenCell(c.name, c.slug, items_of(c.slug, f)) for c, f in columns]
        return ChosenGroup(key, title, cells)

    groups = [
        group(
            code,
            f"Allowances for {label(ArrangementType, code)}",
            lambda slug, f, code=code: [
                _allowance_item(slug, a, amount_first=True)
                for a in f["allowances"]
                if _for_code(a, code)
            ],
        )
        for code in COMPARED
    ]
    groups.append(
        group(
            "other_allowances",
            "Other allowances",
            lambda slug, f: [
                _allowance_item(slug, a, amount_first=True)
                for a in f["allowances"]
                if not any(_for_code(a, code) for code in COMPARED)
            ],
        )
    )
    for topic, title in TOPICS:
        groups.append(
            group(
                topic,
                title,
                lambda slug, f, topic=topic: (
                    [
                        _allowance_item(slug, a, amount_first=False)
                        for a in f["allowances"]
                        if a["topic"] == topic
                    ]
                    + [_service_item(slug, s) for s in f["services"] if s["topic"] == topic]
                ),
            )
        )
    return groups
