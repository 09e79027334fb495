"""The fixed cast every test module uses: an officer of council A, an officer of council B,
an approver of council A, a site administrator, and an anonymous carer (the plain client)."""

import pytest
from django.conf import settings

from offers.documents import document_for
from offers.models import Role
from offers.services import offer_publish, offer_publish_document

from .factories import (
    AllowanceFactory,
    CouncilFactory,
    MembershipFactory,
    OfferFactory,
    SectionFactory,
    UserFactory,
)


def pytest_configure(config):
    # Small, fast test settings: a quick password hasher and plain static storage.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def publish(offer, by=None, summary: str = "First version"):
    """Publish the offer's working copy as its next version and return that version.

    by: an approver, through offer_publish as the publish page does, accepting the
    checklist's gaps (the cast's offers are small, not complete); None publishes as the
    scheduler does, with no one to check.
    """
    if by is None:
        return offer_publish_document(
            offer=offer, by=None, summary=summary, document=document_for(offer.pk)
        )
    return offer_publish(offer=offer, by=by, summary=summary, accept_gaps=True)


@pytest.fixture(autouse=True)
def empty_caches(request):
    """Each test starts with no kept pages, nothing counted against the render limit
    (offers.flood) and an empty shared cache (flood limits, the comparison's facts), as a
    newly started site does, and leaves no kept page behind."""
    from django.core.cache import caches

    caches["pages"].clear()
    caches["local"].clear()
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        caches["default"].clear()  # a database table unless REDIS_URL is set
    yield
    caches["pages"].clear()


@pytest.fixture
def council_a(db):
    return CouncilFactory(name="Ashdown Test Council", slug="ashdown-test", gss_code="E06900001")


@pytest.fixture
def council_b(db):
    return CouncilFactory(
        name="Brackenford Test Council", slug="brackenford-test", gss_code="E06900002"
    )


@pytest.fixture
def officer_a(council_a):
    return MembershipFactory(
        council=council_a, user=UserFactory(username="officer-a"), role=Role.EDITOR
    ).user


@pytest.fixture
def approver_a(council_a):
    return MembershipFactory(
        council=council_a, user=UserFactory(username="approver-a"), role=Role.APPROVER
    ).user


@pytest.fixture
def officer_b(council_b):
    return MembershipFactory(
        council=council_b, user=UserFactory(username="officer-b"), role=Role.EDITOR
    ).user


@pytest.fixture
def site_admin(db):
    return UserFactory(username="site-admin", is_superuser=True)


@pytest.fixture
def offer_a(council_a):
    offer = OfferFactory(council=council_a, title="Ashdown test offer")
    section = SectionFactory(offer=offer, heading="Money for carers A")
    AllowanceFactory(section=section, name="Allowance A")
    return offer


@pytest.fixture
def offer_b(council_b):
    offer = OfferFactory(council=council_b, title="Brackenford test offer")
    section = SectionFactory(offer=offer, heading="Money for carers B")
    AllowanceFactory(section=section, name="Allowance B")
    return offer


@pytest.fixture
def live_a(offer_a, approver_a):
    """Council A's offer, published: version 1."""
    return publish(offer_a, approver_a)


@pytest.fixture
def anchor(live_a):
    """The address name of the first section of council A's live offer."""
    return live_a.content["sections"][0]["anchor"]


@pytest.fixture
def client_a(client, officer_a):
    client.force_login(officer_a)
    return client


@pytest.fixture
def client_approver_a(client, approver_a):
    client.force_login(approver_a)
    return client


@pytest.fixture
def client_admin(client, site_admin):
    client.force_login(site_admin)
    return client
