"""Email alerts when an offer changes: signing up, the confirmation link, send_change_alerts
and unsubscribing. The cast: a family (the anonymous client), council A's approver, who
publishes, and council B, whose subscribers must hear nothing about A."""

import datetime
import re
import threading

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from offers import alerts
from offers.alerts import (
    CONFIRM_DAYS,
    CONFIRMATIONS_PER_DAY,
    SUBSCRIBES_PER_HOUR,
    change_alerts_send,
)
from offers.models import AlertSent, AlertSubscription

from .conftest import publish
from .factories import AllowanceFactory
from .hostile_corpus import BAD_EMAIL_ADDRESSES

SIGN_UP = "/offers/ashdown-test/alerts/"
LINK = re.compile(r"http://\S+/alerts/(confirm|unsubscribe)/(\S+)/")


def address_of(length: int) -> str:
    """A well-formed address of `length` characters (a 64-character name, long domain)."""
    domain_length = length - 65 - len(".example")
    labels = ["b" * 63, "c" * 63, "d" * (domain_length - 63 - 63 - 2)]
    return "a" * 64 + "@" + ".".join(labels) + ".example"


def sign_up(client, email):
    return client.post(SIGN_UP, {"email": email})


def links_in(message) -> dict[str, str]:
    """{"confirm": path, "unsubscribe": path} from an email's body."""
    return {kind: f"/alerts/{kind}/{token}/" for kind, token in LINK.findall(message.body)}


def confirmed(email, council, when=None) -> AlertSubscription:
    """A subscriber who confirmed (a moment ago, or `when`)."""
    return AlertSubscription.objects.create(
        council=council, email=email, confirmed_at=when or timezone.now()
    )


def publish_change(offer, approver, summary="We raised the allowance"):
    """Publish the next version of the offer with one more allowance in it."""
    AllowanceFactory(section=offer.sections.first(), name=f"New allowance {summary[-12:]}")
    return publish(offer, approver, summary)


@pytest.fixture
def subscribed_a(live_a, council_a):
    """Two confirmed subscribers of A, one who never confirmed; all before version 2."""
    when = live_a.published_at
    return [
        confirmed("one@family.example", council_a, when),
        confirmed("two@family.example", council_a, when),
        AlertSubscription.objects.create(council=council_a, email="waiting@family.example"),
    ]


# --- Signing up --------------------------------------------------------------------------------


def test_offer_overview_links_to_the_sign_up_page(client, live_a):
    html = client.get("/offers/ashdown-test/").content.decode()
    assert f'href="{SIGN_UP}"' in html
    assert "Get an email when this offer changes" in html


def test_sign_up_sends_a_confirmation_email_and_stores_only_the_address_council_and_dates(
    client, live_a, council_a
):
    response = sign_up(client, "  Carer@Family.example ")
    assert response.status_code == 302
    assert response["Location"] == "/offers/ashdown-test/alerts/sent/"
    assert "Check your email" in client.get(response["Location"]).content.decode()
    (subscription,) = AlertSubscription.objects.all()
    assert subscription.email == "carer@family.example"
    assert subscription.council == council_a and subscription.confirmed_at is None
    fields = {field.name for field in AlertSubscription._meta.concrete_fields}
    assert fields == {"id", "council", "email", "created_at", "confirmed_at"}
    (message,) = mail.outbox
    assert message.to == ["carer@family.example"]
    assert "Ashdown Test Council" in message.subject
    assert set(links_in(message)) == {"confirm", "unsubscribe"}


@pytest.mark.parametrize(
    "email, error",
    [
        ("not-an-address", "Enter an email address in the correct format, like name@example.com"),
        ("", "Enter your email address"),
        (address_of(255), "Email address must be 254 characters or fewer"),
    ],
)
def test_an_invalid_address_gets_a_govuk_error_and_nothing_is_stored(client, live_a, email, error):
    response = sign_up(client, email)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>\s*Error: Get emails", html)
    assert f'<li><a href="#email">{error}</a></li>' in html  # the summary links to the field
    assert f'<span class="govuk-visually-hidden">Error:</span> {error}</p>' in html
    assert 'id="email"' in html and "govuk-input--error" in html
    assert not AlertSubscription.objects.exists() and not mail.outbox


