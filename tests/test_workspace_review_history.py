"""The workspace's history (compare, restore), preview links, audit trail and feedback inbox,
through the HTTP client.

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
from offers.models import AuditAction, AuditEvent, Feedback, OfferStatus

from .conftest import publish
from .factories import FeedbackFactory

pytestmark = pytest.mark.django_db


def url(name, council, *args):
    return reverse(f"workspace:{name}", args=[council.slug, *args])


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def two_versions(offer_a, approver_a):
    """Version 1 says "Money for carers A"; version 2 (live) "Money for kinship carers"."""
    publish(offer_a, approver_a, "First version")
    section = offer_a.sections.get()
    section.heading = "Money for kinship carers"
    section.save()
    publish(offer_a, approver_a, "We renamed the money section")
    return offer_a


# --- History and compare ---------------------------------------------------------------------


def test_history_lists_every_version_with_date_who_and_summary(officer_a, two_versions, council_a):
    words = text(as_user(officer_a).get(url("history", council_a)))
    assert "We renamed the money section" in words and "First version" in words
    assert "approver-a" in words
    assert "Live" in words


def test_an_old_version_is_shown_as_families_saw_it(officer_a, two_versions, council_a):
    client = as_user(officer_a)
    page = client.get(url("version", council_a, 1))
    words = text(page)
    assert "Version 1, published" in words and "not the live version" in words
    assert "Money for carers A" in words
    anchor = two_versions.revisions.get(version=1).content["sections"][0]["anchor"]
    section = client.get(url("version_page", council_a, 1, anchor))
    assert section.status_code == 200 and "Money for carers A" in text(section)
    assert section["Cache-Control"] == "private, no-store"
    assert client.get(url("version", council_a, 9)).status_code == 404


def test_compare_two_versions_shows_the_existing_diff(officer_a, two_versions, council_a):
    page = as_user(officer_a).get(url("compare", council_a) + "?old=1&new=2")
    words = text(page)
    assert "Compare version 1 with version 2" in words
    assert "Money for kinship carers" in words


def test_compare_with_made_up_versions_compares_the_usual_pair(officer_a, two_versions, council_a):
    page = as_user(officer_a).get(url("compare", council_a) + "?old=99&new=zzz")
    assert page.status_code == 200
    assert "Compare version 2 with the working copy" in text(page)


def test_restore_makes_a_working_copy_that_needs_approval_again(
    officer_a, approver_a, two_versions, council_a, client
):
    services.offer_submit(offer=two_versions, by=officer_a, note="Before the restore")
    editor = as_user(officer_a)
    confirm = editor.get(url("restore", council_a, 1))
    assert "Restore version 1" in text(confirm)
    assert "Money for carers A" in text(confirm)  # what will change in the working copy
    response = editor.post(url("restore", council_a, 1))
    assert response.status_code == 302 and response["Location"] == url("send", council_a)
    two_versions.refresh_from_db()
    assert two_versions.published_revision.version == 2  # nothing went live
    assert two_versions.status == OfferStatus.DRAFT  # the old request is withdrawn
    assert document_for(two_versions.pk)["sections"][0]["heading"] == "Money for carers A"
    live = text(client.get(council_a.get_absolute_url()))
    assert "Money for kinship carers" in live and "Money for carers A" not in live
    event = two_versions.audit_events.get(action=AuditAction.RESTORE)
    assert event.revision.version == 1
    # It goes live only once an approver publishes it, as version 3.
    assert "Money for carers A" in text(as_user(approver_a).get(url("approvals", council_a)))
    assert publish(two_versions, approver_a, "Back to the first heading").version == 3


def test_restoring_a_version_of_another_offer_is_refused(officer_a, two_versions, offer_b):
    other = publish(offer_b, None, "B's first")
    with pytest.raises(services.PermissionDenied):
        services.offer_version_restore(offer=two_versions, by=officer_a, revision=other)


def test_another_council_cannot_restore(officer_b, two_versions, council_a):
    assert as_user(officer_b).post(url("restore", council_a, 1)).status_code == 404
    assert document_for(two_versions.pk)["sections"][0]["heading"] == "Money for kinship carers"


# --- Preview links ---------------------------------------------------------------------------


def test_make_list_and_revoke_a_preview_link(officer_a, two_versions, council_a, settings):
    settings.SITE_URL = "https://kinship.example"
    editor = as_user(officer_a)
    made = editor.post(url("share", council_a))
    assert made.status_code == 302
    page = editor.get(url("share", council_a))
    assert "Made a preview link" in text(page)
    link = two_versions.preview_links.get()
    address = services.preview_link_url(link=link)
    assert address.startswith("https://kinship.example/preview/")
    assert address in page.content.decode()
    path = address.removeprefix("https://kinship.example")
    assert Client().get(path).status_code == 200
    editor.post(url("share_revoke", council_a, link.pk))
    assert Client().get(path).status_code == 404
    assert "The preview link no longer works" in text(editor.get(url("share", council_a)))


# --- Audit trail -----------------------------------------------------------------------------


def test_audit_trail_lists_the_councils_events_only(
    officer_a, officer_b, two_versions, offer_b, council_a
):
    services.offer_submit(offer=offer_b, by=officer_b, note="Secret note of B")
    services.offer_submit(offer=two_versions, by=officer_a, note="Note for approvers of A")
    words = text(as_user(officer_a).get(url("audit", council_a)))
    assert "Note for approvers of A" in words and "We renamed the money section" in words
    assert "Secret note of B" not in words


def test_audit_trail_date_filter_and_its_error(officer_a, two_versions, council_a):
    old = AuditEvent.objects.filter(offer=two_versions).first()
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=40))
    client = as_user(officer_a)
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    words = text(client.get(url("audit", council_a) + f"?start={since}"))
    assert old.detail.splitlines()[0] not in words
    wrong = client.get(url("audit", council_a) + "?start=2026-05-02&end=2026-05-01")
    assert "<title>Error:" in wrong.content.decode()
    assert '<a href="#audit-end">' in wrong.content.decode()
    assert 'id="audit-end"' in wrong.content.decode()


def test_audit_trail_is_paginated(officer_a, offer_a, council_a):
    for n in range(55):
        services.offer_submit(offer=offer_a, by=officer_a, note=f"Note number {n}")
    client = as_user(officer_a)
    first = text(client.get(url("audit", council_a)))
    assert "Note number 54" in first and "Note number 4 " not in first
    assert "Page 1 of 2" in first
    second = text(client.get(url("audit", council_a) + "?p=2"))
    assert "Note number 4 " in second or "Note number 4" in second.split("Page 2 of 2")[0]


# --- Feedback ----------------------------------------------------------------------------------


def test_feedback_inbox_shows_new_answers_and_marks_them_handled(
    officer_a, officer_b, two_versions, council_a, council_b
):
    answer = FeedbackFactory(council=council_a, comment="The rates table is confusing")
    FeedbackFactory(council=council_b, comment="Words of a family of B")
    client = as_user(officer_a)
    page = text(client.get(url("feedback", council_a)))
    assert "The rates table is confusing" in page and "Words of a family of B" not in page
    assert "1 answer from families not handled yet" in text(client.get(url("tasks", council_a)))
    response = client.post(url("feedback", council_a), {"handled": [answer.pk]})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.handled_by == officer_a
    assert "The rates table is confusing" not in text(client.get(url("feedback", council_a)))
    handled = text(client.get(url("feedback", council_a) + "?state=handled"))
    assert "The rates table is confusing" in handled
    assert two_versions.audit_events.filter(action=AuditAction.FEEDBACK_HANDLED).exists()


def test_another_councils_feedback_cannot_be_marked_from_this_workspace(
    officer_a, council_a, council_b, offer_a
):
    theirs = FeedbackFactory(council=council_b)
    as_user(officer_a).post(url("feedback", council_a), {"handled": [theirs.pk]})
    assert Feedback.objects.get(pk=theirs.pk).handled_at is None


def test_a_made_up_answer_id_marks_nothing_and_is_not_a_server_error(officer_a, council_a, offer_a):
    answer = FeedbackFactory(council=council_a)
    client = as_user(officer_a)
    response = client.post(url("feedback", council_a), {"handled": ["abc", "1e9", "-1"]})
    assert response.status_code == 302
    assert Feedback.objects.get(pk=answer.pk).handled_at is None
    assert "Choose the answers you have handled" in text(client.get(response["Location"]))


def test_a_version_downloads_as_the_json_it_was_stored_as(officer_a, two_versions, council_a):
    from offers.documents import document_to_json

    response = as_user(officer_a).get(url("version_download", council_a, 1))
    assert response["Content-Disposition"] == ('attachment; filename="ashdown-test-version-1.json"')
    stored = two_versions.revisions.get(version=1).content
    assert response.content == document_to_json(stored).encode("utf-8")


def test_feedback_downloads_as_csv_as_the_page_filters_it(officer_a, council_a, council_b, offer_a):
    FeedbackFactory(council=council_a, comment="Unclear rates table")
    handled = FeedbackFactory(council=council_a, comment="Already dealt with")
    Feedback.objects.filter(pk=handled.pk).update(handled_at=timezone.now())
    FeedbackFactory(council=council_b, comment="Words of a family of B")
    client = as_user(officer_a)
    page = client.get(url("feedback", council_a))
    assert f'href="{url("feedback_export", council_a)}"' in page.content.decode()
    csv = client.get(url("feedback_export", council_a)).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Received,Council,Page")
    assert "Unclear rates table" in csv
    assert "Already dealt with" not in csv and "family of B" not in csv
    everything = client.get(url("feedback_export", council_a) + "?state=all")
    assert "Already dealt with" in everything.content.decode("utf-8-sig")


def test_audit_trail_filters_by_who_and_what(officer_a, approver_a, two_versions, council_a):
    services.offer_submit(offer=two_versions, by=officer_a, note="Note of the editor")
    client = as_user(officer_a)
    by_editor = text(client.get(url("audit", council_a) + f"?who={officer_a.pk}"))
    assert "Note of the editor" in by_editor and "We renamed the money section" not in by_editor
    published = text(client.get(url("audit", council_a) + "?what=publish"))
    assert "We renamed the money section" in published and "Note of the editor" not in published
    made_up = client.get(url("audit", council_a) + "?who=99999&what=nonsense")
    assert made_up.status_code == 200  # an unknown choice shows everything, never an error
    assert "Note of the editor" in text(made_up)
