"""What an officer meets in the admin: order, inlines, checkboxes, and accessible markup."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from offers.models import Allowance, Section

from .admin_helpers import form_data, resubmit
from .factories import AllowanceFactory, SectionFactory

pytestmark = pytest.mark.django_db


def offer_url(offer) -> str:
    return f"/admin/offers/offer/{offer.pk}/change/"


def section_url(section) -> str:
    return f"/admin/offers/section/{section.pk}/change/"


def in_order(html: str, *texts: str) -> bool:
    positions = [html.index(text) for text in texts]
    return positions == sorted(positions)


# --- Order -----------------------------------------------------------------------------------


@pytest.fixture
def three_sections(offer_a):
    offer_a.sections.all().delete()
    for order, heading in [(3, "Third heading"), (1, "First heading"), (2, "Second heading")]:
        SectionFactory(offer=offer_a, heading=heading, order=order)
    return offer_a


def test_offer_form_lists_sections_in_their_order(client_a, three_sections):
    html = client_a.get(offer_url(three_sections)).content.decode()
    assert in_order(
        html, 'value="First heading"', 'value="Second heading"', 'value="Third heading"'
    )


def test_sections_list_is_in_their_order(client_a, three_sections):
    html = client_a.get("/admin/offers/section/").content.decode()
    assert in_order(html, "First heading", "Second heading", "Third heading")


def test_changing_the_order_number_moves_a_section(client_a, three_sections):
    first = three_sections.sections.get(heading="First heading")
    resubmit(client_a, section_url(first), {"order": "9"})
    html = client_a.get(offer_url(three_sections)).content.decode()
    assert in_order(
        html, 'value="Second heading"', 'value="Third heading"', 'value="First heading"'
    )


def test_section_form_lists_entries_in_their_order(client_a, offer_a):
    section = offer_a.sections.get()
    section.allowances.all().delete()
    AllowanceFactory(section=section, name="Later allowance", order=5)
    AllowanceFactory(section=section, name="Earlier allowance", order=1)
    html = client_a.get(section_url(section)).content.decode()
    assert in_order(html, "Earlier allowance", "Later allowance")
    # The order box comes first in each entry, so officers can see why.
    assert in_order(html, 'name="allowances-0-order"', 'name="allowances-0-name"')


# --- Adding and removing sections and entries ------------------------------------------------


def test_officer_adds_a_section_from_the_offer_form(client_a, offer_a):
    response = resubmit(
        client_a,
        offer_url(offer_a),
        {
            "sections-TOTAL_FORMS": "2",
            # After the factory's section, whatever its sequence number has reached.
            "sections-1-order": str(offer_a.sections.get().order + 1),
            "sections-1-kind": "legal",
            "sections-1-heading": "Legal advice",
            "sections-1-summary": "Who pays for a solicitor.",
        },
    )
    assert response.status_code == 302
    assert list(offer_a.sections.values_list("heading", flat=True)) == [
        "Money for carers A",
        "Legal advice",
    ]


def test_officer_removes_a_section_from_the_offer_form(client_a, offer_a):
    response = resubmit(client_a, offer_url(offer_a), {"sections-0-DELETE": "on"})
    assert response.status_code == 302
    assert not offer_a.sections.exists()


def test_officer_adds_and_removes_entries_in_a_section(client_a, offer_a):
    section = offer_a.sections.get()
    response = resubmit(
        client_a,
        section_url(section),
        {
            "allowances-0-DELETE": "on",
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-order": "1",
            "contacts-0-name": "Kinship team",
            "contacts-0-phone": "0161 496 0999",
        },
    )
    assert response.status_code == 302
    assert not section.allowances.exists()
    assert list(section.contacts.values_list("name", "phone")) == [
        ("Kinship team", "0161 496 0999")
    ]


def test_officer_adds_a_section_on_its_own_page(client_a, offer_a):
    response = resubmit(
        client_a,
        "/admin/offers/section/add/",
        {
            "offer": str(offer_a.pk),
            "kind": "housing",
            "heading": "Housing",
            "summary": "Help with a bigger home.",
            "order": "4",
        },
    )
    assert response.status_code == 302
    assert Section.objects.get(heading="Housing").offer == offer_a


# --- "Who this is for" checkboxes ------------------------------------------------------------


def test_arrangement_types_show_as_labelled_checkboxes_in_a_fieldset(client_a, offer_a):
    html = client_a.get(section_url(offer_a.sections.get())).content.decode()
    assert '<input type="checkbox" name="arrangement_types" value="sgo"' in html
    assert 'name="allowances-0-arrangement_types" value="sgo"' in html
    assert "Special guardianship order (SGO)</label>" in html
    # Every group of boxes has a name screen readers announce.
    groups = html.count('<div role="group" aria-label="Who this is for">')
    assert groups == html.count('value="kinship_foster"') >= 2


def test_arrangement_types_round_trip_through_the_section_form(client_a, offer_a):
    section = offer_a.sections.get()
    response = resubmit(client_a, section_url(section), {"arrangement_types": ["sgo", "cao"]})
    assert response.status_code == 302
    assert Section.objects.get(pk=section.pk).arrangement_types == ["sgo", "cao"]
    # Loaded again, the same boxes are ticked, and re-saving changes nothing.
    data = form_data(client_a.get(section_url(section)))
    assert sorted(data["arrangement_types"]) == ["cao", "sgo"]
    assert client_a.post(section_url(section), data).status_code == 302
    assert sorted(Section.objects.get(pk=section.pk).arrangement_types) == ["cao", "sgo"]


def test_unticking_every_box_means_everyone(client_a, offer_a):
    allowance = Allowance.objects.get(section__offer=offer_a)
    assert allowance.arrangement_types == ["sgo"]
    data = form_data(client_a.get(section_url(allowance.section)))
    assert data["allowances-0-arrangement_types"] == ["sgo"]
    del data["allowances-0-arrangement_types"]
    assert client_a.post(section_url(allowance.section), data).status_code == 302
    allowance.refresh_from_db()
    assert allowance.arrangement_types == []
    assert allowance.amount == Decimal("190.00")


def test_arrangement_types_round_trip_in_the_offer_forms_section_rows(client_a, offer_a):
    response = resubmit(
        client_a, offer_url(offer_a), {"sections-0-arrangement_types": ["informal"]}
    )
    assert response.status_code == 302
    assert offer_a.sections.get().arrangement_types == ["informal"]


# --- Accessible admin markup -------------------------------------------------------------------


@pytest.mark.parametrize("page", ["offer", "section"])
def test_officer_forms_use_stacked_inlines_not_unlabelled_tables(client_a, offer_a, page):
    url = offer_url(offer_a) if page == "offer" else section_url(offer_a.sections.get())
    html = client_a.get(url).content.decode()
    assert 'class="js-inline-admin-formset inline-group"' in html
    assert "tabular" not in html


def test_council_form_uses_stacked_inlines_for_memberships(client_admin, council_a, officer_a):
    html = client_admin.get(f"/admin/offers/council/{council_a.pk}/change/").content.decode()
    assert "officers who work on this council" in html.lower()
    assert "tabular" not in html


def test_admin_pages_load_the_stylesheet_that_underlines_breadcrumbs(client_a, offer_a):
    html = client_a.get(offer_url(offer_a)).content.decode()
    assert '<link rel="stylesheet" href="/static/admin-overrides/admin.css">' in html
    assert '<div class="breadcrumbs">' in html
    css = (Path(settings.BASE_DIR) / "static/admin-overrides/admin.css").read_text()
    rule = css[css.index("div.breadcrumbs a") : css.index("}", css.index("div.breadcrumbs a"))]
    assert "text-decoration: underline" in rule


def test_admin_stylesheet_is_found_by_collectstatic():
    from django.contrib.staticfiles import finders

    found = finders.find("admin-overrides/admin.css")
    css = Path(found).read_text()
    assert "div.breadcrumbs a" in css
    # Filter links are touch targets of at least 24px (WCAG 2.2, 2.5.8).
    filters = css[css.index("#changelist-filter li a {") :]
    assert "min-height: 24px" in filters[: filters.index("}")]


def test_admin_index_is_titled_for_officers(client_a, offer_a):
    html = client_a.get("/admin/").content.decode()
    assert "Kinship support: officers" in html
    assert "Your council&#x27;s kinship local offer" in html


def test_an_offer_address_with_a_made_up_id_is_not_found_not_a_server_error(client_a, offer_a):
    response = client_a.get(f"/admin/offers/offer/{offer_a.pk}/change/widgets.css/")
    assert response.status_code in (302, 404)  # the admin's "does not exist" path, never 500
    assert client_a.get(f"/admin/offers/offer/{offer_a.pk}/change/").status_code == 200
