"""A share link shows the working copy to someone without a login, for 7 days, until revoked."""

import datetime
import re
from unittest import mock

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.models import AuditAction, AuditEvent, Membership, PreviewLink

pytestmark = pytest.mark.django_db


def _link_url(link) -> str:
    return reverse("preview_link", args=[services.preview_link_token(link=link)])


def test_a_share_link_shows_the_working_copy_with_the_banner_without_a_login(
    client, offer_a, officer_a
):
    offer_a.title = "Draft title for carers to check"
    offer_a.save()
    link = services.preview_link_create(offer=offer_a, by=officer_a)

    response = client.get(_link_url(link))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not published" in html
    assert "Draft title for carers to check" in html
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_a_share_link_is_read_only(client, offer_a, officer_a):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    assert client.post(_link_url(link), {"title": "x"}).status_code == 405


def test_a_link_expires_after_7_days(client, offer_a, officer_a):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    url = _link_url(link)
    assert link.expires_at - link.created_at == datetime.timedelta(days=7)

    eight_days = timezone.now() + datetime.timedelta(days=8)
    with (
        mock.patch("django.utils.timezone.now", return_value=eight_days),
        mock.patch("time.time", return_value=eight_days.timestamp()),
    ):
        assert client.get(url).status_code == 404


def test_an_expired_link_row_is_refused_even_with_a_fresh_signature(client, offer_a, officer_a):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert client.get(_link_url(link)).status_code == 404


def test_a_revoked_link_gives_404_and_the_revocation_is_audited(client, offer_a, officer_a):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    url = _link_url(link)
    assert client.get(url).status_code == 200

    services.preview_link_revoke(link=link, by=officer_a)

    assert client.get(url).status_code == 404
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        AuditAction.SHARE_REVOKE,
        AuditAction.SHARE_CREATE,
    ]


@pytest.mark.parametrize(
    "token",
    ["nonsense", "1", pytest.param(signing.dumps(1, salt="another-salt"), id="another-salt")],
)
def test_a_made_up_or_tampered_token_gives_404(client, offer_a, officer_a, token):
    services.preview_link_create(offer=offer_a, by=officer_a)
    assert client.get(reverse("preview_link", args=[token])).status_code == 404


# --- A preview link shares its creator's rights as they are now ---------------------------


def test_a_preview_link_stops_working_when_its_creators_membership_is_removed(
    client, offer_a, officer_a
):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    token = services.preview_link_token(link=link)
    assert services.preview_link_resolve(token=token) == link
    assert client.get(_link_url(link)).status_code == 200

    Membership.objects.filter(user=officer_a).delete()

    assert services.preview_link_resolve(token=token) is None
    assert client.get(_link_url(link)).status_code == 404


def test_a_preview_link_stops_working_when_its_creator_is_deactivated(client, offer_a, officer_a):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    type(officer_a).objects.filter(pk=officer_a.pk).update(is_active=False)

    assert services.preview_link_resolve(token=services.preview_link_token(link=link)) is None
    assert client.get(_link_url(link)).status_code == 404


def test_a_preview_link_stops_working_when_the_council_is_made_inactive(client, offer_a, officer_a):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    assert client.get(_link_url(link)).status_code == 200

    offer_a.council.is_active = False
    offer_a.council.save()

    assert services.preview_link_resolve(token=services.preview_link_token(link=link)) is None
    assert client.get(_link_url(link)).status_code == 404


def test_a_preview_link_made_by_someone_who_moved_to_another_council_stops_working(
    client, offer_a, officer_a, council_b
):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    Membership.objects.filter(user=officer_a).update(council=council_b)

    assert services.preview_link_resolve(token=services.preview_link_token(link=link)) is None


def test_a_site_administrators_preview_link_works_while_they_are_one(client, offer_a, site_admin):
    link = services.preview_link_create(offer=offer_a, by=site_admin)
    assert client.get(_link_url(link)).status_code == 200

    site_admin.is_superuser = False
    site_admin.save()

    assert client.get(_link_url(link)).status_code == 404


@override_settings(
    SITE_URL="https://kinship.example", ALLOWED_HOSTS=["testserver", "officers.internal.example"]
)
def test_the_link_shown_to_share_is_on_site_url_whatever_host_the_officer_used(
    client_a, client, offer_a, officer_a
):
    services.preview_link_create(offer=offer_a, by=officer_a)
    share = reverse("workspace:share", args=[offer_a.council.slug])
    html = client_a.get(share, HTTP_HOST="officers.internal.example")
    shown = re.search(r'(https?://[^"<\s]+/preview/[^"<\s]+)', html.content.decode())[1]
    assert shown.startswith("https://kinship.example/preview/")
    assert "officers.internal.example" not in html.content.decode()
    client.logout()
    path = shown.removeprefix("https://kinship.example")
    assert "Ashdown test offer" in client.get(path).content.decode()


@override_settings(SITE_URL="https://kinship.example")
def test_a_preview_links_address_is_site_url_and_its_token(offer_a, officer_a):
    link = services.preview_link_create(offer=offer_a, by=officer_a)
    assert services.preview_link_url(link=link) == "https://kinship.example" + _link_url(link)
