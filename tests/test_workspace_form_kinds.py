"""A field's GOV.UK component in the workspace (offers.templatetags.workspace_forms): "Who
this is for" takes several ticks, so it is checkboxes, not radios. Cast: an editor of
council A."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_who_an_entry_is_for_is_a_set_of_checkboxes_so_an_editor_can_tick_several(
    client_a, offer_a
):
    section = offer_a.sections.get()
    address = reverse("workspace:entry_add", args=[offer_a.council.slug, section.key, "allowances"])
    html = client_a.get(address).content.decode()
    assert 'id="id_arrangement_types_0" name="arrangement_types" type="checkbox"' in html
    assert 'name="arrangement_types" type="radio"' not in html
    # Frequency is still one choice.
    assert 'name="frequency" type="radio"' in html


def test_who_a_section_is_for_is_a_set_of_checkboxes(client_a, offer_a):
    section = offer_a.sections.get()
    address = reverse("workspace:section_details", args=[offer_a.council.slug, section.key])
    html = client_a.get(address).content.decode()
    assert 'name="arrangement_types" type="checkbox"' in html
    assert 'name="arrangement_types" type="radio"' not in html
