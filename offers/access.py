"""Who may do what: the one access policy.

The workspace, the admin's council scoping, the services, commands and previews all ask
these functions, so there is one answer to "may this person see, edit or publish this
council's offer?".

- A site administrator is an active superuser. They manage councils, officers and
  national helplines, and may do anything an approver may, for every council.
- An officer is an active user with a membership of a council: editors write the working
  copy, import files and ask for approval; approvers also publish, schedule, reject and
  roll back.
- Anyone else (anonymous, inactive, or with no membership) may do nothing here.

A person's memberships are read once per user object and kept on it. A request's user is
made afresh for each request, so a page that asks many questions (every row of a list, every
field of a form) costs one query, and a change of membership counts from the next request.
"""

from django.db.models import QuerySet

from .choices import Role
from .models import Council, Membership

_ROLES_ATTRIBUTE = "_kinship_roles"


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _roles(user) -> dict[int, str]:
    """{council id: role} of an active user's memberships, read once per user object."""
    roles = getattr(user, _ROLES_ATTRIBUTE, None)
    if roles is None:
        roles = dict(Membership.objects.filter(user=user).values_list("council_id", "role"))
        setattr(user, _ROLES_ATTRIBUTE, roles)
    return roles


def is_site_admin(user) -> bool:
    """An active superuser: may see and change every council, and the site's settings."""
    return _active(user) and user.is_superuser


def council_ids(user) -> set[int]:
    """Ids of the councils an officer works for (none for anyone inactive). A site
    administrator's own memberships only: ask is_site_admin for everything else."""
    return set(_roles(user)) if _active(user) else set()


def councils_for(user) -> QuerySet:
    """The councils this person may see and edit (all of them for a site administrator)."""
    if not _active(user):
        return Council.objects.none()
    if user.is_superuser:
        return Council.objects.all()
    return Council.objects.filter(pk__in=council_ids(user))


def can_edit(user, council) -> bool:
    """Editors and approvers of the council, and site administrators."""
    if not _active(user) or council is None:
        return False
    return user.is_superuser or council.pk in _roles(user)


def can_publish(user, council) -> bool:
    """Approvers of the council, and site administrators."""
    if not _active(user) or council is None:
        return False
    return user.is_superuser or _roles(user).get(council.pk) == Role.APPROVER


def approves_anywhere(user) -> bool:
    """True for anyone who may publish some council's offer (shows the publish action)."""
    if not _active(user):
        return False
    return user.is_superuser or Role.APPROVER in _roles(user).values()


def is_officer(user) -> bool:
    """May use the officers' pages: staff with a membership, or a site administrator."""
    if not (_active(user) and user.is_staff):
        return False
    return user.is_superuser or bool(_roles(user))
