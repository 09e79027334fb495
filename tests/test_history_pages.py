"""The workspace's history pages: what changed between two versions, in words and marked up,
and what is scheduled to publish. (Listing versions, viewing one and restoring it are in
test_workspace_review_history.) Cast: an editor and an approver of council A."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from offers import services

from .conftest import publish

pytestmark = pytest.mark.django_db


def url(name, offer, *args):
    return reverse(f"workspace:{name}", args=[offer.council.slug, *args])


@pytest.fixture
def published_twice(offer_a, approver_a):
    publish(offer_a, approver_a, "Our first offer.")
    allowance = offer_a.sections.get().allowances.get()
    allowance.name = "Weekly allowance for SGO carers"
    allowance.amount = "201.00"
    allowance.save()
    publish(offer_a, approver_a, "New rates from April.")
    return offer_a


def test_comparing_two_versions_shows_the_changed_amount_in_words(client_a, published_twice):
    response = client_a.get(url("compare", published_twice), {"old": "1", "new": "2"})

    html = response.content.decode()
    assert "Compare version 1 with version 2" in html
    assert "Allowance A: went up from £190 to £201 a week." in html
    assert "name changed from “Allowance A” to “Weekly allowance for SGO carers”" in html


def test_comparing_the_working_copy_with_the_live_version_by_default(client_a, published_twice):
    section = published_twice.sections.get()
    section.body = "We pay <b>allowances</b> to most carers."
    section.save()

    html = client_a.get(url("compare", published_twice)).content.decode()

    assert "Compare version 2 with the working copy" in html
    assert "Money for carers A: text was changed." in html
    assert "<del>some</del>" in html
    assert "<ins>most</ins>" in html
    assert "&lt;b&gt;allowances&lt;/b&gt;" in html  # officer text is escaped, never run


def test_history_lists_scheduled_publishes_and_approvals_can_cancel_them(
    client_approver_a, approver_a, published_twice
):
    schedule = services.offer_schedule(
        offer=published_twice,
        by=approver_a,
        summary="Rates for next year.",
        publish_at=timezone.now() + datetime.timedelta(days=3),
        accept_gaps=True,
    )

    html = client_approver_a.get(url("history", published_twice)).content.decode()

    assert "Rates for next year." in html
    approvals = client_approver_a.get(url("approvals", published_twice)).content.decode()
    assert url("schedule_cancel", published_twice, schedule.pk) in approvals
