"""Whole public pages, rendered once and served from a cache until what they show changes.

A page's key is the page (its path and the query values it reads, such as ?for=) and the
code's version; what it is kept with is the site's content version when it was made. The
content version is a token in the database (models.PublicContentVersion), replaced in the
same transaction as whatever changes what a public page shows: a publish (and so a rollback
or a scheduled publish), a council's details, a national helpline (public_pages_changed). A
kept page made under another content version is not served: it is made afresh and kept in
its place. The database is the one truth about the version, so a cache that was down, frozen
or cut off while a change committed comes back holding pages made under a token the
database no longer has, which are never served.

With a shared cache (Redis), the token is also mirrored beside the pages (VERSION_KEY), set
when a change commits, so a kept page costs one round trip that reads both and no query.
While a change has not committed yet the copy says CHANGING, which no process trusts.
The mirror is trusted only when it says what this process itself read from the database
less than TRUST_SECONDS ago, and only while this process has not found Redis failing in the
last RECOVERY_SECONDS; otherwise the request reads the database (and puts the mirror right
if it was wrong). So after a publish elsewhere (the mirror changed) or an outage (Redis may
hold a token from before a publish it missed) the database decides, and each process reads
it at most about once a second in between. The one case it cannot see at once: a change
that could not reach Redis while this process, reading the same Redis without a failure of
its own, read the old token less than TRUST_SECONDS before; it sees the change at most
TRUST_SECONDS later. Without a shared cache (each process's own local memory, which a
publish in another process cannot reach) every request reads the token from the database.

The code version (a hash of the templates, the stylesheet and the domain code, made when the
server starts) keeps a deploy from serving pages made by the old code.

A cache is an optimisation, never a dependency: with Redis (REDIS_URL), offers.cache_backends
answers every call as an empty cache while Redis fails, so pages are made from the database
(and served with their right ETag, as the version comes from the database), nothing is kept,
and one warning is logged per process and outage.

Only pages a family can reach are kept, so nobody can fill the cache with made-up addresses
(each would also cost a render): a 200 answer whose address is written as the site writes it
(the URL converters give back the same path: /versions/007/ is not kept) and whose query
values are each valid for the page (cached_view's reads: ?for= an arrangement type, ?region=
a region, ?page= a whole number written plainly; a search only if it found something, and
only so many of them for each content version). Other answers (404s for made-up addresses,
errors, the page for an unknown ?for=) are made every time, and made-afresh pages are what
one client is limited in (RENDERS_PER_MINUTE in offers.flood): past it, a 429 until the
minute is over, while kept pages are still served.

offers.middleware.KeptPageMiddleware serves a kept page before the session, CSRF,
authentication, messages and sign-in throttling middleware, which a page every visitor gets
alike has no use for. Measured with `make bench` on PostgreSQL and Redis, this and hiredis
parsing Redis's replies took kept pages from about half of the static file's requests a
second to about four fifths (bench/results.md). Reading the token from the database on
every request (the first answer to a publish Redis missed) took them back to 0.52-0.63;
the mirror above, and the server's garbage collector settings (kinship_portal.garbage),
brought them to 0.65-0.72 on a machine whose static file costs 0.48 ms of worker CPU.

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
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache, partial, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import flood
from .models import PublicContentVersion

log = logging.getLogger(__name__)

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
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip
MIN_GZIP_BYTES = 200  # GZipMiddleware leaves shorter bodies as they are too
WHOLE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")  # 1 to 999999, as the site writes it


def _cache():
    return caches["pages"]


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


# --- The content version ----------------------------------------------------------------


def public_pages_changed() -> None:
    """Something public pages show has changed: every page is made afresh the next time it
    is asked for, once the caller's transaction commits.

    The token is replaced in the caller's transaction, so the change and the new version
    commit together (and a rolled-back change leaves the version as it was). On PostgreSQL
    the row stays locked until then, so two changes at once take their turns.
    """
    token = uuid.uuid4().hex
    version = PublicContentVersion.objects.filter(pk=PublicContentVersion.ROW)
    if not version.update(token=token):
        _, made = PublicContentVersion.objects.get_or_create(
            pk=PublicContentVersion.ROW, defaults={"token": token}
        )
        if not made:  # another transaction made the row first: replace its token too
            version.update(token=token)
    # Until the commit's own copy arrives, the mirror says "changing": no process trusts it,
    # so a request that starts once the change has committed reads the database, even in
    # the moment between the commit and the copy. (If the change rolls back or the copy is
    # lost, the marker expires and the database decides as ever.)
    _mirror(CHANGING, timeout=CHANGING_SECONDS)
    transaction.on_commit(partial(_mirror, token))


class _LastKnown:
    """The token this process read last and when (time.monotonic()), for while the database
    does not answer (no change can commit then, so kept pages made under it are still right)
    and for trusting the mirror, and whether a failure was logged."""

    token: str | None = None
    read_at = 0.0
    failing = False


# The content version mirrored in a shared cache beside the pages (see the module's notes).
VERSION_KEY = "content-version"
TRUST_SECONDS = 1.0  # how long this process's own read of the database vouches for the mirror
RECOVERY_SECONDS = 5.0  # after this process found Redis failing, the database decides
CHANGING = "changing"  # the mirror while a change has not committed yet: never trusted
CHANGING_SECONDS = 60


@cache
def _token_query() -> str:
    table = connection.ops.quote_name(PublicContentVersion._meta.db_table)
    return f"SELECT token FROM {table} WHERE id = %s"


def content_version() -> str:
    """The content version now: one query on the row's primary key (a plain cursor, as it
    is read for every public page)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(_token_query(), [PublicContentVersion.ROW])
            row = cursor.fetchone()
        token = row[0] if row else _first_content_version()
    except DatabaseError as error:
        if not _LastKnown.failing:
            _LastKnown.failing = True
            log.warning(
                "The content version could not be read (%s): kept pages are served "
                "under the last one this process read",
                error,
            )
        # None read yet: a token no kept page has, so the page is made afresh.
        return _LastKnown.token or uuid.uuid4().hex
    if _LastKnown.failing:
        _LastKnown.failing = False
        log.warning("The content version can be read again")
    _LastKnown.token, _LastKnown.read_at = token, time.monotonic()
    return token


