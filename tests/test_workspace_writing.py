"""Writing an offer in the workspace, through the client as an editor would: a section's
page, its entries, errors as GOV.UK shows them, removing and undoing, the offer's details,
editing after sending for approval. Cast: an editor of council A, an editor of council B,
anonymous."""

from decimal import Decimal

import pytest
from django.urls import reverse

from offers.choices import OfferStatus
from offers.entry_types import ENTRY_TYPES, entry_types_for_kind
from offers.models import Allowance, AuditEvent, Offer, RemovedItem, Section, TaskAnswer
from offers.services import offer_submit

from .admin_helpers import form_data
from .conftest import publish
from .factories import SectionFactory
from .workspace_helpers import assert_error_summary_points_at_fields, error_summary

pytestmark = pytest.mark.django_db


def url(name, offer, *args):
    return reverse(f"workspace:{name}", args=[offer.council.slug, *args])


@pytest.fixture
def section(offer_a):
    return offer_a.sections.get()


@pytest.fixture
def allowance(section):
    return section.allowances.get()


def allowance_data(**changes):
    data = {
        "name": "Special guardianship allowance",
        "frequency": "weekly",
        "means_tested": "on",
        "applies_from_day": "1",
        "applies_from_month": "4",
        "applies_from_year": "2026",
        "how_to_apply": "Ask your social worker.",
        "notes": "",
        "arrangement_types": ["sgo"],
        "bands-TOTAL_FORMS": "1",
        "bands-INITIAL_FORMS": "0",
        "bands-0-age_band": "Age 0 to 4",
        "bands-0-amount": "184.00",
    }
    data.update(changes)
    return data


# --- The section page ----------------------------------------------------------------------------


def test_the_section_page_shows_each_entry_as_a_card_with_change_and_remove(
    client_a, offer_a, section, allowance
):
    html = client_a.get(url("section", offer_a, section.key)).content.decode()
    assert "govuk-summary-card" in html
    change = url("entry_change", offer_a, section.key, "allowances", allowance.key)
    remove = url("entry_remove", offer_a, section.key, "allowances", allowance.key)
    assert f'href="{change}"' in html and f'href="{remove}"' in html
    assert "Have you completed this section?" in html
    assert "Save and return to the task list" in html  # the only section is the last


def test_the_section_page_offers_to_add_what_its_kind_may_hold_from_the_registry(
    client_a, offer_a, section
):
    html = client_a.get(url("section", offer_a, section.key)).content.decode()
    for entry_type in ENTRY_TYPES:
        add = url("entry_add", offer_a, section.key, entry_type.key)
        assert (f'href="{add}"' in html) == (entry_type in entry_types_for_kind(section.kind))


def test_an_entry_type_the_kind_cannot_hold_is_a_404(client_a, offer_a, section):
    kinds = {t.key for t in entry_types_for_kind(section.kind)}
    other = next(t for t in ENTRY_TYPES if t.key not in kinds)
    assert client_a.get(url("entry_add", offer_a, section.key, other.key)).status_code == 404


def test_save_and_continue_records_the_answer_and_opens_the_next_section(
    client_a, offer_a, section
):
    following = SectionFactory(offer=offer_a, heading="Housing", order=section.order + 1)
    response = client_a.post(url("section", offer_a, section.key), {"completed": "yes"})
    assert response["Location"] == url("section", offer_a, following.key)
    assert TaskAnswer.objects.get(offer=offer_a, task=str(section.key)).completed
    # The last section leads back to the task list.
    response = client_a.post(url("section", offer_a, following.key), {"completed": "no"})
    assert response["Location"] == url("tasks", offer_a)
    assert not TaskAnswer.objects.get(offer=offer_a, task=str(following.key)).completed


def test_the_last_section_offers_to_save_and_add_another_section(client_a, offer_a, section):
    following = SectionFactory(offer=offer_a, heading="Housing", order=section.order + 1)
    first = client_a.get(url("section", offer_a, section.key)).content.decode()
    assert "Save and continue to the next section" in first
    assert "Save and add another section" not in first
    last = client_a.get(url("section", offer_a, following.key)).content.decode()
    assert "Save and return to the task list" in last
    assert 'name="add_section"' in last
    assert "Save and continue to the next section" not in last
    response = client_a.post(
        url("section", offer_a, following.key), {"completed": "yes", "add_section": "1"}
    )
    assert response["Location"] == url("section_add", offer_a)
    assert TaskAnswer.objects.get(offer=offer_a, task=str(following.key)).completed
    # Without an answer nothing is saved and the page says what to do.
    response = client_a.post(url("section", offer_a, section.key), {"add_section": "1"})
    assert response.status_code == 200
    assert error_summary(response)


