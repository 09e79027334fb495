"""Whole public pages, rendered once and served from a cache until what they show changes.

A page's key is the page (its path and the query values it reads, such as ?for=), the
site's content version and the code's version. The content version is one token in the
shared cache (the default cache: Redis in production) that is replaced, right after the
transaction commits, whenever anything a public page shows changes: a publish (and so a
rollback or a scheduled publish), a council's details, a national helpline
(public_pages_changed). So a page is served with no database query at all, the first
request after a change renders it afresh, and no page is served stale once a publish has
committed. Old pages are never looked up again; they expire, or fall out of the bounded
local-memory cache. The code version (a hash of the templates and the stylesheet, made when
the server starts) keeps a deploy from serving pages made by the old templates.

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
import uuid
from collections.abc import Callable, Iterable
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

# Headers a view sets that belong to the page, kept with it (CORS on the API, file names).
KEPT_HEADERS = ("Access-Control-Allow-Origin", "Content-Disposition", "X-Robots-Tag")
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
PAGE_MAX_AGE = 300  # seconds a browser or CDN may reuse a page without asking again
PAGE_TTL = 24 * 60 * 60  # a kept page not asked for in a day goes (bounds Redis's memory)
SITE_VERSION_KEY = "public-pages:version"
CACHED_STATUSES = {200, 404}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip
MIN_GZIP_BYTES = 200  # GZipMiddleware leaves shorter bodies as they are too


def _cache():
    return caches["pages"]


@cache
def code_version() -> str:
    """A hash of the templates and the compiled stylesheet, as this server process has them."""
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "static" / "css"]
    for root in roots:
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def site_version() -> str:
    """The content version in the shared cache, made on first use after a cache restart."""
    shared = caches["default"]
    version = shared.get(SITE_VERSION_KEY)
    if version is None:
        shared.add(SITE_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = shared.get(SITE_VERSION_KEY)
    return version


def _new_site_version() -> None:
    caches["default"].set(SITE_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def public_pages_changed() -> None:
    """Something public pages show has changed: every page is made afresh the next time it
    is asked for.

    The version changes now and again once the transaction commits. The second change is
    the one that matters: a page made between the two from the data as it was before the
    commit is kept under the first new version, which nobody asks for after the commit.
    """
    _new_site_version()
    transaction.on_commit(_new_site_version)


def page_key(request, *, shows: Iterable = (), reads: Iterable[str] = ()) -> str:
    """A key for this page: its path, the query values it reads, the content and code
    versions, and anything else it shows that they do not cover (site settings)."""
    # getlist: "?q=" and no q at all are different pages (an error, or the empty form).
    query = tuple((name, tuple(request.GET.getlist(name))) for name in reads)
    text = repr((code_version(), site_version(), settings.SITE_URL, request.path, query,
                 tuple(shows)))
    return "page:" + hashlib.sha256(text.encode()).hexdigest()


def cached_page(
    request,
    *,
    render: Callable[[], HttpResponse],
    shows: Iterable = (),
    reads: Iterable[str] = (),
    max_age: int = PAGE_MAX_AGE,
) -> HttpResponse:
    """The page from the cache, or rendered now and kept; answers 304 when the client has it.

    render: makes the page; called only when the cache does not have it, so a view puts
    all its queries inside it.
    reads: the query parameters the page depends on; any others are ignored, so made-up
    parameters cannot fill the cache.
    shows: anything else the page depends on that the content version does not cover.
    """
    key = page_key(request, shows=shows, reads=reads)
    entry = _cache().get(key)
    if entry is None:
        response = render()
        if getattr(response, "is_rendered", True) is False:
            response.render()  # a TemplateResponse (the sitemap view returns one)
        if response.status_code not in CACHED_STATUSES or response.cookies:
            return response  # redirects and anything personal are never kept
        entry = {
            "status": response.status_code,
            "content_type": response["Content-Type"],
            "rendered_at": time.time(),
            "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
            **_stored_body(response.content),
        }
        _cache().set(key, entry, timeout=PAGE_TTL)
    return _response(request, key, entry, max_age)


def cached_view(*, reads: Iterable[str] = ()):
    """Serve a GET view's answers from the page cache (see cached_page).

    The view runs only when the cache does not have the page, without the client's
    If-None-Match and If-Modified-Since, so what is kept is always the whole page; the
    page cache answers those itself, with its own ETag.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)

            def render():
                held = {name: request.META.pop(name) for name in CONDITIONAL_HEADERS
                        if name in request.META}
                try:
                    return view(request, *args, **kwargs)
                finally:
                    request.META.update(held)

            return cached_page(request, reads=reads, render=render)

        return wrapper

    return decorate


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
    for name, value in entry.get("headers", {}).items():
        response[name] = value
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
