"""Email alerts for families: tell a subscriber when a council publishes a new version of
its offer, with what changed.

Subscribing (alert_subscribe) stores the address unconfirmed and emails a signed link that
expires (CONFIRM_DAYS); following it (alert_confirm) starts the subscription, once. The
answer to a subscribe request is the same whatever the address's state, so nobody can find
out who gets alerts. Every email carries a one-click unsubscribe link and the List-Unsubscribe
headers (RFC 8058); unsubscribing deletes the address. Only the address, the council and the
dates are stored (templates/pages/privacy.html says so).

`manage.py send_change_alerts` (from cron) calls change_alerts_send: for each version that
went live in the last ALERT_DAYS days, each subscriber who had confirmed before it went live
gets one email with the version's "what changed" (offers.diff, as the changes page says it).
Each email is claimed first: an AlertSent row, unique per subscriber and version, is
committed before the email is handed to the mail server, so two runs at once (on one host
or several) never send the same alert twice: the second run's insert fails. An email the
mail server refuses gives its claim back, so the next run tries again; a run that dies
between the claim and the send loses that one email rather than risk sending it twice.
"""

import datetime
import hashlib
import hmac
import logging
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from . import flood
from .addresses import absolute, changes_page, offer_page
from .diff import Change, document_changes
from .formatting import uk_date
from .models import AlertSent, AlertSubscription, Council, Offer, OfferRevision

logger = logging.getLogger(__name__)

# A confirmation link works for this long; an address never confirmed is deleted after it.
CONFIRM_DAYS = 7
# A version that went live longer ago than this is not news: it is never announced (a
# send_change_alerts that did not run for weeks does not send a pile of old alerts).
ALERT_DAYS = 7
# Subscribe requests one client may make in an hour, and confirmation emails one address
# may be sent in a day (so the form cannot be used to fill someone's inbox).
SUBSCRIBES_PER_HOUR = 10
CONFIRMATIONS_PER_DAY = 3
# Emails sent through one connection to the mail server.
BATCH_SIZE = 100
# Changes listed in an alert; the rest are on the changes page it links to.
CHANGES_LISTED = 20

_CONFIRM_SALT = "offers.alerts.confirm"
_UNSUBSCRIBE_SALT = "offers.alerts.unsubscribe"


class AlertLimitReached(Exception):
    """The client has asked for SUBSCRIBES_PER_HOUR subscriptions in the last hour."""


class LinkNotValid(Exception):
    """A confirm or unsubscribe link that this site did not make, or whose address is gone."""


class LinkExpired(Exception):
    """A confirmation link older than CONFIRM_DAYS."""


class LinkUsed(Exception):
    """A confirmation link for a subscription that has already started."""


def email_normalise(email: str) -> str:
    """The address as stored and compared: without spaces at the ends, in lower case (mail
    providers treat addresses case-insensitively, so one address is one subscription)."""
    return email.strip().lower()


# --- Links in the emails --------------------------------------------------------------------


def _token_value(subscription: AlertSubscription) -> str:
    # The creation time too, so a link never matches another subscription with the same id
    # (after a restore from a backup, say).
    return f"{subscription.pk}.{int(subscription.created_at.timestamp())}"


def confirm_url(subscription: AlertSubscription) -> str:
    """The confirmation link: signed, and refused after CONFIRM_DAYS."""
    token = signing.TimestampSigner(salt=_CONFIRM_SALT).sign(_token_value(subscription))
    return absolute(reverse("alert_confirm", args=[token]))


def unsubscribe_url(subscription: AlertSubscription) -> str:
    """The one-click unsubscribe link: signed, and works for as long as the subscription."""
    token = signing.Signer(salt=_UNSUBSCRIBE_SALT).sign(_token_value(subscription))
    return absolute(reverse("alert_unsubscribe", args=[token]))


def _subscription_for(value: str) -> AlertSubscription | None:
    pk, _, created = value.partition(".")
    subscription = (
        AlertSubscription.objects.select_related("council").filter(pk=int(pk)).first()
        if pk.isdigit()
        else None
    )
    if subscription is None or str(int(subscription.created_at.timestamp())) != created:
        return None
    return subscription


