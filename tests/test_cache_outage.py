"""A cache is an optimisation, never a dependency: with Redis stopped, frozen or back again,
families get every public page from the database, a publish works, nothing stale is served,
the sign-in throttle and the feedback limit still hold, and each outage is logged once.

Each test starts a redis-server of its own on a free port (no saving to disk) and kills it;
the machine's Redis is never touched. Skips when redis-server is not installed, unless
REQUIRE_REDIS is set (CI), where that fails.

Cast: an approver of council A (publishes), an anonymous carer (the plain client)."""

import logging
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from offers import cache_backends, page_cache
from offers.feedback import FEEDBACK_LIMIT_PER_HOUR
from offers.models import Feedback, Offer

from .conftest import publish
from .factories import UserFactory

URL = "/offers/ashdown-test/"
TIMEOUT = 0.5  # seconds, the sockets' timeouts here (settings give 0.25; CI may be busy)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A redis-server on its own port: start, kill (refuses connections), start again on the
    same port (empty: nothing is saved to disk), or freeze (SIGSTOP: connections wait, and
    it keeps what it holds) and thaw."""

    def __init__(self, binary: str, directory):
        self.binary, self.directory = binary, directory
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_timeout=0.5, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.02)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a frozen one too
            self.process.kill()
            self.process.wait(timeout=10)

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=1)


@pytest.fixture
def redis_server(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("REQUIRE_REDIS is set but redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = RedisServer(binary, tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def redis_caches(settings, redis_server, monkeypatch):
    """The caches as settings.py makes them from REDIS_URL, on the test's own redis-server."""
    options = {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT}
    backend = "offers.cache_backends.ReusedClientRedisCache"
    settings.REDIS_URL = redis_server.url
    settings.RENDER_LIMIT_CACHE = "default"
    settings.CACHES = {
        "default": {
            "BACKEND": backend,
            "LOCATION": redis_server.url,
            "OPTIONS": options,
            "FALLBACK": "local",
        },
        "local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "outage-test-local",
        },
        "pages": {
            "BACKEND": backend,
            "LOCATION": redis_server.url,
            "OPTIONS": options,
            "KEY_PREFIX": "pages",
        },
    }
    monkeypatch.setattr(cache_backends, "_servers", {})
    # A stopped Redis refuses at once, so here every call tries it again at once; tests of a
    # frozen one (each try waits for the timeout) use thaw() below.
    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0.0)
    caches["local"].clear()
    yield redis_server
    caches["local"].clear()


@pytest.fixture
def live(offer_a, approver_a):
    publish(offer_a, approver_a)
    return offer_a


@pytest.fixture
def outage_log(caplog):
    caplog.set_level(logging.WARNING, logger="offers.cache_backends")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "offers.cache_backends"]


def _publish_title(offer, approver, title):
    """Publish a new title, running what waits for the commit as a real commit does (the
    content version's mirror in Redis, when Redis answers)."""
    Offer.objects.filter(pk=offer.pk).update(title=title)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return publish(offer, approver, title)


def _public_pages(offer) -> list[str]:
    anchor = offer.published_revision.content["sections"][0]["anchor"]
    return [
        "/",
        URL,
        URL + "?for=sgo",
        f"{URL}{anchor}/",
        URL + "situations/",
        URL + "print/",
        URL + "changes/",
        URL + "changes.atom",
        URL + "allowances.csv",
        "/compare/",
        "/compare/allowances.csv",
        "/search/?q=money",
        "/sitemap.xml",
        "/api/v1/offers/ashdown-test/",
        "/api/v1/councils/",
        "/api/v1/allowances/",
        "/api/v1/openreferral/services/",
    ]


def _thaw(server) -> None:
    """Thaw a frozen Redis and end this process's pause after its failure, as when the
    retry period is over."""
    server.thaw()
    cache_backends.server_health([server.url]).retry_at = 0.0


def _kept_pages(server) -> int:
    return sum(1 for _ in server.client().scan_iter("pages:1:page:*"))


def test_with_redis_stopped_every_public_page_is_made_from_the_database(
    client, live, redis_caches, outage_log
):
    pages = _public_pages(live)
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert _kept_pages(redis_caches) == len(pages)
    redis_caches.kill()

    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert (
            response.templates
            or page.startswith(("/api/", "/compare/allowances"))
            or page.endswith((".csv", ".atom", ".xml"))
        ), page  # made, not kept
    assert "Ashdown test offer" in client.get(URL).content.decode()
    assert "Ashdown test offer" in client.get("/api/v1/offers/ashdown-test/").content.decode()
    # One warning for the whole outage, however many requests and calls failed.
    assert len(outage_log()) == 1
    assert "is not answering" in outage_log()[0]
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "failed": ["redis"]}


