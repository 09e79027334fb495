"""How much one client can make the server do: the limit on public pages made afresh.

A kept public page costs a cache read; a page made afresh (a page not kept yet, or one that is
never kept: a made-up address, an unknown ?for=, a search) costs a render with its queries.
So renders, not requests, are what one client is limited in, as the feedback form's answers
are (offers.feedback): counted per client (a keyed hash of its address, behind
TRUSTED_PROXY_COUNT proxies), with Redis in the shared cache every worker sees, so the limit
holds however many workers or hosts there are. Past RENDERS_PER_MINUTE in a minute the client
gets 429 Too Many Requests until the minute is over; kept pages are still served to it.

The count is a number for each client and minute (incr, or add for the first: an atomic
INCR in Redis). Where it is kept is settings.RENDER_LIMIT_CACHE: Redis's shared cache, or
without Redis each process's own memory (the shared cache is then a database table, and
counting there would add six queries to every page made), so the limit is per process, a
few times looser but as bounded. While Redis does not answer, the shared cache counts in
each process's own memory too (offers.cache_backends), until Redis is back.
"""

import time

from django.conf import settings
from django.core.cache import cache, caches

from . import feedback

# Far above what a family's browsing makes (most pages are kept, so a visit renders few),
# and a few families behind one address (a mobile network's, a library's) fit in it too.
RENDERS_PER_MINUTE = 120
WINDOW_SECONDS = 60


class TooManyRenders(Exception):
    """The client has had RENDERS_PER_MINUTE pages made for it this minute."""

    def __init__(self, retry_after: int):
        super().__init__(f"Too many pages made afresh; try again in {retry_after} s")
        self.retry_after = retry_after


def _now() -> float:
    return time.time()


def render_slot_take(request) -> None:
    """Count one render for this request's client; raise TooManyRenders past the limit."""
    now = _now()
    window = int(now // WINDOW_SECONDS)
    key = f"renders:{feedback.client_key_for(request)}:{window}"
    cache = caches[settings.RENDER_LIMIT_CACHE]
    try:
        count = cache.incr(key)
    except ValueError:  # the client's first this minute (or another worker's came first)
        if cache.add(key, 1, WINDOW_SECONDS * 2):
            return
        try:
            count = cache.incr(key)
        except ValueError:  # gone again (culled, or the cache failing meanwhile)
            return
    if count > RENDERS_PER_MINUTE:
        raise TooManyRenders(retry_after=max(1, int((window + 1) * WINDOW_SECONDS - now)))


def slot_take(*, purpose: str, key: str, limit: int, seconds: int) -> bool:
    """Take one of `limit` slots `key` has for `purpose` in the next `seconds`; False when
    none is left (a form's answers from one client, emails to one address).

    Each slot is a cache key that lives `seconds`, and only cache.add decides who gets one.
    add is atomic in the shared cache (Redis SET NX; a primary-key insert in the database
    cache), so two workers can never take the same one. cache.incr would not do: the
    database cache implements it as a get then a set, which loses counts under load.
    """
    keys = [f"{purpose}:{key}:{n}" for n in range(limit)]
    taken = cache.get_many(keys)
    for slot in keys:
        if slot not in taken and cache.add(slot, True, seconds):
            return True
    return False
