"""The offer's history page: versions, what changed between any two, and who did what."""

import datetime

import pytest
from django.utils import timezone

from offers import services

from .conftest import publish
from .publishing_helpers import offer_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_twice(offer_a, approver_a):
    publish(offer_a, approver_a, "Our first offer.")
    allowance = offer_a.sections.get().allowances.get()
    allowance.name = "Weekly allowance for SGO carers"
    allowance.amount = "201.00"
    allowance.save()
    publish(offer_a, approver_a, "New rates from April.")
    return offer_a


def test_history_lists_versions_with_number_who_and_summary(client_a, published_twice):
    html = client_a.get(offer_url("history", published_twice)).content.decode()

    assert "History of Ashdown Test Council&#x27;s offer" in html
    assert "Our first offer." in html
    assert "New rates from April." in html
    assert "2 (live)" in html
    assert html.count("approver-a") >= 2


def test_history_shows_the_audit_trail(client_a, officer_a, published_twice):
    services.offer_submit(offer=published_twice, by=officer_a)
    services.preview_link_create(offer=published_twice, by=officer_a)

    html = client_a.get(offer_url("history", published_twice)).content.decode()

    for words in ["Submitted for approval", "Published", "Created a preview link"]:
        assert words in html
    assert "officer-a" in html


def test_editors_see_no_republish_link_approvers_do(client, officer_a, approver_a, published_twice):
    client.force_login(officer_a)
    assert (
        offer_url("rollback", published_twice, 1)
        not in client.get(offer_url("history", published_twice)).content.decode()
    )
    client.force_login(approver_a)
    assert (
        offer_url("rollback", published_twice, 1)
        in client.get(offer_url("history", published_twice)).content.decode()
    )


def test_comparing_two_versions_shows_the_changed_amount_in_words(client_a, published_twice):
    response = client_a.get(offer_url("compare", published_twice), {"old": "1", "new": "2"})

    html = response.content.decode()
    assert "Compare version 1 with version 2" in html
    assert "Allowance A: went up from £190 to £201 a week." in html
    assert "name changed from “Allowance A” to “Weekly allowance for SGO carers”" in html


def test_comparing_the_working_copy_with_the_live_version_by_default(client_a, published_twice):
    section = published_twice.sections.get()
    section.body = "We pay <b>allowances</b> to most carers."
    section.save()

    html = client_a.get(offer_url("compare", published_twice)).content.decode()

    assert "Compare version 2 with the working copy" in html
    assert "Money for carers A: text was changed." in html
    assert "<del>some</del>" in html
    assert "<ins>most</ins>" in html
    assert "&lt;b&gt;allowances&lt;/b&gt;" in html  # officer text is escaped, never run


def test_an_old_version_can_be_viewed_as_families_saw_it(client_a, published_twice):
    overview = client_a.get(offer_url("version", published_twice, 1)).content.decode()
    assert "Version 1, published" in overview
    assert "not the live version" in overview
    money_page = offer_url("version", published_twice, 1) + "financial/"
    assert f'href="{money_page}"' in overview  # the old version's own pages, not the live ones
    html = client_a.get(money_page).content.decode()
    assert "not the live version" in html
    assert "Allowance A" in html
    assert "Weekly allowance for SGO carers" not in html


def test_history_lists_scheduled_publishes_with_a_cancel_button(
    client_approver_a, approver_a, published_twice
):
    schedule = services.offer_schedule(
        offer=published_twice,
        by=approver_a,
        summary="Rates for next year.",
        publish_at=timezone.now() + datetime.timedelta(days=3),
        accept_gaps=True,
    )

    html = client_approver_a.get(offer_url("history", published_twice)).content.decode()

    assert "Rates for next year." in html
    assert offer_url("schedule_cancel", published_twice, schedule.pk) in html
    assert "Scheduled to publish" in html  # in the audit trail
