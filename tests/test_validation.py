"""Each validation rule rejects bad input with a message an officer understands, and saves nothing.

Every rule is checked twice: on the model (full_clean, what services and imports call) and
through the workspace form an officer submits (the council's own rules: through the admin
form a site administrator submits).
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from offers.choices import SectionKind
from offers.entry_types import ENTRY_TYPES
from offers.markdown import markdown_to_html
from offers.models import Allowance, Contact, Council, Section, TrainingCourse
from offers.validators import BIDI_CONTROLS, ZERO_WIDTH, validate_no_hidden_characters

from .admin_helpers import form_data, resubmit
from .factories import (
    AllowanceFactory,
    ContactFactory,
    CouncilFactory,
    SectionFactory,
    TrainingCourseFactory,
)
from .workspace_helpers import error_summary

pytestmark = pytest.mark.django_db


def errors_of(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    return error.value.message_dict


def page_text(response) -> str:
    assert response.status_code == 200, "the form should be shown again, not saved"
    return response.content.decode()


def council_url(council) -> str:
    return f"/admin/offers/council/{council.pk}/change/"


# --- On the model -----------------------------------------------------------------------------


def test_model_rejects_a_negative_allowance(offer_a):
    allowance = AllowanceFactory.build(section=offer_a.sections.get(), amount=Decimal("-1"))
    assert errors_of(allowance)["amount"] == ["The amount must be £0 or more"]


def test_model_rejects_a_bad_booking_link(offer_a):
    course = TrainingCourseFactory.build(section=offer_a.sections.get(), booking_url="book now")
    assert list(errors_of(course)) == ["booking_url"]


def test_model_rejects_a_bad_contact_email_and_phone(offer_a):
    contact = ContactFactory.build(
        section=offer_a.sections.get(), email="kinship at council", phone="496 0123"
    )
    errors = errors_of(contact)
    assert errors["phone"] == ["Enter a UK phone number, like 0161 496 0123"]
    assert "email" in errors


@pytest.mark.parametrize("days_after_last_review", [-1, 0])
def test_model_rejects_a_review_due_on_or_before_the_last_review(offer_a, days_after_last_review):
    offer_a.next_review_due = offer_a.last_reviewed + datetime.timedelta(
        days=days_after_last_review
    )
    assert errors_of(offer_a) == {
        "next_review_due": ["The next review date must be after the last reviewed date"]
    }


def test_model_rejects_a_web_address_name_another_council_uses(council_a):
    clash = CouncilFactory.build(slug=council_a.slug)
    assert errors_of(clash)["slug"] == ["Another council already uses this web address name"]


def test_model_rejects_a_gss_code_in_the_wrong_format(db):
    council = CouncilFactory.build(gss_code="E0600001")
    assert errors_of(council)["gss_code"] == [
        "Enter a GSS code in the right format, like E06000001 "
        "(E06, E08, E09 or E10 followed by 6 numbers)"
    ]


def test_model_rejects_a_brand_colour_white_text_is_hard_to_read_on(db):
    council = CouncilFactory.build(brand_colour="#ffdd00")
    assert errors_of(council)["brand_colour"] == [
        "Choose a darker brand colour: white text on #ffdd00 has a contrast of 1.3 to 1, "
        "and it must be at least 4.5 to 1"
    ]


@pytest.mark.parametrize("factory", [SectionFactory, AllowanceFactory])
def test_model_rejects_an_unknown_arrangement_type(offer_a, factory):
    parent = (
        {"offer": offer_a} if factory is SectionFactory else {"section": offer_a.sections.get()}
    )
    obj = factory.build(arrangement_types=["sgo", "bogus"], **parent)
    assert errors_of(obj)["arrangement_types"] == [
        "Unknown arrangement type: bogus. Choose from the list"
    ]


# --- Through the workspace: the message shows, nothing is saved ----------------------------------


def post_entry(client, entry, entry_type: str, **changes):
    """Change one entry on its own workspace page, as the officer's browser would post it."""
    section = entry.section
    url = reverse(
        "workspace:entry_change",
        args=[section.offer.council.slug, section.key, entry_type, entry.key],
    )
    data = {k: v for k, v in form_data(client.get(url)).items() if k != "add_band"}
    data.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    return client.post(url, data)


def training_section(offer):
    return SectionFactory(offer=offer, kind=SectionKind.CARER_TRAINING, heading="Training")


def post_section(client, section, **changes):
    url = reverse("workspace:section_details", args=[section.offer.council.slug, section.key])
    data = form_data(client.get(url))
    data.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    return client.post(url, data)


