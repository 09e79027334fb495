"""Rules on the models and in offers/validators.py, tested directly."""

import pytest
from django.core.exceptions import ValidationError

from offers.models import Council, Offer
from offers.validators import (
    contrast_with_white,
    validate_arrangement_types,
    validate_brand_colour,
    validate_gss_code,
    validate_uk_phone,
)

from .conftest import publish
from .factories import CouncilFactory, MembershipFactory, OfferFactory, UserFactory

# --- Brand colour contrast ------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_for_known_colours():
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    # GOV.UK blue: white text passes AA; GOV.UK yellow: it does not.
    assert contrast_with_white("#1d70b8") == pytest.approx(5.17, abs=0.01)
    assert contrast_with_white("#ffdd00") == pytest.approx(1.35, abs=0.01)


@pytest.mark.parametrize("colour", ["#1d70b8", "#1D70B8", "#0b0c0c", "#00703c", "#767676"])
def test_brand_colours_white_text_can_be_read_on_are_accepted(colour):
    validate_brand_colour(colour)


@pytest.mark.parametrize("colour", ["#ffdd00", "#ffffff", "#85994b", "#777777"])
def test_brand_colours_below_4_5_to_1_are_rejected_with_the_ratio(colour):
    with pytest.raises(ValidationError) as error:
        validate_brand_colour(colour)
    message = error.value.messages[0]
    assert message.startswith(f"Choose a darker brand colour: white text on {colour}")
    assert f"{contrast_with_white(colour):.1f} to 1" in message
    assert "at least 4.5 to 1" in message


@pytest.mark.parametrize("colour", ["1d70b8", "#1d70b", "blue", "#1d70b8ff", "", "#gggggg"])
def test_brand_colour_must_be_a_hex_code(colour):
    with pytest.raises(ValidationError, match="Enter the brand colour as a hex code"):
        validate_brand_colour(colour)


# --- Phone numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "0161 496 0123",
        "01614960123",
        "0161-496-0123",
        "(0161) 496 0123",
        "+44 161 496 0123",
        "+441614960123",
        "+44 (0)161 496 0123",
        "0800 123 4567",
        "020 7946 0123",
    ],
)
def test_uk_phone_numbers_as_people_write_them_are_accepted(phone):
    validate_uk_phone(phone)


@pytest.mark.parametrize(
    "phone",
    [
        "123",
        "0161 496",
        "phone us",
        "+1 555 0100",
        "0044 161 496 0123",
        "0161 496 0123 ext 4",
        "01614960123456",
        "161 496 0123",
    ],
)
def test_things_that_are_not_uk_phone_numbers_are_rejected(phone):
    with pytest.raises(ValidationError) as error:
        validate_uk_phone(phone)
    assert error.value.messages == ["Enter a UK phone number, like 0161 496 0123"]


# --- GSS codes and arrangement types ----------------------------------------------------------


@pytest.mark.parametrize("code", ["E06000001", "E08000003", "E09000001", "E10000002"])
def test_gss_codes_of_councils_with_childrens_services_are_accepted(code):
    validate_gss_code(code)


@pytest.mark.parametrize(
    "code", ["E07000001", "e06000001", "E0600001", "E060000011", "W06000001", "", "ASHDOWN"]
)
def test_other_gss_codes_are_rejected_with_an_example(code):
    with pytest.raises(ValidationError, match="like E06000001"):
        validate_gss_code(code)


@pytest.mark.parametrize("value", [[], ["sgo"], ["sgo", "cao", "informal"]])
def test_known_arrangement_types_are_accepted(value):
    validate_arrangement_types(value)


def test_unknown_arrangement_type_is_named_in_the_message():
    with pytest.raises(ValidationError) as error:
        validate_arrangement_types(["sgo", "bogus"])
    assert error.value.messages == ["Unknown arrangement type: bogus. Choose from the list"]


def test_arrangement_types_must_be_a_list():
    with pytest.raises(ValidationError, match="Choose arrangement types from the list"):
        validate_arrangement_types("sgo")


# --- Councils and who may work on them --------------------------------------------------------


def test_a_membership_makes_the_user_staff_so_they_can_sign_in_to_the_admin(council_a):
    user = UserFactory(username="new-officer", is_staff=False)
    MembershipFactory(user=user, council=council_a)
    user.refresh_from_db()
    assert user.is_staff


def test_council_full_clean_names_each_bad_field(db):
    council = CouncilFactory.build(
        gss_code="X1", phone="999", email="not-an-email", website="ashdown", brand_colour="#fff"
    )
    with pytest.raises(ValidationError) as error:
        council.full_clean()
    assert set(error.value.message_dict) == {
        "gss_code",
        "phone",
        "email",
        "website",
        "brand_colour",
    }


# --- Offers -----------------------------------------------------------------------------------


def test_offer_review_must_be_due_after_the_last_review(council_a):
    offer = OfferFactory.build(council=council_a)
    offer.next_review_due = offer.last_reviewed
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert error.value.message_dict == {
        "next_review_due": ["The next review date must be after the last reviewed date"]
    }
    offer.next_review_due = offer.last_reviewed.replace(year=offer.last_reviewed.year + 1)
    offer.full_clean()


def test_live_offers_are_published_and_of_active_councils(offer_a, offer_b, approver_a):
    assert list(Offer.objects.live()) == []
    publish(offer_a, approver_a, "First version")
    assert list(Offer.objects.live()) == [offer_a]
    Council.objects.filter(pk=offer_a.council_id).update(is_active=False)
    assert list(Offer.objects.live()) == []