def test_a_publish_while_redis_is_stopped_works_and_shows_at_once_and_after(
    client, live, approver_a, redis_caches, outage_log
):
    assert "Ashdown test offer" in client.get(URL).content.decode()
    assert not client.get(URL).templates  # kept in Redis
    redis_caches.kill()

    _publish_title(live, approver_a, "Published while Redis was down")
    assert live.published_revision.version == 2
    assert "Published while Redis was down" in client.get(URL).content.decode()

    redis_caches.start()  # the same port, empty
    response = client.get(URL)
    assert "Published while Redis was down" in response.content.decode()
    assert response.templates  # made afresh, and kept again
    assert not client.get(URL).templates
    assert [m.split(" (")[0].split(",")[0] for m in outage_log()] == [
        f"Redis at {redis_caches.url} is not answering",
        f"Redis at {redis_caches.url} answers again",
    ]
    assert client.get("/healthz").json() == {"status": "ok"}


def test_a_frozen_redis_that_kept_its_pages_never_serves_one_made_before_a_publish(
    client, live, approver_a, redis_caches, monkeypatch
):
    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 60.0)
    client.get(URL)
    key = page_cache.page_key(client.get(URL).wsgi_request, reads=("for",))
    before = caches["pages"].get(key)
    assert before is not None
    redis_caches.freeze()

    _publish_title(live, approver_a, "Published while Redis was frozen")
    assert "Published while Redis was frozen" in client.get(URL).content.decode()

    _thaw(redis_caches)
    # Redis is back with everything it held: the page made before the publish is still
    # there, under the content version it was made with…
    assert caches["pages"].get(key)["site_version"] == before["site_version"]
    # …and is never served again.
    response = client.get(URL)
    assert "Published while Redis was frozen" in response.content.decode()
    assert response.templates
    assert "Published while Redis was frozen" in client.get(URL + "print/").content.decode()
    assert "Version 2" in client.get(URL + "changes/").content.decode()
    assert client.get("/api/v1/offers/ashdown-test/").json()["version"] == 2


def test_a_frozen_redis_costs_one_timeout_in_each_retry_period_not_every_request(
    client, live, redis_caches, monkeypatch, outage_log
):
    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 60.0)
    sent = []
    for alias in ("pages", "default"):
        redis_client = caches[alias]._cache.get_client()
        command = redis_client.execute_command
        monkeypatch.setattr(
            redis_client,
            "execute_command",
            lambda *args, _command=command, **kwargs: (
                sent.append(args[0]) or _command(*args, **kwargs)
            ),
        )
    redis_caches.freeze()

    for page in [URL, URL + "print/", "/", URL, "/api/v1/offers/ashdown-test/"]:
        assert client.get(page).status_code == 200, page
    assert len(sent) == 1  # the first call waited its timeout; none after it was sent
    assert len(outage_log()) == 1

    _thaw(redis_caches)
    assert client.get(URL).templates  # Redis asked again, and the page kept
    assert not client.get(URL).templates
    assert len(outage_log()) == 2 and "answers again" in outage_log()[1]


def test_with_redis_stopped_the_sign_in_throttle_and_the_feedback_limit_still_hold(
    client, live, redis_caches
):
    officer = UserFactory(username="officer-outage", password="right-password-123")
    anchor = live.published_revision.content["sections"][0]["anchor"]
    redis_caches.kill()

    # django-axes counts in the database: the fifth wrong password still locks.
    def sign_in(password):
        return client.post(
            "/admin/login/?next=/admin/", {"username": officer.username, "password": password}
        )

    for _ in range(4):
        assert sign_in("wrong").status_code == 200
    assert sign_in("wrong").status_code == 429
    assert sign_in("right-password-123").status_code == 429
    assert "_auth_user_id" not in client.session

    # Feedback is taken, and the flood limit counts in this process's memory meanwhile.
    feedback = URL + "feedback/"
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        assert client.post(feedback, {"page": anchor, "useful": "yes"}).status_code == 302
    assert client.post(feedback, {"page": anchor, "useful": "yes"}).status_code == 429
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR


def test_with_redis_a_kept_page_costs_one_cache_call_and_no_query(client, live, redis_caches):
    client.get(URL)  # reads the content version from the database, mirrored in Redis
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert not response.templates
    assert queries.captured_queries == []
