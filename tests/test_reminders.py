"""Review reminders: a council's officers are emailed 30, 7 and 0 days before their offer's
review is due, and from 1 April while live allowance rates are older than the new financial
year; each reminder goes once. The clock is moved with time-machine."""

import datetime
import json
import os
import smtplib
import subprocess
import sys
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from offers.models import ReminderKind, ReminderSent
from offers.reminders import rates_financial_year, reminders_send, review_reminder_kind

from .conftest import publish
from .factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# offer_a and offer_b (tests/conftest.py) are due for review on 1 April 2027.
DUE = datetime.date(2027, 4, 1)


def on(day: str):
    """Run as if it were 8am UTC on this day: the same day in the UK, summer or winter."""
    moment = datetime.datetime.fromisoformat(f"{day}T08:00:00").replace(tzinfo=datetime.UTC)
    return time_machine.travel(moment, tick=False)


def send(day: str) -> list:
    mail.outbox.clear()
    with on(day):
        reminders_send()
    return list(mail.outbox)


def to_council_a(messages) -> list:
    return [m for m in messages if "Ashdown Test Council" in m.subject]


@pytest.fixture
def team_a(offer_a, officer_a, approver_a):
    """Council A's offer and its two officers (with email addresses)."""
    return offer_a


# --- Review reminders ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "days_left, kind",
    [
        (31, None),
        (30, ReminderKind.REVIEW_30),
        (8, ReminderKind.REVIEW_30),
        (7, ReminderKind.REVIEW_7),
        (1, ReminderKind.REVIEW_7),
        (0, ReminderKind.REVIEW_DUE),
        (-3, ReminderKind.REVIEW_DUE),
    ],
)
def test_which_review_reminder_is_due(days_left, kind):
    assert review_reminder_kind(DUE, DUE - datetime.timedelta(days=days_left)) == kind


def test_nothing_is_sent_31_days_before(team_a):
    assert send("2027-03-01") == []
    assert not ReminderSent.objects.exists()


def test_officers_are_emailed_30_days_before_once(team_a, offer_b, officer_b):
    sent = send("2027-03-02")
    ours = to_council_a(sent)
    assert sorted(address for m in ours for address in m.to) == [
        "approver-a@council.example",
        "officer-a@council.example",
    ]
    # Council B's officer gets B's reminder only, and B's officers never get A's.
    theirs = [m for m in sent if m not in ours]
    assert [m.to for m in theirs] == [["officer-b@council.example"]]
    assert "Ashdown" not in theirs[0].body
    # Running again the same day, even much later, sends nothing new.
    assert send("2027-03-02") == []
    with time_machine.travel(datetime.datetime(2027, 3, 2, 22, 0, tzinfo=datetime.UTC)):
        assert reminders_send() == []
    assert ReminderSent.objects.filter(offer=team_a, kind=ReminderKind.REVIEW_30).count() == 1


def test_each_threshold_sends_again_and_days_between_send_nothing(team_a):
    assert len(to_council_a(send("2027-03-02"))) == 2  # 30 days
    assert send("2027-03-03") == []  # 29 days
    assert send("2027-03-24") == []  # 8 days
    seven = to_council_a(send("2027-03-25"))  # 7 days
    assert len(seven) == 2
    assert "That is in 7 days." in seven[0].body
    assert send("2027-03-26") == []
    today = to_council_a(send("2027-04-01"))  # due today
    assert today[0].subject == "Review Ashdown Test Council’s kinship local offer today"
    assert send("2027-04-02") == []  # overdue, but already told
    kinds = set(ReminderSent.objects.filter(offer=team_a).values_list("kind", flat=True))
    assert kinds == {ReminderKind.REVIEW_30, ReminderKind.REVIEW_7, ReminderKind.REVIEW_DUE}


def test_a_missed_day_sends_only_the_nearest_reminder(team_a):
    messages = to_council_a(send("2027-03-28"))  # the job did not run for weeks
    assert len(messages) == 2  # one email each, not a 30-day and a 7-day one
    assert {m.subject for m in messages} == {
        "Review Ashdown Test Council’s kinship local offer by 1 April 2027"
    }
    assert ReminderSent.objects.get(offer=team_a).kind == ReminderKind.REVIEW_7


def test_a_new_review_date_starts_the_reminders_again(team_a):
    send("2027-04-01")
    team_a.next_review_due = datetime.date(2027, 5, 1)
    team_a.save()
    assert len(to_council_a(send("2027-04-01"))) == 2  # 30 days before the new date
    assert ReminderSent.objects.filter(offer=team_a).count() == 2


def test_overdue_reminder_says_so(team_a):
    [message, _] = to_council_a(send("2027-04-10"))
    assert message.subject == "The review of Ashdown Test Council’s kinship local offer is overdue"
    assert "was due for review on 1 April 2027" in message.body


