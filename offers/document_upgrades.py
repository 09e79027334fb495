"""Bring documents of older schema versions up to the current one.

Stored revisions are upgraded by data migrations that call these functions, and import
calls them too, so a file exported before a schema change still imports. Pure functions of
plain dicts: they must keep working with no models, as migrations run them.
"""

import copy
import uuid

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
                upgraded.append({"key": legacy_key(list_key, row_id), **entry,
                                 "arrangement_types": types})
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
