"""The officers' workspace in-process, for `make bench`: how long each kind of workspace page
takes for a 40-section offer with 10 entries a section, and whether its queries stay the same
from 3 sections to 40.

Run by bench/run.py as `python -m bench.workspace` with the benchmark's environment (DEBUG
off, the bench database), after the load test. Prints one line of JSON. It works on councils
of its own (slugs bench-ws-3 and bench-ws-40, deleted again at the end), each with an editor
and a published offer made from the Ashdown demo offer: its sections that hold entries, cycled
to 3 or 40 sections under new keys, each filled to 10 entries by copying its own.

The pages are found as an editor finds them, by following links from the task list (so the
bench follows the workspace's addresses as they change): the task list, the first section's
page, the first entry's form, the checks page, and each other workspace page the task list or
its navigation links to. Each is asked for WARM_UP times, then ROUNDS times through Django's
test client (the whole middleware stack, no network, the garbage collector set as the
server sets it: kinship_portal.garbage), and its p95 is reported; the target is
under 100 ms. Query counts are taken once per page at 3 and at 40 sections.
"""

import copy
import json
import math
import os
import re
import time
import uuid

import django

SIZES = (3, 40)
ENTRIES_PER_SECTION = 10
ROUNDS = 40
WARM_UP = 3
TARGET_P95_MS = 100
KEYS = uuid.UUID("8a7e4c0e-0f5d-4d47-9a59-0b6a51f6c3b2")
PASSWORD = "bench-workspace-password"


def _slug(size: int) -> str:
    return f"bench-ws-{size}"


def document_of(size: int) -> dict:
    """Ashdown's sections that hold entries, cycled to `size` sections of 10 entries each."""
    from offers import demo
    from offers.entry_types import ENTRY_KEYS

    source = demo.offer_document("ashdown")
    with_entries = [s for s in source["sections"] if any(s[k] for k in ENTRY_KEYS)]
    sections = []
    for n in range(size):
        section = copy.deepcopy(with_entries[n % len(with_entries)])
        section["key"] = str(uuid.uuid5(KEYS, f"{size}:{n}"))
        entries = [(k, e) for k in ENTRY_KEYS for e in section[k]]
        for k in ENTRY_KEYS:
            section[k] = []
        for i in range(ENTRIES_PER_SECTION):
            entry_key, entry = entries[i % len(entries)]
            entry = copy.deepcopy(entry)
            entry["key"] = str(uuid.uuid5(KEYS, f"{size}:{n}:{i}"))
            section[entry_key].append(entry)
        sections.append(section)
    document = copy.deepcopy(source)
    document["sections"] = sections
    return document


def make_offer(size: int):
    from django.contrib.auth import get_user_model

    from offers.choices import Role
    from offers.documents import COUNCIL_FIELDS, OFFER_FIELDS
    from offers.models import Council, Membership, Offer
    from offers.services import offer_import, offer_publish

    slug = _slug(size)
    document = document_of(size)
    values = {**{k: document["council"][k] for k in COUNCIL_FIELDS}}
    values.update(name=f"Benchmark Workspace {size} Council", slug=slug)
    values["gss_code"] = f"E0699{size:04d}"
    council = Council(**values)
    council.full_clean()
    council.save()
    document["council"] = {k: getattr(council, k) for k in COUNCIL_FIELDS}
    offer = Offer(council=council, **{k: document["offer"][k] for k in OFFER_FIELDS})
    offer.full_clean()
    offer.save()
    User = get_user_model()
    editor = User.objects.create_user(f"{slug}-editor", password=PASSWORD, is_staff=True)
    approver = User.objects.create_user(f"{slug}-approver", password=PASSWORD, is_staff=True)
    Membership.objects.create(user=editor, council=council, role=Role.EDITOR)
    Membership.objects.create(user=approver, council=council, role=Role.APPROVER)
    offer_import(offer=offer, document=document, by=editor)
    offer_publish(offer=offer, by=approver, summary="Bench version", accept_gaps=True)
    # A working copy that differs from the live version, so the approvals page has changes.
    Offer.objects.filter(pk=offer.pk).update(introduction="Changed for the bench.")
    return council, editor, approver


def _links(html: str, prefix: str) -> list[str]:
    return list(dict.fromkeys(re.findall(rf'href="({re.escape(prefix)}[^"#?]*)"', html)))


def pages_of(client, slug: str) -> dict[str, str]:
    """{kind of page: address}, found by following the task list's links."""
    prefix = f"/workspace/{slug}/"
    tasks = client.get(prefix, secure=True)
    assert tasks.status_code == 200, f"task list answered {tasks.status_code}"
    links = _links(tasks.content.decode(), prefix)
    found = {"task list": prefix}
    uuid_part = r"[0-9a-f-]{36}"
    section = next((u for u in links if re.fullmatch(rf"{prefix}sections/{uuid_part}/", u)), None)
    if section:
        found["section page"] = section
        page = client.get(section, secure=True).content.decode()
        entry = next(
            (
                u
                for u in _links(page, section)
                if re.fullmatch(rf"{re.escape(section)}[\w-]+/{uuid_part}/", u)
            ),
            None,
        )
        if entry:
            found["entry form"] = entry
    for link in links:
        rest = link[len(prefix) :]
        if not rest or rest.startswith("sections/") or "/" not in rest:
            continue
        first = rest.split("/")[0]
        if first in {"sign-out", "export"}:
            continue
        found.setdefault(f"{first} page", link)
    return found


def measure(client, address: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(address, secure=True)
        assert response.status_code == 200, f"{address} answered {response.status_code}"
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(address, secure=True)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    with CaptureQueriesContext(connection) as queries:
        client.get(address, secure=True)
    return {
        "p50_ms": times[len(times) // 2],
        "p95_ms": times[math.ceil(0.95 * len(times)) - 1],
        "queries": len(queries),
    }


def _cleanup() -> None:
    from django.contrib.auth import get_user_model

    from offers.models import Council

    for size in SIZES:
        Council.objects.filter(slug=_slug(size)).delete()
        get_user_model().objects.filter(username__startswith=f"{_slug(size)}-").delete()


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from kinship_portal import garbage

    garbage.tune()  # as kinship_portal.wsgi sets it for the server's processes
    host = (settings.ALLOWED_HOSTS or ["127.0.0.1"])[0].lstrip(".") or "127.0.0.1"
    if host == "*":
        host = "127.0.0.1"
    _cleanup()
    results = {}
    try:
        for size in SIZES:
            council, editor, approver = make_offer(size)
            for who, user in (("editor", editor), ("approver", approver)):
                client = Client(HTTP_HOST=host)
                client.force_login(user)
                for kind, address in pages_of(client, council.slug).items():
                    results.setdefault(f"{kind} ({who})", {})[size] = measure(client, address)
    finally:
        _cleanup()
    print(json.dumps({"sizes": SIZES, "target_p95_ms": TARGET_P95_MS, "pages": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
