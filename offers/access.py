"""Who may do what: the one access policy.

The admin's council scoping, the publishing pages, the services, commands and previews all
ask these functions, so there is one answer to "may this person see, edit or publish this
council's offer?".

- A site administrator is an active superuser. They manage councils, officers and
  national helplines, and may do anything an approver may, for every council.
- An officer is an active user with a membership of a council: editors write the working
  copy, import files and ask for approval; approvers also publish, schedule, reject and
  roll back.
- Anyone else (anonymous, inactive, or with no membership) may do nothing here.
"""

from django.db.models import QuerySet

from .choices import Role


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_site_admin(user) -> bool:
    """An active superuser: may see and change every council, and the site's settings."""
    return _active(user) and user.is_superuser


def councils_for(user) -> QuerySet:
    """The councils this person may see and edit (all of them for a site administrator)."""
    from .models import Council  # the models import this module's callers, not the reverse

    if not _active(user):
        return Council.objects.none()
    if user.is_superuser:
        return Council.objects.all()
    return Council.objects.filter(memberships__user=user).distinct()


def can_edit(user, council) -> bool:
    """Editors and approvers of the council, and site administrators."""
    if not _active(user) or council is None:
        return False
    return user.is_superuser or council.memberships.filter(user=user).exists()


def can_publish(user, council) -> bool:
    """Approvers of the council, and site administrators."""
    if not _active(user) or council is None:
        return False
    if user.is_superuser:
        return True
    return council.memberships.filter(user=user, role=Role.APPROVER).exists()


def approves_anywhere(user) -> bool:
    """True for anyone who may publish some council's offer (shows the publish action)."""
    if not _active(user):
        return False
    return user.is_superuser or user.memberships.filter(role=Role.APPROVER).exists()


def is_officer(user) -> bool:
    """May use the officers' workspace: staff with a membership, or a site administrator."""
    if not (_active(user) and user.is_staff):
        return False
    return user.is_superuser or user.memberships.exists()
