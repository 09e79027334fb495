"""Nobody can fill the page cache, or make the server render without bound: only pages at
addresses a family can reach are kept (offers.page_cache), and pages made afresh are limited
per client (offers.flood), with a 429 past the limit while kept pages are still served.

Cast: an approver of council A (publishes), an anonymous carer (the plain client)."""

import pytest
from django.core.cache import caches

from offers import flood
from offers.models import Offer

from .conftest import publish
from .factories import SupportServiceFactory

URL = "/offers/ashdown-test/"
API = "/api/v1/"


@pytest.fixture
def live(offer_a, approver_a):
    publish(offer_a, approver_a)
    return offer_a


def kept_pages() -> int:
    return sum(":page:" in key for key in caches["pages"]._cache)


def made_up(n: int) -> list[str]:
    """Requests with the n-th made-up value of every parameter and address kind."""
    return [
        f"{URL}?for=x{n}",
        f"{URL}financial/?for=x{n}",
        f"/offers/made-up-{n}/",
        f"{URL}made-up-{n}/",
        f"{URL}print/?for=x{n}",
        f"/search/?q=word{n}",
        f"/search/?scope=offers&council=x{n}",
        f"/compare/?region=x{n}",
        f"/compare/?sort=x{n}&order=x{n}",
        f"{API}councils/?page={n + 2}",
        f"{API}councils/?page=0{n}",
        f"{API}openreferral/services/?per_page={n % 100 + 1}",
        f"{API}offers/ashdown-test/versions/0{n}/",
        f"{API}x{n}",
        f"/sitemap.xml?x={n}",
        f"{API}offers/ashdown-test/?page={n}",
    ]


def test_2000_made_up_parameter_values_add_at_most_a_handful_of_kept_pages(
    client, live, monkeypatch
):
    monkeypatch.setattr(flood, "_now", lambda: 1_800_000_000.0)  # all in one minute
    before = kept_pages()
    statuses = []
    n = 0
    while len(statuses) < 2000:
        statuses += [client.get(url).status_code for url in made_up(n)]
        n += 1
    # Kept: the print booklet, the sitemap and the API offer, each once (parameters they do
    # not read are ignored). The first 120 renders each got their answer (a page, a 400 or a
    # 404) and made nothing kept; past the render limit the rest got 429.
    assert kept_pages() - before <= 3
    assert set(statuses) <= {200, 400, 404, 429}
    assert statuses[: flood.RENDERS_PER_MINUTE].count(429) == 0
    assert statuses.count(429) >= 1500  # 3 of the 16 kinds are those kept pages, served


@pytest.mark.parametrize(
    "url, status",
    [
        (URL + "?for=sgo", 200),
        (URL + "financial/?for=kinship_foster", 200),
        ("/compare/?region=&sort=sgo&order=desc", 200),
        ("/compare/?region=london", 200),
        (API + "councils/?page=1", 200),
        (API + "offers/ashdown-test/versions/1/", 200),
        ("/search/", 200),
        ("/search/?scope=offers", 200),
        ("/search/?q=money", 200),  # found the section "Money for carers A"
        ("/search/?q=money&scope=offers&council=ashdown-test&for=", 200),
    ],
)
def test_a_page_at_an_address_the_site_links_to_is_kept(client, live, url, status):
    before = kept_pages()
    assert client.get(url).status_code == status
    assert kept_pages() == before + 1


@pytest.mark.parametrize(
    "url, status",
    [
        (URL + "?for=x", 200),  # the page, with a note that we do not know that situation
        (URL + "?for=sgo&for=sgo", 200),
        (URL + "?for=%20sgo", 200),
        (URL + "?for=", 200),
        ("/compare/?region=atlantis", 200),  # every region
        ("/compare/?order=up", 200),
        (API + "councils/?page=01", 200),  # page 1, written another way
        (API + "councils/?page=2", 400),  # there is no page 2
        (API + "openreferral/services/?per_page=10", 200),
        (API + "offers/ashdown-test/versions/01/", 200),
        ("/search/?q=nothing+like+it", 200),  # found nothing
        ("/search/?q=", 200),  # the error
        ("/search/?q=%20money", 200),
        ("/search/?q=money&council=made-up", 200),  # every council's results
        ("/search/?council=ashdown-test", 200),  # the empty form
        ("/offers/made-up/", 404),
        (URL + "made-up/", 404),
        (API + "offers/made-up/", 404),
        (API + "made-up", 404),
    ],
)
def test_an_answer_for_a_made_up_or_odd_value_is_given_but_not_kept(client, live, url, status):
    before = kept_pages()
    assert client.get(url).status_code == status
    assert client.get(url).status_code == status
    assert kept_pages() == before