def subscription_to_confirm(token: str) -> AlertSubscription:
    """The subscription a confirmation link is for. Raises LinkExpired, LinkNotValid (not
    ours, or the address has been deleted since) or LinkUsed (confirmed already)."""
    try:
        value = signing.TimestampSigner(salt=_CONFIRM_SALT).unsign(
            token, max_age=datetime.timedelta(days=CONFIRM_DAYS)
        )
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkNotValid from None
    subscription = _subscription_for(value)
    if subscription is None:
        raise LinkNotValid
    if subscription.confirmed_at is not None:
        raise LinkUsed
    return subscription


def subscription_to_unsubscribe(token: str) -> AlertSubscription | None:
    """The subscription an unsubscribe link is for; None if it has gone already (the link
    was used, or never confirmed and expired). Raises LinkNotValid for a link not ours."""
    try:
        value = signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        raise LinkNotValid from None
    return _subscription_for(value)


def _message(subscription: AlertSubscription, subject: str, body: str) -> EmailMessage:
    """An email to a subscriber with the one-click unsubscribe link in its words and in the
    headers mail programs show as an "Unsubscribe" button (RFC 2369 and RFC 8058)."""
    unsubscribe = unsubscribe_url(subscription)
    return EmailMessage(
        subject,
        f"{body}\n\n{unsubscribe}\n",
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


# --- Subscribing, confirming, unsubscribing -------------------------------------------------


def _address_key(email: str) -> str:
    """A keyed hash of the address, so its limit is counted without storing it again."""
    return hmac.new(settings.SECRET_KEY.encode(), email.encode(), hashlib.sha256).hexdigest()


def confirmation_email(subscription: AlertSubscription) -> EmailMessage:
    """The email that asks the address's owner to confirm."""
    council = subscription.council.name
    body = "\n\n".join(
        [
            f"Someone asked for emails to this address when {council} changes its kinship "
            "local offer.",
            f"To start getting them, confirm here:\n{confirm_url(subscription)}",
            f"The link works for {CONFIRM_DAYS} days. If you did not ask for these emails, "
            "you do not need to do anything. We will delete your address when the link "
            "expires.",
            "To delete your address now, use this link:",
        ]
    )
    return _message(
        subscription, f"Confirm you want emails about {council}’s kinship local offer", body
    )


def alert_subscribe(*, council: Council, email: str, client_key: str) -> None:
    """Ask for alerts about a council's offer: store the address unconfirmed and send the
    confirmation email.

    What the caller sees is the same whatever the address's state, so nothing tells anyone
    whether it already gets alerts: a confirmed address gets no email (it has its alerts),
    one waiting for confirmation gets a new link, at most CONFIRMATIONS_PER_DAY a day.
    Raises AlertLimitReached, storing and sending nothing, past SUBSCRIBES_PER_HOUR
    requests from one client in an hour.
    """
    if not flood.slot_take(
        purpose="alert-subscribe", key=client_key, limit=SUBSCRIBES_PER_HOUR, seconds=60 * 60
    ):
        raise AlertLimitReached
    email = email_normalise(email)
    subscription = AlertSubscription(council=council, email=email)
    subscription.full_clean(validate_unique=False, validate_constraints=False)
    subscription, _ = AlertSubscription.objects.get_or_create(council=council, email=email)
    if subscription.confirmed_at is not None:
        return
    if not flood.slot_take(
        purpose="alert-confirmation",
        key=_address_key(email),
        limit=CONFIRMATIONS_PER_DAY,
        seconds=24 * 60 * 60,
    ):
        return
    confirmation_email(subscription).send()


def alert_confirm(*, subscription: AlertSubscription) -> AlertSubscription:
    """Start the subscription (from subscription_to_confirm). Only the first of two at once
    starts it: the other raises LinkUsed."""
    now = timezone.now()
    started = AlertSubscription.objects.filter(
        pk=subscription.pk, confirmed_at__isnull=True
    ).update(confirmed_at=now)
    if not started:
        raise LinkUsed
    subscription.confirmed_at = now
    return subscription


def alert_unsubscribe(*, subscription: AlertSubscription | None) -> None:
    """Stop the alerts and delete the address (and the record of what was sent to it)."""
    if subscription is not None:
        AlertSubscription.objects.filter(pk=subscription.pk).delete()


def unconfirmed_delete(*, now: datetime.datetime | None = None) -> int:
    """Delete addresses whose confirmation link has expired unused. Returns how many."""
    now = now or timezone.now()
    expired = AlertSubscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=CONFIRM_DAYS)
    )
    return expired.delete()[1].get(AlertSubscription._meta.label, 0)


