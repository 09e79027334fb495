"""The offer document is a checked contract: the committed schema is made from the entry
registry, every document is checked before it is stored, and a version equal to the live
one is never stored twice (publish, rollback, scheduled publish)."""

import datetime

import pytest
from django.apps import apps
from django.template.loader import get_template
from django.utils import timezone
from jsonschema import Draft202012Validator

from offers import services
from offers.documents import document_for
from offers.entry_types import BY_MODEL, ENTRY_KEYS, ENTRY_TYPES
from offers.models import (
    AuditAction,
    AuditEvent,
    Entry,
    Offer,
    OfferRevision,
    ScheduleStatus,
    Section,
)
from offers.schema import (
    DocumentError,
    build_schema,
    document_validate,
    is_schema_file_current,
    stored_schema,
)

from .conftest import publish
from .factories import (
    AllowanceFactory,
    ContactFactory,
    PeerGroupFactory,
    SectionFactory,
    SocialWorkServiceFactory,
    SupportServiceFactory,
    TrainingCourseFactory,
)

ENTRY_FACTORIES = {
    factory._meta.model: factory
    for factory in (
        AllowanceFactory,
        ContactFactory,
        PeerGroupFactory,
        SocialWorkServiceFactory,
        SupportServiceFactory,
        TrainingCourseFactory,
    )
}


def offer_with_every_entry_type(offer: Offer) -> Offer:
    """Add one section per entry type, in a kind it belongs in, holding one such entry.

    Derived from the registry: a new entry type without a factory here fails loudly.
    """
    for entry_type in ENTRY_TYPES:
        section = SectionFactory(
            offer=offer,
            kind=sorted(entry_type.section_kinds)[0],
            heading=f"About {entry_type.noun_plural} – £ and ’quotes’",
        )
        ENTRY_FACTORIES[entry_type.model](section=section)
    return offer


def _state(offer: Offer) -> tuple:
    """What a refused publish must leave exactly as it was."""
    offer.refresh_from_db()
    return (
        document_for(offer.pk),
        offer.published_revision_id,
        OfferRevision.objects.count(),
        AuditEvent.objects.count(),
    )


def _concrete_subclasses(model) -> set[type]:
    found = set()
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract:
            found.add(subclass)
        found |= _concrete_subclasses(subclass)
    return found


# --- The schema file ------------------------------------------------------------------------


def test_committed_schema_file_is_what_the_registry_makes_now():
    assert is_schema_file_current(), "run manage.py offer_schema and commit the file"
    assert stored_schema() == build_schema()


def test_committed_schema_is_a_valid_draft_2020_12_schema():
    schema = stored_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# --- The schema agrees with the registry ----------------------------------------------------


@pytest.mark.parametrize("entry_type", ENTRY_TYPES, ids=lambda entry_type: entry_type.key)
def test_every_entry_type_is_a_section_list_requiring_exactly_its_document_fields(entry_type):
    section_item = stored_schema()["properties"]["sections"]["items"]
    entry_item = section_item["properties"][entry_type.key]["items"]

    assert entry_type.key in section_item["required"]
    assert entry_item["required"] == list(entry_type.document_fields)
    assert set(entry_item["properties"]) == set(entry_type.document_fields)
    assert entry_item["additionalProperties"] is False


def test_the_schema_has_no_entry_lists_the_registry_does_not_know():
    section_properties = stored_schema()["properties"]["sections"]["items"]["properties"]
    lists_of_entries = {
        name
        for name, schema in section_properties.items()
        if schema.get("type") == "array" and schema["items"].get("type") == "object"
    }
    assert lists_of_entries == set(ENTRY_KEYS)


def test_document_of_an_offer_with_one_of_every_entry_type_validates(offer_a):
    offer_with_every_entry_type(offer_a)
    document = document_for(offer_a.pk)

    for entry_type in ENTRY_TYPES:  # each list really holds an entry, so each was checked
        assert sum(len(section[entry_type.key]) for section in document["sections"]) >= 1
    assert document_validate(document) == document


# --- Registry guard -------------------------------------------------------------------------


def test_every_concrete_entry_model_is_in_the_entry_registry():
    subclasses = _concrete_subclasses(Entry)
    entry_models = {model for model in apps.get_models() if issubclass(model, Entry)}

    assert len(subclasses) >= 6
    assert subclasses == entry_models
    assert subclasses == set(BY_MODEL), "list the new entry type in offers/entry_types.py"


