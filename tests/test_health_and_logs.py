"""/healthz tells a load balancer whether this server can answer, and every request leaves one
JSON log line with nothing a family typed in it."""

import json
import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connections

from offers.jsonlog import JsonLineFormatter
from offers.models import Feedback
from offers.services import preview_link_create, preview_link_token

from .conftest import publish

pytestmark = pytest.mark.django_db


# --- /healthz ----------------------------------------------------------------------------------


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_answers_head(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""
    assert not response.cookies


def test_healthz_is_503_when_the_database_does_not_answer(client):
    database = type(connections["default"])
    with mock.patch.object(
        database, "cursor", side_effect=OperationalError("could not connect to server")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}
    assert "could not connect" not in response.content.decode()
    assert not response.cookies
    # And it recovers as soon as the database does.
    assert client.get("/healthz").status_code == 200


def test_healthz_says_degraded_but_200_when_redis_does_not_answer(client, settings):
    # Every page is still made from the database, and every server shares the one Redis:
    # a load balancer must not take them all out for it.
    with mock.patch.object(
        cache, "ping", side_effect=ConnectionError("redis is down"), create=True
    ):
        assert client.get("/healthz").json() == {"status": "ok"}  # no REDIS_URL: not asked

        settings.REDIS_URL = "redis://127.0.0.1:6379/0"
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "failed": ["redis"]}
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_not_redirected_to_https_for_the_load_balancer(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/accessibility/").status_code == 301


# --- One JSON line per request -----------------------------------------------------------------


@pytest.fixture
def request_log(caplog):
    """Records of the "kinship.requests" logger (it does not pass them on to the root)."""
    logger = logging.getLogger("kinship.requests")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)  # and everything else that is logged, for the checks
    yield caplog
    logger.removeHandler(caplog.handler)


def request_lines(caplog) -> list[dict]:
    formatter = JsonLineFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == "kinship.requests"
    ]


def everything_logged(caplog) -> str:
    formatter = JsonLineFormatter()
    return "\n".join(formatter.format(record) for record in caplog.records)


def test_the_request_logger_writes_json_lines():
    handlers = logging.getLogger("kinship.requests").handlers
    assert any(isinstance(handler.formatter, JsonLineFormatter) for handler in handlers)


def test_each_request_is_one_json_line_with_status_duration_method_and_path(client, request_log):
    client.get("/accessibility/")
    client.get("/no-such-page/")

    lines = request_lines(request_log)
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/accessibility/", 200),
        ("GET", "/no-such-page/", 404),
    ]
    for line in lines:
        assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
        assert line["logger"] == "kinship.requests" and line["level"] == "INFO"
        assert "\n" not in JsonLineFormatter().format(request_log.records[0])


def test_the_query_string_is_never_logged(client, request_log):
    client.get("/search/?q=jane.doe%40example.com&postcode=AB1+2CD")

    (line,) = request_lines(request_log)
    assert line["path"] == "/search/"
    logged = everything_logged(request_log)
    assert "jane.doe" not in logged and "example.com" not in logged and "AB1" not in logged


def test_posting_feedback_logs_no_comment_text(client, offer_a, approver_a, request_log):
    revision = publish(offer_a, approver_a)
    anchor = revision.content["sections"][0]["anchor"]
    comment = "My grandson Tommy Example lives at 1 Sample Road, ring 07700 900123"

    response = client.post(
        "/offers/ashdown-test/feedback/", {"page": anchor, "useful": "no", "comment": comment}
    )

    assert response.status_code == 302
    assert Feedback.objects.get().comment == comment  # stored, as the family asked
    (line,) = [line for line in request_lines(request_log) if line["method"] == "POST"]
    assert line == {**line, "path": "/offers/ashdown-test/feedback/", "status": 302}
    logged = everything_logged(request_log)
    for fragment in ["Tommy", "Sample Road", "07700"]:
        assert fragment not in logged


def test_a_share_links_token_is_not_logged(client, offer_a, officer_a, request_log):
    token = preview_link_token(link=preview_link_create(offer=offer_a, by=officer_a))

    assert client.get(f"/preview/{token}/").status_code == 200

    (line,) = request_lines(request_log)
    assert line["path"] == "/preview/<token>/"
    assert token not in everything_logged(request_log)


def test_a_failing_request_is_logged_with_its_status(client, request_log):
    client.get("/search/?q=%00")
    (line,) = request_lines(request_log)
    assert (line["path"], line["status"]) == ("/search/", 400)