@pytest.mark.parametrize("email", [*BAD_EMAIL_ADDRESSES, "a@b.example\r\nBcc: x@evil.example"])
def test_a_hostile_address_gets_the_error_stores_nothing_and_is_not_echoed_raw(
    client, live_a, email
):
    response = sign_up(client, email)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "<script>@" not in html  # kept for editing, but escaped
    assert not AlertSubscription.objects.exists() and not mail.outbox


def test_the_sign_up_form_is_made_for_each_visitor_and_never_kept(client, live_a):
    first, second = client.get(SIGN_UP), client.get(SIGN_UP)
    assert first.templates and second.templates  # rendered each time, not from the cache
    assert "csrfmiddlewaretoken" in second.content.decode()


def test_an_address_of_254_characters_is_accepted(client, live_a):
    email = address_of(254)
    assert len(email) == 254
    assert sign_up(client, email).status_code == 302
    assert AlertSubscription.objects.get().email == email


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client, live_a, council_a):
    confirmed("known@family.example", council_a)
    sign_up(client, "waiting@family.example")
    answers = []
    for email in ("new@family.example", "known@family.example", "waiting@family.example"):
        response = sign_up(client, email)
        page = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], page.content))
    assert answers[0] == answers[1] == answers[2]
    # Only the address not yet confirmed is asked again; the confirmed one has its alerts.
    assert [m.to for m in mail.outbox] == [
        ["waiting@family.example"],
        ["new@family.example"],
        ["waiting@family.example"],
    ]
    assert AlertSubscription.objects.filter(email="known@family.example").count() == 1


def test_the_sign_up_page_is_404_for_a_council_with_nothing_published(client, council_b):
    assert client.get("/offers/brackenford-test/alerts/").status_code == 404
    response = client.post("/offers/brackenford-test/alerts/", {"email": "x@family.example"})
    assert response.status_code == 404 and not AlertSubscription.objects.exists()


def test_sign_ups_past_the_hourly_limit_get_429_and_send_nothing(client, live_a):
    for n in range(SUBSCRIBES_PER_HOUR):
        assert sign_up(client, f"family{n}@family.example").status_code == 302
    response = sign_up(client, "one-more@family.example")
    assert response.status_code == 429
    assert "You have asked for a lot of emails" in response.content.decode()
    assert len(mail.outbox) == SUBSCRIBES_PER_HOUR
    assert not AlertSubscription.objects.filter(email="one-more@family.example").exists()
    # Another client is not held back.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_up(other, "neighbour@family.example").status_code == 302


def test_one_address_gets_at_most_three_confirmation_emails_a_day(live_a):
    for n in range(CONFIRMATIONS_PER_DAY + 2):
        assert (
            sign_up(Client(REMOTE_ADDR=f"192.0.2.{n + 1}"), "target@family.example").status_code
            == 302
        )
    assert len(mail.outbox) == CONFIRMATIONS_PER_DAY


# --- The confirmation link -----------------------------------------------------------------------


def test_the_confirm_link_asks_first_then_works_once(client, live_a):
    sign_up(client, "carer@family.example")
    link = links_in(mail.outbox[0])["confirm"]
    page = Client(enforce_csrf_checks=True)
    shown = page.get(link)
    assert shown.status_code == 200 and "Confirm your email address" in shown.content.decode()
    assert not shown.cookies  # no CSRF token: the signed link is the proof
    assert AlertSubscription.objects.get().confirmed_at is None  # opening it is not enough
    done = page.post(link)
    assert "You will get emails when this offer changes" in done.content.decode()
    when = AlertSubscription.objects.get().confirmed_at
    assert when is not None
    again = page.post(link)
    assert again.status_code == 410 and "This link has been used" in again.content.decode()
    assert AlertSubscription.objects.get().confirmed_at == when