def test_an_open_referral_service_id_written_another_way_is_answered_not_kept(
    client, offer_a, approver_a
):
    SupportServiceFactory(section=offer_a.sections.get())
    publish(offer_a, approver_a)
    service = client.get(API + "openreferral/services/").json()["contents"][0]["id"]
    before = kept_pages()
    assert client.get(f"{API}openreferral/services/{service.upper()}/").json()["id"] == service
    assert kept_pages() == before
    assert client.get(f"{API}openreferral/services/{service}/").status_code == 200
    assert kept_pages() == before + 1


def test_past_the_render_limit_a_client_gets_429_but_still_every_kept_page(
    client, live, monkeypatch
):
    monkeypatch.setattr(flood, "RENDERS_PER_MINUTE", 3)
    monkeypatch.setattr(flood, "_now", lambda: 1_800_000_030.0)  # 30 s into a minute
    assert client.get(URL).status_code == 200  # made (1) and kept
    for n in range(2):
        assert client.get(f"/offers/made-up-{n}/").status_code == 404  # made (2, 3)

    refused = client.get("/offers/made-up-2/")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert "Wait a minute, then try again" in refused.content.decode()
    assert refused["Retry-After"] == "30"  # the rest of the minute
    assert refused["Cache-Control"] == "no-store"
    api = client.get(API + "councils/")
    assert api.status_code == 429
    assert api.json()["error"]["status"] == 429
    assert api["Access-Control-Allow-Origin"] == "*"

    assert client.get(URL).status_code == 200  # kept: served all the same
    # Another family's address is counted on its own.
    assert client.get("/offers/made-up-2/", REMOTE_ADDR="192.0.2.7").status_code == 404


def test_only_so_many_searches_are_kept_under_one_content_version(client, live, approver_a):
    from offers import page_cache
    from offers.views import search

    # As if KEPT_SEARCHES - 1 other searches had been kept since the last publish.
    key = page_cache.kept_count_key(search.search_page.__wrapped__, page_cache.content_version())
    caches["pages"].set(key, search.KEPT_SEARCHES - 1)
    before = kept_pages()
    assert "<mark>Money</mark>" in client.get("/search/?q=money").content.decode()
    assert kept_pages() == before + 1  # the last one there is room for
    assert "We found 1 result for “carers”" in client.get("/search/?q=carers").content.decode()
    assert kept_pages() == before + 1  # answered, not kept
    Offer.objects.filter(pk=live.pk).update(title="A second title")
    publish(live, approver_a, "Second")
    assert client.get("/search/?q=carers").status_code == 200
    assert kept_pages() == before + 2  # a new content version: room again


def test_only_so_many_open_referral_searches_are_kept_under_one_content_version(client, live):
    """Search words on the Open Referral lists are free text, bounded like the site's search."""
    from offers import page_cache
    from offers.api import oruk_query

    key = f"kept-count:offers.api.views.oruk_services:{page_cache.content_version()}"
    caches["pages"].set(key, oruk_query.KEPT_FILTERED_LISTS - 1)
    before = kept_pages()
    url = "/api/v1/openreferral/services/"
    assert client.get(url, {"search": "allowance"}).status_code == 200
    assert kept_pages() == before + 1  # the last one there is room for
    answered = client.get(url, {"search": "carers"})
    assert answered.status_code == 200 and "total_items" in answered.json()
    assert kept_pages() == before + 1  # answered, not kept
