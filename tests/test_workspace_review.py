"""The workspace's review pages through the HTTP client: send for approval, the approvals page
(publish now, schedule, send back), and the task list's review panel.

One cast: approver_a (approver of A), officer_a (editor of A), officer_b (officer of B) and
the anonymous client."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.documents import document_for
from offers.models import AuditAction, OfferStatus, ScheduledPublish, ScheduleStatus

from .conftest import publish

pytestmark = pytest.mark.django_db


def url(name, council, *args):
    return reverse(f"workspace:{name}", args=[council.slug, *args])


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    """The page's words, tags taken out and spaces squeezed, for "the user reads" checks."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body)


def error_summary_links(response) -> list[tuple[str, str]]:
    html = response.content.decode()
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


def assert_links_point_at_fields(response):
    """Every error-summary link points at an element id on the page."""
    html = response.content.decode()
    links = error_summary_links(response)
    assert links, "no error summary"
    for field_id, _message in links:
        assert f'id="{field_id}"' in html, f"#{field_id} is not on the page"


@pytest.fixture
def edited_a(live_a, offer_a):
    """A's offer live as version 1, with a new heading in the working copy."""
    section = offer_a.sections.get()
    section.heading = "Money for kinship carers"
    section.save()
    return offer_a


# --- Send for approval ---------------------------------------------------------------------


def test_editor_sends_for_approval_with_a_note_and_the_approver_reads_it(
    officer_a, approver_a, edited_a, council_a
):
    response = as_user(officer_a).post(
        url("send", council_a), {"note": "New heading, please check"}
    )
    assert response.status_code == 302
    edited_a.refresh_from_db()
    assert edited_a.status == OfferStatus.SUBMITTED
    page = as_user(approver_a).get(url("approvals", council_a))
    assert "New heading, please check" in text(page)
    assert "Money for kinship carers" in text(page)  # the change since the live version


def test_send_for_approval_cannot_start_while_a_required_task_is_open(
    officer_a, edited_a, council_a
):
    edited_a.manager_name = ""
    edited_a.save()
    client = as_user(officer_a)
    page = client.get(url("send", council_a))
    assert "Cannot start yet" in text(page)
    assert "No senior manager is named" in text(page)
    assert "<textarea" not in page.content.decode()
    refused = client.post(url("send", council_a), {"note": "Anyway"})
    assert refused.status_code == 200
    edited_a.refresh_from_db()
    assert edited_a.status == OfferStatus.DRAFT


def test_nothing_to_send_when_the_working_copy_is_the_live_version(officer_a, live_a, council_a):
    page = as_user(officer_a).get(url("send", council_a))
    assert "Cannot start yet" in text(page)
    assert "nothing to approve" in text(page)


def test_the_submit_service_refuses_when_not_ready_if_asked(officer_a, live_a, offer_a):
    with pytest.raises(services.NotReadyToSend):
        services.offer_submit(offer=offer_a, by=officer_a, require_ready=True)
    services.offer_submit(offer=offer_a, by=officer_a)  # the admin's submit does not ask


# --- The approvals page ----------------------------------------------------------------------


def test_editors_may_not_open_the_approvals_page_and_other_councils_do_not_see_it(
    officer_a, officer_b, edited_a, council_a
):
    assert as_user(officer_a).get(url("approvals", council_a)).status_code == 403
    assert as_user(officer_b).get(url("approvals", council_a)).status_code == 404
    anonymous = Client().get(url("approvals", council_a))
    assert anonymous.status_code == 302 and "/workspace/sign-in/" in anonymous["Location"]


def test_publish_now_from_the_approvals_page_goes_live(approver_a, edited_a, council_a, client):
    assert "Money for kinship carers" not in text(client.get(council_a.get_absolute_url()))
    approver = as_user(approver_a)
    response = approver.post(
        url("approvals", council_a),
        {
            "action": "publish",
            "publish-summary": "We renamed the money section",
            "publish-review": "keep",
            "publish-next_review_due_day": "1",
            "publish-next_review_due_month": "4",
            "publish-next_review_due_year": "2027",
            "publish-accept_gaps": "on",
        },
    )
    assert response.status_code == 302, error_summary_links(response)
    assert response["Location"] == url("history", council_a)
    history = approver.get(response["Location"])
    assert "Published version 2. Families can see it now." in text(history)
    assert "We renamed the money section" in text(history)
    public = client.get(council_a.get_absolute_url())
    assert "Money for kinship carers" in text(public)