@pytest.mark.parametrize("entry_type", ENTRY_TYPES, ids=lambda entry_type: entry_type.key)
def test_every_entry_types_templates_load(entry_type):
    assert get_template(entry_type.template)
    assert get_template(entry_type.list_template)


# --- Publishing checks the document before writing anything --------------------------------


def test_publishing_a_broken_document_names_the_place_and_writes_nothing(
    offer_a, approver_a, monkeypatch
):
    publish(offer_a, approver_a, "First version")
    before = _state(offer_a)
    broken = document_for(offer_a.pk)
    broken["sections"][0]["allowances"][0]["amount"] = "-5.00"
    monkeypatch.setattr(services, "document_for", lambda offer_id: broken)

    with pytest.raises(DocumentError) as refused:
        publish(offer_a, approver_a, "Broken rates")

    assert refused.value.path == "sections[0].allowances[0].amount"
    assert "“-5.00” is not an amount" in refused.value.messages[0]
    assert _state(offer_a) == before
    assert offer_a.published_revision.version == 1


def test_publishing_a_document_missing_a_field_is_refused_before_anything_is_written(
    offer_a, approver_a
):
    document = document_for(offer_a.pk)
    del document["sections"][0]["heading"]
    before = _state(offer_a)

    with pytest.raises(DocumentError, match=r"sections\[0\]\.heading: this is missing"):
        services.offer_publish_document(
            offer=offer_a, by=approver_a, summary="No heading", document=document
        )

    assert _state(offer_a) == before
    assert offer_a.published_revision is None


# --- Nothing is stored twice ----------------------------------------------------------------


def test_publishing_again_with_no_edit_is_refused_as_nothing_changed(offer_a, approver_a):
    publish(offer_a, approver_a, "First version")
    before = _state(offer_a)

    with pytest.raises(services.NothingToPublish) as refused:
        publish(offer_a, approver_a, "Again")

    assert refused.value.messages == ["Nothing has changed since version 1"]
    assert _state(offer_a) == before


def test_rolling_back_to_the_live_version_is_refused_and_keeps_the_working_copy(
    offer_a, approver_a
):
    first = publish(offer_a, approver_a, "First version")
    Section.objects.filter(offer=offer_a).update(heading="Edited, not yet published")
    before = _state(offer_a)

    with pytest.raises(services.NothingToPublish, match="Nothing has changed since version 1"):
        services.offer_rollback(offer=offer_a, by=approver_a, revision=first, summary="Back")

    assert _state(offer_a) == before
    assert before[0]["sections"][0]["heading"] == "Edited, not yet published"


def test_rollback_restores_the_working_copy_so_the_next_publish_has_nothing_new(
    offer_a, approver_a
):
    first = publish(offer_a, approver_a, "First version")
    Section.objects.filter(offer=offer_a).update(heading="Money for carers – new rates")
    second = publish(offer_a, approver_a, "New rates")
    assert second.content["sections"][0]["heading"] == "Money for carers – new rates"

    third = services.offer_rollback(
        offer=offer_a, by=approver_a, revision=first, summary="Back to the old rates"
    )

    assert third.version == 3
    assert third.content == first.content
    working_copy = document_for(offer_a.pk)
    assert working_copy["sections"][0]["heading"] == "Money for carers A"
    assert working_copy == first.content
    with pytest.raises(services.NothingToPublish, match="Nothing has changed since version 3"):
        publish(offer_a, approver_a, "Again")
    assert OfferRevision.objects.filter(offer=offer_a).count() == 3


def test_a_scheduled_publish_whose_document_is_already_live_is_cancelled_not_retried(
    offer_a, approver_a
):
    schedule = services.offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="April rates",
        publish_at=timezone.now() + datetime.timedelta(hours=1),
        accept_gaps=True,
    )
    publish(offer_a, approver_a, "Published early instead")
    due = schedule.publish_at + datetime.timedelta(seconds=1)

    assert services.scheduled_publish_due(now=due) == []

    schedule.refresh_from_db()
    assert (schedule.status, schedule.revision) == (ScheduleStatus.CANCELLED, None)
    assert OfferRevision.objects.filter(offer=offer_a).count() == 1
    cancelled = AuditEvent.objects.get(action=AuditAction.CANCEL_SCHEDULE)
    # Cancelled by the publish itself (tests/test_schedule_safety.py has the run-time case).
    assert cancelled.detail.endswith("because version 1 was published")
    events = AuditEvent.objects.count()
    assert services.scheduled_publish_due(now=due + datetime.timedelta(minutes=1)) == []
    assert AuditEvent.objects.count() == events  # not tried again
