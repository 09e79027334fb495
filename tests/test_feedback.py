"""'Is this page useful?': the links at the foot of each page of the guide, the feedback page
they lead to, storing answers, refusing bad ones, and the flood limit in the shared cache."""

import os
import re
import threading
import uuid
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client

from offers.feedback import (
    FEEDBACK_LIMIT_PER_HOUR,
    client_address,
    client_key_for,
    feedback_slot_take,
)
from offers.models import Feedback

from .settings_helpers import load_settings

URL_A = "/offers/ashdown-test/feedback/"
CACHE_TABLE = "kinship_cache"
TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


def send(client, page, useful="yes", comment="", more=None, **request_meta):
    """POST an answer as the feedback page's form does (request_meta: REMOTE_ADDR and such)."""
    data = {"page": page, "useful": useful, "comment": comment, **(more or {})}
    return client.post(URL_A, data, **request_meta)


def hrefs(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)]


# --- The include at the foot of each page -----------------------------------------------------


def test_page_feedback_include_has_no_form_and_links_to_the_feedback_page(
    council_a, live_a, anchor
):
    html = render_to_string(
        "includes/page_feedback.html", {"council": council_a, "page": anchor, "revision": live_a}
    )
    assert "<form" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "Is this page useful?" in html
    assert "kp-no-print" in html
    links = hrefs(html)
    assert f"{URL_A}?page={anchor}&useful=yes" in links
    assert f"{URL_A}?page={anchor}&useful=no" in links
    assert f"{URL_A}?page={anchor}" in links
    assert 'Yes<span class="govuk-visually-hidden"> this page is useful</span>' in html
    assert 'No<span class="govuk-visually-hidden"> this page is not useful</span>' in html
    assert "Tell us what was unclear</a>" in html


def test_page_feedback_include_is_not_shown_on_previews(council_a, live_a, anchor):
    context = {"council": council_a, "page": anchor}
    working_copy = render_to_string("includes/page_feedback.html", {**context, "revision": None})
    assert working_copy.strip() == ""
    preview = render_to_string(
        "includes/page_feedback.html",
        {**context, "revision": live_a, "preview_banner": "Preview — not published"},
    )
    assert preview.strip() == ""


@pytest.mark.parametrize("useful", ["yes", "no"])
def test_link_in_the_include_leads_to_a_form_naming_the_page_from_the_live_document(
    client, council_a, live_a, anchor, useful
):
    include = render_to_string(
        "includes/page_feedback.html", {"council": council_a, "page": anchor, "revision": live_a}
    )
    link = next(href for href in hrefs(include) if href.endswith(f"useful={useful}"))
    response = client.get(link)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="govuk-caption-l">Money for carers A</span>' in html
    assert "Give feedback about this page</h1>" in html
    assert f'value="{useful}" checked>' in html
    assert html.count(" checked>") == 1
    assert f'<input type="hidden" name="page" value="{anchor}">' in html
    assert "csrfmiddlewaretoken" in html
    assert "Do not include any names, addresses or phone numbers" in html
    assert 'data-maxlength="1000"' in html
    assert "You can enter up to 1,000 characters" in html
    assert f'<a href="/offers/ashdown-test/{anchor}/" class="govuk-back-link">' in html
    assert "<title>Give feedback about this page – Ashdown Test Council – " in html


@pytest.mark.parametrize(
    ("page", "name", "url"),
    [
        ("overview", "Overview", "/offers/ashdown-test/"),
        ("situations", "What does my situation mean?", "/offers/ashdown-test/situations/"),
    ],
)
def test_overview_and_situations_pages_have_feedback_pages_too(client, live_a, page, name, url):
    html = client.get(URL_A, {"page": page}).content.decode()
    assert f'<span class="govuk-caption-l">{name}</span>' in html
    assert f'<a href="{url}" class="govuk-back-link">' in html
    assert " checked>" not in html  # no answer picked for the family

    response = send(client, page, "no", comment="Too long")
    feedback = Feedback.objects.get()
    assert (feedback.section_anchor, feedback.section_heading) == (page, name)
    thanks = client.get(response["Location"]).content.decode()
    assert f'href="{url}">Go back to {name}</a>' in thanks


