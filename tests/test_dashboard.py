"""An offer's state in words, and what an officer sees about it at the top of their work.

The site administrators' list of offers words each offer's publishing state (offers.dashboard);
the workspace task list's review panel (offers.review) says what waits for approval, what is
scheduled, and how much feedback is new. Cast: an editor and an approver of council A, an
editor of council B, a site administrator.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse

from offers.dashboard import uk_time
from offers.feedback_inbox import feedback_mark_handled
from offers.financial_year import financial_year, financial_year_start
from offers.services import offer_reject, offer_schedule, offer_submit

from .conftest import publish
from .factories import FeedbackFactory

pytestmark = pytest.mark.django_db

OFFERS = "/admin/offers/offer/"
# "Today" for every test here: a Saturday in November 2026 (UK winter time, GMT).
NOW = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield NOW.date()


def offers_list(client) -> str:
    response = client.get(OFFERS)
    assert response.status_code == 200
    return response.content.decode()


def task_list(client, offer) -> str:
    response = client.get(reverse("workspace:tasks", args=[offer.council.slug]))
    assert response.status_code == 200
    return response.content.decode()


# --- The offer's state in words (the site administrators' list) ------------------------------


def test_an_offer_never_published_says_so(client_admin, offer_a):
    html = offers_list(client_admin)
    assert "Not published yet" in html
    assert "Not published</td>" in html  # no live version


def test_published_with_no_changes_since(client_admin, offer_a, approver_a):
    publish(offer_a, approver_a)
    html = offers_list(client_admin)
    assert "Published, no changes since" in html
    assert "Changes not yet published" not in html


def test_changes_not_yet_published(client_admin, offer_a, approver_a):
    publish(offer_a, approver_a)
    offer_a.title = "A new title"
    offer_a.save()
    html = offers_list(client_admin)
    assert "Changes not yet published" in html
    assert "Published, no changes since" not in html


def test_waiting_for_approval_since_the_latest_submission(client_admin, offer_a, officer_a):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        offer_submit(offer=offer_a, by=officer_a)
    with time_machine.travel(datetime.datetime(2026, 11, 3, 9, tzinfo=datetime.UTC)):
        offer_submit(offer=offer_a, by=officer_a, note="Sent again")
    assert "Waiting for approval since 3 November 2026" in offers_list(client_admin)


def test_scheduled_for_a_date_and_time(client, site_admin, offer_a, approver_a):
    offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="New rates",
        publish_at=datetime.datetime(2026, 12, 7, 9, 30, tzinfo=datetime.UTC),
        accept_gaps=True,
    )
    client.force_login(site_admin)
    assert "Scheduled for 7 December 2026 at 9:30am" in offers_list(client)
    client.force_login(approver_a)
    panel = task_list(client, offer_a).split("Scheduled to publish</dt>")[1][:200]
    assert "7 December 2026 at 9:30am" in panel


def test_returned_with_the_approvers_reason(client_admin, offer_a, officer_a, approver_a):
    offer_submit(offer=offer_a, by=officer_a)
    offer_reject(offer=offer_a, by=approver_a, reason="Add the 2026 rates for SGO carers")
    assert "Returned: Add the 2026 rates for SGO carers" in offers_list(client_admin)


# --- The workspace's review panel ----------------------------------------------------------


def test_new_feedback_counts_only_unhandled_answers_for_the_council(
    client_a, offer_a, offer_b, officer_a
):
    first, second, handled = (FeedbackFactory(council=offer_a.council) for _ in range(3))
    FeedbackFactory(council=offer_b.council)
    feedback_mark_handled(feedback=[handled], by=officer_a)
    assert "2 answers from families not handled yet" in task_list(client_a, offer_a)
    feedback_mark_handled(feedback=[first, second], by=officer_a)
    assert "0 answers from families not handled yet" in task_list(client_a, offer_a)


def test_another_councils_officer_never_sees_the_offer_or_its_feedback(
    client, offer_a, offer_b, officer_a, officer_b
):
    FeedbackFactory(council=offer_a.council)
    client.force_login(officer_b)
    html = task_list(client, offer_b)
    assert "Brackenford" in html and "Ashdown" not in html
    assert "0 answers from families" in html
    assert client.get(reverse("workspace:tasks", args=[offer_a.council.slug])).status_code == 404
    client.force_login(officer_a)
    assert "1 answer from families not handled yet" in task_list(client, offer_a)


# --- The rules' edges ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, start",
    [
        (datetime.date(2026, 3, 31), datetime.date(2025, 4, 1)),
        (datetime.date(2026, 4, 1), datetime.date(2026, 4, 1)),
        (datetime.date(2026, 4, 6), datetime.date(2026, 4, 1)),
        (datetime.date(2027, 1, 1), datetime.date(2026, 4, 1)),
        (datetime.date(2028, 2, 29), datetime.date(2027, 4, 1)),
    ],
)
def test_the_councils_financial_year_starts_on_1_april(day, start):
    assert financial_year_start(day) == start
    assert financial_year(day) == start.year


@pytest.mark.parametrize(
    "hour, minute, words",
    [(9, 0, "9am"), (14, 30, "2:30pm"), (12, 0, "midday"), (0, 0, "midnight"), (0, 5, "12:05am")],
)
def test_times_read_the_gov_uk_way(hour, minute, words):
    assert uk_time(datetime.datetime(2026, 12, 7, hour, minute, tzinfo=datetime.UTC)) == words