# --- Sending alerts when a version goes live ------------------------------------------------


@dataclass(frozen=True)
class VersionNews:
    """What an alert about one version says (the same for every subscriber)."""

    council: Council
    revision: OfferRevision
    changes: list[Change]


def change_alert_email(subscription: AlertSubscription, news: VersionNews) -> EmailMessage:
    """The alert about one version: its summary, what changed, and links to read more."""
    council, revision = news.council, news.revision
    listed = [f"- {change.text}" for change in news.changes[:CHANGES_LISTED]]
    more = len(news.changes) - CHANGES_LISTED
    if more > 0:
        listed.append(f"- and {more} more {'change' if more == 1 else 'changes'}")
    parts = [
        f"{council.name} published a new version of its kinship local offer on "
        f"{uk_date(revision.published_at)}.",
        revision.summary,
    ]
    if listed:
        parts.append("What changed:\n" + "\n".join(listed))
    parts += [
        f"See what changed:\n{absolute(changes_page(council.slug))}#version-{revision.version}",
        f"Read the offer:\n{absolute(offer_page(council.slug))}",
        f"You get this email because you asked us to tell you when {council.name} changes "
        "its offer. To stop these emails, unsubscribe:",
    ]
    return _message(
        subscription, f"{council.name} has changed its kinship local offer", "\n\n".join(parts)
    )


def versions_to_announce(*, now: datetime.datetime | None = None) -> list[OfferRevision]:
    """Versions of live offers that went live in the last ALERT_DAYS days, oldest first
    (without their documents)."""
    now = now or timezone.now()
    return list(
        OfferRevision.objects.filter(
            offer__in=Offer.objects.live(),
            published_at__gte=now - datetime.timedelta(days=ALERT_DAYS),
        )
        .select_related("offer__council")
        .defer("content")
        .order_by("published_at", "pk")
    )


def subscribers_due(revision: OfferRevision):
    """Confirmed subscribers of the version's council who had confirmed before it went live
    and have not been sent it."""
    return (
        AlertSubscription.objects.filter(
            council_id=revision.offer.council_id,
            confirmed_at__isnull=False,
            confirmed_at__lt=revision.published_at,
        )
        .exclude(alerts_sent__revision=revision)
        .order_by("pk")
    )


def version_news(revision: OfferRevision) -> VersionNews:
    """What changed in this version since the one before it, as the changes page says it."""
    documents = dict(
        OfferRevision.objects.filter(
            offer_id=revision.offer_id, version__in=[revision.version - 1, revision.version]
        ).values_list("version", "content")
    )
    changes = document_changes(documents.get(revision.version - 1), documents[revision.version])
    return VersionNews(revision.offer.council, revision, changes)


def alert_claim(*, subscription: AlertSubscription, revision: OfferRevision) -> AlertSent | None:
    """Claim this version's alert to this subscriber, committed at once; None if another run
    has claimed it (or the subscriber has just unsubscribed)."""
    try:
        with transaction.atomic():
            return AlertSent.objects.create(subscription=subscription, revision=revision)
    except IntegrityError:
        return None


def _batches(items, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def change_alerts_send(
    *, now: datetime.datetime | None = None, batch_size: int = BATCH_SIZE
) -> int:
    """Send every alert that is due, each once, BATCH_SIZE to a connection. Returns how many
    were sent. Also deletes addresses never confirmed whose link has expired.

    Safe to run several at once: each email is claimed (alert_claim) before it is sent.
    """
    unconfirmed_delete(now=now)
    sent = 0
    for revision in versions_to_announce(now=now):
        due = list(subscribers_due(revision))
        if not due:
            continue
        news = version_news(revision)
        for batch in _batches(due, batch_size):
            with get_connection() as connection:
                for subscription in batch:
                    claim = alert_claim(subscription=subscription, revision=revision)
                    if claim is None:
                        continue
                    try:
                        connection.send_messages([change_alert_email(subscription, news)])
                    except Exception:
                        claim.delete()  # the next run tries again
                        logger.exception(
                            "Could not send the alert about %s version %s",
                            news.council.name,
                            revision.version,
                        )
                        continue
                    sent += 1
    return sent