def test_the_confirm_link_expires_after_7_days(client, live_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_up(client, "late@family.example")
        sign_up(client, "inside@family.example")
    late, inside = (links_in(m)["confirm"] for m in mail.outbox)
    with time_machine.travel(start + datetime.timedelta(days=CONFIRM_DAYS, seconds=1)):
        response = client.post(late)
    assert response.status_code == 410 and "This link has expired" in response.content.decode()
    assert AlertSubscription.objects.get(email="late@family.example").confirmed_at is None
    # Control: a day earlier the same kind of link works.
    with time_machine.travel(start + datetime.timedelta(days=CONFIRM_DAYS - 1)):
        assert client.post(inside).status_code == 200
    assert AlertSubscription.objects.get(email="inside@family.example").confirmed_at


def test_a_tampered_confirm_link_is_refused(client, live_a):
    sign_up(client, "carer@family.example")
    link = links_in(mail.outbox[0])["confirm"]
    response = client.post(link[:-3] + ("x/" if link[-2] != "x" else "y/"))
    assert response.status_code == 404 and "This link does not work" in response.content.decode()
    # An unsubscribe link is not a confirm link (different salt).
    unsubscribe_token = links_in(mail.outbox[0])["unsubscribe"].split("/")[3]
    assert client.post(f"/alerts/confirm/{unsubscribe_token}/").status_code == 404
    assert AlertSubscription.objects.get().confirmed_at is None
    assert client.post(link).status_code == 200  # control: the real link works


def test_addresses_never_confirmed_are_deleted_once_their_link_has_expired(live_a, council_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        AlertSubscription.objects.create(council=council_a, email="old@family.example")
        confirmed("kept@family.example", council_a)
    with time_machine.travel(start + datetime.timedelta(days=CONFIRM_DAYS, minutes=1)):
        AlertSubscription.objects.create(council=council_a, email="new@family.example")
        call_command("send_change_alerts")
    assert set(AlertSubscription.objects.values_list("email", flat=True)) == {
        "kept@family.example",
        "new@family.example",
    }


# --- send_change_alerts -------------------------------------------------------------------------


def test_a_publish_sends_one_email_per_confirmed_subscriber_with_what_changed(
    live_a, subscribed_a, offer_a, approver_a, council_b
):
    confirmed("other-council@family.example", council_b, live_a.published_at)
    version = publish_change(offer_a, approver_a, "We added a new allowance")
    call_command("send_change_alerts")
    assert sorted(m.to[0] for m in mail.outbox) == ["one@family.example", "two@family.example"]
    message = mail.outbox[0]
    assert message.subject == "Ashdown Test Council has changed its kinship local offer"
    assert "We added a new allowance" in message.body
    assert "New allowance" in message.body  # the line the changes page shows for it
    assert f"/offers/ashdown-test/changes/#version-{version.version}" in message.body
    assert AlertSent.objects.filter(revision=version).count() == 2
    # Run again: nothing new. Another version: one more each.
    call_command("send_change_alerts")
    assert len(mail.outbox) == 2
    publish_change(offer_a, approver_a, "We changed it again")
    call_command("send_change_alerts")
    assert len(mail.outbox) == 4
    assert "We changed it again" in mail.outbox[-1].body


def test_a_subscriber_hears_only_of_versions_that_went_live_after_they_confirmed(live_a, council_a):
    confirmed("new@family.example", council_a)  # after version 1 went live
    call_command("send_change_alerts")
    assert not mail.outbox


def test_versions_older_than_a_week_are_not_announced(live_a, subscribed_a, offer_a, approver_a):
    publish_change(offer_a, approver_a)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=alerts.ALERT_DAYS, hours=1)):
        call_command("send_change_alerts")
    assert not mail.outbox


def test_batches_of_one_send_the_same_emails(live_a, subscribed_a, offer_a, approver_a):
    publish_change(offer_a, approver_a)
    call_command("send_change_alerts", batch_size=1)
    assert len(mail.outbox) == 2


