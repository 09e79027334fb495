"""National help, kept once: schemes from the government or national bodies, the same for
every council's families (or, for a pilot, for the councils it names).

Site administrators edit NationalScheme rows in the admin. Publishing the list makes an
immutable, dated NationalSchemesVersion whose document every public page, the API and the
CSV read, so an edit changes nothing families see until the list is published, and a
published version never changes. Publishing replaces the public content version
(offers.page_cache.public_pages_changed), as an offer's publish does.

The document, schema 1:
{"schema": 1, "schemes": [{"key", "name", "arrangement_types", "summary", "amount",
  "frequency", "amount_is_most", "how_to_apply", "source_url", "checked_on",
  "council_gss_codes"}, ...]}
Amounts are strings with two decimals ("22.95") or null, dates "YYYY-MM-DD", as in offer
documents. What administrators keep for themselves (the next check due, "check before going
live", their note) is not in it.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from . import access, formatting
from .diff import FIELD_LABELS, Change
from .models import NationalScheme, NationalSchemesVersion
from .page_cache import public_pages_changed
from .spreadsheets import write_csv

SCHEMA_VERSION = 1
SCHEME_FIELDS = (
    "name",
    "arrangement_types",
    "summary",
    "amount",
    "frequency",
    "amount_is_most",
    "how_to_apply",
    "source_url",
    "checked_on",
    "council_gss_codes",
)
SUMMARY_MAX = 300
# The words the diff uses for fields offer documents do not have.
LABELS = {
    **FIELD_LABELS,
    "summary": "what it gives",
    "amount_is_most": "the amount is the most anyone can get",
    "source_url": "source address",
    "checked_on": "date checked",
    "council_gss_codes": "councils it is limited to",
}


class NothingToPublish(ValidationError):
    """The list is the same as the published version; publishing it would add nothing."""


# --- The document ----------------------------------------------------------------------------


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def scheme_item(scheme: NationalScheme) -> dict:
    """One scheme as the published document has it."""
    return {
        "key": str(scheme.key),
        **{name: _plain(getattr(scheme, name)) for name in SCHEME_FIELDS},
    }


def schemes_document() -> dict:
    """The list as it is now in the admin (what publishing would make public)."""
    schemes = NationalScheme.objects.order_by("order", "name", "pk")
    return {"schema": SCHEMA_VERSION, "schemes": [scheme_item(scheme) for scheme in schemes]}


# --- Reading the published list --------------------------------------------------------------


def latest_version() -> NationalSchemesVersion | None:
    """The newest published version, or None before the first publish."""
    return NationalSchemesVersion.objects.order_by("-number").first()


def published_schemes() -> list[dict]:
    """The schemes families see now: the newest published version's (one query)."""
    version = latest_version()
    return list(version.document.get("schemes", [])) if version else []


def applies(scheme: dict, *, gss_code: str, arrangement: str | None) -> bool:
    """Whether a family of this council, in this arrangement, can get this scheme.

    A scheme limited to councils is only for theirs; one for named arrangement types only
    for those (no arrangement chosen: every scheme of the council, each saying who it is for).
    """
    councils = scheme.get("council_gss_codes") or []
    if councils and gss_code not in councils:
        return False
    kinds = scheme.get("arrangement_types") or []
    return not arrangement or not kinds or arrangement in kinds


def schemes_for(schemes: list[dict], *, gss_code: str, arrangement: str | None) -> list[dict]:
    """The published schemes a council's offer shows, for one arrangement type or for all."""
    return [s for s in schemes if applies(s, gss_code=gss_code, arrangement=arrangement)]


def amount_words(scheme: dict) -> str:
    """ "£22.95 a week", "Up to £3,000 a year", or "" when it gives no fixed amount."""
    if scheme.get("amount") in (None, ""):
        return ""
    words = formatting.money_per(scheme["amount"], scheme.get("frequency"))
    return f"Up to {words}" if scheme.get("amount_is_most") else words


# --- Publishing ------------------------------------------------------------------------------


def _summary(summary: str) -> str:
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": "Enter a short summary of what changed"})
    if len(summary) > SUMMARY_MAX:
        raise ValidationError({"summary": f"The summary must be {SUMMARY_MAX} characters or fewer"})
    return summary


