"""Reminder emails to a council's officers: the offer's review is coming up (30, 7 and 0 days
before it is due), and, from 1 April, live allowance rates from before the new financial year
(offers.financial_year). And to site administrators: a national scheme's next check is due
(offers.national_schemes), sent once per scheme and check date.

`manage.py send_review_reminders` calls reminders_send once a day. Each reminder is sent
once: a ReminderSent row, unique per offer, kind and review date (or financial year), is
written in the same transaction as the email is handed to the mail server, so running twice
on the same day sends nothing new, and an email that fails to send is tried again next run.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .choices import ReminderKind
from .dashboard import allowances_before
from .financial_year import financial_year, financial_year_start
from .formatting import money_per, uk_date
from .models import (
    Membership,
    NationalScheme,
    NationalSchemeReminderSent,
    Offer,
    ReminderSent,
)

logger = logging.getLogger(__name__)

# Most urgent first: the reminder sent is the one for the nearest threshold reached, so a
# run missed on day 30 still sends the 30-day email on day 29, and never two at once.
REVIEW_THRESHOLDS = (
    (0, ReminderKind.REVIEW_DUE),
    (7, ReminderKind.REVIEW_7),
    (30, ReminderKind.REVIEW_30),
)


@dataclass(frozen=True)
class Reminder:
    """One reminder that is due: what it is about, and the email to send."""

    offer: Offer
    kind: str
    due_date: datetime.date | None
    financial_year: int | None
    subject: str
    body: str
    recipients: tuple[str, ...]


def review_reminder_kind(due: datetime.date, today: datetime.date) -> str | None:
    """The review reminder for today: 30, 7 or 0 days (or fewer) before `due`, else None."""
    days_left = (due - today).days
    for limit, kind in REVIEW_THRESHOLDS:
        if days_left <= limit:
            return kind
    return None


def rates_financial_year(today: datetime.date) -> int:
    """The financial year rates should be for (2026 from 1 April 2026 to 31 March 2027)."""
    return financial_year(today)


def _offer_url(offer: Offer) -> str:
    return settings.SITE_URL + reverse("workspace:tasks", kwargs={"council": offer.council.slug})


def _footer(offer: Offer) -> str:
    return (
        f"You are getting this email because you work on {offer.council.name}’s offer "
        f"on {settings.SITE_NAME}. We send each reminder once."
    )


def review_email(offer: Offer, kind: str, today: datetime.date) -> tuple[str, str]:
    """Subject and plain-text body of a review reminder, in GOV.UK style."""
    council, due = offer.council.name, offer.next_review_due
    days_left = (due - today).days
    if days_left < 0:
        subject = f"The review of {council}’s kinship local offer is overdue"
        when = (
            f"{council}’s kinship local offer was due for review on {uk_date(due)}. "
            "Families may be reading information that is no longer true."
        )
    elif days_left == 0:
        subject = f"Review {council}’s kinship local offer today"
        when = f"{council}’s kinship local offer is due for review today, {uk_date(due)}."
    else:
        unit = "day" if days_left == 1 else "days"
        subject = f"Review {council}’s kinship local offer by {uk_date(due)}"
        when = (
            f"{council}’s kinship local offer is due for review on {uk_date(due)}. "
            f"That is in {days_left} {unit}."
        )
    body = "\n\n".join(
        [
            when,
            "To review it:\n"
            "- check that every section is still true\n"
            "- change anything that is out of date, including amounts and contacts\n"
            "- ask an approver to publish it and set the next review date",
            f"Open the offer:\n{_offer_url(offer)}",
            _footer(offer),
        ]
    )
    return subject, body + "\n"


def rates_email(offer: Offer, old: list[dict], starts: datetime.date) -> tuple[str, str]:
    """Subject and plain-text body of the allowance-rates reminder (`old`: the rates from
    before `starts`, the first day of the financial year)."""
    council = offer.council.name
    count = "1 allowance rate" if len(old) == 1 else f"{len(old)} allowance rates"
    verb = "is" if len(old) == 1 else "are"
    lines = []
    for allowance in old:
        band = f" ({allowance['age_band']})" if allowance.get("age_band") else ""
        amount = money_per(allowance.get("amount"), allowance.get("frequency"))
        since = uk_date(allowance.get("applies_from")) or "no date given"
        lines.append(f"- {allowance.get('name')}{band}: {amount}, from {since}")
    body = "\n\n".join(
        [
            f"{count} in {council}’s kinship local offer {verb} from before {uk_date(starts)}, "
            "when the new financial year starts:",
            "\n".join(lines),
            "Families may be reading last year’s amounts. Put in the new rates and the date "
            "they apply from, then ask an approver to publish them.",
            f"Open the offer:\n{_offer_url(offer)}",
            _footer(offer),
        ]
    )
    subject = f"Update the allowance rates in {council}’s kinship local offer"
    return subject, body + "\n"


def reminders_due(*, today: datetime.date | None = None) -> list[Reminder]:
    """Every reminder that should go out today and has not been sent yet."""
    today = today or timezone.localdate()
    offers = list(
        Offer.objects.filter(council__is_active=True)
        .select_related("council", "published_revision")
        .order_by("council__name")
    )
    emails: dict[int, list[str]] = {}
    members = (
        Membership.objects.filter(
            council__in=[offer.council_id for offer in offers], user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__username")
    )
    for membership in members:
        emails.setdefault(membership.council_id, []).append(membership.user.email)
    sent = {
        (row.offer_id, row.kind, row.due_date, row.financial_year)
        for row in ReminderSent.objects.filter(offer__in=offers)
    }
    year, starts = rates_financial_year(today), financial_year_start(today)
    due: list[Reminder] = []
    for offer in offers:
        recipients = tuple(dict.fromkeys(emails.get(offer.council_id, [])))
        if not recipients:
            continue  # nobody to tell yet; it is sent once someone can read it
        kind = review_reminder_kind(offer.next_review_due, today)
        if kind and (offer.pk, kind, offer.next_review_due, None) not in sent:
            subject, body = review_email(offer, kind, today)
            due.append(
                Reminder(offer, kind, offer.next_review_due, None, subject, body, recipients)
            )
        live = offer.published_revision
        old = allowances_before(live.content, starts) if live else []
        if old and (offer.pk, ReminderKind.RATES, None, year) not in sent:
            subject, body = rates_email(offer, old, starts)
            due.append(Reminder(offer, ReminderKind.RATES, None, year, subject, body, recipients))
    return due


def reminders_send(*, today: datetime.date | None = None) -> list[Reminder]:
    """Send every reminder due today, each once. Returns the ones sent.

    One reminder's failure (the mail server refusing it) is logged and leaves no record, so
    the next run tries it again; the others still go.
    """
    sent = []
    connection = get_connection()
    for reminder in reminders_due(today=today):
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    offer=reminder.offer,
                    kind=reminder.kind,
                    due_date=reminder.due_date,
                    financial_year=reminder.financial_year,
                )
                messages = [
                    EmailMessage(reminder.subject, reminder.body, to=[address])
                    for address in reminder.recipients
                ]
                connection.send_messages(messages)
        except IntegrityError:
            continue  # another run sent this one a moment ago
        except Exception:
            logger.exception(
                "Could not send the %s reminder for %s", reminder.kind, reminder.offer.council.name
            )
            continue
        sent.append(reminder)
    return sent


# --- Site administrators: national schemes to check ------------------------------------------


@dataclass(frozen=True)
class SchemeCheckReminder:
    """A national scheme whose next check is due (today or before), and the email to send."""

    scheme: NationalScheme
    due_date: datetime.date
    subject: str
    body: str
    recipients: tuple[str, ...]


def scheme_check_email(scheme: NationalScheme, today: datetime.date) -> tuple[str, str]:
    """Subject and plain-text body of a "check this national scheme" reminder."""
    due = scheme.next_check_due
    when = "today" if due == today else f"on {uk_date(due)}"
    url = settings.SITE_URL + reverse("admin:offers_nationalscheme_change", args=[scheme.pk])
    body = "\n\n".join(
        [
            f"The national scheme “{scheme.name}” was due for a check {when}. It was last "
            f"checked on {uk_date(scheme.checked_on)}. Every council's families see it on "
            "their offer's money page.",
            "To check it:\n"
            f"- open the source: {scheme.source_url}\n"
            "- change anything that is no longer true, such as the amount or who can get it\n"
            "- set the date checked and the next check due\n"
            "- publish the national schemes list",
            f"Open the scheme:\n{url}",
            f"You are getting this email because you are a site administrator of "
            f"{settings.SITE_NAME}. We send each reminder once.",
        ]
    )
    return f"Check the national scheme “{scheme.name}”", body + "\n"


def scheme_check_reminders_due(*, today: datetime.date | None = None) -> list[SchemeCheckReminder]:
    """Every national scheme check that is due and not yet reminded about, for its date."""
    today = today or timezone.localdate()
    recipients = tuple(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .order_by("username")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return []  # nobody to tell yet; it is sent once someone can read it
    sent = set(NationalSchemeReminderSent.objects.values_list("scheme_id", "next_check_due"))
    due = []
    for scheme in NationalScheme.objects.filter(next_check_due__lte=today).order_by("name"):
        if (scheme.pk, scheme.next_check_due) in sent:
            continue
        subject, body = scheme_check_email(scheme, today)
        due.append(SchemeCheckReminder(scheme, scheme.next_check_due, subject, body, recipients))
    return due


def scheme_check_reminders_send(*, today: datetime.date | None = None) -> list[SchemeCheckReminder]:
    """Send every due national scheme check reminder, each once (as reminders_send)."""
    sent = []
    connection = get_connection()
    for reminder in scheme_check_reminders_due(today=today):
        try:
            with transaction.atomic():
                NationalSchemeReminderSent.objects.create(
                    scheme=reminder.scheme, next_check_due=reminder.due_date
                )
                connection.send_messages(
                    [
                        EmailMessage(reminder.subject, reminder.body, to=[address])
                        for address in reminder.recipients
                    ]
                )
        except IntegrityError:
            continue  # another run sent this one a moment ago
        except Exception:
            logger.exception("Could not send the check reminder for %s", reminder.scheme.name)
            continue
        sent.append(reminder)
    return sent