def _shared(pages) -> bool:
    """Whether kept pages live in a cache every process shares (Redis, with its health)."""
    return hasattr(pages, "failed_within")


def _version_now(pages, mirrored: str | None) -> str:
    """The content version for a request that read `mirrored` from the shared cache."""
    if (
        mirrored is not None
        and mirrored == _LastKnown.token
        and time.monotonic() - _LastKnown.read_at < TRUST_SECONDS
        and not pages.failed_within(RECOVERY_SECONDS)
    ):
        return mirrored
    token = content_version()
    if _LastKnown.failing or mirrored == token or mirrored == CHANGING:
        return token  # nothing to put right, or a change's commit will say the new token
    if mirrored is None:
        pages.add(VERSION_KEY, token, timeout=None)  # not over a commit's copy made meanwhile
    else:
        pages.set(VERSION_KEY, token, timeout=None)  # a copy a missed change left wrong
    return token


def _mirror(token: str, timeout: float | None = None) -> None:
    """The shared cache's copy of the version says `token` (the backend swallows Redis's
    errors: a copy that could not be made is put right from the database later)."""
    pages = _cache()
    if _shared(pages):
        pages.set(VERSION_KEY, token, timeout=timeout)


def _first_content_version() -> str:
    """The first token (another process's, if it made one first)."""
    version, _ = PublicContentVersion.objects.get_or_create(
        pk=PublicContentVersion.ROW, defaults={"token": uuid.uuid4().hex}
    )
    return version.token


# --- Which pages are kept -----------------------------------------------------------------

# A rule for one query parameter: given its value, whether a page made for it may be kept.
Rule = Callable[[str], bool]


def one_of(values: Iterable[str]) -> Rule:
    """The value must be one of these (exactly as written)."""
    return frozenset(values).__contains__


def whole_number(value: str) -> bool:
    """A page number as the site writes it: 1, 2, … (not 01, +1, 1.0 or ١)."""
    return WHOLE_NUMBER.fullmatch(value) is not None


def written_plainly(length: int) -> Rule:
    """Text of at most `length` characters with no space at either end and none doubled (the
    view decides the rest, like whether a search found something)."""
    return lambda value: len(value) <= length and value == " ".join(value.split())


def never(value: str) -> bool:
    """Its answer is made every time, never kept (like a list's ?per_page=)."""
    return False