def post_manager(client, offer, **changes):
    url = reverse("workspace:about", args=[offer.council.slug, "manager"])
    data = form_data(client.get(url))
    data.update({name: [value] for name, value in changes.items()})
    data["completed"] = ["yes"]
    return client.post(url, data)


def test_the_workspace_rejects_a_negative_allowance(client_a, offer_a):
    allowance = Allowance.objects.get(section__offer=offer_a)
    html = page_text(post_entry(client_a, allowance, "allowances", **{"bands-0-amount": "-5.00"}))
    assert "There is a problem" in html
    assert "£0 or more" in html
    allowance.refresh_from_db()
    assert allowance.amount == Decimal("190.00")


def test_the_workspace_rejects_an_amount_that_is_not_a_number(client_a, offer_a):
    allowance = Allowance.objects.get(section__offer=offer_a)
    html = page_text(post_entry(client_a, allowance, "allowances", **{"bands-0-amount": "lots"}))
    assert "like 184.00" in html or "like 190.00" in html
    allowance.refresh_from_db()
    assert allowance.amount == Decimal("190.00")


def test_the_workspace_rejects_a_bad_booking_link(client_a, offer_a):
    course = TrainingCourseFactory(section=training_section(offer_a), booking_url="")
    response = post_entry(client_a, course, "training_courses", booking_url="book")
    page_text(response)
    assert error_summary(response) == [
        (
            "id_booking_url",
            "Enter the booking link in the correct format, like https://www.council.example",
        )
    ]
    assert TrainingCourse.objects.get(pk=course.pk).booking_url == ""


def test_the_workspace_rejects_a_bad_contact_email(client_a, offer_a):
    contact = ContactFactory(section=offer_a.sections.get())
    html = page_text(post_entry(client_a, contact, "contacts", email="kinship at council"))
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert Contact.objects.get(pk=contact.pk).email == "kinship@council.example"


def test_the_workspace_rejects_a_bad_contact_phone(client_a, offer_a):
    contact = ContactFactory(section=offer_a.sections.get())
    html = page_text(post_entry(client_a, contact, "contacts", phone="call us"))
    assert "Enter a UK phone number, like 0161 496 0123" in html
    assert Contact.objects.get(pk=contact.pk).phone == "0161 496 0123"


@pytest.mark.parametrize("next_review_due", [(31, 3, 2026), (1, 4, 2026)])
def test_the_workspace_rejects_a_review_due_on_or_before_the_last_review(
    client_a, offer_a, next_review_due
):
    day, month, year = next_review_due
    html = page_text(
        post_manager(
            client_a,
            offer_a,
            last_reviewed_day="1",
            last_reviewed_month="4",
            last_reviewed_year="2026",
            next_review_due_day=str(day),
            next_review_due_month=str(month),
            next_review_due_year=str(year),
        )
    )
    assert "The next review date must be after the last reviewed date" in html
    offer_a.refresh_from_db()
    assert offer_a.next_review_due == datetime.date(2027, 4, 1)


def test_the_workspace_rejects_a_review_date_that_is_not_a_date(client_a, offer_a):
    html = page_text(post_manager(client_a, offer_a, next_review_due_day="soon"))
    assert "There is a problem" in html
    offer_a.refresh_from_db()
    assert offer_a.next_review_due == datetime.date(2027, 4, 1)


def test_the_workspace_rejects_an_unknown_arrangement_type(client_a, offer_a):
    section = offer_a.sections.get()
    html = page_text(post_section(client_a, section, arrangement_types=["sgo", "bogus"]))
    assert "There is a problem" in html
    assert Section.objects.get(pk=section.pk).arrangement_types == []


def test_admin_rejects_a_council_web_address_name_already_used(client_admin, council_a, council_b):
    html = page_text(resubmit(client_admin, council_url(council_b), {"slug": council_a.slug}))
    assert "Another council already uses this web address name" in html
    assert Council.objects.get(pk=council_b.pk).slug == "brackenford-test"


def test_admin_rejects_a_council_web_address_name_with_spaces(client_admin, council_a):
    html = page_text(resubmit(client_admin, council_url(council_a), {"slug": "ash down"}))
    assert "using only lower case letters, numbers and hyphens" in html
    assert Council.objects.get(pk=council_a.pk).slug == "ashdown-test"


def test_admin_rejects_a_new_council_with_a_bad_gss_code(client_admin):
    html = page_text(
        resubmit(
            client_admin,
            "/admin/offers/council/add/",
            {
                "name": "Newtown Council",
                "slug": "newtown",
                "gss_code": "E07000123",
                "region": "london",
                "brand_colour": "#1d70b8",
            },
        )
    )
    assert "Enter a GSS code in the right format, like E06000001" in html
    assert not Council.objects.filter(slug="newtown").exists()


