"""Advice for officers: things worth changing that never stop a save or a publish.

The coverage checklist (offers.checklist) says what a complete offer has, and an approver
must accept its gaps to publish. Advice is softer. Each item says what to check and where it
is (an offers.places.Place), for the officers' workspace to list beside the checklist with
a link to the field. Families never see it. Two kinds, in page order:

- Web addresses that start with http:// (the council's website, booking links, and links
  in any text families read): a warning, not an error, because the address may work. But
  browsers warn families away from such pages, and what they send can be read or changed
  on the way, so the officer should check that the https:// address works and use it.
- Plain-English findings (offers.plain_english): jargon from the site's list, sentences
  over 25 words, and running text with a reading age above 9.
"""

import json
import re
from dataclasses import dataclass

from .entry_types import ENTRY_TYPES
from .places import (
    COUNCIL_WEB_ADDRESSES,
    OFFER_TEXT_FIELDS,
    SECTION_TEXT_FIELDS,
    Place,
    document_texts,
    document_web_addresses,
)
from .plain_english import LONG_SENTENCE_WORDS, READING_AGE_TARGET, document_report, word_count

HTTP_ADDRESS = "http_address"
JARGON = "jargon"
LONG_SENTENCE = "long_sentence"
READING_AGE = "reading_age"

HTTP_MESSAGE = (
    "This address starts with http://, not https://: check it works with https:// and change it"
)
HTTP_LINK_MESSAGE = (
    "A web address in this text starts with http://, not https://: check it works with "
    "https:// and change it"
)
# An address typed in text, bare or as a Markdown link's target: up to a space, a bracket
# or a quote; a full stop or comma at its end is the sentence's.
_HTTP_IN_TEXT = re.compile(r"(?<![\w/.+-])http://[^\s()<>\[\]\"']+", re.IGNORECASE)


@dataclass(frozen=True)
class Advice:
    """One thing for an officer to check.

    code: HTTP_ADDRESS, JARGON, LONG_SENTENCE or READING_AGE; message: what to do, in words;
    place: the field; where: the field in words ("Section “Money”, training course “X”:
    Booking link"); quote: the words concerned (the address, or the sentence), or "".
    """

    code: str
    message: str
    place: Place
    where: str
    quote: str = ""


def is_http(address: str) -> bool:
    """Whether a web address starts with http:// (in any case), not https://."""
    return address.strip().lower().startswith("http://")


def web_address_advice(document: dict) -> list[Advice]:
    """Every http:// address in a document: in a web address field, or in text."""
    if "http://" not in json.dumps(document, ensure_ascii=False).lower():
        return []  # none anywhere: no need to walk every field (the task list asks often)
    found = [
        Advice(HTTP_ADDRESS, HTTP_MESSAGE, item.place, item.where, item.text.strip())
        for item in document_web_addresses(document)
        if is_http(item.text)
    ]
    for item in document_texts(document):
        for address in _HTTP_IN_TEXT.findall(item.text):
            found.append(
                Advice(
                    HTTP_ADDRESS,
                    HTTP_LINK_MESSAGE,
                    item.place,
                    item.where,
                    address.rstrip(".,;:!?"),
                )
            )
    return _in_page_order(document, found)


def plain_english_advice(document: dict, terms) -> list[Advice]:
    """The plain-English check's findings, one item each, on the field they are in."""
    found = []
    for part in document_report(document, terms):
        for item in part.fields:
            report = item.report
            for jargon in report.jargon:
                message = (
                    f"“{jargon.term}” may not be clear to families: say "
                    f"“{jargon.plain_alternative}” instead, or explain it in brackets the "
                    "first time you use it"
                )
                if jargon.note:
                    message += f". {jargon.note.rstrip('.')}"
                found.append(Advice(JARGON, message, item.place, item.where, jargon.sentence))
            for sentence in report.long_sentences:
                found.append(
                    Advice(
                        LONG_SENTENCE,
                        f"This sentence has {word_count(sentence)} words: aim for "
                        f"{LONG_SENTENCE_WORDS} or fewer",
                        item.place,
                        item.where,
                        sentence,
                    )
                )
            if report.above_target:
                found.append(
                    Advice(
                        READING_AGE,
                        f"The reading age of this text is {report.reading_age}: aim for "
                        f"{READING_AGE_TARGET} or under, with shorter sentences and everyday words",
                        item.place,
                        item.where,
                    )
                )
    return found


def document_advice(document: dict, terms) -> list[Advice]:
    """All the advice for a document, in the order of the fields on the page (the council's
    details first, then the offer's, then each section with its entries)."""
    return _in_page_order(
        document, [*web_address_advice(document), *plain_english_advice(document, terms)]
    )


def _page_positions(document: dict) -> dict[Place, int]:
    places = [Place.of_council(name) for name in COUNCIL_WEB_ADDRESSES]
    places += [Place.of_offer(name) for name, _ in OFFER_TEXT_FIELDS]
    for section in document.get("sections") or []:
        key = section.get("key") or ""
        places += [Place.of_section(key, name) for name, _ in SECTION_TEXT_FIELDS]
        for entry_type in ENTRY_TYPES:
            for entry in section.get(entry_type.key) or []:
                places += [
                    Place.of_entry(key, entry_type.key, entry.get("key") or "", name)
                    for name in entry_type.fields
                ]
    return {place: index for index, place in reversed(list(enumerate(places)))}


def _in_page_order(document: dict, advice: list[Advice]) -> list[Advice]:
    positions = _page_positions(document)
    last = len(positions)
    return sorted(advice, key=lambda item: positions.get(item.place, last))  # stable
