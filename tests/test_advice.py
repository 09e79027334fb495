"""Advice for officers (offers.advice): web addresses that start with http:// get a warning,
not silence and not an error, and plain-English findings each name the field they are in;
every item carries a Place, in page order. The offer's admin page and the publish page list
the http:// addresses with links to their fields."""

import pytest
from django.urls import reverse

from offers import services
from offers.advice import (
    HTTP_ADDRESS,
    HTTP_LINK_MESSAGE,
    HTTP_MESSAGE,
    JARGON,
    LONG_SENTENCE,
    READING_AGE,
    document_advice,
    plain_english_advice,
    web_address_advice,
)
from offers.documents import document_for
from offers.models import Council, OfferRevision, TrainingCourse
from offers.places import Place
from offers.plain_english import Term

from .factories import SectionFactory, TrainingCourseFactory
from .test_checklist import SectionKind, complete_document, entry, section, the
from .workspace_helpers import publish_form

TERMS = [Term("SGO", "special guardianship order")]


def with_course(document: dict, **values) -> dict:
    document["sections"].append(
        section(SectionKind.CARER_TRAINING, training_courses=[entry("training_courses", **values)])
    )
    return document


def test_the_exact_warning_for_an_http_address():
    assert HTTP_MESSAGE == (
        "This address starts with http://, not https://: check it works with https:// and change it"
    )


def test_http_booking_link_and_council_website_are_warned_about_with_their_place():
    document = with_course(complete_document(), booking_url="http://book.example/trauma")
    document["council"]["website"] = "HTTP://testshire.example"
    course_section = the(document, SectionKind.CARER_TRAINING)
    course = course_section["training_courses"][0]

    council, booking = web_address_advice(document)

    assert (council.code, council.message, council.quote) == (
        HTTP_ADDRESS,
        HTTP_MESSAGE,
        "HTTP://testshire.example",
    )
    assert council.place == Place(None, None, "website", council=True)
    assert council.where == "The council's details: Website"
    assert booking.place == Place(
        course_section["key"], course["key"], "booking_url", "training_courses"
    )
    assert booking.where == (
        "Section “About carer_training”, training course “Understanding trauma”: Booking link"
    )
    assert booking.quote == "http://book.example/trauma"


def test_https_and_empty_addresses_get_no_warning():
    document = with_course(complete_document(), booking_url="https://book.example/")
    document["council"]["website"] = "https://testshire.example"
    the(document, SectionKind.HOUSING)["body"] = "See [housing](https://housing.example)."
    assert web_address_advice(document) == []
    assert web_address_advice(with_course(complete_document(), booking_url="")) == []


def test_an_http_link_in_text_families_read_is_warned_about_on_that_field():
    document = complete_document()
    housing = the(document, SectionKind.HOUSING)
    housing["body"] = "Read [our housing guide](http://housing.example/guide). Or call."
    money = the(document, SectionKind.FINANCIAL)
    money["allowances"][0]["how_to_apply"] = "Fill in the form at http://forms.example/sgo."

    how_to_apply, body = web_address_advice(document)  # money comes before housing

    assert body.message == HTTP_LINK_MESSAGE
    assert (body.place, body.quote) == (
        Place.of_section(housing["key"], "body"),
        "http://housing.example/guide",
    )
    allowance = money["allowances"][0]
    assert how_to_apply.place == Place(money["key"], allowance["key"], "how_to_apply", "allowances")
    assert how_to_apply.quote == "http://forms.example/sgo"  # the full stop is the sentence's