def test_email_is_plain_text_with_a_link_to_the_offer(team_a):
    [message, _] = to_council_a(send("2027-03-02"))
    assert message.subject == "Review Ashdown Test Council’s kinship local offer by 1 April 2027"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert f"{settings.SITE_URL}/workspace/{team_a.council.slug}/" in message.body
    assert "That is in 30 days." in message.body
    assert "<" not in message.body  # plain text, no markup
    assert message.content_subtype == "plain"


def test_officers_without_an_email_or_no_longer_active_are_not_emailed(team_a, officer_a):
    officer_a.is_active = False
    officer_a.save()
    MembershipFactory(council=team_a.council, user=UserFactory(username="no-email", email=""))
    messages = to_council_a(send("2027-03-02"))
    assert [m.to for m in messages] == [["approver-a@council.example"]]


def test_a_failed_email_is_not_recorded_and_goes_next_time(team_a):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPException("refused"),
    ):
        assert send("2027-03-02") == []
    assert not ReminderSent.objects.exists()
    assert len(to_council_a(send("2027-03-03"))) == 2


# --- Allowance rates older than the financial year -----------------------------------------


def test_the_rates_year_starts_on_1_april():
    assert rates_financial_year(datetime.date(2027, 3, 31)) == 2026
    assert rates_financial_year(datetime.date(2027, 4, 1)) == 2027
    assert rates_financial_year(datetime.date(2027, 12, 31)) == 2027


@pytest.fixture
def live_a(team_a, approver_a):
    """A's offer published with a rate from 1 April 2026, and a review far off."""
    team_a.sections.get().allowances.update(applies_from=datetime.date(2026, 4, 1))
    team_a.next_review_due = datetime.date(2028, 12, 1)
    team_a.save()
    with on("2026-11-01"):
        publish(team_a, approver_a, "First version")
    return team_a


def test_rates_reminder_from_1_april_once_a_year(live_a, approver_a):
    assert send("2027-03-31") == []  # still the 2026-27 year: the rate is current
    [message, _] = to_council_a(send("2027-04-01"))
    assert message.subject == (
        "Update the allowance rates in Ashdown Test Council’s kinship local offer"
    )
    assert (
        "1 allowance rate in Ashdown Test Council’s kinship local offer is from before "
        "1 April 2027, when the new financial year starts" in message.body
    )
    assert "- Allowance A: £190 a week, from 1 April 2026" in message.body
    assert send("2027-04-01") == []
    assert send("2027-06-01") == []  # still old, but told once this year
    # New rates published in April 2027: nothing more that year; next April, again.
    live_a.sections.get().allowances.update(applies_from=datetime.date(2027, 4, 1))
    with on("2027-06-02"):
        publish(live_a, approver_a, "2027 rates")
    assert send("2028-03-31") == []
    assert len(to_council_a(send("2028-04-01"))) == 2
    years = ReminderSent.objects.filter(kind=ReminderKind.RATES).values_list(
        "financial_year", flat=True
    )
    assert sorted(years) == [2027, 2028]


def test_rates_only_in_the_working_copy_do_not_count(live_a, approver_a):
    live_a.sections.get().allowances.update(applies_from=datetime.date(2027, 4, 1))
    assert len(to_council_a(send("2027-04-01"))) == 2  # families still see the old rate


def test_unpublished_offers_get_no_rates_reminder(team_a):
    team_a.next_review_due = datetime.date(2028, 12, 1)
    team_a.save()
    assert send("2027-04-01") == []


# --- The command and the settings ---------------------------------------------------------


def test_command_sends_and_says_what_it_sent(team_a, capsys):
    with on("2027-03-02"):
        call_command("send_review_reminders", "--dry-run")
        assert mail.outbox == [] and not ReminderSent.objects.exists()
        assert "Would send “Review Ashdown Test Council’s" in capsys.readouterr().out
        call_command("send_review_reminders")
        assert (
            "Sent “Review Ashdown Test Council’s kinship local offer by 1 April 2027” "
            "to 2 officers" in capsys.readouterr().out
        )
        call_command("send_review_reminders")
        assert capsys.readouterr().out == ""
    assert len(mail.outbox) == 2


def _email_settings(env: dict) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DEBUG"))}
    code = (
        "import json, kinship_portal.settings as s; print(json.dumps({k: getattr(s, k) for k "
        "in ['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', "
        "'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'DEFAULT_FROM_EMAIL']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_development_prints_emails_and_production_uses_smtp_from_the_environment():
    assert _email_settings({})["EMAIL_BACKEND"].endswith("console.EmailBackend")
    production = _email_settings(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "SITE_URL": "https://kinship.example",
            "EMAIL_HOST": "smtp.council.example",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "kinship",
            "EMAIL_HOST_PASSWORD": "secret",
            "EMAIL_USE_TLS": "0",
            "DEFAULT_FROM_EMAIL": "Kinship support <kinship@council.example>",
        }
    )
    assert production == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.council.example",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "kinship",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": False,
        "DEFAULT_FROM_EMAIL": "Kinship support <kinship@council.example>",
    }
