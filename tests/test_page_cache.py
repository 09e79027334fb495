"""Public pages kept whole in the page cache (offers.page_cache), and what a browser or CDN
is told about them: never stale after a publish, 304 when unchanged, compressed, no cookie,
and a fixed number of queries however big the offer or the site.

Cast: an officer of council A, an officer of council B, an approver of A and an anonymous
carer (the plain client)."""

import gzip
import os
import time
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from offers import page_cache
from offers.models import NationalHelpline, Offer, PublicContentVersion

from .conftest import publish
from .factories import AllowanceFactory, CouncilFactory, OfferFactory, SectionFactory

URL = "/offers/ashdown-test/"


@pytest.fixture
def live(offer_a, approver_a):
    publish(offer_a, approver_a)
    return offer_a


def _pages_of(offer) -> list[str]:
    base = f"/offers/{offer.council.slug}/"
    anchors = [s["anchor"] for s in offer.published_revision.content["sections"]]
    return [
        base,
        base + "?for=sgo",
        base + "situations/",
        base + "print/",
        base + "leaflet/",
        base + "alerts/sent/",
        base + "changes/",
        base + "changes.atom",
    ] + [f"{base}{a}/" for a in anchors]


def test_a_page_is_rendered_once_then_served_from_the_cache(client, live):
    first = client.get(URL)
    assert first.templates  # rendered
    second = client.get(URL)
    assert not second.templates  # served whole from the cache
    assert second.content == first.content


def test_no_page_is_stale_after_a_publish_has_committed(client, live, approver_a):
    for page in _pages_of(live):
        client.get(page)  # every page is in the cache now
    Offer.objects.filter(pk=live.pk).update(title="Our new offer title")
    section = live.sections.get()
    section.heading = "New money heading"
    section.save()
    publish(live, approver_a, "New title and heading")
    assert "Our new offer title" in client.get(URL).content.decode()
    assert "New money heading" in client.get(URL + "financial/").content.decode()
    assert "New money heading" in client.get(URL + "print/").content.decode()
    assert "Version 2" in client.get(URL + "changes/").content.decode()


def test_a_rollback_shows_at_once_too(client, live, approver_a):
    first = live.published_revision
    Offer.objects.filter(pk=live.pk).update(title="Second title")
    publish(live, approver_a, "Second")
    assert "Second title" in client.get(URL).content.decode()
    from offers.services import offer_rollback

    offer_rollback(offer=live, by=approver_a, revision=first, summary="Back to the first")
    assert "Second title" not in client.get(URL).content.decode()


def test_council_details_and_helplines_changes_show_at_once(client, live):
    client.get(URL)
    council = live.council
    # The council's name in the header is read from its row (its phone, email and website
    # are shown from the published document since issue 20, so they change with a publish).
    council.name = "Ashdown Renamed Council"
    council.save()  # as the admin saves it
    assert "Ashdown Renamed Council" in client.get(URL).content.decode()
    NationalHelpline.objects.create(name="Example kinship line", phone="0161 496 0888")
    assert "0161 496 0888" in client.get(URL).content.decode()


KEPT_EARLY = [
    URL,
    URL + "?for=sgo",
    URL + "financial/",
    URL + "print/",
    "/",
    "/api/v1/offers/ashdown-test/",
    "/compare/allowances.csv",
]


@pytest.mark.parametrize("url", KEPT_EARLY)
def test_a_kept_page_is_served_before_the_session_with_the_same_headers(client, live, url):
    made = client.get(url)
    kept = client.get(url)
    assert made.status_code == kept.status_code == 200
    # The first went through the session, CSRF and sign-in middleware to the view; the
    # second was answered before them (KeptPageMiddleware), byte for byte the same.
    assert hasattr(made.wsgi_request, "session") and not hasattr(kept.wsgi_request, "session")
    assert kept.content == made.content
    assert dict(kept.headers) == dict(made.headers)
    for name in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Length",
    ):
        assert kept.headers.get(name), (url, name)


def test_a_signed_in_officer_gets_the_same_kept_page_and_stays_signed_in(client_a, live):
    carer = Client()
    page = carer.get(URL).content
    response = client_a.get(URL)
    assert response.content == page and not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    # The session was left alone: the workspace still knows who they are.
    assert client_a.get("/workspace/").status_code == 302
    assert "sign-in" not in client_a.get("/workspace/")["Location"]


def test_a_page_made_before_a_change_is_replaced_not_kept_beside_the_new_one(
    client, live, approver_a
):
    client.get(URL)
    before = len(caches["pages"]._cache)
    Offer.objects.filter(pk=live.pk).update(title="A newer title")
    publish(live, approver_a, "Newer")
    assert "A newer title" in client.get(URL).content.decode()
    assert len(caches["pages"]._cache) == before


