"""The offer document's JSON Schema (draft 2020-12), and the check made with it.

The schema is made from the entry registry and the models' own fields, so it cannot drift
from what offers.documents writes; the committed copy at SCHEMA_PATH is what other systems
read (`manage.py offer_schema` rewrites it, and a test fails when it is out of date).

document_validate() is the one check every document passes before it is stored or applied:
publish, schedule and import all call it. It names the first problem and where it is, like
`sections[3].allowances[0].amount: enter an amount in pounds and pence, like 201.00`.
"""

import json
import math
import uuid
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models as db
from jsonschema import Draft202012Validator

from . import limits, models
from .choices import ArrangementType
from .document_upgrades import upgrade
from .documents import (
    COUNCIL_FIELDS,
    OFFER_FIELDS,
    SCHEMA_VERSION,
    SECTION_FIELDS,
    document_to_json,
)
from .entry_types import BY_KEY, ENTRY_TYPES
from .validators import (
    UNSHOWABLE_PATTERN,
    UNSHOWABLE_RE,
    unshowable_character,
    unshowable_message,
)

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "offer-document.schema.json"
SCHEMA_ID = "https://kinship-portal.example/schemas/offer-document.schema.json"
OLDEST_READABLE = 1
MAX_FILE_BYTES = limits.MAX_DOCUMENT_BYTES  # the name older callers use

AMOUNT_PATTERN = r"^[0-9]{1,7}\.[0-9]{2}$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
WEB_ADDRESS_PATTERN = r"^(https?://[^\s]+)?$"
EMAIL_PATTERN = r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$"


class DocumentError(ValidationError):
    """A document that breaks the contract. `path` says where: "sections[3].allowances[0]".

    The message never carries a character a page cannot show: one quoted from the file is
    written as its code, like \\u0007.
    """

    def __init__(self, message: str, *, path: str = ""):
        self.path = path
        text = f"{path}: {message}" if path else message
        super().__init__(visible(text), code="invalid_document")