def test_a_made_up_useful_value_in_the_link_picks_no_answer(client, live_a, anchor):
    html = client.get(URL_A, {"page": anchor, "useful": "maybe"}).content.decode()
    assert " checked>" not in html


class _PostForm(HTMLParser):
    """What a browser without JavaScript would send: the post form's action and its fields."""

    def __init__(self):
        super().__init__()
        self.action, self.fields, self.radios, self.buttons = None, {}, [], []
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post":
            self._in_form, self.action = True, attrs["action"]
        elif self._in_form and tag == "input" and attrs.get("type") == "radio":
            self.radios.append((attrs["name"], attrs["value"]))
        elif self._in_form and tag == "input":
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif self._in_form and tag == "textarea":
            self.fields[attrs["name"]] = ""
        elif self._in_form and tag == "button":
            self.buttons.append(attrs.get("type"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False


def test_feedback_page_is_a_plain_html_form_that_works_without_javascript(live_a, anchor):
    browser = Client(enforce_csrf_checks=True)
    form = _PostForm()
    form.feed(browser.get(URL_A, {"page": anchor}).content.decode())
    assert form.action == URL_A
    assert form.buttons == ["submit"]
    assert form.radios == [("useful", "yes"), ("useful", "no")]
    assert set(form.fields) == {"csrfmiddlewaretoken", "page", "comment"}

    response = browser.post(form.action, {**form.fields, "useful": "no", "comment": "Dates?"})
    assert response.status_code == 302
    assert (Feedback.objects.get().section_anchor, Feedback.objects.get().comment) == (
        anchor,
        "Dates?",
    )


# --- Storing answers --------------------------------------------------------------------------


def test_answer_is_stored_with_page_name_from_the_live_document_and_thanks_links_back(
    client, live_a, anchor
):
    response = send(
        client,
        anchor,
        "no",
        comment="What does means-tested mean?",
        more={"section_heading": "Forged heading", "page_name": "Forged name"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{URL_A}thanks/?page={anchor}"
    feedback = Feedback.objects.get()
    assert feedback.council.slug == "ashdown-test"
    assert feedback.revision == live_a
    assert feedback.section_anchor == anchor
    assert feedback.section_heading == "Money for carers A"
    assert feedback.was_clear is False
    assert feedback.comment == "What does means-tested mean?"

    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback" in thanks
    assert f'href="/offers/ashdown-test/{anchor}/">Go back to Money for carers A</a>' in thanks


def test_yes_answer_without_comment_is_stored(client, live_a, anchor):
    send(client, anchor, "yes")
    feedback = Feedback.objects.get()
    assert feedback.was_clear is True
    assert feedback.comment == ""


def test_no_answer_shows_error_summary_keeps_comment_and_stores_nothing(client, live_a, anchor):
    response = client.post(URL_A, {"page": anchor, "comment": "The money part"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    message = "Select yes if this page was useful, or no if it was not"
    assert f'<a href="#useful">{message}</a>' in html
    assert 'id="useful-error"' in html
    assert 'aria-describedby="useful-error"' in html
    assert ">The money part</textarea>" in html
    assert "<title>Error: Give feedback about this page" in html
    assert '<span class="govuk-caption-l">Money for carers A</span>' in html
    assert Feedback.objects.count() == 0


def test_an_answer_other_than_yes_or_no_is_refused(client, live_a, anchor):
    html = send(client, anchor, "maybe").content.decode()
    assert "Select yes if this page was useful, or no if it was not" in html
    assert Feedback.objects.count() == 0


def test_comment_of_1001_characters_is_refused_and_kept_for_editing(client, live_a, anchor):
    long_comment = "a" * 1001
    html = send(client, anchor, "no", comment=long_comment).content.decode()
    assert "What was unclear must be 1,000 characters or fewer" in html
    assert '<a href="#comment">' in html
    assert "govuk-textarea--error" in html
    assert 'aria-describedby="comment-info comment-error"' in html
    assert f">{long_comment}</textarea>" in html
    assert 'value="no" checked>' in html
    assert Feedback.objects.count() == 0


def test_comment_of_exactly_1000_characters_counting_new_lines_as_one_is_stored(
    client, live_a, anchor
):
    comment = "a" * 100 + ("\r\n" + "a" * 99) * 9  # 1,009 as sent, 1,000 as typed
    send(client, anchor, "no", comment=comment)
    assert len(Feedback.objects.get().comment) == 1000


def test_tampered_page_is_404_in_the_site_layout_and_stores_nothing(client, live_a, anchor):
    for page in ["made-up", "", "Money for carers A", "feedback"]:
        assert send(client, page).status_code == 404
        assert client.get(URL_A, {"page": page}).status_code == 404
    assert client.get(URL_A).status_code == 404
    not_found = client.get(URL_A, {"page": "made-up"}).content.decode()
    assert "Page not found" in not_found and 'href="#main-content"' in not_found
    assert client.get(f"{URL_A}thanks/", {"page": "made-up"}).status_code == 404
    assert Feedback.objects.count() == 0
    # The same request about a real page is stored: the refusals above are about the page.
    assert send(client, anchor).status_code == 302
    assert client.get(f"{URL_A}thanks/", {"page": anchor}).status_code == 200


def test_feedback_for_unknown_or_unpublished_council_is_404(client, offer_b):
    for url in ["/offers/brackenford-test/feedback/", "/offers/no-such-council/feedback/"]:
        assert client.get(url, {"page": "overview"}).status_code == 404
        assert client.post(url, {"page": "overview", "useful": "yes"}).status_code == 404
    assert Feedback.objects.count() == 0


def test_feedback_for_inactive_council_is_404(client, live_a, anchor, council_a):
    council_a.is_active = False
    council_a.save()
    assert client.get(URL_A, {"page": anchor}).status_code == 404
    assert send(client, anchor).status_code == 404
    assert Feedback.objects.count() == 0


def test_post_without_csrf_token_is_refused_with_friendly_page(live_a, anchor):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL_A, {"page": anchor, "useful": "yes"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sorry, we could not send your answer" in html
    assert 'href="#main-content"' in html
    assert Feedback.objects.count() == 0


# --- The flood limit --------------------------------------------------------------------------


def test_eleventh_answer_in_an_hour_gets_429_and_is_not_stored(client, live_a, anchor):
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        assert send(client, anchor).status_code == 302
    response = send(client, anchor, "no", comment="flood")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent a lot of feedback" in html
    assert f'href="/offers/ashdown-test/{anchor}/">Go back to Money for carers A</a>' in html
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR
    assert not Feedback.objects.filter(comment="flood").exists()


def test_flood_limit_is_per_client(client, live_a, anchor):
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        send(client, anchor, REMOTE_ADDR="192.0.2.1")
    assert send(client, anchor, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert send(client, anchor, REMOTE_ADDR="192.0.2.2").status_code == 302
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR + 1


def test_invalid_answers_do_not_use_up_the_limit(client, live_a, anchor):
    for _ in range(FEEDBACK_LIMIT_PER_HOUR + 2):
        client.post(URL_A, {"page": anchor})
    assert send(client, anchor).status_code == 302


def test_client_key_is_a_keyed_hash_not_the_address(rf):
    one = client_key_for(rf.get("/", REMOTE_ADDR="192.0.2.1"))
    assert "192.0.2.1" not in one
    assert len(one) == 64
    assert one == client_key_for(rf.get("/", REMOTE_ADDR="192.0.2.1"))
    assert one != client_key_for(rf.get("/", REMOTE_ADDR="192.0.2.2"))


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, "10.0.0.5"),
        (0, "203.0.113.9", "10.0.0.5"),  # no proxy: the header is the client's own words
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # left-most added by the client
        (1, " 6.6.6.6 ,203.0.113.9 ", "203.0.113.9"),
        (1, None, "10.0.0.5"),
        (1, "", "10.0.0.5"),
        (2, "203.0.113.9, 198.51.100.7", "203.0.113.9"),  # CDN, then load balancer
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.7", "203.0.113.9"),
        (2, "198.51.100.7", "10.0.0.5"),  # fewer than the proxies: not trusted
    ],
)
def test_client_address_is_taken_from_the_trusted_proxies_only(
    rf, settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.5", **headers)) == expected


def test_behind_a_proxy_a_made_up_forwarded_address_does_not_escape_the_limit(
    client, settings, live_a, anchor
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for n in range(FEEDBACK_LIMIT_PER_HOUR):
        spoofed = f"6.6.6.{n}, 203.0.113.9"
        assert send(client, anchor, HTTP_X_FORWARDED_FOR=spoofed, **proxy).status_code == 302
    again = send(client, anchor, HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.9", **proxy)
    assert again.status_code == 429
    # Another family behind the same load balancer has its own limit.
    other = send(client, anchor, HTTP_X_FORWARDED_FOR="203.0.113.10", **proxy)
    assert other.status_code == 302


def test_test_database_has_the_cache_table_and_the_default_cache_uses_it(db):
    assert CACHE_TABLE in connection.introspection.table_names()
    default = django_settings.CACHES["default"]
    assert default["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert default["LOCATION"] == CACHE_TABLE


def test_flood_limit_is_kept_in_the_database_so_every_worker_sees_it(
    client, monkeypatch, live_a, anchor
):
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        send(client, anchor)
    with connection.cursor() as cursor:
        # Not counting the public pages' content version (offers.page_cache), kept there too.
        cursor.execute(
            f"SELECT COUNT(*) FROM {CACHE_TABLE} WHERE cache_key NOT LIKE '%public-pages%'"
        )
        assert cursor.fetchone()[0] == FEEDBACK_LIMIT_PER_HOUR
    # Another worker has its own cache client, with nothing in its memory.
    monkeypatch.setattr("offers.flood.cache", caches.create_connection("default"))
    assert send(client, anchor).status_code == 429
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR


@pytest.fixture
def redis_cache(monkeypatch, settings):
    """The default cache as settings.py makes it from REDIS_URL, under a key prefix of its own
    (other runs may share database 15). Skips when Redis does not answer, unless REQUIRE_REDIS
    is set: CI runs Redis, and must never pass by skipping."""
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(f"REQUIRE_REDIS is set but Redis at {TEST_REDIS_URL} is silent: {exc}")
        pytest.skip(f"Redis at {TEST_REDIS_URL} does not answer")
    prefix = f"kp-test-{uuid.uuid4().hex}"
    default = load_settings(monkeypatch, REDIS_URL=TEST_REDIS_URL).CACHES["default"]
    settings.CACHES = {**settings.CACHES, "default": {**default, "KEY_PREFIX": prefix}}
    yield
    server = redis.Redis.from_url(TEST_REDIS_URL)
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


def test_flood_limit_holds_in_redis_across_two_cache_clients(
    client, monkeypatch, redis_cache, live_a, anchor
):
    assert type(caches["default"]).__name__ == "ReusedClientRedisCache"
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        assert send(client, anchor).status_code == 302
    monkeypatch.setattr("offers.flood.cache", caches.create_connection("default"))
    assert send(client, anchor).status_code == 429
    assert send(client, anchor, REMOTE_ADDR="192.0.2.2").status_code == 302
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR + 1


def test_workers_answering_at_the_same_moment_never_share_one_answer_in_redis(redis_cache):
    start = threading.Barrier(3 * FEEDBACK_LIMIT_PER_HOUR)
    taken = []

    def worker():
        start.wait()
        taken.append(feedback_slot_take(client_key="same-client"))

    threads = [threading.Thread(target=worker) for _ in range(3 * FEEDBACK_LIMIT_PER_HOUR)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert taken.count(True) == FEEDBACK_LIMIT_PER_HOUR