def do_not_keep(response: HttpResponse) -> HttpResponse:
    """Tell the page cache not to keep this answer (the view knows it is not the page's one
    right address, like a service id written another way)."""
    response.page_cache_keep = False
    return response


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
    """The content version and the kept page: one round trip to a shared cache (the page and
    the mirrored version), or the database's token and the page from local memory."""
    key = page_key(request, reads=reads)
    pages = _cache()
    if _shared(pages):
        found = pages.get_many([VERSION_KEY, key])
        version = _version_now(pages, found.get(VERSION_KEY))
        entry = found.get(key)
    else:
        version = content_version()
        entry = pages.get(key)
    if entry is not None and entry.get("site_version") != version:
        entry = None  # made before something it shows changed
    return Lookup(reads, key, version, entry)


def cached_view(*, reads: Mapping[str, Rule] = {}, kept_at_most: int | None = None):  # noqa: B006
    """Serve a GET view's answers from the page cache.

    reads: the query parameters the page depends on, each with the rule its value must
    meet for the page to be kept (one_of, whole_number, never); any other parameters are
    ignored, so made-up ones cannot fill the cache. A page is kept only when each of its
    parameters is given once and meets its rule, its address is written as the site writes
    it and the view did not call do_not_keep; otherwise the answer is made every time. The
    view must show the same page to everyone (no cookie, no form token, nothing about the
    user).

    kept_at_most: for a page whose parameters no rule can bound (search words), how many of
    its answers are kept under one content version; answers past that are made every time.

    The view runs only when the cache does not have the page, without the client's
    If-None-Match and If-Modified-Since, so what is kept is always the whole page; the
    page cache answers those itself, with its own ETag. Only 200 answers are kept:
    redirects, 404s, errors and anything that sets a cookie are passed on as they are. Each
    time the view runs counts against the client's render limit (offers.flood): past it,
    flood.TooManyRenders is raised for the site or the API to answer with a 429.
    KeptPageMiddleware serves kept pages of views decorated with this (it reads
    page_reads) before the view is reached.
    """
    rules = dict(reads)
    names = tuple(rules)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in SAFE_METHODS:
                return view(request, *args, **kwargs)
            found = getattr(request, "page_lookup", None)
            if found is None or found.reads != names:
                found = lookup(request, names)
            entry = found.entry
            if entry is None:
                flood.render_slot_take(request)  # raises TooManyRenders past the limit
                response = _render_whole(view, request, args, kwargs)
                if not _keepable(request, rules, response) or (
                    kept_at_most is not None and not _room_to_keep(view, found, kept_at_most)
                ):
                    return response
                entry = _keep(found, response)
            return _response(request, entry)

        wrapper.page_reads = names
        return wrapper

    return decorate


def _keepable(request, rules: dict[str, Rule], response: HttpResponse) -> bool:
    """Whether this answer is the page at one of the addresses a family can reach."""
    if response.status_code != 200 or response.cookies:
        return False  # redirects, 404s, errors and anything personal are never kept
    if getattr(response, "page_cache_keep", True) is False:
        return False
    for name, rule in rules.items():
        values = request.GET.getlist(name)
        if values and (len(values) > 1 or not rule(values[0])):
            return False
    return _canonical_address(request)


def kept_count_key(view, version: str) -> str:
    """Where the answers of a view with kept_at_most kept under a content version are counted."""
    return f"kept-count:{view.__module__}.{view.__qualname__}:{version}"


def _room_to_keep(view, found: Lookup, most: int) -> bool:
    """Count one more kept answer of this view under the content version; False past most."""
    key = kept_count_key(view, found.version)
    pages = _cache()
    try:
        return pages.incr(key) <= most
    except ValueError:  # the first (or the cache is not answering: then nothing is kept)
        pages.add(key, 1, timeout=PAGE_TTL)
        return True


def _canonical_address(request) -> bool:
    """Whether the path is as the site writes it: each converter gives back what it was given
    (so /versions/007/ and /versions/7/ do not make two pages). A view called with no address
    of its own in the URL configuration (a test's) has nothing to compare."""
    match = request.resolver_match
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
    try:
        path = reverse(match.view_name, args=match.args, kwargs=match.captured_kwargs)
    except NoReverseMatch:
        return False
    return path == request.path


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


def _keep(found: Lookup, response: HttpResponse) -> dict:
    """Keep the page (unless the cache is not answering) and return the entry."""
    rendered_at = int(time.time())
    etag = hashlib.sha256(f"{found.key}:{found.version}".encode()).hexdigest()[:32]
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    headers.update(
        {
            "Vary": "Accept-Encoding",
            "ETag": f'"{etag}"',
            "Last-Modified": http_date(rendered_at),
            "Cache-Control": CACHE_CONTROL,
        }
    )
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
