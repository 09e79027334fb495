"""Who may open a workspace page, asked of offers.access in one place.

- Signed out: sent to the workspace's sign-in page, then back.
- Signed in but not an officer (no membership, not a site administrator): 403.
- An officer of another council: 404, as if the council's workspace did not exist.
- A page only approvers may use (publish, schedule, send back): 403 for the council's
  editors.
Every council page holds the working copy or what only its officers may read, so none is
kept by a shared cache or indexed (private), as the admin's officer pages were not.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .. import access


def private(response):
    """Working copies and officer pages: never kept by a shared cache, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def officer_required(view):
    """Signed-in officers only (access.is_officer)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_active):
            return redirect_to_login(request.get_full_path())
        if not access.is_officer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def council_page(view=None, *, approvers_only: bool = False):
    """A page of one council's workspace, /workspace/<council>/...: the view is called as
    view(request, council, **rest), with the council and its offer read in one query."""

    def decorate(view):
        @officer_required
        @wraps(view)
        def wrapper(request, council: str, *args, **kwargs):
            found = (
                access.councils_for(request.user)
                .select_related("offer")
                .filter(slug=council)
                .first()
            )
            if found is None:
                raise Http404("No council of yours has this address")
            if approvers_only and not access.can_publish(request.user, found):
                raise PermissionDenied
            return private(view(request, found, *args, **kwargs))

        return wrapper

    return decorate(view) if view is not None else decorate