def test_publish_without_a_summary_shows_a_gov_uk_error(approver_a, edited_a, council_a):
    response = as_user(approver_a).post(
        url("approvals", council_a), {"action": "publish", "publish-review": "keep"}
    )
    assert response.status_code == 200
    assert text(response).lstrip().startswith("Error:") or "<title>Error:" in (
        response.content.decode()
    )
    links = dict(error_summary_links(response))
    assert links["id_publish-summary"] == (
        "Enter a short summary of what changed, for families to read"
    )
    assert_links_point_at_fields(response)
    edited_a.refresh_from_db()
    assert edited_a.published_revision.version == 1


def test_publishing_what_is_live_already_says_so_linked_to_the_publish_form(
    approver_a, live_a, council_a
):
    response = as_user(approver_a).post(
        url("approvals", council_a),
        {
            "action": "publish",
            "publish-summary": "Again",
            "publish-review": "keep",
            "publish-next_review_due_day": "1",
            "publish-next_review_due_month": "4",
            "publish-next_review_due_year": "2027",
            "publish-accept_gaps": "on",
        },
    )
    assert response.status_code == 200
    assert error_summary_links(response) == [
        ("publish-heading", "Nothing has changed since version 1")
    ]
    assert_links_point_at_fields(response)


def test_send_back_needs_a_comment(approver_a, officer_a, edited_a, council_a):
    services.offer_submit(offer=edited_a, by=officer_a, note="Ready")
    response = as_user(approver_a).post(
        url("approvals", council_a), {"action": "send_back", "send_back-reason": "  "}
    )
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()
    assert error_summary_links(response) == [
        ("id_send_back-reason", "Enter why you are sending this back, for the editor")
    ]
    assert_links_point_at_fields(response)
    edited_a.refresh_from_db()
    assert edited_a.status == OfferStatus.SUBMITTED


def test_send_back_comment_is_shown_on_the_editors_task_list(
    approver_a, officer_a, edited_a, council_a
):
    services.offer_submit(offer=edited_a, by=officer_a, note="Ready")
    response = as_user(approver_a).post(
        url("approvals", council_a),
        {"action": "send_back", "send_back-reason": "Add the phone number for the team"},
    )
    assert response.status_code == 302
    edited_a.refresh_from_db()
    assert edited_a.status == OfferStatus.DRAFT
    tasks = as_user(officer_a).get(url("tasks", council_a))
    assert "Add the phone number for the team" in text(tasks)
    assert "Sent back By approver-a" in text(tasks)


def test_schedule_from_the_approvals_page_and_cancel_it(approver_a, edited_a, council_a):
    day = timezone.localdate() + datetime.timedelta(days=10)
    client = as_user(approver_a)
    response = client.post(
        url("approvals", council_a),
        {
            "action": "schedule",
            "schedule-summary": "New heading next week",
            "schedule-publish_at_day": str(day.day),
            "schedule-publish_at_month": str(day.month),
            "schedule-publish_at_year": str(day.year),
            "schedule-publish_at_time": "9am",
            "schedule-accept_gaps": "on",
        },
    )
    assert response.status_code == 302, error_summary_links(response)
    schedule = ScheduledPublish.objects.get(offer=edited_a)
    assert timezone.localtime(schedule.publish_at).hour == 9
    page = client.get(url("approvals", council_a))
    assert "Scheduled to publish" in text(page) and "New heading next week" in text(page)
    client.post(url("schedule_cancel", council_a, schedule.pk))
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED


def test_a_schedule_in_the_past_is_refused_by_the_date_field(approver_a, edited_a, council_a):
    response = as_user(approver_a).post(
        url("approvals", council_a),
        {
            "action": "schedule",
            "schedule-summary": "Too late",
            "schedule-publish_at_day": "1",
            "schedule-publish_at_month": "1",
            "schedule-publish_at_year": "2020",
            "schedule-publish_at_time": "9am",
            "schedule-accept_gaps": "on",
        },
    )
    assert response.status_code == 200
    assert_links_point_at_fields(response)
    assert not ScheduledPublish.objects.exists()


def test_an_unknown_action_is_a_bad_request(approver_a, edited_a, council_a):
    response = as_user(approver_a).post(url("approvals", council_a), {"action": "delete"})
    assert response.status_code == 400


