"""Django's Redis cache, keeping one Redis client per connection pool, and never failing a
request when Redis does.

One client per pool: Django 5.2's RedisCacheClient.get_client() builds a new redis.Redis
object on every cache call, and building one fills a table of several hundred response
callbacks: measured here, that was half of the time a kept public page took to serve (0.6
of 1.2 ms). A redis.Redis object is safe to share between threads (it takes a connection
from its pool for each command), so each pool's client is made once and kept.

A cache is an optimisation, never a dependency, so every call is guarded here, in one
place: when Redis refuses, times out (settings give it short socket timeouts) or answers
with an error, the call answers as if the cache were empty (a read finds nothing, a write
keeps nothing) or, when the cache names a FALLBACK cache, is made there instead (the shared
cache's rate limits then count in each process's own memory). For RETRY_SECONDS after a
failure no call goes to Redis at all, so a frozen Redis costs one request in each process
its timeout every RETRY_SECONDS rather than every request. One warning is logged when a
process first finds Redis failing and one line when it answers again, not one per request.
What is known about a server is per process and per address, so the "pages" and "default"
caches, which share one Redis, find an outage together.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0  # after a failure, how long each process leaves Redis alone


class ReusedRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(index)
        if client is None:
            client = clients[index] = super().get_client(key, write=write)
        return client


class ServerHealth:
    """What this process knows about one Redis server: failing or not, and since when."""

    def __init__(self, name: str):
        self.name = name
        self.failing_since: float | None = None  # wall-clock time of the first failure
        self.retry_at = 0.0  # time.monotonic(): no call before this
        self.failures = 0  # calls that failed in this outage
        self.failed_at = 0.0  # time.monotonic() of the last failure (0: none yet)
        self._lock = threading.Lock()

    def resting(self) -> bool:
        """True while calls must not go to the server (a failure less than RETRY_SECONDS ago)."""
        return self.failing_since is not None and time.monotonic() < self.retry_at

    def failed(self, error: Exception) -> None:
        with self._lock:
            first = self.failing_since is None
            if first:
                self.failing_since = time.time()
            self.failures += 1
            self.failed_at = time.monotonic()
            self.retry_at = self.failed_at + RETRY_SECONDS
        if first:
            log.warning(
                "Redis at %s is not answering (%s: %s): pages are made from the database and "
                "nothing is kept until it answers again; trying again every %.0f s",
                self.name,
                type(error).__name__,
                error,
                RETRY_SECONDS,
            )

    def failed_within(self, seconds: float) -> bool:
        """True while failing, or if the last failure was less than `seconds` ago."""
        return self.failed_at > 0 and (
            self.failing_since is not None or time.monotonic() - self.failed_at < seconds
        )

    def answered(self) -> None:
        if self.failing_since is None:
            return
        with self._lock:
            since, failures = self.failing_since, self.failures
            self.failing_since, self.failures, self.retry_at = None, 0, 0.0
        if since is not None:
            log.warning(
                "Redis at %s answers again, after %.1f s (%d calls failed or were not made "
                "meanwhile)",
                self.name,
                time.time() - since,
                failures,
            )


_servers: dict[tuple, ServerHealth] = {}
_servers_lock = threading.Lock()


def server_health(servers: list[str]) -> ServerHealth:
    key = tuple(servers)
    health = _servers.get(key)
    if health is None:
        with _servers_lock:
            health = _servers.setdefault(key, ServerHealth(", ".join(map(_no_password, servers))))
    return health


def _no_password(url: str) -> str:
    parts = urlsplit(url)
    return url.replace(f":{parts.password}@", ":***@") if parts.password else url


def _guarded(name: str, unavailable):
    """The RedisCache method `name`, answering `unavailable(*args, **kwargs)` (or calling the
    fallback cache) when Redis fails or is resting after a failure."""
    method = getattr(RedisCache, name)

    def guarded(self, *args, **kwargs):
        health = self.health
        if not health.resting():
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                health.failed(error)
            else:
                health.answered()
                return result
        else:
            health.failures += 1
        if self._fallback:
            return getattr(caches[self._fallback], name)(*args, **kwargs)
        return unavailable(*args, **kwargs)

    guarded.__name__ = name
    guarded.__doc__ = method.__doc__
    return guarded


def _no_such_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (the cache is not answering)")


class ReusedClientRedisCache(RedisCache):
    """settings.CACHES backend: django.core.cache.backends.redis.RedisCache, faster, and
    answering as an empty cache (or as its FALLBACK cache) while Redis does not answer.

    CACHES entry: OPTIONS go to redis-py's connection pool, as for Django's own backend
    (settings give socket_connect_timeout and socket_timeout); FALLBACK, if given, names
    another cache (local memory) that takes the calls while Redis is failing.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
        self._fallback = params.get("FALLBACK")
        self.health = server_health(self._servers)

    def ping(self) -> None:
        """Ask Redis itself, whatever this process thinks of it (for /healthz): raises
        redis.exceptions.RedisError if it does not answer (logged once an outage, as any)."""
        try:
            self._cache.get_client(write=True).ping()
        except RedisError as error:
            self.health.failed(error)
            raise
        self.health.answered()

    def failed_within(self, seconds: float) -> bool:
        """Whether this process found Redis failing now or less than `seconds` ago."""
        return self.health.failed_within(seconds)

    add = _guarded("add", lambda *a, **k: False)
    get = _guarded("get", lambda key, default=None, version=None: default)
    set = _guarded("set", lambda *a, **k: None)
    touch = _guarded("touch", lambda *a, **k: False)
    delete = _guarded("delete", lambda *a, **k: False)
    get_many = _guarded("get_many", lambda *a, **k: {})
    has_key = _guarded("has_key", lambda *a, **k: False)
    incr = _guarded("incr", _no_such_key)
    set_many = _guarded("set_many", lambda data, *a, **k: list(data))
    delete_many = _guarded("delete_many", lambda *a, **k: None)
    clear = _guarded("clear", lambda *a, **k: False)