def visible(text: str) -> str:
    """Text with each character no page can show written as its escape: "\\u0007"."""
    return UNSHOWABLE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def quoted(value, limit: int = 60) -> str:
    """A value from the file, cut short to quote in a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Making the schema --------------------------------------------------------------------


def _described(schema: dict, field: db.Field) -> dict:
    words = str(field.verbose_name)
    if field.help_text:
        words += f". {field.help_text}"
    return {"description": words[:1].upper() + words[1:], **schema}


def field_schema(field: db.Field) -> dict:
    """The JSON Schema of one model field as documents hold it (offers.documents._plain)."""
    if isinstance(field, models.ArrangementTypesField):
        schema = {
            "type": "array",
            "items": {"enum": list(ArrangementType.values)},
            "uniqueItems": True,
        }
        return _described(schema, field)
    if isinstance(field, db.BooleanField):
        return _described({"type": "boolean"}, field)
    if isinstance(field, db.DecimalField):
        return _described({"type": "string", "pattern": AMOUNT_PATTERN}, field)
    if isinstance(field, db.DateField):
        return _described({"type": "string", "format": "date", "pattern": DATE_PATTERN}, field)
    if isinstance(field, db.UUIDField):
        return {"type": "string", "format": "uuid", "pattern": UUID_PATTERN}
    schema: dict = {"type": "string"}
    if isinstance(field, models.OfficerTextMixin):
        # Written into each field, not referred to, so a field's schema stands on its own.
        schema["not"] = {"pattern": UNSHOWABLE_PATTERN}
    if field.choices:
        schema["enum"] = [value for value, _label in field.flatchoices]
    elif isinstance(field, db.URLField):
        schema["pattern"] = WEB_ADDRESS_PATTERN
    elif isinstance(field, db.EmailField):
        schema["pattern"] = EMAIL_PATTERN
    if field.max_length:
        schema["maxLength"] = field.max_length
    if not field.blank and not field.choices:
        schema["minLength"] = 1
    return _described(schema, field)


def _object(model, names, extra: dict | None = None, description: str = "") -> dict:
    properties = {name: field_schema(model._meta.get_field(name)) for name in names}
    properties.update(extra or {})
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }
    return {"description": description, **schema} if description else schema


def build_schema() -> dict:
    """The schema of the current document version, from the registry and the models."""
    entry_lists = {
        entry_type.key: {
            "description": f"The section's {entry_type.noun_plural}, in the order shown.",
            "type": "array",
            "maxItems": limits.MAX_ENTRIES_PER_LIST,
            "items": _object(
                entry_type.model,
                entry_type.document_fields,
                description=f"One {entry_type.noun}.",
            ),
        }
        for entry_type in ENTRY_TYPES
    }
    section = _object(
        models.Section,
        ("key",),
        {
            "anchor": {
                "description": "The section's place in web addresses, made from its kind.",
                "type": "string",
                "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$",
            },
            **{name: field_schema(models.Section._meta.get_field(name)) for name in SECTION_FIELDS},
            **entry_lists,
        },
        description="One section of the offer, in the order families read them.",
    )
    council = _object(
        models.Council,
        COUNCIL_FIELDS,
        description="The council when the document was made. Null in a starter template.",
    )
    council["type"] = ["object", "null"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kinship local offer document",
        "description": (
            "One council's kinship local offer as one JSON document: what the public pages, "
            "exports, imports and the API are all made from. At most "
            f"{limits.megabytes(limits.MAX_DOCUMENT_BYTES)} written as an export file "
            "(pretty-printed UTF-8). No text holds a control character other than tab and "
            'new lines, a lone surrogate, U+FFFE or U+FFFF (each text\'s "not" pattern). '
            "Made from offers/entry_types.py and offers/limits.py by "
            "`manage.py offer_schema`; do not edit by hand."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "council", "offer", "sections"],
        "properties": {
            "schema": {
                "description": "The version of this document format.",
                "const": SCHEMA_VERSION,
            },
            "council": council,
            "offer": _object(
                models.Offer,
                OFFER_FIELDS,
                description="What the offer says about itself: title, approach, who owns it.",
            ),
            "sections": {"type": "array", "maxItems": limits.MAX_SECTIONS, "items": section},
        },
    }


def schema_json(schema: dict | None = None) -> str:
    """The schema file's exact text."""
    return json.dumps(schema or build_schema(), indent=2, ensure_ascii=False) + "\n"