def test_plain_english_advice_names_the_field_for_each_finding():
    document = complete_document()
    money = the(document, SectionKind.FINANCIAL)
    money["heading"] = "SGO money"
    allowance = money["allowances"][0]
    long = "When " + " ".join(["you"] * 30) + " ask."
    hard = (
        "Notwithstanding the aforementioned considerations, eligibility determinations "
        "regarding discretionary remuneration necessitate comprehensive documentation. "
    ) * 3
    allowance["notes"] = long
    money["body"] = hard

    found = [(a.code, a.place) for a in plain_english_advice(document, TERMS)]

    assert found == [
        (JARGON, Place.of_section(money["key"], "heading")),
        (READING_AGE, Place.of_section(money["key"], "body")),
        (LONG_SENTENCE, Place(money["key"], allowance["key"], "notes", "allowances")),
        # 32 words in one sentence reads as age 14, and 30 is enough to score.
        (READING_AGE, Place(money["key"], allowance["key"], "notes", "allowances")),
    ]
    [jargon] = [a for a in plain_english_advice(document, TERMS) if a.code == JARGON]
    assert jargon.message == (
        "“SGO” may not be clear to families: say “special guardianship order” instead, or "
        "explain it in brackets the first time you use it"
    )


def test_all_advice_comes_in_page_order():
    document = with_course(complete_document(), booking_url="http://book.example/")
    document["council"]["website"] = "http://testshire.example"
    document["offer"]["title"] = "Our SGO offer"
    codes = [(a.code, a.place.field) for a in document_advice(document, TERMS)]
    assert codes == [(HTTP_ADDRESS, "website"), (JARGON, "title"), (HTTP_ADDRESS, "booking_url")]


# --- Not an error: saving and publishing still work ------------------------------------------


def test_an_http_booking_link_saves_and_publishes(offer_a, approver_a):
    section = SectionFactory(offer=offer_a, kind=SectionKind.CARER_TRAINING, heading="Training")
    course = TrainingCourseFactory(section=section, booking_url="http://book.example/")
    course.full_clean()
    revision = services.offer_publish(
        offer=offer_a, by=approver_a, summary="Training", accept_gaps=True
    )
    assert revision.version == 1
    assert TrainingCourse.objects.get().booking_url == "http://book.example/"


# --- On the admin pages ------------------------------------------------------------------------


@pytest.fixture
def http_links(offer_a):
    Council.objects.filter(pk=offer_a.council_id).update(website="http://ashdown.example")
    section = SectionFactory(offer=offer_a, kind=SectionKind.CARER_TRAINING, heading="Training")
    TrainingCourseFactory(section=section, title="First aid", booking_url="http://book.example/")
    return section


def test_the_check_page_lists_http_addresses_with_links_to_their_fields(
    client_a, offer_a, http_links
):
    check = reverse("workspace:check", args=[offer_a.council.slug])
    html = client_a.get(check).content.decode()
    assert "http://book.example/" in html
    assert "http://ashdown.example" in html
    course = http_links.training_courses.get()
    entry = reverse(
        "workspace:entry_change",
        args=[offer_a.council.slug, http_links.key, "training_courses", course.key],
    )
    assert f'href="{entry}#id_booking_url">Section “Training”, training course “First aid”' in html
    page = client_a.get(entry).content.decode()
    assert 'id="id_booking_url"' in page


def test_an_http_address_never_stops_an_approver_publishing(
    client_approver_a, offer_a, officer_a, http_links
):
    from offers.services import offer_submit

    offer_submit(offer=offer_a, by=officer_a)
    approvals = reverse("workspace:approvals", args=[offer_a.council.slug])
    response = client_approver_a.post(
        approvals,
        publish_form("New training"),
    )
    assert response.status_code == 302
    assert OfferRevision.objects.count() == 1


def test_no_http_address_no_list(client_a, offer_a):
    assert web_address_advice(document_for(offer_a.pk)) == []
    html = client_a.get(reverse("workspace:check", args=[offer_a.council.slug])).content.decode()
    assert "http://" not in html


def test_any_model_form_saves_a_link_typed_without_a_scheme_with_https_not_http(db):
    """The admin sets this itself (offers.admin.scoping); the model field does it for every
    other form made from the model, like the officers' workspace's."""
    from django.forms import modelform_factory

    form = modelform_factory(TrainingCourse, fields=["booking_url"])(
        data={"booking_url": "book.example/first-aid"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["booking_url"] == "https://book.example/first-aid"
    form = modelform_factory(Council, fields=["website"])(data={"website": "ashdown.example"})
    assert form.is_valid() and form.cleaned_data["website"] == "https://ashdown.example"
