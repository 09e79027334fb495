"""Whole public pages, rendered once and served from a cache until what they show changes.

A page's key is the page (its path and the query values it reads, such as ?for=) and the
code's version; what it is kept with is the site's content version when it was made. The
content version is one token in a cache every worker shares (settings.PAGE_VERSION_CACHE),
replaced, right after the transaction commits, whenever anything a public page shows
changes: a publish (and so a rollback or a scheduled publish), a council's details, a
national helpline (public_pages_changed). A kept page made under another content version is
not served: it is made afresh and kept in its place. So a page is served with no database
query at all, and no page is served stale once a publish has committed. The code version (a
hash of the templates, the stylesheet and the domain code, made when the server starts) keeps
a deploy from serving pages made by the old code.

With Redis (REDIS_URL) the content version is kept beside the pages, so one round trip (an
MGET) fetches both. And offers.middleware.KeptPageMiddleware serves a kept page before the
session, CSRF, authentication, messages and sign-in throttling middleware, which a page every
visitor gets alike has no use for. Measured with `make bench` on PostgreSQL and Redis, these
two (with hiredis parsing Redis's replies) took kept pages from about half of the static
file's requests a second to about four fifths (bench/results.md). What is left is the one
round trip, which no page can skip without risking a stale answer after a publish.

Responses carry an ETag made from the key and content version, a Last-Modified of when they
were rendered, and Cache-Control: public with a short max-age, so a CDN shows a publish within
minutes.

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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, get_resolver
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

# Headers a view sets that belong to the page, kept with it (CORS on the API, file names).
KEPT_HEADERS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Content-Disposition",
    "X-Robots-Tag",
)
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
SAFE_METHODS = ("GET", "HEAD")
# The pair of lifetimes every public answer uses (pages, the API, the CSVs, lists the API
# builds from every live document):
PAGE_MAX_AGE = 300  # seconds a browser or CDN may reuse a page without asking again
PAGE_TTL = 24 * 60 * 60  # a kept page not asked for in a day goes (bounds Redis's memory)
CACHE_CONTROL = f"public, max-age={PAGE_MAX_AGE}"
SITE_VERSION_KEY = "public-pages:version"
CACHED_STATUSES = {200, 404}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip
MIN_GZIP_BYTES = 200  # GZipMiddleware leaves shorter bodies as they are too


def _cache():
    return caches["pages"]


def _version_cache():
    return caches[settings.PAGE_VERSION_CACHE]


@cache
def code_version() -> str:
    """A hash of the templates, the compiled stylesheet and the domain app's Python code, as
    this server process has them."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    roots = [(base / "templates", "*"), (base / "static" / "css", "*"), (base / "offers", "*.py")]
    for root, pattern in roots:
        for path in sorted(root.rglob(pattern)) if root.exists() else []:
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _first_site_version() -> str:
    """A content version, made on first use after a cache restart (another worker's, if
    it made one first)."""
    shared = _version_cache()
    shared.add(SITE_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    return shared.get(SITE_VERSION_KEY)


def _new_site_version() -> None:
    _version_cache().set(SITE_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def public_pages_changed() -> None:
    """Something public pages show has changed: every page is made afresh the next time it
    is asked for.

    The version changes now and again once the transaction commits. The second change is
    the one that matters: a page made between the two from the data as it was before the
    commit is kept with the first new version, which no request reads after the commit.
    """
    _new_site_version()
    transaction.on_commit(_new_site_version)


def page_key(request, *, reads: Iterable[str] = ()) -> str:
    """A key for this page: its path, the query values it reads, the code version and the
    site's address."""
    # getlist: "?q=" and no q at all are different pages (an error, or the empty form).
    query = tuple((name, tuple(request.GET.getlist(name))) for name in reads)
    text = repr((code_version(), settings.SITE_URL, request.path, query))
    return "page:" + hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Lookup:
    """What the cache holds for one request: the page's key, the content version now, and
    the kept page if it was made under that version (else None)."""

    reads: tuple[str, ...]
    key: str
    version: str
    entry: dict | None


def lookup(request, reads: tuple[str, ...]) -> Lookup:
    """The content version and the kept page, in one round trip when they share a cache."""
    key = page_key(request, reads=reads)
    versions, pages = _version_cache(), _cache()
    if versions is pages:
        found = pages.get_many([SITE_VERSION_KEY, key])
        version, entry = found.get(SITE_VERSION_KEY), found.get(key)
    else:
        version, entry = versions.get(SITE_VERSION_KEY), pages.get(key)
    if version is None:
        version = _first_site_version()
    if entry is not None and entry.get("site_version") != version:
        entry = None  # made before something it shows changed
    return Lookup(reads, key, version, entry)


def cached_view(*, reads: Iterable[str] = ()):
    """Serve a GET view's answers from the page cache.

    reads: the query parameters the page depends on; any others are ignored, so made-up
    parameters cannot fill the cache. The view must show the same page to everyone (no
    cookie, no form token, nothing about the user).

    The view runs only when the cache does not have the page, without the client's
    If-None-Match and If-Modified-Since, so what is kept is always the whole page; the
    page cache answers those itself, with its own ETag. Only 200 and 404 answers are kept:
    redirects, errors and anything that sets a cookie are passed on as they are.
    KeptPageMiddleware serves kept pages of views decorated with this (it reads
    page_reads) before the view is reached.
    """
    reads = tuple(reads)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in SAFE_METHODS:
                return view(request, *args, **kwargs)
            found = getattr(request, "page_lookup", None)
            if found is None or found.reads != reads:
                found = lookup(request, reads)
            entry = found.entry
            if entry is None:
                response = _render_whole(view, request, args, kwargs)
                entry = _keep(found, response)
                if entry is None:
                    return response
            return _response(request, entry)

        wrapper.page_reads = reads
        return wrapper

    return decorate


def kept_response(request) -> HttpResponse | None:
    """The kept page this request asks for, or None when the view has to run.

    For offers.middleware.KeptPageMiddleware: resolves the address, and answers only for a
    view decorated with cached_view whose page is kept under the current content version.
    The lookup is left on the request, so on a miss the view does not make it again.
    """
    if request.method not in SAFE_METHODS:
        return None
    match = _kept_view_match(get_resolver(), request.path_info)
    if match is None:
        return None
    request.page_lookup = found = lookup(request, match.func.page_reads)
    if found.entry is None:
        return None
    request.resolver_match = match
    return _response(request, found.entry)


@lru_cache(maxsize=4096)
def _kept_view_match(resolver, path: str):
    """The URL match when path is a page kept by cached_view, else None; remembered, as the
    same few pages are asked for again and again (the resolver is part of the key, so a
    changed URL configuration is resolved afresh)."""
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    return match if getattr(match.func, "page_reads", None) is not None else None


def _render_whole(view, request, args, kwargs) -> HttpResponse:
    """The view's whole page, whatever the client's copy: without its conditional headers."""
    held = {name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META}
    try:
        response = view(request, *args, **kwargs)
    finally:
        request.META.update(held)
    if getattr(response, "is_rendered", True) is False:
        response.render()  # a TemplateResponse (the sitemap view returns one)
    return response


def _keep(found: Lookup, response: HttpResponse) -> dict | None:
    """Keep the page and return the entry, or None if it must not be kept."""
    if response.status_code not in CACHED_STATUSES or response.cookies:
        return None  # redirects and anything personal are never kept
    rendered_at = int(time.time())
    etag = hashlib.sha256(f"{found.key}:{found.version}".encode()).hexdigest()[:32]
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    headers.update({
        "Vary": "Accept-Encoding",
        "ETag": f'"{etag}"',
        "Last-Modified": http_date(rendered_at),
        "Cache-Control": CACHE_CONTROL,
    })
    entry = {
        "site_version": found.version,
        "status": response.status_code,
        "content_type": response["Content-Type"],
        "rendered_at": rendered_at,
        "headers": headers,
        **_stored_body(response.content),
    }
    _cache().set(found.key, entry, timeout=PAGE_TTL)
    return entry


def _stored_body(content: bytes) -> dict:
    """The body as kept: compressed once (mtime 0, so the bytes depend only on the page)."""
    if len(content) >= MIN_GZIP_BYTES:
        compressed = gzip.compress(content, compresslevel=9, mtime=0)
        if len(compressed) < len(content):
            return {"gzip": compressed}
    return {"content": content}


def _response(request, entry: dict) -> HttpResponse:
    headers = dict(entry["headers"])
    compressed = entry.get("gzip")
    if compressed is not None and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        body = compressed
        headers["Content-Encoding"] = "gzip"
        headers["ETag"] = "W/" + headers["ETag"]  # as GZipMiddleware marks what it compresses
    else:
        body = entry["content"] if compressed is None else gzip.decompress(compressed)
    headers["Content-Length"] = str(len(body))
    response = HttpResponse(
        body, content_type=entry["content_type"], status=entry["status"], headers=headers
    )
    if entry["status"] == 200 and any(name in request.META for name in CONDITIONAL_HEADERS):
        conditional = get_conditional_response(
            request, etag=headers["ETag"], last_modified=entry["rendered_at"], response=response
        )
        if conditional is not response:  # a 304 (or 412): a browser checks CORS on it too
            for name, value in headers.items():
                if name.startswith("Access-Control-"):
                    conditional[name] = value
        return conditional
    return response
