"""The review pages' query counts do not grow with the offer: the same at 3 and 40 sections
(each with entries), so a big offer costs no more round trips than a small one.

One cast: approver_a (approver of A), officer_a (editor of A)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers import services
from offers.fact_check import fact_check_send

from .conftest import publish
from .factories import AllowanceFactory, ContactFactory, FeedbackFactory, SectionFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "send",
    "approvals",
    "history",
    "compare",
    "share",
    "fact_checks",
    "audit",
    "feedback",
]


def grow(offer, sections: int) -> None:
    """Give the offer `sections` sections in all, each with an allowance and a contact."""
    for n in range(sections - offer.sections.count()):
        section = SectionFactory(offer=offer, heading=f"Section {n}", kind="practical")
        AllowanceFactory(section=section, name=f"Allowance {n}")
        ContactFactory(section=section)


def counts(offer, approver, editor) -> dict[str, int]:
    """Queries each review page makes, with a history, a schedule, a fact check, feedback."""
    client = Client()
    client.force_login(approver)
    found = {}
    for name in PAGES:
        url = reverse(f"workspace:{name}", args=[offer.council.slug])
        client.get(url)  # the session and anything read once per process
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        found[name] = len(queries)
    return found


@pytest.mark.slow
def test_review_pages_make_the_same_queries_at_3_and_40_sections(
    offer_a, approver_a, officer_a, council_a
):
    def world(sections):
        grow(offer_a, sections)
        publish(offer_a, approver_a, f"{sections} sections")
        section = offer_a.sections.first()
        section.heading = f"Changed at {sections}"  # the working copy moves on
        section.save()
        services.offer_submit(offer=offer_a, by=officer_a, note="Check please")
        fact_check_send(offer=offer_a, by=officer_a, name="Ann", email="ann@charity.example")
        FeedbackFactory(council=council_a)
        return counts(offer_a, approver_a, officer_a)

    small = world(3)
    large = world(40)
    print("queries per page at 3 and 40 sections:", small)  # for the report (pytest -s)
    assert small == large