def test_two_runs_racing_at_the_claim_send_each_alert_once(
    live_a, subscribed_a, offer_a, approver_a, monkeypatch
):
    """Both runs have listed who is due; the second claims and sends everything before the
    first claims anything. The first must then send nothing."""
    publish_change(offer_a, approver_a)
    real_claim = alerts.alert_claim
    other_run = []

    def claim_after_the_other_run(**kwargs):
        if not other_run:
            monkeypatch.setattr(alerts, "alert_claim", real_claim)
            other_run.append(change_alerts_send())
            monkeypatch.setattr(alerts, "alert_claim", claim_after_the_other_run)
        return real_claim(**kwargs)

    monkeypatch.setattr(alerts, "alert_claim", claim_after_the_other_run)
    first_run = change_alerts_send()
    assert other_run == [2] and first_run == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["one@family.example", "two@family.example"]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_in_two_threads_send_each_alert_once(monkeypatch):
    """Two real runs, each with its own database connection, both past their list of who is
    due before either claims (a barrier holds them there)."""
    if connection.vendor == "sqlite":
        # The shared in-memory test database answers a second writer with "database table
        # is locked" at once instead of waiting; the race above covers the claim on SQLite.
        pytest.skip("concurrent writers need PostgreSQL (CI runs the suite on it too)")
    from .factories import (
        CouncilFactory,
        MembershipFactory,
        OfferFactory,
        SectionFactory,
        UserFactory,
    )

    council = CouncilFactory(slug="ashdown-thread")
    offer = OfferFactory(council=council)
    AllowanceFactory(section=SectionFactory(offer=offer))
    approver = MembershipFactory(council=council, user=UserFactory(), role="approver").user
    first = publish(offer, approver)
    for n in range(6):
        confirmed(f"family{n}@family.example", council, first.published_at)
    publish_change(offer, approver)

    barrier = threading.Barrier(2, timeout=20)
    real_due = alerts.subscribers_due

    def due_then_wait(revision):
        due = list(real_due(revision))
        barrier.wait()
        return due

    monkeypatch.setattr(alerts, "subscribers_due", due_then_wait)
    results, errors = [], []

    def run():
        try:
            results.append(change_alerts_send())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(results) == 6
    assert sorted(m.to[0] for m in mail.outbox) == [f"family{n}@family.example" for n in range(6)]


def test_an_email_the_mail_server_refuses_is_tried_again_next_run(
    live_a, subscribed_a, offer_a, approver_a, monkeypatch
):
    version = publish_change(offer_a, approver_a)

    def refuse(self, messages):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert change_alerts_send() == 0
    assert not AlertSent.objects.filter(revision=version).exists()
    monkeypatch.undo()
    assert change_alerts_send() == 2
    assert len(mail.outbox) == 2


# --- Unsubscribing -----------------------------------------------------------------------------


def test_every_email_has_an_unsubscribe_link_and_one_click_headers(
    client, live_a, subscribed_a, offer_a, approver_a
):
    sign_up(client, "new@family.example")
    publish_change(offer_a, approver_a)
    call_command("send_change_alerts")
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        unsubscribe = links_in(message)["unsubscribe"]
        assert message.extra_headers["List-Unsubscribe"] == f"<{settings.SITE_URL}{unsubscribe}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_unsubscribe_deletes_the_address_and_stops_the_alerts(
    live_a, subscribed_a, offer_a, approver_a
):
    publish_change(offer_a, approver_a)
    call_command("send_change_alerts")
    message = next(m for m in mail.outbox if m.to == ["one@family.example"])
    link = links_in(message)["unsubscribe"]
    browser = Client(enforce_csrf_checks=True)
    asked = browser.get(link)
    assert "Stop emails about this offer" in asked.content.decode() and not asked.cookies
    assert AlertSubscription.objects.filter(email="one@family.example").exists()
    # What a mail program's "Unsubscribe" button sends (RFC 8058): a POST, no CSRF token.
    done = browser.post(
        link,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert done.status_code == 200 and "You have unsubscribed" in done.content.decode()
    assert not AlertSubscription.objects.filter(email="one@family.example").exists()
    assert browser.post(link).status_code == 200  # a second click says the same
    mail.outbox.clear()
    publish_change(offer_a, approver_a, "Another change")
    call_command("send_change_alerts")
    assert [m.to for m in mail.outbox] == [["two@family.example"]]


def test_a_tampered_unsubscribe_link_deletes_nothing(client, live_a, subscribed_a):
    mail.outbox.clear()
    sign_up(client, "carer@family.example")
    link = links_in(mail.outbox[0])["unsubscribe"]
    assert client.post(link[:-3] + ("x/" if link[-2] != "x" else "y/")).status_code == 404
    assert AlertSubscription.objects.count() == 4
    assert client.post(link).status_code == 200  # control
    assert AlertSubscription.objects.count() == 3


def test_the_privacy_notice_says_what_alerts_keep(client, db):
    html = client.get("/privacy/").content.decode()
    assert "email alerts" in html.lower()
    assert "your email address, the council and the dates" in html