@cache
def stored_schema() -> dict:
    """The committed schema, read once per process."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(stored_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- Checking a document ------------------------------------------------------------------


def json_path(parts) -> str:
    """["sections", 3, "allowances", 0, "amount"] -> "sections[3].allowances[0].amount"."""
    text = ""
    for part in parts:
        if not isinstance(part, int):
            part = quoted(part, 40)
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


TYPE_WORDS = {
    "string": "text",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object with named fields",
    "integer": "a whole number",
}


def _plain_message(error) -> tuple[list, str]:
    """(path parts, a message an officer can act on) for one jsonschema error."""
    parts = list(error.absolute_path)
    instance = error.instance
    match error.validator:
        case "required":
            missing = [name for name in error.validator_value if name not in instance]
            return parts + [missing[0]], "this is missing"
        case "additionalProperties":
            allowed = set(error.schema.get("properties", {}))
            unknown = sorted(str(name) for name in instance if name not in allowed)[0]
            is_section = len(parts) == 2 and parts[0] == "sections"
            what = "entry type" if is_section else "field"
            return parts + [unknown], f"this is not a known {what}"
        case "pattern" if error.validator_value == AMOUNT_PATTERN:
            return parts, (
                f"“{quoted(instance)}” is not an amount. Enter pounds and pence, like "
                "201.00, and not less than 0"
            )
        case "pattern" | "format" if error.schema.get("format") == "date":
            return parts, f"“{quoted(instance)}” is not a date. Enter a date like 2026-04-06"
        case "pattern" | "format" if error.schema.get("format") == "uuid":
            return parts, f"“{quoted(instance)}” is not a key. Keys look like {uuid.UUID(int=0)}"
        case "pattern" if error.validator_value == WEB_ADDRESS_PATTERN:
            return parts, f"“{quoted(instance)}” is not a web address starting with https://"
        case "pattern" if error.validator_value == EMAIL_PATTERN:
            return parts, f"“{quoted(instance)}” is not an email address"
        case "enum":
            options = ", ".join(str(value) for value in error.validator_value)
            return parts, f"“{quoted(instance)}” is not one of the choices ({options})"
        case "type":
            expected = error.validator_value
            expected = expected[0] if isinstance(expected, list) else expected
            return parts, f"this must be {TYPE_WORDS.get(expected, expected)}"
        case "maxLength":
            return parts, f"{limits.too_long(error.validator_value)} (it has {len(instance):,})"
        case "maxItems" if parts == ["sections"]:
            return parts, f"{limits.too_many_sections()} (this file has {len(instance):,})"
        case "maxItems" if parts and parts[-1] in BY_KEY:
            noun = BY_KEY[parts[-1]].noun_plural
            return parts, f"{limits.too_many_entries(noun)} (this has {len(instance):,})"
        case "minLength":
            return parts, "this must not be empty"
        case "not":  # the "no unshowable characters" pattern; _check_text names it first
            return parts, "the text has a character that cannot be shown"
        case "uniqueItems":
            return parts, "this list has the same choice twice"
    return parts, quoted(error.message, 200)


def _sort_key(error) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path)


def _check_version(document) -> None:
    if not isinstance(document, dict):
        raise DocumentError("The file is not an offer document: it must be a JSON object")
    version = document.get("schema")
    if "schema" not in document:
        raise DocumentError("this is missing, so we cannot tell the file's format", path="schema")
    if (
        not isinstance(version, int)
        or isinstance(version, bool)
        or not OLDEST_READABLE <= version <= SCHEMA_VERSION
    ):
        raise DocumentError(
            f"the file uses document format version {quoted(repr(version))}. This site reads "
            "versions "
            f"{OLDEST_READABLE} to {SCHEMA_VERSION}",
            path="schema",
        )


def _check_keys(document: dict) -> None:
    """Every section and entry key appears once: keys are how versions are compared."""
    seen: set[str] = set()
    for s_index, section in enumerate(document["sections"]):
        places = [(["sections", s_index], section)]
        for entry_type in ENTRY_TYPES:
            places += [
                (["sections", s_index, entry_type.key, e_index], entry)
                for e_index, entry in enumerate(section[entry_type.key])
            ]
        for parts, item in places:
            if item["key"] in seen:
                raise DocumentError(
                    "this key is used twice in the document", path=json_path([*parts, "key"])
                )
            seen.add(item["key"])


# --- Reading a file ---------------------------------------------------------------------------
# Python's json module reads anything JSON allows, and some things it does not: NaN and
# Infinity, a name given twice in one object (the last one silently wins, so a second
# "sections": [] would empty the offer), a 5,000-digit number (an error that is not a
# JSONDecodeError) and nesting thousands deep (a RecursionError). parse_document_json refuses
# each of these with a message, through json.loads' own hooks and a count of the depth.


def json_depth(value) -> int:
    """How deep lists and objects nest in a parsed JSON value ([[]] is 2), counted a level
    at a time without recursion; it stops counting once past MAX_JSON_DEPTH."""
    depth, level = 0, [value]
    while depth <= limits.MAX_JSON_DEPTH:
        level = [item for item in level if isinstance(item, list | dict)]
        if not level:
            break
        depth += 1
        level = [
            child for item in level for child in (item.values() if isinstance(item, dict) else item)
        ]
    return depth


def _one_of_each_name(pairs: list) -> dict:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set = set()
        twice = next(name for name, _value in pairs if name in seen or seen.add(name))
        raise DocumentError(
            f"The file has “{quoted(twice, 40)}” twice in the same place, so we cannot tell "
            "which one it means. Each name can appear once in an object"
        )
    return found


def _short_number(text: str) -> None:
    if len(text) > limits.MAX_NUMBER_CHARACTERS:
        raise DocumentError(
            f"The file has a number {len(text):,} characters long. Numbers in an offer file "
            f"are at most {limits.MAX_NUMBER_CHARACTERS} characters"
        )


def _whole_number(text: str) -> int:
    _short_number(text)
    return int(text)


def _number(text: str) -> float:
    _short_number(text)
    value = float(text)
    if not math.isfinite(value):
        raise DocumentError(f"The file has a number too big to use: {text}")
    return value


def _not_a_number(name: str):
    raise DocumentError(f"The file has “{name}”, which is not a number JSON allows")


def parse_document_json(text: str):
    """JSON text as Python values, refusing what an offer file never holds (see above)."""
    too_deep = DocumentError(
        f"The file nests lists and objects more than {limits.MAX_JSON_DEPTH} deep. An offer "
        "file is never that deep: it may not be an exported offer"
    )
    try:
        value = json.loads(
            text,
            object_pairs_hook=_one_of_each_name,
            parse_int=_whole_number,
            parse_float=_number,
            parse_constant=_not_a_number,
        )
    except json.JSONDecodeError as error:
        raise DocumentError(
            f"The file is not valid JSON ({error.msg}, line {error.lineno} column "
            f"{error.colno}). It may be cut short, or not an exported offer"
        ) from error
    except RecursionError as error:  # nested deeper than Python's own limit, about 1,000
        raise too_deep from error
    if json_depth(value) > limits.MAX_JSON_DEPTH:
        raise too_deep
    return value


def document_from_file(data: bytes) -> dict:
    """Read an uploaded or given file as a document (not yet checked against the schema).

    Refuses, with a message for the officer: a file over 2 MB (before reading any of it),
    one that is not UTF-8 text, one that is not JSON (a truncated file is not JSON either),
    and JSON no offer file holds (parse_document_json).
    """
    if len(data) > limits.MAX_DOCUMENT_BYTES:
        raise DocumentError(limits.too_big(len(data)))
    if not data.strip():
        raise DocumentError("The file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError("The file is not text. Choose the .json file you exported") from error
    return parse_document_json(text)


def _check_size(document: dict) -> None:
    """The document, written as an export file, fits in MAX_DOCUMENT_BYTES, so whatever is
    published can be exported and imported again."""
    size = len(document_to_json(document).encode("utf-8"))
    if size > limits.MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"The offer is {limits.size_over_the_limit(size)} as a file. It must be "
            f"{limits.megabytes(limits.MAX_DOCUMENT_BYTES)} or smaller: shorten its longest "
            "sections"
        )


def document_text_check(document) -> None:
    """Refuse a document with a character no page can show in any text (see _check_text).

    document_validate makes this check too; a backup's published versions, restored as
    they were rather than validated as new documents, are checked with this alone.
    """
    _check_text(document, [])


def _check_text(value, parts: list) -> None:
    """No text anywhere in the document, names included, holds a character no page, feed
    or database can carry (offers.validators.validate_showable_text's rule)."""
    if isinstance(value, str):
        code_point = unshowable_character(value)
        if code_point:
            raise DocumentError(unshowable_message(code_point), path=json_path(parts))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_text(item, [*parts, index])
    elif isinstance(value, dict):
        for name, item in value.items():
            _check_text(name, [*parts, name])
            _check_text(item, [*parts, name])


def document_validate(document, *, require_council: bool = True) -> dict:
    """Check a document against the contract; return it in the current schema version.

    Older versions are upgraded first (offers.document_upgrades), so old exports still
    import. Then its size as a file (offers.limits), the characters in every text, the
    schema (which holds the limits on sections, entries and lengths) and its keys. Raises
    DocumentError naming the first problem. require_council=False accepts a
    starter template, which belongs to no council.
    """
    _check_version(document)
    document = upgrade(document)
    _check_text(document, [])  # first: a lone surrogate cannot even be measured as UTF-8
    _check_size(document)
    errors = sorted(_validator().iter_errors(document), key=_sort_key)
    if errors:
        parts, message = _plain_message(errors[0])
        raise DocumentError(message, path=json_path(parts))
    if require_council and document["council"] is None:
        raise DocumentError(
            "this is a starter template, not a council's offer. Import it into an offer first",
            path="council",
        )
    _check_keys(document)
    return document


def is_schema_file_current() -> bool:
    return SCHEMA_PATH.exists() and SCHEMA_PATH.read_text(encoding="utf-8") == schema_json()
