"""The one access policy (offers.access): who may see, edit and publish which council's offer.

Cast: editor of council A, approver of A, officer of council B, a site administrator and an
anonymous carer, plus the two edge cases people get wrong: an inactive superuser and a
staff user with no membership."""

import pytest
from django.contrib.auth.models import AnonymousUser

from offers import access

from .factories import UserFactory


@pytest.fixture
def inactive_admin(db):
    return UserFactory(username="gone-admin", is_superuser=True, is_active=False)


@pytest.fixture
def staff_without_council(db):
    return UserFactory(username="staff-only", is_staff=True)


def test_editors_edit_their_council_only_and_approvers_also_publish(
    council_a, council_b, officer_a, approver_a, officer_b
):
    assert access.can_edit(officer_a, council_a) and not access.can_publish(officer_a, council_a)
    assert access.can_edit(approver_a, council_a) and access.can_publish(approver_a, council_a)
    assert not access.can_edit(officer_b, council_a)
    assert not access.can_publish(officer_b, council_a)
    assert not access.can_edit(approver_a, council_b)


def test_a_site_administrator_is_an_active_superuser(
    council_a, site_admin, inactive_admin, staff_without_council
):
    assert access.is_site_admin(site_admin)
    assert access.can_publish(site_admin, council_a)
    assert not access.is_site_admin(inactive_admin)
    assert not access.can_edit(inactive_admin, council_a)
    assert list(access.councils_for(inactive_admin)) == []
    assert not access.is_site_admin(staff_without_council)
    assert not access.can_edit(staff_without_council, council_a)
    assert not access.is_officer(staff_without_council)


def test_anonymous_and_deactivated_people_may_do_nothing(council_a, officer_a):
    assert not access.can_edit(AnonymousUser(), council_a)
    assert not access.is_officer(AnonymousUser())
    officer_a.is_active = False
    officer_a.save()
    assert not access.can_edit(officer_a, council_a)
    assert list(access.councils_for(officer_a)) == []


def test_councils_for_gives_officers_their_councils_and_site_admins_all(
    council_a, council_b, officer_a, site_admin
):
    assert list(access.councils_for(officer_a)) == [council_a]
    assert set(access.councils_for(site_admin)) == {council_a, council_b}


def test_the_publish_action_shows_for_approvers_anywhere_only(approver_a, officer_a, site_admin):
    assert access.approves_anywhere(approver_a) and access.approves_anywhere(site_admin)
    assert not access.approves_anywhere(officer_a)
