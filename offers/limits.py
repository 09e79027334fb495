"""How big an offer may be: the one place that says so.

Forms (through the models' fields and the admin's inlines), import (offers.schema and the
models' own rules) and the document's JSON Schema (`maxItems`, `maxLength`) all read these
names, so a form, an import and another system reading the schema agree on every limit.

Each limit is far above what any real offer needs, so no council meets it; it exists so
that no request does unbounded work (a 5,000-section offer made every page time out):

- A real offer has 10 to 20 sections; there are 17 kinds of section. MAX_SECTIONS is 50.
- A section lists a few entries of each kind, a few dozen in all; a long list of local
  groups or contacts might reach 30. MAX_ENTRIES_PER_LIST is 50 of each entry type in one
  section (up to 6 types, so at most 300 entries in a section).
- Section bodies and the general approach are Markdown of a few thousand words at most
  (3,000 words is about 18,000 characters). LONG_TEXT is 50,000 characters, about 8,000
  words: some 30 printed pages in one section, far past what a family reads on a phone.
- An entry's longer texts (a description, how to apply, notes) are a paragraph or two.
  ENTRY_TEXT is 10,000 characters, about 1,600 words.
- Names, headings, summaries and the other one-line fields keep the length each model field
  has always had (`max_length`, 30 to 300 characters).
- The demo offers are about 35 KB as an export file; 20 long sections would be about 100 KB.
  MAX_DOCUMENT_BYTES is 2 MB, as an export file (offers.documents.document_to_json).
- A document nests 6 deep (offer, sections, a section, an entry list, an entry, its
  arrangement types); MAX_JSON_DEPTH is 16. Its only number is its schema version;
  MAX_NUMBER_CHARACTERS is 20 (a number written with more characters is refused unread).
"""

MAX_SECTIONS = 50
MAX_ENTRIES_PER_LIST = 50
LONG_TEXT = 50_000
ENTRY_TEXT = 10_000
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_JSON_DEPTH = 16
MAX_NUMBER_CHARACTERS = 20

# The request that carries a document back on the import's confirm page holds it as a form
# field (never bigger than the file it came from) and a few small fields: this leaves room
# for them and for multipart's own lines. settings.DATA_UPLOAD_MAX_MEMORY_SIZE uses it.
MAX_FORM_BYTES = MAX_DOCUMENT_BYTES + 256 * 1024


def megabytes(size: int) -> str:
    """2 MB, 2.5 MB, 200 MB: a size in the words of the messages (to 0.1 MB under 10 MB)."""
    value = size / 1024 / 1024
    if value >= 10:
        return f"{round(value):,} MB"
    return f"{round(value, 1):g} MB"


def size_over_the_limit(size: int) -> str:
    """A size over MAX_DOCUMENT_BYTES in words: "3 MB", or "just over 2 MB" where rounding
    would show the limit itself."""
    words = megabytes(size)
    return f"just over {words}" if words == megabytes(MAX_DOCUMENT_BYTES) else words


def too_long(limit: int) -> str:
    """The message for text over a field's length: "The text must be 50,000 characters or
    fewer". Forms show it by the field; import shows it after the field's place."""
    return f"The text must be {limit:,} characters or fewer"


def too_many_sections() -> str:
    return f"An offer can have {MAX_SECTIONS} sections at most"


def too_many_entries(noun_plural: str) -> str:
    return f"A section can have {MAX_ENTRIES_PER_LIST} {noun_plural} at most"


def too_big(size: int) -> str:
    """A file over MAX_DOCUMENT_BYTES: "The file is 3 MB. It must be 2 MB or smaller"."""
    return (
        f"The file is {size_over_the_limit(size)}. It must be "
        f"{megabytes(MAX_DOCUMENT_BYTES)} or smaller"
    )
