"""The officers' sign-in is throttled (django-axes, settings.AXES_*): 5 wrong passwords for one
username from one address lock that pair out for an hour; a site administrator can unlock it.

django-axes stays enabled here, as in every test: the real middleware, backend and handler."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from .factories import UserFactory

LOGIN_URL = "/admin/login/?next=/admin/"
LOCKOUT_MESSAGE = (
    "You've tried to sign in too many times. Wait 1 hour or ask a site administrator "
    "to unlock your account."
)


@pytest.fixture
def officer(db):
    return UserFactory(username="officer-a", password="right-password-123")


def sign_in(client, password, username="officer-a", address="192.0.2.10"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_limit_is_five_wrong_passwords_and_the_lock_lasts_an_hour():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 1
    assert settings.AXES_ENABLED


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, officer):
    for _ in range(30):
        sign_in(client, "wrong-password")

    response = sign_in(client, "right-password-123")

    assert response.status_code == 429
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302  # still sent to the sign-in page


def test_the_right_password_after_four_wrong_ones_signs_in(client, officer):
    for _ in range(4):
        assert sign_in(client, "wrong-password").status_code == 200

    response = sign_in(client, "right-password-123")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert signed_in(client)


def test_the_fifth_wrong_password_locks_and_even_the_right_one_is_refused(client, officer):
    for _ in range(4):
        sign_in(client, "wrong-password")
    assert sign_in(client, "wrong-password").status_code == 429

    assert sign_in(client, "right-password-123").status_code == 429
    assert not signed_in(client)


def test_a_successful_sign_in_starts_the_count_again(client, officer):
    for _ in range(4):
        sign_in(client, "wrong-password")
    assert sign_in(client, "right-password-123").status_code == 302
    client.logout()

    for _ in range(4):
        assert sign_in(client, "wrong-password").status_code == 200
    assert sign_in(client, "right-password-123").status_code == 302


def test_the_lockout_page_says_what_to_do_in_the_admin_look(client, officer):
    for _ in range(5):
        response = sign_in(client, "wrong-password")

    html = response.content.decode()
    assert response.status_code == 429
    assert LOCKOUT_MESSAGE in html
    assert 'id="site-name"' in html  # the admin's header
    assert "admin/css/login.css" in html
    assert html.count("<h1") == 1
    assert 'href="/admin/login/"' in html


def test_the_lock_is_for_that_username_from_that_address(client, officer):
    UserFactory(username="officer-b", password="other-password-456")
    for _ in range(5):
        sign_in(client, "wrong-password")

    # Another officer at the same office, and the same officer elsewhere, still sign in.
    assert sign_in(client, "other-password-456", username="officer-b").status_code == 302
    client.logout()
    assert sign_in(client, "right-password-123", address="198.51.100.7").status_code == 302


def test_the_lock_ends_after_an_hour(client, officer):
    for _ in range(5):
        sign_in(client, "wrong-password")
    assert sign_in(client, "right-password-123").status_code == 429

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(hours=1, minutes=1)
    )

    assert sign_in(client, "right-password-123").status_code == 302


def test_an_administrator_unlocks_an_account_with_axes_reset_username(client, officer):
    for _ in range(5):
        sign_in(client, "wrong-password")
    assert sign_in(client, "right-password-123").status_code == 429

    call_command("axes_reset_username", "officer-a")

    response = sign_in(client, "right-password-123")
    assert response.status_code == 302
    assert signed_in(client)


def test_the_throttle_counts_the_client_behind_trusted_proxies(client, officer, settings):
    # Behind one proxy, each caller's own address counts, not the proxy's.
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            LOGIN_URL,
            {"username": "officer-a", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )

    locked = client.post(
        LOGIN_URL,
        {"username": "officer-a", "password": "right-password-123"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    other_caller = client.post(
        LOGIN_URL,
        {"username": "officer-a", "password": "right-password-123"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert locked.status_code == 429
    assert other_caller.status_code == 302


def test_the_test_clients_login_still_works_without_a_request(officer, client):
    # Django's test client checks the password with no request; the throttle lets it through.
    assert client.login(username="officer-a", password="right-password-123")
    assert not client.login(username="officer-a", password="wrong-password")
