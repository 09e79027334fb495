"""Fact check: an officer sends a section or the whole draft to someone outside the workspace,
who comments through an emailed link that expires and works once.

One cast: officer_a (editor of A), officer_b (officer of B), and the anonymous client (the
person asked to check)."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from offers.fact_check import FACT_CHECK_DAYS, fact_check_send, token_hash
from offers.models import AuditAction, FactCheck, FactCheckComment

from .factories import SectionFactory

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"https?://\S+/fact-check/[^/\s]+/")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def two_sections(offer_a):
    SectionFactory(
        offer=offer_a, kind="health", heading="Health and wellbeing", body="See your GP."
    )
    return offer_a


def send_whole_draft(client, council, email="gp@health.example") -> str:
    """Ask for a fact check of the whole draft through the workspace; the emailed path."""
    response = client.post(
        reverse("workspace:fact_checks", args=[council.slug]),
        {"name": "Dr Example", "email": email, "section": "whole"},
    )
    assert response.status_code == 302
    link = LINK_RE.search(mail.outbox[-1].body).group()
    return "/" + link.split("/", 3)[3]


def test_an_officer_sends_the_whole_draft_and_the_email_holds_a_working_link(
    officer_a, two_sections, council_a, client
):
    path = send_whole_draft(as_user(officer_a), council_a)
    email = mail.outbox[-1]
    assert email.to == ["gp@health.example"]
    assert "Dr Example" in email.body and "14 days" not in email.subject
    page = client.get(path)
    assert page.status_code == 200
    words = text(page)
    assert "Money for carers A" in words and "Health and wellbeing" in words
    assert "See your GP." in words  # the section as families would see it
    assert page.content.decode().count("<textarea") == 2  # a comment box per section
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "same-origin"  # never "no-referrer": Origin: null
    assert set(page.cookies) <= {"csrftoken"}  # no session, no other cookie


def test_only_the_tokens_hash_is_stored(officer_a, offer_a):
    sent = fact_check_send(offer=offer_a, by=officer_a, name="Ann", email="ann@charity.example")
    stored = FactCheck.objects.get()
    assert stored.token_hash == token_hash(sent.token)
    assert sent.token not in str(FactCheck.objects.values().get())


def test_one_section_only_shows_that_section(officer_a, two_sections, council_a, client):
    health = two_sections.sections.get(heading="Health and wellbeing")
    response = as_user(officer_a).post(
        reverse("workspace:fact_checks", args=[council_a.slug]),
        {"name": "Dr Example", "email": "gp@health.example", "section": str(health.key)},
    )
    assert response.status_code == 302
    path = "/" + LINK_RE.search(mail.outbox[-1].body).group().split("/", 3)[3]
    words = text(client.get(path))
    assert "Health and wellbeing" in words and "Money for carers A" not in words


def test_comments_are_stored_and_shown_on_the_task_list_and_fact_check_page(
    officer_a, two_sections, council_a, client
):
    officer = as_user(officer_a)
    path = send_whole_draft(officer, council_a)
    response = client.post(path, {"comment_2": "The GP service is now called NHS 111."})
    assert response.status_code == 200
    assert "Thank you for your comments" in text(response)
    comment = FactCheckComment.objects.get()
    assert comment.section_heading == "Health and wellbeing"
    tasks = text(officer.get(reverse("workspace:tasks", args=[council_a.slug])))
    assert "Fact check 1 comment" in tasks
    page = text(officer.get(reverse("workspace:fact_checks", args=[council_a.slug])))
    assert "The GP service is now called NHS 111." in page
    assert "Dr Example, about the whole draft" in page


def test_a_used_link_says_so_with_a_410(officer_a, two_sections, council_a, client):
    path = send_whole_draft(as_user(officer_a), council_a)
    client.post(path, {"comment_1": "Fine"})
    again = client.get(path)
    assert again.status_code == 410
    assert "You have sent your comments" in text(again)
    resent = client.post(path, {"comment_1": "Another"})
    assert resent.status_code == 410
    assert FactCheckComment.objects.count() == 1


def test_the_link_expires_after_14_days(officer_a, two_sections, council_a, client):
    path = send_whole_draft(as_user(officer_a), council_a)
    later = timezone.now() + datetime.timedelta(days=FACT_CHECK_DAYS, minutes=1)
    just_before = timezone.now() + datetime.timedelta(days=FACT_CHECK_DAYS, minutes=-1)
    with time_machine.travel(just_before):
        assert client.get(path).status_code == 200
    with time_machine.travel(later):
        expired = client.get(path)
        assert expired.status_code == 410
        assert "This link has expired" in text(expired)
        refused = client.post(path, {"comment_1": "Too late"})
        assert refused.status_code == 410
    assert not FactCheckComment.objects.exists()


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 300, "é-unicode"])
def test_an_unknown_link_is_a_clear_404(client, db, token):
    response = client.get(f"/fact-check/{token}/")
    assert response.status_code == 404
    assert "This link does not work" in text(response)


@pytest.mark.parametrize("path", ["/fact-check/%00/", "/fact-check/..%2F..%2Fetc/"])
def test_a_mangled_link_is_refused_never_a_server_error(client, db, path):
    assert client.get(path).status_code in (400, 404)


def test_an_empty_answer_and_a_too_long_comment_get_gov_uk_errors(
    officer_a, two_sections, council_a, client
):
    path = send_whole_draft(as_user(officer_a), council_a)
    empty = client.post(path, {"comment_1": "  ", "comment_2": ""})
    assert empty.status_code == 200
    html = empty.content.decode()
    assert "<title>Error:" in html
    assert '<a href="#id_comment_1">Enter a comment on at least one section</a>' in html
    assert 'id="id_comment_1"' in html
    at_limit = "a" * 2000
    too_long = client.post(path, {"comment_1": at_limit + "b"})
    assert "must be 2,000 characters or fewer" in text(too_long)
    assert 'href="#id_comment_1"' in too_long.content.decode()
    assert not FactCheckComment.objects.exists()
    assert client.post(path, {"comment_1": at_limit}).status_code == 200
    assert FactCheckComment.objects.get().comment == at_limit


def test_hostile_text_is_refused_and_never_shown_as_html(
    officer_a, two_sections, council_a, client
):
    officer = as_user(officer_a)
    path = send_whole_draft(officer, council_a)
    refused = client.post(path, {"comment_1": "bad \uffff character"})
    assert refused.status_code == 200
    assert "cannot be shown (U+FFFF)" in text(refused)
    assert not FactCheckComment.objects.exists()
    client.post(path, {"comment_1": "<script>alert(1)</script>"})
    page = officer.get(reverse("workspace:fact_checks", args=[council_a.slug])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_the_render_limit_applies_to_the_fact_check_page(
    officer_a, two_sections, council_a, client, monkeypatch
):
    from offers import flood

    path = send_whole_draft(as_user(officer_a), council_a)
    monkeypatch.setattr(flood, "RENDERS_PER_MINUTE", 2)
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 429
    assert client.get("/fact-check/guessing/").status_code == 429


def test_sending_needs_a_name_and_a_real_email_address(officer_a, offer_a, council_a):
    response = as_user(officer_a).post(
        reverse("workspace:fact_checks", args=[council_a.slug]),
        {"name": "", "email": "not an address", "section": "whole"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_name">Enter the name of the person who will check the facts</a>' in html
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert not mail.outbox and not FactCheck.objects.exists()


def test_another_councils_officer_cannot_send_or_read_fact_checks(officer_b, officer_a, offer_a):
    fact_check_send(offer=offer_a, by=officer_a, name="Ann", email="ann@charity.example")
    client = as_user(officer_b)
    url = reverse("workspace:fact_checks", args=[offer_a.council.slug])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"name": "X", "email": "x@x.example", "section": "whole"}).status_code
        == 404
    )
    assert FactCheck.objects.count() == 1
    with pytest.raises(PermissionDenied):  # the service checks too
        fact_check_send(offer=offer_a, by=officer_b, name="X", email="x@x.example")


def test_sending_is_in_the_audit_trail(officer_a, offer_a):
    fact_check_send(offer=offer_a, by=officer_a, name="Ann", email="ann@charity.example")
    event = offer_a.audit_events.get(action=AuditAction.FACT_CHECK)
    assert event.detail == "Sent the whole draft to Ann (ann@charity.example)"


def test_fact_checks_are_deleted_after_a_year_with_their_comments(officer_a, offer_a, capsys):
    from django.core.management import call_command

    old = fact_check_send(offer=offer_a, by=officer_a, name="Old", email="old@charity.example")
    recent = fact_check_send(offer=offer_a, by=officer_a, name="New", email="new@charity.example")
    FactCheck.objects.filter(pk=old.fact_check.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=366)
    )
    FactCheck.objects.filter(pk=recent.fact_check.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=364)
    )
    FactCheckComment.objects.create(
        fact_check=old.fact_check, section_key="k", section_heading="H", comment="Old words"
    )
    call_command("delete_old_feedback")
    assert list(FactCheck.objects.values_list("name", flat=True)) == ["New"]
    assert not FactCheckComment.objects.exists()
    assert "Deleted 1 fact checks older than a year." in capsys.readouterr().out


def test_when_the_mail_server_refuses_nothing_is_kept_and_the_officer_is_told(
    officer_a, offer_a, council_a, monkeypatch
):
    import smtplib

    from django.core.mail import EmailMessage

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    response = as_user(officer_a).post(
        reverse("workspace:fact_checks", args=[council_a.slug]),
        {"name": "Dr Example", "email": "gp@health.example", "section": "whole"},
    )
    assert response.status_code == 200
    assert "We could not send the email just now" in text(response)
    assert not FactCheck.objects.exists()
    assert not offer_a.audit_events.filter(action=AuditAction.FACT_CHECK).exists()


def test_every_error_summary_link_of_the_send_form_points_at_its_field(
    officer_a, offer_a, council_a
):
    response = as_user(officer_a).post(
        reverse("workspace:fact_checks", args=[council_a.slug]), {"name": "", "email": ""}
    )
    html = response.content.decode()
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'<a href="#([^"]+)">', summary)
    assert links == ["id_name", "id_email", "id_section_1"]
    for field_id in links:
        assert f'id="{field_id}"' in html