def test_admin_rejects_a_low_contrast_brand_colour(client_admin, council_a):
    html = page_text(resubmit(client_admin, council_url(council_a), {"brand_colour": "#ffdd00"}))
    assert "Choose a darker brand colour: white text on #ffdd00" in html
    assert Council.objects.get(pk=council_a.pk).brand_colour == "#1d70b8"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("website", "ashdown dot example", "Enter the website in the correct format"),
        ("email", "kinship@", "Enter the public email in the correct format"),
        ("phone", "12345", "Enter a UK phone number, like 0161 496 0123"),
    ],
)
def test_admin_rejects_bad_council_contact_details(client_admin, council_a, field, value, message):
    before = getattr(council_a, field)
    html = page_text(resubmit(client_admin, council_url(council_a), {field: value}))
    assert message in html
    assert getattr(Council.objects.get(pk=council_a.pk), field) == before


def test_a_valid_change_is_saved(client_a, offer_a):
    """Control for the tests above: the same form with good values does save."""
    allowance = Allowance.objects.get(section__offer=offer_a)
    response = post_entry(client_a, allowance, "allowances", **{"bands-0-amount": "201.50"})
    assert response.status_code == 302
    allowance.refresh_from_db()
    assert allowance.amount == Decimal("201.50")


# --- Hidden direction controls and zero-width characters --------------------------------------


@pytest.mark.parametrize("character", list(BIDI_CONTROLS + ZERO_WIDTH))
def test_the_validator_refuses_each_hidden_character(character):
    with pytest.raises(ValidationError) as error:
        validate_no_hidden_characters(f"Kinship{character} allowance")
    assert error.value.code == "hidden_characters"


@pytest.mark.parametrize(
    "text",
    [
        "Cyngor Sir Ynys Môn",
        "Café – “support” £201",
        "https://www.council.example/kinship?a=1",
        "دعم الأقارب",
        "",
    ],
)
def test_the_validator_accepts_ordinary_text_in_any_language(text):
    validate_no_hidden_characters(text)


def named_fields():
    """The fields that name or head something, plus every web and email address."""
    offers = apps.get_app_config("offers")
    fields = [
        offers.get_model("Council")._meta.get_field("name"),
        offers.get_model("NationalHelpline")._meta.get_field("name"),
        offers.get_model("Offer")._meta.get_field("title"),
        offers.get_model("Offer")._meta.get_field("manager_name"),
        offers.get_model("Section")._meta.get_field("heading"),
    ]
    for entry_type in ENTRY_TYPES:
        field = entry_type.model._meta.get_field(entry_type.name_field)
        if not field.choices:
            fields.append(field)
    for model in offers.get_models():
        fields += [
            field
            for field in model._meta.get_fields()
            if isinstance(field, models.URLField | models.EmailField)
        ]
    return fields


def test_every_name_heading_and_address_field_refuses_hidden_characters():
    fields = named_fields()
    assert len(fields) >= 14
    for field in fields:
        assert validate_no_hidden_characters in field.validators, field


def test_the_workspace_refuses_a_right_to_left_override_in_a_section_heading(client_a, offer_a):
    section = offer_a.sections.get()
    response = post_section(client_a, section, heading="Money for \u202ecarers")

    assert response.status_code == 200
    assert "Remove the hidden characters" in response.content.decode()
    section.refresh_from_db()
    assert section.heading == "Money for carers A"
    assert post_section(client_a, section, heading="Money for carers").status_code == 302


def test_the_workspace_refuses_hidden_characters_in_an_entry_name_and_a_web_address(
    client_a, offer_a
):
    section = offer_a.sections.get()
    course = TrainingCourseFactory(section=training_section(offer_a), booking_url="")
    allowance = Allowance.objects.get(section=section)

    named = post_entry(client_a, allowance, "allowances", name="Weekly\u200b allowance")
    linked = post_entry(
        client_a, course, "training_courses", booking_url="https://council.example/\u202ekoob"
    )

    for response in (named, linked):
        assert response.status_code == 200
        assert "Remove the hidden characters" in response.content.decode()
    assert Allowance.objects.get(section=section).name == "Allowance A"
    assert TrainingCourse.objects.get(pk=course.pk).booking_url == ""


def test_officer_text_is_shown_without_direction_controls(db):
    html = markdown_to_html(
        "Call \u202eus\u202c today, or \u2066visit\u2069 [us](https://a.example)"
    )
    assert not any(character in html for character in BIDI_CONTROLS)
    assert "Call us today" in html


def test_a_published_heading_cannot_carry_an_override(offer_a):
    section = Section.objects.get(offer=offer_a)
    section.heading = "Money \u202efor carers"
    with pytest.raises(ValidationError, match="hidden characters"):
        section.full_clean()
