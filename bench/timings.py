"""In-process timings for `make bench`: publishing a 20-section offer, importing a 2 MB file,
and the diffs officers see (bench/diffs.py).

Run by bench/run.py as `python -m bench.timings` with the benchmark's environment (DEBUG off,
the bench database), after the load test, so nothing else competes for the CPU. Prints one
line of JSON. It works on a council of its own ("Benchmark Timing Council", slug
bench-timing), deleted again at the end (everything under it cascades), so the 153 councils
the pages were measured with are left as they were.

The documents are real ones: the three demo offers (offers/demo/*.json) give 20 sections,
and the 2 MB one repeats their entries, each with a new key, until the file an officer would
upload (export format: indented, sorted keys) is just under the 2 MB import limit, with no
more entries of one type in a section than offers.limits allows.
"""

import copy
import json
import os
import sys
import time
import uuid

import django

from bench import diffs

SLUG = "bench-timing"
COUNCIL = {
    "name": "Benchmark Timing Council",
    "slug": SLUG,
    "gss_code": "E06999999",  # fictional, like the generated councils' E0x95… codes
    "region": "south_east",
    "website": "https://bench-timing.example",
    "email": "kinship@bench-timing.example",
    "phone": "0161 496 0999",
    "brand_colour": "#1d70b8",
}
KEYS = uuid.UUID("0b3f6a52-6d0e-4a39-8c1e-5b1b6f9f2f01")
SECTIONS = 20
PUBLISH_ROUNDS = 5
IMPORT_ROUNDS = 3
TARGET_BYTES = 2 * 1024 * 1024 - 64 * 1024  # just under the 2 MB import limit


def _rekeyed(item: dict, salt: str, entry_keys) -> dict:
    """A section (with its entries) under new keys, so no key repeats in one document."""
    item = copy.deepcopy(item)
    item["key"] = str(uuid.uuid5(KEYS, f"{salt}:{item['key']}"))
    for entry_key in entry_keys:
        for entry in item[entry_key]:
            entry["key"] = str(uuid.uuid5(KEYS, f"{salt}:{entry['key']}"))
    return item


def export_size(document: dict) -> int:
    """Bytes of the document as an export file (what an officer uploads)."""
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return len(text.encode("utf-8"))


def twenty_sections() -> dict:
    """Ashdown's 17 sections and the first 3 of Brackenford's, as Benchmark Timing's offer."""
    from offers import demo
    from offers.documents import COUNCIL_FIELDS
    from offers.entry_types import ENTRY_KEYS

    document = demo.offer_document("ashdown")
    extra = demo.offer_document("brackenford")["sections"]
    document["sections"] = [_rekeyed(s, "a", ENTRY_KEYS) for s in document["sections"]] + [
        _rekeyed(s, "b", ENTRY_KEYS) for s in extra[: SECTIONS - len(document["sections"])]
    ]
    assert len(document["sections"]) == SECTIONS, len(document["sections"])
    document["council"] = {name: COUNCIL[name] for name in COUNCIL_FIELDS}
    return document


def padded(document: dict, target: int = TARGET_BYTES) -> dict:
    """The document with its entries repeated (new keys) round the sections up to ~target,
    never more of one type in a section than offers.limits allows (import refuses that)."""
    from offers.entry_types import ENTRY_KEYS
    from offers.limits import MAX_ENTRIES_PER_LIST

    document = copy.deepcopy(document)
    sections = document["sections"]
    pool = [
        (entry_key, entry)
        for section in sections
        for entry_key in ENTRY_KEYS
        for entry in section[entry_key]
    ]
    # The sections that can take one more entry of each type, round which entries go.
    rooms = {key: [s for s in sections if len(s[key]) < MAX_ENTRIES_PER_LIST] for key in ENTRY_KEYS}
    pool = [(key, entry) for key, entry in pool if rooms[key]]
    size, n, added = export_size(document), 0, []
    per_entry = max(1, size // max(1, len(pool)))
    while size < target:
        # Add a batch, then measure again (measuring each time would be quadratic).
        for _ in range(max(1, (target - size) // per_entry // 2)):
            if not pool:
                raise ValueError("The sections cannot hold entries enough for the target size")
            entry_key, entry = pool[n % len(pool)]
            room = rooms[entry_key][n % len(rooms[entry_key])]
            copy_ = copy.deepcopy(entry)
            copy_["key"] = str(uuid.uuid5(KEYS, f"pad:{n}"))
            room[entry_key].append(copy_)
            added.append(room[entry_key])
            n += 1
            if len(room[entry_key]) >= MAX_ENTRIES_PER_LIST:  # full: no more of this type here
                rooms[entry_key].remove(room)
                if not rooms[entry_key]:
                    pool = [(key, item) for key, item in pool if key != entry_key]
        size = export_size(document)
    while size > target:  # overshot: drop the last ones
        added.pop().pop()
        size = export_size(document)
    return document


def entry_count(document: dict) -> int:
    from offers.entry_types import ENTRY_KEYS

    return sum(len(s[k]) for s in document["sections"] for k in ENTRY_KEYS)


def _cleanup() -> None:
    from offers.models import Council

    Council.objects.filter(slug=SLUG).delete()


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from offers.documents import OFFER_FIELDS
    from offers.models import Council, Offer
    from offers.services import offer_import, offer_publish

    document = twenty_sections()
    big = padded(document)
    User = get_user_model()
    _cleanup()
    user, _ = User.objects.get_or_create(
        username="bench-timing", defaults={"is_superuser": True, "is_staff": True}
    )
    try:
        council = Council(**COUNCIL)
        council.full_clean()
        council.save()
        offer = Offer(council=council, **{k: document["offer"][k] for k in OFFER_FIELDS})
        offer.full_clean()
        offer.save()
        offer_import(offer=offer, document=document, by=user)

        publish = []
        for round_ in range(PUBLISH_ROUNDS):
            # Each publish must differ from the live version, or it is refused.
            Offer.objects.filter(pk=offer.pk).update(
                introduction=f"{document['offer']['introduction']} (bench {round_})"
            )
            started = time.perf_counter()
            offer_publish(offer=offer, by=user, summary=f"Bench publish {round_}", accept_gaps=True)
            publish.append(time.perf_counter() - started)

        imports = []
        for _ in range(IMPORT_ROUNDS):
            started = time.perf_counter()
            offer_import(offer=offer, document=big, by=user)
            imports.append(time.perf_counter() - started)

        diff_results = diffs.measure()

        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SHOW server_version")
                version = cursor.fetchone()[0]
            else:
                cursor.execute("SELECT sqlite_version()")
                version = cursor.fetchone()[0]
        print(
            json.dumps(
                {
                    "database": f"{connection.vendor} {version}",
                    "publish_sections": len(document["sections"]),
                    "publish_entries": entry_count(document),
                    "publish_bytes": export_size(document),
                    "publish_s": publish,
                    "import_sections": len(big["sections"]),
                    "import_entries": entry_count(big),
                    "import_bytes": export_size(big),
                    "import_s": imports,
                    "diffs": diff_results,
                }
            )
        )
    finally:
        _cleanup()
        User.objects.filter(username="bench-timing").delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
