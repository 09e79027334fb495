"""The officer's admin home: each of their offers with its live version and state in words,
the review date, old allowance rates, checklist gaps, new feedback, and for approvers what
waits for them. Officers see their own councils' offers only."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offers.dashboard import officer_dashboard, uk_time
from offers.feedback_inbox import feedback_mark_handled
from offers.financial_year import financial_year, financial_year_start
from offers.models import Allowance
from offers.services import offer_reject, offer_schedule, offer_submit

from .conftest import publish
from .factories import (
    AllowanceFactory,
    CouncilFactory,
    FeedbackFactory,
    OfferFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOME = "/admin/"
# "Today" for every test here: a Saturday in November 2026 (UK winter time, GMT).
NOW = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield NOW.date()


def home(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def summary_of(client, offer):
    [summary] = [s for s in client.get(HOME).context["dashboard"].offers if s.offer == offer]
    return summary


# --- The offer's state in words ------------------------------------------------------------


def test_an_offer_never_published_says_so(client_a, offer_a):
    html = home(client_a)
    assert "Not published yet" in html
    assert "None: families cannot see this offer yet" in html


def test_published_with_no_changes_since(client_a, offer_a, approver_a):
    publish(offer_a, approver_a)
    html = home(client_a)
    assert "Published, no changes since" in html
    assert "Version 1" in html
    assert "Send the changes for approval" not in html


def test_changes_not_yet_published(client_a, offer_a, approver_a):
    publish(offer_a, approver_a)
    offer_a.title = "A new title"
    offer_a.save()
    html = home(client_a)
    assert "Changes not yet published" in html
    assert "Published, no changes since" not in html
    assert f'href="/admin/offers/offer/{offer_a.pk}/submit/">Send the changes for approval' in html


def test_waiting_for_approval_since_the_latest_submission(client_a, offer_a, officer_a):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        offer_submit(offer=offer_a, by=officer_a)
    with time_machine.travel(datetime.datetime(2026, 11, 3, 9, tzinfo=datetime.UTC)):
        offer_submit(offer=offer_a, by=officer_a, note="Sent again")
    assert "Waiting for approval since 3 November 2026" in home(client_a)


def test_scheduled_for_a_date_and_time(client_a, offer_a, approver_a):
    offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="New rates",
        publish_at=datetime.datetime(2026, 12, 7, 9, 30, tzinfo=datetime.UTC),
        accept_gaps=True,
    )
    summary = summary_of(client_a, offer_a)
    assert summary.status == "Scheduled for 7 December 2026 at 9:30am"
    assert summary.also == ("Not published yet",)
    assert "Scheduled for 7 December 2026 at 9:30am" in home(client_a)


def test_returned_with_the_approvers_reason(client_a, offer_a, officer_a, approver_a):
    offer_submit(offer=offer_a, by=officer_a)
    offer_reject(offer=offer_a, by=approver_a, reason="Add the 2026 rates for SGO carers")
    html = home(client_a)
    assert "Returned: Add the 2026 rates for SGO carers" in html
    assert "Make the changes the approver asked for" in html


# --- Review date, rates, checklist, feedback ----------------------------------------------


@pytest.mark.parametrize(
    "due, words",
    [
        (datetime.date(2026, 11, 27), "Overdue: the review was due on 27 November 2026"),
        (datetime.date(2026, 11, 28), "Due today, 28 November 2026"),
        (datetime.date(2026, 12, 28), "Due in 30 days, on 28 December 2026"),
        (datetime.date(2027, 4, 1), "1 April 2027"),
    ],
)
def test_next_review_due_in_words(client_a, offer_a, due, words):
    offer_a.last_reviewed = datetime.date(2025, 11, 1)
    offer_a.next_review_due = due
    offer_a.save()
    summary = summary_of(client_a, offer_a)
    assert summary.review == words
    assert summary.review_overdue == words.startswith("Overdue")
    assert words in home(client_a)


def test_allowance_rates_from_before_the_last_1_april(client_a, offer_a, approver_a):
    section = offer_a.sections.get()  # Allowance A applies from 1 April 2026: this year's
    html = home(client_a)
    assert "None from before 1 April 2026" in html
    assert "Update the allowance rates" not in html
    AllowanceFactory(section=section, name="Old", applies_from=datetime.date(2026, 3, 31))
    assert "1 allowance rate is from before 1 April 2026" in home(client_a)
    AllowanceFactory(section=section, name="Older", applies_from=datetime.date(2025, 4, 6))
    html = home(client_a)
    assert "2 allowance rates are from before 1 April 2026" in html
    assert "Update the allowance rates for this financial year" in html
    Allowance.objects.filter(section=section).update(applies_from=datetime.date(2026, 4, 1))
    html = home(client_a)
    assert "None from before 1 April 2026" in html
    assert "Update the allowance rates" not in html


def test_published_offers_count_the_rates_families_see(client_a, offer_a, approver_a):
    offer_a.sections.get().allowances.update(applies_from=datetime.date(2026, 3, 31))
    publish(offer_a, approver_a)
    offer_a.sections.get().allowances.update(applies_from=datetime.date(2026, 4, 1))
    # Fixed in the working copy, but families still see the old rate until it is published.
    assert summary_of(client_a, offer_a).old_rates == 1


def test_checklist_gaps_are_listed(client_a, offer_a):
    summary = summary_of(client_a, offer_a)
    assert summary.checklist_gaps  # the factory offer covers only financial support
    html = home(client_a)
    assert f"{len(summary.checklist_gaps)} checklist gaps" in html
    assert "Covers accommodation (housing)" in html


def test_new_feedback_counts_only_unhandled_answers_for_the_council(
    client_a, offer_a, offer_b, officer_a
):
    first, _second, handled = (FeedbackFactory(council=offer_a.council) for _ in range(3))
    FeedbackFactory(council=offer_b.council)
    feedback_mark_handled(feedback=[handled], by=officer_a)
    html = home(client_a)
    assert ">2 new answers<" in html
    link = f"/admin/offers/feedback/?council__id__exact={offer_a.council_id}&amp;state=unread"
    assert f'href="{link}"' in html
    inbox = client_a.get(link.replace("&amp;", "&"))
    assert inbox.status_code == 200 and inbox.context["cl"].result_count == 2
    feedback_mark_handled(feedback=[first, _second], by=officer_a)
    assert "No new feedback" in home(client_a)


# --- Approvers ------------------------------------------------------------------------------


def test_approver_sees_what_waits_for_them(
    client, offer_a, offer_b, officer_a, approver_a, officer_b
):
    offer_submit(offer=offer_a, by=officer_a)
    offer_submit(offer=offer_b, by=officer_b)
    client.force_login(approver_a)
    html = home(client)
    assert "Waiting for you to approve" in html
    assert f'href="/admin/offers/offer/{offer_a.pk}/publish/"' in html
    assert (
        "Check and publish Ashdown Test Council’s offer</a>, sent for approval on "
        "28 November 2026" in html
    )
    assert "Brackenford" not in html
    # The editor who sent it sees its state, but nothing waits for them.
    client.force_login(officer_a)
    html = home(client)
    assert "Waiting for approval since 28 November 2026" in html
    assert "Waiting for you to approve" not in html


def test_site_administrator_sees_every_offer_and_everything_waiting(
    client_admin, offer_a, offer_b, officer_a, officer_b
):
    offer_submit(offer=offer_a, by=officer_a)
    offer_submit(offer=offer_b, by=officer_b)
    dashboard = client_admin.get(HOME).context["dashboard"]
    assert [s.offer for s in dashboard.offers] == [offer_a, offer_b]
    assert [s.offer for s in dashboard.waiting_for_you] == [offer_a, offer_b]


# --- Councils kept apart, and the app list kept ---------------------------------------------


def test_another_councils_officer_never_sees_the_offer(
    client, offer_a, offer_b, officer_a, officer_b
):
    FeedbackFactory(council=offer_a.council)
    client.force_login(officer_b)
    html = home(client)
    assert "Brackenford Test Council" in html
    assert "Ashdown" not in html
    assert f"/admin/offers/offer/{offer_a.pk}/" not in html
    # The same request by A's officer shows A's offer.
    client.force_login(officer_a)
    html = home(client)
    assert "Ashdown Test Council" in html and "1 new answer" in html
    assert "Brackenford" not in html


def test_the_app_list_is_still_on_the_home_page(client_a, offer_a):
    html = home(client_a)
    for link in (
        'href="/admin/offers/offer/"',
        'href="/admin/offers/section/"',
        'href="/admin/offers/feedback/"',
        'href="/admin/offers/auditevent/"',
    ):
        assert link in html


def test_staff_without_a_council_get_no_dashboard(client, offer_a):
    client.force_login(UserFactory(username="stranger"))
    response = client.get(HOME)
    assert response.status_code == 200
    assert "dashboard" not in response.context
    assert "Ashdown" not in response.content.decode()


def test_queries_do_not_grow_with_the_number_of_offers(site_admin, offer_a, offer_b):
    def count():
        with CaptureQueriesContext(connection) as queries:
            officer_dashboard(site_admin)
        return len(queries)

    before = count()
    for n in range(3):
        OfferFactory(council=CouncilFactory(name=f"Extra {n} Council"))
    assert count() == before


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
