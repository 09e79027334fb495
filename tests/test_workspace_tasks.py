"""The task list: statuses worked out from the working copy, the checklist and the officers'
answers (offers.tasks, unit tests), and the page an editor sees (through the client).
Cast: an editor of council A, an editor of council B, anonymous."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers import tasks
from offers.choices import OfferStatus, SectionKind
from offers.documents import document_for
from offers.models import Offer
from offers.services import offer_submit
from offers.workspace.writing.links import optional_url
from offers.writing import ABOUT_INTRODUCTION, ABOUT_MANAGER, task_answer_set

from .factories import AllowanceFactory, SectionFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def build(offer, answers=None, status=OfferStatus.DRAFT, can_publish=False):
    return tasks.build(
        document=document_for(offer.pk),
        answers=answers or {},
        status=status,
        today=TODAY,
        can_publish=can_publish,
    )


def task(task_list, key):
    return next(t for group in task_list.groups for t in group.tasks if t.key == key)


def section_key(offer):
    return str(offer.sections.get().key)


# --- Statuses (offers.tasks) -------------------------------------------------------------------


def test_a_section_with_text_and_no_answer_is_in_progress(offer_a):
    assert task(build(offer_a), section_key(offer_a)).status == tasks.IN_PROGRESS


def test_a_section_with_nothing_written_is_not_started(offer_a):
    empty = SectionFactory(offer=offer_a, body="", heading="Housing", kind=SectionKind.HOUSING)
    assert task(build(offer_a), str(empty.key)).status == tasks.NOT_STARTED


def test_answering_no_keeps_a_section_in_progress(offer_a):
    key = section_key(offer_a)
    assert task(build(offer_a, {key: False}), key).status == tasks.IN_PROGRESS


def test_a_completed_section_the_checklist_finds_a_gap_in_has_a_problem(offer_a):
    # The allowance has no "how to apply" text: the checklist's allowance check fails on it.
    key = section_key(offer_a)
    assert task(build(offer_a, {key: True}), key).status == tasks.PROBLEM


def test_a_completed_section_with_no_gap_is_completed(offer_a):
    offer_a.sections.get().allowances.update(how_to_apply="Ask your social worker.")
    key = section_key(offer_a)
    assert task(build(offer_a, {key: True}), key).status == tasks.COMPLETED


def test_a_completed_section_with_an_example_prompt_left_has_a_problem(offer_a):
    section = offer_a.sections.get()
    section.allowances.update(how_to_apply="Ask your social worker.")
    section.body = "Call [Replace: your team's number]."
    section.save()
    key = str(section.key)
    task_list = build(offer_a, {key: True})
    assert task(task_list, key).status == tasks.PROBLEM
    replace = next(g for g in task_list.groups if g.heading == "Replace the example text")
    assert [t.place.field for t in replace.tasks] == ["body"]


def test_about_tasks_follow_the_offers_own_fields(offer_a):
    Offer.objects.filter(pk=offer_a.pk).update(introduction="")
    task_list = build(offer_a, {ABOUT_MANAGER: True})
    assert task(task_list, ABOUT_INTRODUCTION).status == tasks.NOT_STARTED
    assert task(task_list, ABOUT_MANAGER).status == tasks.COMPLETED


def test_send_for_approval_cannot_start_until_every_required_task_is_completed(offer_a):
    offer_a.sections.get().allowances.update(how_to_apply="Ask your social worker.")
    done = {ABOUT_INTRODUCTION: True, ABOUT_MANAGER: True}
    assert task(build(offer_a, done), "send").status == tasks.CANNOT_START
    everything = {**done, section_key(offer_a): True}
    ready = build(offer_a, everything, can_publish=True)
    assert ready.open_tasks == 0
    assert task(ready, "send").status == tasks.NOT_STARTED
    assert task(ready, "publish").status == tasks.NOT_STARTED


def test_a_problem_keeps_send_for_approval_closed(offer_a):
    everything = {ABOUT_INTRODUCTION: True, ABOUT_MANAGER: True, section_key(offer_a): True}
    task_list = build(offer_a, everything, can_publish=True)
    assert task_list.open_tasks == 1
    assert task(task_list, "publish").status == tasks.CANNOT_START


def test_only_approvers_get_a_publish_task(offer_a):
    assert not any(t.key == "publish" for g in build(offer_a).groups for t in g.tasks)


def test_an_offer_sent_for_approval_says_it_waits(offer_a):
    assert task(build(offer_a, status=OfferStatus.SUBMITTED), "send").status == tasks.WAITING


# --- The page ----------------------------------------------------------------------------------


def tasks_url(council):
    return reverse("workspace:tasks", args=[council.slug])


def test_the_editor_sees_each_section_as_a_task_with_its_status(client_a, offer_a):
    html = client_a.get(tasks_url(offer_a.council)).content.decode()
    section = offer_a.sections.get()
    link = reverse("workspace:section", args=[offer_a.council.slug, section.key])
    assert f'href="{link}"' in html
    assert "Money for carers A" in html
    assert "In progress" in html
    assert "Cannot start yet" in html
    send = reverse("workspace:send", args=[offer_a.council.slug])
    assert f'href="{send}"' not in html  # cannot start yet: not a link
    assert ">No</dd>" in html.split("Waiting for approval</dt>")[1][:120]


def test_answering_completed_changes_the_status_on_the_task_list(client_a, offer_a, officer_a):
    offer_a.sections.get().allowances.update(how_to_apply="Ask your social worker.")
    url = tasks_url(offer_a.council)
    row = 'id="task-1-0-status">'
    before = client_a.get(url).content.decode().split(row)[1][:200]
    assert "In progress" in before
    task_answer_set(offer=offer_a, by=officer_a, task=section_key(offer_a), completed=True)
    after = client_a.get(url).content.decode().split(row)[1][:200]
    assert "Completed" in after and "In progress" not in after


def test_the_page_shows_the_live_version_and_what_waits_for_approval(
    client_a, live_a, offer_a, officer_a
):
    offer_submit(offer=offer_a, by=officer_a)
    html = client_a.get(tasks_url(offer_a.council)).content.decode()
    assert f"Version {live_a.version}, published" in html
    waiting = html.split("Waiting for approval</dt>")[1][:200]
    assert "Yes: an approver will publish it" in waiting
    assert "1 April 2027" in html  # the next review date


def test_when_every_task_is_done_send_is_a_link_and_publish_links_to_approvals_if_it_exists(
    client_approver_a, offer_a, approver_a
):
    offer_a.sections.get().allowances.update(how_to_apply="Ask your social worker.")
    for key in (ABOUT_INTRODUCTION, ABOUT_MANAGER, section_key(offer_a)):
        task_answer_set(offer=offer_a, by=approver_a, task=key, completed=True)
    html = client_approver_a.get(tasks_url(offer_a.council)).content.decode()
    assert "Cannot start yet" not in html
    send = reverse("workspace:send", args=[offer_a.council.slug])
    assert f'href="{send}"' in html
    approvals = optional_url("workspace:approvals", council=offer_a.council.slug)
    publish_row = html.split("Send for approval")[1]
    if approvals:  # the review pages are there: Publish opens the approvals page
        assert f'href="{approvals}"' in publish_row
    else:  # not yet: Publish is plain text, never a broken link
        assert "<div>Publish</div>" in publish_row


def test_another_councils_editor_gets_a_404(client, officer_b, offer_a):
    client.force_login(officer_b)
    assert client.get(tasks_url(offer_a.council)).status_code == 404


def test_anonymous_is_asked_to_sign_in(client, offer_a):
    response = client.get(tasks_url(offer_a.council))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:sign_in"))


def test_a_council_with_no_offer_is_sent_to_start(client, council_b, officer_b):
    client.force_login(officer_b)
    response = client.get(tasks_url(council_b))
    assert response["Location"] == reverse("workspace:start", args=[council_b.slug])


# --- Queries do not grow with sections and entries ----------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(offer, sections: int) -> None:
    for n in range(sections - offer.sections.count()):
        section = SectionFactory(offer=offer, heading=f"Section {n}", order=n + 1)
        AllowanceFactory(section=section)
        AllowanceFactory(section=section, name="Another allowance")


def test_the_task_list_makes_the_same_queries_at_3_and_40_sections(client_a, offer_a):
    url = tasks_url(offer_a.council)
    _grow(offer_a, 3)
    few = _queries(client_a, url)
    _grow(offer_a, 40)
    assert _queries(client_a, url) == few


def test_the_section_page_makes_the_same_queries_with_1_and_40_entries(client_a, offer_a):
    section = offer_a.sections.get()
    url = reverse("workspace:section", args=[offer_a.council.slug, section.key])
    few = _queries(client_a, url)
    for n in range(39):
        AllowanceFactory(section=section, name=f"Allowance {n}")
    assert _queries(client_a, url) == few


def test_the_check_page_ends_with_send_for_approval_once_it_can_start(client_a, offer_a, officer_a):
    check = reverse("workspace:check", args=[offer_a.council.slug])
    send = reverse("workspace:send", args=[offer_a.council.slug])
    html = client_a.get(check).content.decode()
    assert f'href="{send}"' not in html  # a task is still open: nothing to go on to
    offer_a.sections.get().allowances.update(how_to_apply="Ask your social worker.")
    for key in (ABOUT_INTRODUCTION, ABOUT_MANAGER, section_key(offer_a)):
        task_answer_set(offer=offer_a, by=officer_a, task=key, completed=True)
    html = client_a.get(check).content.decode()
    assert f'href="{send}"' in html
    assert ">Send for approval</a>" in html
    assert ">Publish</a>" not in html  # an editor does not publish
    offer_submit(offer=offer_a, by=officer_a)
    html = client_a.get(check).content.decode()
    assert f'href="{send}"' not in html  # sent already: it waits for an approver


def test_an_approver_can_go_on_from_the_check_page_to_publish(
    client_approver_a, offer_a, approver_a
):
    offer_a.sections.get().allowances.update(how_to_apply="Ask your social worker.")
    for key in (ABOUT_INTRODUCTION, ABOUT_MANAGER, section_key(offer_a)):
        task_answer_set(offer=offer_a, by=approver_a, task=key, completed=True)
    check = reverse("workspace:check", args=[offer_a.council.slug])
    html = client_approver_a.get(check).content.decode()
    approvals = optional_url("workspace:approvals", council=offer_a.council.slug)
    assert approvals and f'href="{approvals}"' in html and ">Publish</a>" in html