# --- The review panel on the task list --------------------------------------------------------


def test_the_task_list_shows_what_waits_for_approval_with_the_note(
    approver_a, officer_a, edited_a, council_a
):
    services.offer_submit(offer=edited_a, by=officer_a, note="Please look at money")
    tasks = text(as_user(approver_a).get(url("tasks", council_a)))
    assert "Sent for approval On" in tasks and "sent by officer-a" in tasks
    assert "Please look at money" in tasks


def test_the_review_panel_takes_the_same_queries_however_much_history(
    officer_a, edited_a, approver_a, django_assert_max_num_queries
):
    from offers.review import review_panel

    for n in range(5):
        services.offer_submit(offer=edited_a, by=officer_a, note=f"Round {n}")
        services.offer_reject(offer=edited_a, by=approver_a, reason=f"Not yet {n}")
    with django_assert_max_num_queries(4):
        panel = review_panel(edited_a)
    assert panel.sent_back == "Not yet 4" and not panel.waiting
    assert edited_a.audit_events.filter(action=AuditAction.REJECT).count() == 5


def test_publishing_again_from_the_service_still_works_after_a_send_back(
    approver_a, officer_a, edited_a
):
    services.offer_reject(offer=edited_a, by=approver_a, reason="Fix it")
    revision = publish(edited_a, approver_a, "Second")
    assert revision.version == 2
    assert document_for(edited_a.pk)["sections"][0]["heading"] == "Money for kinship carers"


# --- The rules, called directly -----------------------------------------------------------------


def test_send_blockers_are_only_the_required_checks(offer_a):
    from offers.checklist import REQUIRED_TO_SEND, coverage, send_blockers

    document = document_for(offer_a.pk)
    today = timezone.localdate()
    failing = {check.code for check in coverage(document, today=today) if not check.passed}
    assert failing - set(REQUIRED_TO_SEND), "the cast's offer misses statutory areas"
    assert send_blockers(document, today=today) == []  # those do not block sending
    document["offer"]["manager_job_title"] = ""
    assert [check.code for check in send_blockers(document, today=today)] == ["senior_manager"]


def test_a_starter_prompt_left_blocks_sending(officer_a, live_a, offer_a):
    offer_a.title = "[Replace: your offer's title]"
    offer_a.save()
    reasons = services.offer_submit_blockers(offer=offer_a)
    assert len(reasons) == 1 and "prompt" in reasons[0]


@pytest.mark.parametrize("who", ["officer_b", "anonymous"])
def test_only_the_councils_officers_may_restore_a_version(who, request, live_a, offer_a):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(services.PermissionDenied):
        services.offer_version_restore(offer=offer_a, by=user, revision=live_a)


def test_a_note_with_a_character_no_page_can_show_is_refused(officer_a, edited_a):
    with pytest.raises(services.ValidationError) as refused:
        services.offer_submit(offer=edited_a, by=officer_a, note="Ready \uffff")
    assert "note" in refused.value.message_dict


def test_the_navigation_offers_approvals_to_approvers_only(
    approver_a, officer_a, council_a, offer_a
):
    approvals = f'href="{url("approvals", council_a)}"'
    for name in ("history", "feedback", "audit"):
        assert f'href="{url(name, council_a)}"' in (
            as_user(officer_a).get(url("history", council_a)).content.decode()
        )
    assert approvals not in as_user(officer_a).get(url("history", council_a)).content.decode()
    assert approvals in as_user(approver_a).get(url("history", council_a)).content.decode()


def test_a_council_with_no_offer_yet_has_an_empty_history_audit_and_feedback(officer_a, council_a):
    client = as_user(officer_a)
    assert "No versions yet" in text(client.get(url("history", council_a)))
    assert client.get(url("audit", council_a)).status_code == 200
    assert client.get(url("feedback", council_a)).status_code == 200
    assert client.get(url("send", council_a)).status_code == 404


def test_before_the_first_publish_the_approvals_page_shows_everything_as_added(approver_a, offer_a):
    """Nothing is live yet, so every section of the working copy is new to families."""
    heading = offer_a.sections.get().heading

    page = text(as_user(approver_a).get(url("approvals", offer_a.council)))

    assert "This was the first version we published" not in page
    assert heading in page