@pytest.fixture
def redis_pages(settings):
    """The production arrangement: pages and the content version in Redis (a test database)."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "offers.cache_backends.ReusedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": "kp-test-pages",
        },
    }
    pages = caches["pages"]
    try:
        pages.ping()
        pages.clear()
    except Exception as error:  # Redis is on CI machines; elsewhere it may be down
        if os.environ.get("REQUIRE_REDIS"):
            raise
        pytest.skip(f"Redis does not answer: {error}")
    yield pages
    pages.clear()


def _count_calls(cache, monkeypatch) -> list[str]:
    calls = []
    for name in ("get", "get_many", "set", "add"):
        method = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda *a, _m=method, _n=name, **k: calls.append(_n) or _m(*a, **k)
        )
    return calls


def test_with_redis_a_kept_page_costs_one_round_trip_and_no_query_and_is_never_stale(
    client, live, approver_a, redis_pages, monkeypatch, django_capture_on_commit_callbacks
):
    calls = _count_calls(redis_pages, monkeypatch)
    client.get(URL)
    calls.clear()
    with CaptureQueriesContext(connection) as queries:
        assert not client.get(URL).templates
    assert calls == ["get_many"]  # the page and the mirrored content version, together
    assert len(queries) == 0  # this process read the version from the database just now
    Offer.objects.filter(pk=live.pk).update(title="Published over Redis")
    with django_capture_on_commit_callbacks(execute=True):  # as the publish commits
        publish(live, approver_a, "Over Redis")
    assert redis_pages.get(page_cache.VERSION_KEY) == page_cache.content_version()
    assert "Published over Redis" in client.get(URL).content.decode()


def test_between_a_commit_and_its_copy_reaching_redis_the_database_decides(
    client, live, approver_a, redis_pages, django_capture_on_commit_callbacks
):
    """The publish has committed (the database has the new token) but its after-commit copy
    to Redis has not run yet: the mirror says "changing", so the page is not the old one."""
    client.get(URL)
    assert not client.get(URL).templates  # kept, and the mirror trusted
    Offer.objects.filter(pk=live.pk).update(title="Committed a moment ago")
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        publish(live, approver_a, "A moment ago")
    assert redis_pages.get(page_cache.VERSION_KEY) == page_cache.CHANGING
    assert "Committed a moment ago" in client.get(URL).content.decode()
    for callback in after_commit:
        callback()
    assert redis_pages.get(page_cache.VERSION_KEY) == page_cache.content_version()


def _later(monkeypatch, seconds: float) -> None:
    """Move page_cache's clock on, as if `seconds` had passed."""
    now = time.monotonic() + seconds
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now)


def test_a_mirror_that_missed_a_change_is_put_right_from_the_database_within_a_second(
    client, live, redis_pages, monkeypatch
):
    """As after an outage that kept a publish from reaching Redis: the database has a new
    token and Redis still the old one. Within TRUST_SECONDS of this process's own read the
    old page may still be served (the bound the module states); after it the database
    decides, the page is made afresh and the mirror says the new token."""
    client.get(URL)
    assert not client.get(URL).templates  # kept
    PublicContentVersion.objects.update(token="made-while-redis-was-away")
    assert redis_pages.get(page_cache.VERSION_KEY) != "made-while-redis-was-away"

    _later(monkeypatch, page_cache.TRUST_SECONDS)
    assert client.get(URL).templates  # made afresh: the database's token is a new one
    assert redis_pages.get(page_cache.VERSION_KEY) == "made-while-redis-was-away"
    assert not client.get(URL).templates  # and kept under it


def test_after_this_process_found_redis_failing_the_database_decides_for_a_while(
    client, live, redis_pages, monkeypatch
):
    client.get(URL)
    redis_pages.health.failed(ConnectionError("as if Redis had gone"))
    redis_pages.health.answered()
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert len(queries) == 1  # the content version, from the database
    _later(monkeypatch, page_cache.RECOVERY_SECONDS)
    client.get(URL)  # the database, read once more, vouches for the mirror again
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert len(queries) == 0


def test_the_lookup_ignores_a_page_kept_under_another_content_version(rf, live):
    request = rf.get(URL)
    found = page_cache.lookup(request, ("for",))
    caches["pages"].set(found.key, {"site_version": "an-older-version", "status": 200})
    assert page_cache.lookup(request, ("for",)).entry is None


