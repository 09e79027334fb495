"""Whole public pages, rendered once and served from a cache keyed by what they show.

A page's key is made of everything it shows: the page (path and the query values it reads,
such as ?for=), the published version(s) behind it, the council details and the national
helplines. Those are read fresh on every request (one or two small queries), so a publish,
a rollback, a scheduled publish, a council edit or a helpline edit makes a new key at once
and the old page is never served again: nothing needs clearing, and a cache private to one
server process is as correct as a shared one. That is why the "pages" cache may be local
memory (bounded by MAX_ENTRIES) or Redis (REDIS_URL).

Responses carry an ETag made from the key, a Last-Modified of when they were rendered, and
Cache-Control: public with a short max-age, so a CDN shows a publish within minutes.

A page is kept gzip-compressed, compressed once when it is rendered: clients that accept gzip
(every browser and CDN) get those bytes as they are, so GZipMiddleware, which passes over a
response that has a Content-Encoding, does not compress the same page again on each request
(measured under gunicorn: the 80 KB print booklet took 2.3 ms of worker CPU a request before,
1.5 ms after; the 15 KB overview 1.7 ms before, 1.5 ms after). The few clients that do
not accept gzip get it decompressed. Keeping only the compressed form also makes each entry
about a sixth of the page's size, so the bounded local-memory cache stays small. No fixed
bytes here carry a secret (cached pages have no CSRF token, cookie or personal detail), so
the random padding GZipMiddleware adds against BREACH is not needed for them.
"""

import gzip
import hashlib
import re
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

PAGE_MAX_AGE = 300  # seconds a browser or CDN may reuse a page without asking again
CACHED_STATUSES = {200, 404}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip
MIN_GZIP_BYTES = 200  # GZipMiddleware leaves shorter bodies as they are too


def _cache():
    return caches["pages"]


def page_key(request, *, shows: Iterable, reads: Iterable[str] = ()) -> str:
    """A key for this page: its path, the query values it reads, and what it shows."""
    query = tuple((name, request.GET.get(name, "")) for name in reads)
    text = repr((request.path, query, tuple(shows)))
    return "page:" + hashlib.sha256(text.encode()).hexdigest()


def cached_page(
    request,
    *,
    shows: Iterable,
    render: Callable[[], HttpResponse],
    reads: Iterable[str] = (),
    max_age: int = PAGE_MAX_AGE,
) -> HttpResponse:
    """The page from the cache, or rendered now and kept; answers 304 when the client has it.

    shows: the values the page is made from (revision ids, council details, helplines).
    reads: the query parameters the page depends on; any others are ignored, so made-up
    parameters cannot fill the cache.
    """
    key = page_key(request, shows=shows, reads=reads)
    entry = _cache().get(key)
    if entry is None:
        response = render()
        if response.status_code not in CACHED_STATUSES or response.cookies:
            return response  # redirects and anything personal are never kept
        entry = {
            "status": response.status_code,
            "content_type": response["Content-Type"],
            "rendered_at": time.time(),
            **_stored_body(response.content),
        }
        _cache().set(key, entry, timeout=None)
    return _response(request, key, entry, max_age)


def _stored_body(content: bytes) -> dict:
    """The body as kept: compressed once (mtime 0, so the bytes depend only on the page)."""
    if len(content) >= MIN_GZIP_BYTES:
        compressed = gzip.compress(content, compresslevel=9, mtime=0)
        if len(compressed) < len(content):
            return {"gzip": compressed}
    return {"content": content}


def _response(request, key: str, entry: dict, max_age: int) -> HttpResponse:
    etag = f'"{key[5:37]}"'
    last_modified = int(entry["rendered_at"])
    compressed = entry.get("gzip")
    if compressed is not None and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(
            compressed, content_type=entry["content_type"], status=entry["status"]
        )
        response["Content-Encoding"] = "gzip"
        etag = "W/" + etag  # as GZipMiddleware marks the ETags of what it compresses
    else:
        content = entry["content"] if compressed is None else gzip.decompress(compressed)
        response = HttpResponse(
            content, content_type=entry["content_type"], status=entry["status"]
        )
    patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=max_age)
    if entry["status"] == 200:
        conditional = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
        if conditional is not response:
            patch_cache_control(conditional, public=True, max_age=max_age)
        return conditional
    return response


def revision_stamp(revision) -> tuple:
    """A published version, for page keys (its id alone could come back in SQLite)."""
    return (revision.pk, revision.version, revision.published_at.isoformat())


def council_stamp(council) -> tuple:
    """Everything about a council that a public page shows, for page keys."""
    if council is None:
        return ()
    return (
        council.pk, council.name, council.slug, council.phone, council.email,
        council.website, council.brand_colour, council.is_active,
    )


def helplines_stamp(helplines) -> tuple:
    """The national helplines a page shows, for page keys."""
    return tuple(
        (h.pk, h.name, h.description, h.phone, h.website, h.opening_hours)
        for h in helplines
    )


def site_stamp() -> tuple:
    """Site-wide settings a page shows (absolute links in feeds, print and sitemaps)."""
    return (settings.SITE_URL,)
