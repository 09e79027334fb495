"""The officers' pages cost the same number of queries however many rows they show (no N+1):
the offer's change page at 3 and at 40 sections, and every admin list at 3 and at 40 rows.

Cast: the approver of council A (who sees A's rows), the officer of council B (whose rows
must not be counted), and a site administrator for the site-wide lists."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offers.entry_types import ENTRY_TYPES
from offers.models import Offer

from .conftest import publish
from .factories import (
    AllowanceFactory,
    CouncilFactory,
    FeedbackFactory,
    SectionFactory,
)


def _queries(client, url) -> int:
    client.get(url)  # the first request after signing in also loads the session's extras
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _grow(offer, sections: int):
    for n in range(sections):
        section = SectionFactory(offer=offer, kind="financial", heading=f"Money {n}")
        AllowanceFactory(section=section, name=f"Grant {n}")


def test_offer_change_page_queries_do_not_grow_with_sections(client, approver_a, offer_a, offer_b):
    client.force_login(approver_a)
    url = f"/admin/offers/offer/{offer_a.pk}/change/"
    _grow(offer_a, 2)
    publish(offer_a, approver_a)
    small = _queries(client, url)
    _grow(offer_a, 37)
    publish(offer_a, approver_a, "Bigger")
    assert _queries(client, url) == small


def test_section_change_page_queries_do_not_grow_with_entries(client, approver_a, offer_a):
    client.force_login(approver_a)
    section = offer_a.sections.get()
    url = f"/admin/offers/section/{section.pk}/change/"
    small = _queries(client, url)
    for n in range(30):
        AllowanceFactory(section=section, name=f"Grant {n}")
    assert _queries(client, url) == small


def _fill(offer, council, rows: int):
    _grow(offer, rows)
    for n in range(rows):
        FeedbackFactory(council=council, comment=f"Unclear {n}")
        CouncilFactory(name=f"Extra council {rows}-{n}")
    for n in range(rows):
        Offer.objects.filter(pk=offer.pk).update(title=f"Title {rows}-{n}")
        publish(offer, offer.council.memberships.get(role="approver").user, f"Version {n}")


@pytest.mark.parametrize(
    "model",
    [model for model in admin.site._registry if model._meta.app_label == "offers"],
    ids=lambda model: model._meta.model_name,
)
def test_every_admin_list_costs_the_same_at_3_and_at_40_rows(
    client, site_admin, approver_a, offer_a, model
):
    client.force_login(site_admin)
    url = f"/admin/offers/{model._meta.model_name}/"
    _fill(offer_a, offer_a.council, 3)
    small = _queries(client, url)
    _fill(offer_a, offer_a.council, 37)
    assert _queries(client, url) == small, model


def test_the_registry_has_an_admin_list_for_every_entry_type():
    registered = set(admin.site._registry)
    # Entries are edited as inlines of their section, never as lists of their own.
    assert not {entry_type.model for entry_type in ENTRY_TYPES} & registered