@transaction.atomic
def national_schemes_publish(*, by, summary: str) -> NationalSchemesVersion:
    """Publish the list as it is now: the next numbered, immutable version, which every
    public page shows once this commits.

    Site administrators only. Refuses a list equal to the published one. Numbers are unique,
    so two publishes at once cannot both take the same number (one fails and leaves nothing).
    """
    if not access.is_site_admin(by):
        raise PermissionDenied("Only a site administrator can publish the national schemes")
    summary = _summary(summary)
    document = schemes_document()
    latest = NationalSchemesVersion.objects.select_for_update().order_by("-number").first()
    if latest is not None and latest.document == document:
        raise NothingToPublish(
            f"Nothing has changed since version {latest.number}", code="nothing_changed"
        )
    version = NationalSchemesVersion(
        number=(latest.number + 1) if latest else 1,
        document=document,
        summary=summary,
        published_by=by,
    )
    version.full_clean()
    version.save()
    public_pages_changed()
    return version


# --- What changed ----------------------------------------------------------------------------


def _shown(field: str, value) -> str:
    if field == "amount":
        return formatting.money(value) if value not in (None, "") else "no amount"
    if field == "frequency":
        return formatting.frequency_label(value) or "not given"
    if field == "checked_on":
        return formatting.uk_date(value)
    if field == "arrangement_types":
        return formatting.who_for(value)
    if field == "council_gss_codes":
        return ", ".join(value) if value else "every council"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def schemes_changes(old: dict | None, new: dict) -> list[Change]:
    """What changed between two schemes documents, in words (a pure function).

    Schemes are matched by key, so a renamed scheme is "changed", not removed and added.
    """
    before = {s["key"]: s for s in (old or {}).get("schemes", [])}
    after = {s["key"]: s for s in new.get("schemes", [])}
    changes = []
    for key, scheme in after.items():
        name = scheme["name"]
        if key not in before:
            changes.append(Change("added", name, f"Added {name}."))
            continue
        earlier = before[key]
        for field in SCHEME_FIELDS:
            if earlier.get(field) == scheme.get(field):
                continue
            label = LABELS.get(field, field)
            was, now = _shown(field, earlier.get(field)), _shown(field, scheme.get(field))
            changes.append(
                Change(
                    "changed",
                    name,
                    f"{name}: {label} changed from “{was}” to “{now}”.",
                    field_name=field,
                    old=was,
                    new=now,
                )
            )
    for key, scheme in before.items():
        if key not in after:
            changes.append(Change("removed", scheme["name"], f"Removed {scheme['name']}."))
    return changes


def history_with_changes() -> list[tuple[NationalSchemesVersion, list[Change]]]:
    """Every published version, newest first, with what changed since the one before."""
    versions = list(NationalSchemesVersion.objects.select_related("published_by"))
    pairs = []
    for index, version in enumerate(versions):
        older = versions[index + 1].document if index + 1 < len(versions) else None
        pairs.append((version, schemes_changes(older, version.document)))
    return pairs


# --- The CSV -----------------------------------------------------------------------------------

CSV_HEADER = (
    "Version",
    "Name",
    "Who it is for",
    "Limited to councils (GSS codes)",
    "What it gives",
    "Amount (£)",
    "How often",
    "Most anyone can get",
    "How to apply",
    "Source address",
    "Date checked",
)


def national_schemes_csv_write(out, version: NationalSchemesVersion | None) -> None:
    """The published national schemes, one row each (the header alone before a publish)."""
    schemes = version.document.get("schemes", []) if version else []
    rows = [
        (
            version.number,
            scheme["name"],
            formatting.who_for(scheme.get("arrangement_types")),
            " ".join(scheme.get("council_gss_codes") or []) or "Every council",
            scheme.get("summary", ""),
            scheme.get("amount") or "",
            formatting.frequency_label(scheme.get("frequency")),
            "yes" if scheme.get("amount_is_most") else "no",
            scheme.get("how_to_apply", ""),
            scheme.get("source_url", ""),
            scheme.get("checked_on", ""),
        )
        for scheme in schemes
    ]
    write_csv(out, CSV_HEADER, rows)
