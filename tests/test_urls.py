"""Every address: HEAD answers wherever GET does."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from offers import alerts
from offers.consultations import consultation_open, consultation_token
from offers.fact_check import fact_check_send
from offers.models import AlertSubscription
from offers.services import preview_link_create, preview_link_token

from .conftest import publish
from .factories import PeerGroupFactory, TrainingCourseFactory

# --- HEAD answers wherever GET does ------------------------------------------------------------


def public_patterns(patterns=None, namespace=""):
    """(name, argument names) for every named URL outside the officers' areas (the admin and
    the workspace, whose every address and method the permission matrix checks), from the
    URLconf."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "workspace"):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from public_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"give {pattern.pattern} a name"
            yield f"{namespace}{pattern.name}", list(pattern.pattern.regex.groupindex)


@pytest.fixture
def example_arguments(live_a, anchor, offer_a, officer_a, approver_a):
    from offers.api.open_referral import (
        ARRANGEMENT_TAXONOMY_ID,
        arrangement_term_id,
        service_id,
        stable_id,
    )

    link = preview_link_create(offer=offer_a, by=officer_a)
    waiting = AlertSubscription.objects.create(council=offer_a.council, email="x@family.example")
    check = fact_check_send(offer=offer_a, by=officer_a, name="Dr Example", email="gp@nhs.example")
    course = TrainingCourseFactory(section=offer_a.sections.get(), title="Caring for teenagers")
    group = PeerGroupFactory(section=offer_a.sections.get(), venue="The library")
    republished = publish(offer_a, approver_a, summary="A course")
    course_key = republished.content["sections"][0]["training_courses"][0]["key"]
    assert course_key == str(course.key)
    return {
        "slug": "ashdown-test",
        "anchor": anchor,
        "page": anchor,
        "token": preview_link_token(link=link),
        "check_token": check.token,
        "colour": "1d70b8",
        "version": live_a.version,
        "service_id": service_id(offer_a.council.gss_code, course_key),
        "service_at_location_id": stable_id(
            "service-at-location", service_id(offer_a.council.gss_code, str(group.key))
        ),
        "taxonomy_id": ARRANGEMENT_TAXONOMY_ID,
        "term_id": arrangement_term_id("sgo"),
        "rest": "no-such-thing/",
        "confirm_token": _last_part(alerts.confirm_url(waiting)),
        "unsubscribe_token": _last_part(alerts.unsubscribe_url(waiting)),
        "consultation_token": consultation_token(open_consultation(offer_a, officer_a)),
    }


def _last_part(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def open_consultation(offer, officer):
    return consultation_open(
        council=offer.council,
        by=officer,
        source="working_copy",
        closes_on=datetime.date.today() + datetime.timedelta(days=7),
        questions=["What is missing?"],
    )


def test_head_gets_the_same_status_as_get_on_every_public_address(client, example_arguments):
    checked = 0
    for name, arguments in public_patterns():
        missing = [argument for argument in arguments if argument not in example_arguments]
        assert not missing, f"add an example for {missing} (URL {name}) to example_arguments"
        url = reverse(name, kwargs={key: example_arguments[key] for key in arguments})
        if name in {"offer_feedback", "offer_feedback_thanks"}:
            url += f"?page={example_arguments['page']}"
        got = client.get(url)
        head = client.head(url)
        assert got.status_code != 405, url
        assert head.status_code == got.status_code, (url, got.status_code, head.status_code)
        assert head.content == b"", url
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize("url", ["/accessibility/", "/privacy/", "/robots.txt", "/healthz"])
def test_head_works_on_the_pages_that_refused_it(client, db, url):
    assert client.head(url).status_code == 200


def test_no_view_accepts_get_without_head():
    views_dir = settings.BASE_DIR / "offers" / "views"
    for path in views_dir.glob("*.py"):
        source = path.read_text()
        assert "require_GET" not in source, path.name
        for methods in re.findall(r"require_http_methods\((\[[^\]]*\])\)", source):
            assert "GET" not in methods or "HEAD" in methods, (path.name, methods)