def test_no_answer_to_have_you_completed_is_an_error_linked_to_the_first_radio(
    client_a, offer_a, section
):
    response = client_a.post(url("section", offer_a, section.key), {})
    links = assert_error_summary_points_at_fields(response)
    assert links == [("id_completed_0", "Select yes if you have completed this section")]


# --- Entries -----------------------------------------------------------------------------------


def test_adding_an_allowance_with_two_age_bands_saves_two_rows(client_a, offer_a, section):
    data = allowance_data(
        **{"bands-TOTAL_FORMS": "2", "bands-1-age_band": "Age 5 to 10", "bands-1-amount": "201.50"}
    )
    response = client_a.post(url("entry_add", offer_a, section.key, "allowances"), data)
    assert response["Location"] == url("section", offer_a, section.key)
    saved = Allowance.objects.filter(section=section, name="Special guardianship allowance")
    assert sorted((a.age_band, a.amount) for a in saved if a.age_band) == [
        ("Age 0 to 4", Decimal("184.00")),
        ("Age 5 to 10", Decimal("201.50")),
    ]


def test_add_another_age_band_works_without_javascript_and_keeps_what_was_typed(
    client_a, offer_a, section
):
    data = allowance_data(add_band="1", **{"bands-0-amount": "184.00"})
    response = client_a.post(url("entry_add", offer_a, section.key, "allowances"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="bands-1-amount"' in html  # one more, empty row
    assert 'value="184.00"' in html and 'value="Age 0 to 4"' in html
    assert 'value="2026"' in html and "checked" in html  # dates and ticks kept
    assert not error_summary(response)  # nothing was checked yet
    assert not Allowance.objects.filter(name="Special guardianship allowance").exists()


def test_save_and_add_another_returns_to_an_empty_form(client_a, offer_a, section):
    data = allowance_data(add_another="1")
    response = client_a.post(url("entry_add", offer_a, section.key, "allowances"), data)
    assert response["Location"] == url("entry_add", offer_a, section.key, "allowances")


def test_errors_say_what_to_do_link_to_each_field_and_keep_what_was_typed(
    client_a, offer_a, section
):
    data = allowance_data(
        name="",
        applies_from_month="",
        **{"bands-0-amount": "", "bands-0-age_band": "Age 0 to 4"},
    )
    response = client_a.post(url("entry_add", offer_a, section.key, "allowances"), data)
    links = dict(assert_error_summary_points_at_fields(response))
    assert links["id_name"] == "Enter the name"
    assert links["id_applies_from_month"] == "Applies from must include a month"
    assert links["id_bands-0-amount"] == "Enter the amount for this age band, like 184.00"
    html = response.content.decode()
    assert 'value="2026"' in html and 'value="Age 0 to 4"' in html
    assert (
        'value="sgo" checked' in html
        and 'name="means_tested" type="checkbox" value="on" checked' in html
    )


def test_an_amount_that_is_not_a_number_says_how_to_write_it(client_a, offer_a, section):
    data = allowance_data(**{"bands-0-amount": "lots"})
    response = client_a.post(url("entry_add", offer_a, section.key, "allowances"), data)
    links = dict(assert_error_summary_points_at_fields(response))
    assert links["id_bands-0-amount"] == "Enter the amount as a number, like 184.00"


@pytest.mark.parametrize("entry_type", ENTRY_TYPES, ids=lambda t: t.key)
def test_every_entry_type_has_a_form_whose_errors_point_at_fields(client_a, offer_a, entry_type):
    kind = sorted(entry_type.section_kinds)[0]
    section = SectionFactory(offer=offer_a, kind=kind, heading="Another section")
    add = url("entry_add", offer_a, section.key, entry_type.key)
    page = client_a.get(add)
    assert page.status_code == 200
    response = client_a.post(add, {"section_version": str(section.lock_version)})
    assert response.status_code == 200
    assert_error_summary_points_at_fields(response)


def test_changing_an_entry_someone_else_changed_meanwhile_is_refused_with_the_text_kept(
    client_a, offer_a, section, allowance
):
    change = url("entry_change", offer_a, section.key, "allowances", allowance.key)
    data = {name: values for name, values in form_data(client_a.get(change)).items()}
    Section.objects.filter(pk=section.pk).update(lock_version=section.lock_version + 5)
    data["name"] = ["My careful new name"]
    response = client_a.post(change, data)
    assert response.status_code == 200
    assert "Someone else changed this section" in response.content.decode()
    assert 'value="My careful new name"' in response.content.decode()
    allowance.refresh_from_db()
    assert allowance.name != "My careful new name"


def test_removing_an_entry_asks_first_and_can_be_undone(client_a, offer_a, section, allowance):
    remove = url("entry_remove", offer_a, section.key, "allowances", allowance.key)
    assert "Are you sure?" in client_a.get(remove).content.decode()
    client_a.post(remove, {"confirm": "no"})
    assert Allowance.objects.filter(pk=allowance.pk).exists()
    client_a.post(remove, {"confirm": "yes"})
    assert not Allowance.objects.filter(key=allowance.key).exists()
    html = client_a.get(url("section", offer_a, section.key)).content.decode()
    assert f"You removed “{allowance.name}”" in html
    removed = RemovedItem.objects.get(offer=offer_a)
    client_a.post(url("entry_undo", offer_a, section.key), {"removed": removed.pk})
    back = Allowance.objects.get(key=allowance.key)
    assert (back.name, back.amount, back.section_id) == (
        allowance.name,
        allowance.amount,
        section.pk,
    )
    assert not RemovedItem.objects.exists()


def test_undo_lasts_until_the_next_publish(client_a, offer_a, section, allowance, approver_a):
    remove = url("entry_remove", offer_a, section.key, "allowances", allowance.key)
    client_a.post(remove, {"confirm": "yes"})
    assert RemovedItem.objects.filter(offer=offer_a).exists()
    publish(offer_a, approver_a)
    assert not RemovedItem.objects.filter(offer=offer_a).exists()
    assert "You removed" not in client_a.get(url("section", offer_a, section.key)).content.decode()


# --- Sections ----------------------------------------------------------------------------------


def test_adding_a_section_of_a_kind_from_the_registry(client_a, offer_a):
    response = client_a.post(
        url("section_add", offer_a),
        {"kind": "housing", "heading": "Help with housing", "summary": "Where to get help."},
    )
    added = offer_a.sections.get(heading="Help with housing")
    assert response["Location"] == url("section", offer_a, added.key)
    assert added.order > offer_a.sections.exclude(pk=added.pk).get().order
    assert added.body == "" and added.arrangement_types == []


def test_adding_a_section_takes_its_text_and_who_it_is_for_on_the_same_page(client_a, offer_a):
    page = client_a.get(url("section_add", offer_a)).content.decode()
    assert 'name="body"' in page and 'name="arrangement_types"' in page
    response = client_a.post(
        url("section_add", offer_a),
        {
            "kind": "housing",
            "heading": "Help with housing",
            "summary": "Where to get help.",
            "body": "We can help you find a bigger home.",
            "arrangement_types": ["sgo"],
        },
    )
    added = offer_a.sections.get(heading="Help with housing")
    assert response["Location"] == url("section", offer_a, added.key)
    assert added.body == "We can help you find a bigger home."
    assert added.arrangement_types == ["sgo"]
    shown = client_a.get(response["Location"]).content.decode()
    assert "We can help you find a bigger home." in shown


def test_a_section_whose_text_breaks_a_rule_is_not_added_and_the_error_links_to_it(
    client_a, offer_a
):
    data = {"kind": "housing", "heading": "Help with housing", "summary": "Where to get help."}
    response = client_a.post(url("section_add", offer_a), {**data, "body": "x" * 60_000})
    links = dict(assert_error_summary_points_at_fields(response))
    assert "id_body" in links
    assert "Help with housing" in response.content.decode()  # what was typed is kept
    assert not offer_a.sections.filter(heading="Help with housing").exists()


def test_no_room_for_another_section_is_said_on_the_form(client_a, offer_a, settings, monkeypatch):
    from offers import limits

    monkeypatch.setattr(limits, "MAX_SECTIONS", 1)
    response = client_a.post(
        url("section_add", offer_a), {"kind": "housing", "heading": "One more", "summary": "More."}
    )
    assert response.status_code == 200
    assert_error_summary_points_at_fields(response)
    assert not offer_a.sections.filter(heading="One more").exists()


def test_removing_a_section_asks_first(client_a, offer_a, section):
    remove = url("section_remove", offer_a, section.key)
    client_a.post(remove, {"confirm": "no"})
    assert Section.objects.filter(pk=section.pk).exists()
    response = client_a.post(remove, {"confirm": "yes"})
    assert response["Location"] == url("tasks", offer_a)
    assert not Section.objects.filter(pk=section.pk).exists()


def test_sections_move_up_and_down_with_buttons(client_a, offer_a, section):
    second = SectionFactory(offer=offer_a, heading="Second", order=section.order + 1)
    client_a.post(url("sections_order", offer_a), {"move": f"up:{second.key}"})
    assert list(offer_a.sections.order_by("order").values_list("heading", flat=True)) == [
        "Second",
        section.heading,
    ]


def test_changing_the_sections_text(client_a, offer_a, section):
    details = url("section_details", offer_a, section.key)
    data = form_data(client_a.get(details))
    data["heading"] = ["Money you can get"]
    response = client_a.post(details, data)
    assert response["Location"] == url("section", offer_a, section.key)
    section.refresh_from_db()
    assert section.heading == "Money you can get"


def test_a_stale_section_form_is_refused_with_the_text_kept(client_a, offer_a, section):
    details = url("section_details", offer_a, section.key)
    data = form_data(client_a.get(details))
    Section.objects.filter(pk=section.pk).update(lock_version=section.lock_version + 1)
    data["heading"] = ["My new heading"]
    response = client_a.post(details, data)
    assert "Someone else saved changes" in response.content.decode()
    assert 'value="My new heading"' in response.content.decode()
    assert_error_summary_points_at_fields(response)


# --- The offer's details -------------------------------------------------------------------------


def test_review_dates_are_gov_uk_date_inputs_whose_errors_point_at_a_box(client_a, offer_a):
    manager = reverse("workspace:about", args=[offer_a.council.slug, "manager"])
    data = form_data(client_a.get(manager))
    data.update(
        {"next_review_due_day": ["31"], "next_review_due_month": ["2"], "completed": ["yes"]}
    )
    response = client_a.post(manager, data)
    links = dict(assert_error_summary_points_at_fields(response))
    assert links["id_next_review_due_day"] == "Enter a real next review due"
    assert 'value="31"' in response.content.decode()


def test_saving_the_offers_details_records_the_answer(client_a, offer_a):
    intro = reverse("workspace:about", args=[offer_a.council.slug, "introduction"])
    data = form_data(client_a.get(intro))
    data.update({"introduction": ["We help every kinship family."], "completed": ["yes"]})
    response = client_a.post(intro, data)
    # "Save and continue" opens the next page about the offer; the last one, the task list.
    manager = reverse("workspace:about", args=[offer_a.council.slug, "manager"])
    assert response["Location"] == manager
    offer_a.refresh_from_db()
    assert offer_a.introduction == "We help every kinship family."
    assert TaskAnswer.objects.get(offer=offer_a, task="about:introduction").completed
    data = form_data(client_a.get(manager))
    data.update({"completed": ["yes"]})
    assert client_a.post(manager, data)["Location"] == url("tasks", offer_a)


# --- Editing after sending for approval ----------------------------------------------------------


def test_editing_a_submitted_offer_warns_first_then_withdraws_it(
    client_a, offer_a, officer_a, section
):
    offer_submit(offer=offer_a, by=officer_a)
    details = url("section_details", offer_a, section.key)
    page = client_a.get(details)
    assert "Your offer is waiting for approval. If you change it, it is withdrawn" in (
        page.content.decode()
    )
    data = form_data(page)
    data["heading"] = ["Changed after sending"]
    client_a.post(details, data)
    offer_a.refresh_from_db()
    assert offer_a.status == OfferStatus.DRAFT
    assert AuditEvent.objects.filter(offer=offer_a, action="withdraw").count() == 1


def test_a_refused_edit_does_not_withdraw(client_a, offer_a, officer_a, section):
    offer_submit(offer=offer_a, by=officer_a)
    details = url("section_details", offer_a, section.key)
    data = form_data(client_a.get(details))
    data["heading"] = [""]
    client_a.post(details, data)
    assert Offer.objects.get(pk=offer_a.pk).status == OfferStatus.SUBMITTED


# --- Who may --------------------------------------------------------------------------------------


def test_another_councils_editor_cannot_change_a_section(client, officer_b, offer_a, section):
    client.force_login(officer_b)
    response = client.post(url("section_details", offer_a, section.key), {"heading": "Hacked"})
    assert response.status_code == 404
    section.refresh_from_db()
    assert section.heading != "Hacked"


def test_anonymous_cannot_remove_an_entry(client, offer_a, section, allowance):
    remove = url("entry_remove", offer_a, section.key, "allowances", allowance.key)
    response = client.post(remove, {"confirm": "yes"})
    assert response.status_code == 302 and "sign-in" in response["Location"]
    assert Allowance.objects.filter(pk=allowance.pk).exists()


def test_the_general_approach_page_gives_its_reading_age(client_a, offer_a):
    intro = reverse("workspace:about", args=[offer_a.council.slug, "introduction"])
    assert "Your general approach is too short to score" in client_a.get(intro).content.decode()
    Offer.objects.filter(pk=offer_a.pk).update(
        introduction="We help you. You can ask us for money. We can visit you at home. " * 4
    )
    html = client_a.get(intro).content.decode()
    assert "The reading age of your general approach is" in html


def test_adding_an_age_band_when_changing_an_allowance_adds_one_beside_it(
    client_a, offer_a, section, allowance
):
    change = url("entry_change", offer_a, section.key, "allowances", allowance.key)
    data = form_data(client_a.get(change))
    data.update(
        {
            "bands-TOTAL_FORMS": ["2"],
            "bands-1-age_band": ["Age 11 and over"],
            "bands-1-amount": ["230.00"],
        }
    )
    response = client_a.post(change, data)
    assert response["Location"] == url("section", offer_a, section.key)
    rows = Allowance.objects.filter(section=section, name=allowance.name).order_by("order")
    assert [(a.age_band, a.amount) for a in rows][-1] == ("Age 11 and over", Decimal("230.00"))
    assert rows.count() == 2


def test_no_more_allowances_than_the_limit_even_as_age_bands(
    client_a, offer_a, section, allowance, monkeypatch
):
    from offers import limits

    monkeypatch.setattr(limits, "MAX_ENTRIES_PER_LIST", 1)
    change = url("entry_change", offer_a, section.key, "allowances", allowance.key)
    data = form_data(client_a.get(change))
    data.update({"bands-TOTAL_FORMS": ["2"], "bands-1-amount": ["230.00"]})
    response = client_a.post(change, data)
    assert response.status_code == 200
    assert_error_summary_points_at_fields(response)
    assert Allowance.objects.filter(section=section).count() == 1


def test_saving_a_form_with_no_change_does_not_withdraw_it(client_a, offer_a, officer_a, section):
    offer_submit(offer=offer_a, by=officer_a)
    details = url("section_details", offer_a, section.key)
    response = client_a.post(details, form_data(client_a.get(details)))
    assert response["Location"] == url("section", offer_a, section.key)
    assert Offer.objects.get(pk=offer_a.pk).status == OfferStatus.SUBMITTED


def test_undo_of_an_entry_that_came_back_another_way_just_clears_the_undo(
    client_a, offer_a, section, allowance, officer_a
):
    from offers.documents import document_for
    from offers.services import offer_import

    before = document_for(offer_a.pk)
    remove = url("entry_remove", offer_a, section.key, "allowances", allowance.key)
    client_a.post(remove, {"confirm": "yes"})
    offer_import(offer=offer_a, document=before, by=officer_a)  # the file still had it
    removed = RemovedItem.objects.get(offer=offer_a)
    response = client_a.post(url("entry_undo", offer_a, section.key), {"removed": removed.pk})
    assert response.status_code == 302
    assert Allowance.objects.filter(key=allowance.key).count() == 1
    assert not RemovedItem.objects.exists()


def test_moving_the_first_section_up_changes_nothing(client_a, offer_a, officer_a, section):
    offer_submit(offer=offer_a, by=officer_a)
    client_a.post(url("sections_order", offer_a), {"move": f"up:{section.key}"})
    assert Offer.objects.get(pk=offer_a.pk).status == OfferStatus.SUBMITTED
