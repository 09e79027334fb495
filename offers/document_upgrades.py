"""Bring documents of older schema versions up to the current one.

Stored revisions are upgraded by data migrations that call these functions, and import
calls them too, so a file exported before a schema change still imports. Pure functions of
plain dicts: they must keep working with no models, as migrations run them.
"""

import copy
import json
import re
import uuid

from .validators import without_unshowable_characters

# Schema 1 named sections and entries by their database row id. Schema 2 names them by a
# UUID key; for rows that existed before the change the key is derived from the row id, so
# a revision and the row it was made from get the same key without looking each other up.
LEGACY_KEY_NAMESPACE = uuid.UUID("6f1e4a52-3c1b-4e8e-9a57-0b5c2f6d9e11")
SCHEMA_1_ENTRY_KEYS = (
    "allowances",
    "social_work_services",
    "support_services",
    "training_courses",
    "peer_groups",
    "contacts",
)


def legacy_key(kind: str, row_id) -> str:
    """The schema 2 key of a schema 1 section ("section") or entry (its list's key) id."""
    return str(uuid.uuid5(LEGACY_KEY_NAMESPACE, f"{kind}:{row_id}"))


def upgrade_1_to_2(document: dict) -> dict:
    """Row ids become keys; an entry's fields move before its "arrangement_types"."""
    document = copy.deepcopy(document)
    for section in document.get("sections", []):
        section["key"] = legacy_key("section", section.pop("id", None))
        for list_key in SCHEMA_1_ENTRY_KEYS:
            upgraded = []
            for entry in section.get(list_key, []):
                types = entry.pop("arrangement_types", [])
                row_id = entry.pop("id", None)
                upgraded.append(
                    {"key": legacy_key(list_key, row_id), **entry, "arrangement_types": types}
                )
            section[list_key] = upgraded
    document["schema"] = 2
    return document


UPGRADES = {1: upgrade_1_to_2}


def upgrade(document: dict) -> dict:
    """The document in the current schema (a new dict; the given one is not changed).

    A version with no upgrade path (newer than this code, or unknown) is returned as it is,
    for the schema check to refuse with a clear message.
    """
    version = document.get("schema") if isinstance(document, dict) else None
    while isinstance(version, int) and not isinstance(version, bool) and version in UPGRADES:
        document = UPGRADES[version](document)
        version = document["schema"]
    return document


# --- Text no output can carry ----------------------------------------------------------------
# Import and the forms refuse control characters and lone surrogates (offers.validators), but
# versions published before they did may hold one, and XML (the Atom feed) cannot carry it.
# Migration 0010 cleaned the stored versions; stored documents are also read back through
# StoredDocumentDecoder, so a version written some other way still cannot break a page.


def without_unshowable_text(value):
    """A document (or any JSON value) with every text, names included, made showable by
    offers.validators.without_unshowable_characters. A new value; the given one is kept."""
    if isinstance(value, str):
        return without_unshowable_characters(value)
    if isinstance(value, list):
        return [without_unshowable_text(item) for item in value]
    if isinstance(value, dict):
        return {
            without_unshowable_characters(name): without_unshowable_text(item)
            for name, item in value.items()
        }
    return value


# What stored JSON holding such a character looks like: a raw one, or written as an escape
# (\u0007, \b, \f, \ud800; Django writes JSON with ensure_ascii, so also every character
# outside the Basic Multilingual Plane, as a surrogate pair). A false alarm only costs a walk.
_SUSPECT_JSON_RE = re.compile(
    r"\\(?:u00[01][0-9a-fA-F]|u007[fF]|u[dD][89a-fA-F]|u[fF]{3}[eEfF]|[bf])"
    "|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]"
)


class StoredDocumentDecoder(json.JSONDecoder):
    """Reads a stored document (OfferRevision.content, ScheduledPublish.content) with any
    unshowable character taken out. The usual JSON parse when the text has none."""

    def decode(self, s, *args, **kwargs):
        value = super().decode(s, *args, **kwargs)
        if isinstance(s, str) and _SUSPECT_JSON_RE.search(s):
            return without_unshowable_text(value)
        return value