def test_unchanged_pages_answer_304_and_say_they_may_be_kept_for_5_minutes(client, live):
    response = client.get(URL)
    assert response["Cache-Control"] in ("public, max-age=300", "max-age=300, public")
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(URL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_public_pages_set_no_cookie_and_are_compressed(client, live):
    for page in _pages_of(live):
        response = client.get(page, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, page
        assert not response.cookies, page
        assert response["Content-Encoding"] == "gzip", page
        assert gzip.decompress(response.content)


def test_made_up_query_parameters_do_not_fill_the_cache(client, live):
    client.get(URL)
    before = len(caches["pages"]._cache)
    for n in range(20):
        client.get(URL + f"?utm_source=x{n}")
    assert len(caches["pages"]._cache) == before


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow_offer(offer, sections: int):
    for n in range(sections):
        section = SectionFactory(offer=offer, kind="practical", heading=f"Extra {n}")
        AllowanceFactory(section=section, name=f"Grant {n}")


@pytest.mark.parametrize(
    "suffix", ["", "?for=sgo", "situations/", "print/", "changes/", "changes.atom", "financial/"]
)
def test_every_offer_page_needs_at_most_4_queries_cold_however_big(
    client, offer_a, approver_a, suffix
):
    publish(offer_a, approver_a)
    small = _queries(client, URL + suffix)
    caches["pages"].clear()
    _grow_offer(offer_a, 40)
    publish(offer_a, approver_a, "Bigger")
    for n in range(3):
        Offer.objects.filter(pk=offer_a.pk).update(title=f"Title {n}")
        publish(offer_a, approver_a, f"Version {n + 3}")
    big = _queries(client, URL + suffix)
    assert small <= 4 and big == small
    assert _queries(client, URL + suffix) <= 2  # warm: only what the key needs


def test_home_page_queries_do_not_grow_with_councils(client, live, approver_a):
    three = _queries(client, "/")
    for n in range(40):
        offer = OfferFactory(council=CouncilFactory(name=f"Extra {n} Council"))
        SectionFactory(offer=offer)
    caches["pages"].clear()
    assert _queries(client, "/") == three <= 4


def test_an_empty_query_value_is_a_different_page_from_none(client, db):
    assert "There is a problem" not in client.get("/search/").content.decode()
    assert "There is a problem" in client.get("/search/?q=").content.decode()


def test_the_redis_cache_keeps_one_client_and_still_reads_and_writes():
    import os

    from offers.cache_backends import ReusedClientRedisCache

    cache = ReusedClientRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "kp-test"})
    assert cache._cache.get_client() is cache._cache.get_client()
    try:
        cache.ping()
    except Exception as error:  # Redis is on CI machines; elsewhere it may be down
        if os.environ.get("REQUIRE_REDIS"):
            raise
        pytest.skip(f"Redis does not answer: {error}")
    cache.set("page-cache-test", b"kept", timeout=5)
    assert cache.get("page-cache-test") == b"kept"
    cache.delete("page-cache-test")


# --- Promises the page cache makes, each pinned by breaking it once ---------------------------


def test_a_page_made_during_a_publish_from_the_old_version_is_never_served_after_the_commit(
    client, live, approver_a
):
    """The content version is replaced inside the publish's own transaction. Another worker
    can make a page while the publish is under way; it cannot see the transaction, so it
    reads the old version and the old content, and keeps the page under the old version.
    Once the publish commits that page must never be served again."""
    old_revision, old_token = live.published_revision, page_cache.content_version()
    client.get(URL)
    with transaction.atomic():
        Offer.objects.filter(pk=live.pk).update(title="The title after the commit")
        publish(live, approver_a, "New title")
        # Another worker, outside this transaction, makes the page from what is committed.
        with (
            mock.patch.object(page_cache, "content_version", return_value=old_token),
            mock.patch(
                "offers.views.public.live_offer_for", return_value=(live.council, old_revision)
            ),
        ):
            during = client.get(URL)
        assert "The title after the commit" not in during.content.decode()
    after = client.get(URL)  # the publish has committed
    assert "The title after the commit" in after.content.decode()


def _counting_view(calls: list, *, cookie: bool = False):
    @page_cache.cached_view()
    def view(request):
        calls.append(request.method)
        response = HttpResponse(f"made {len(calls)} times by a {request.method}")
        if cookie:
            response.set_cookie("seen", "yes")
        return response

    return view


def test_an_answer_that_sets_a_cookie_is_never_kept(rf, db):
    calls = []
    view = _counting_view(calls, cookie=True)
    first, second = view(rf.get("/cookie-page/")), view(rf.get("/cookie-page/"))
    assert calls == ["GET", "GET"]  # made afresh each time
    assert second.cookies["seen"].value == "yes" and second.content != first.content
    # Control: the same answer without the cookie is kept and served again.
    plain_calls = []
    plain = _counting_view(plain_calls)
    assert plain(rf.get("/plain-page/")).content == plain(rf.get("/plain-page/")).content
    assert plain_calls == ["GET"]


def test_a_post_is_never_answered_from_the_cache(rf, client, live, db):
    calls = []
    view = _counting_view(calls)
    view(rf.get("/form-page/"))
    posted = view(rf.post("/form-page/"))
    assert calls == ["GET", "POST"]
    assert posted.content == b"made 2 times by a POST"
    # Through the whole stack: the overview is kept, yet a POST to it is refused.
    assert client.get(URL).status_code == 200
    assert client.post(URL).status_code == 405
