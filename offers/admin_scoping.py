"""Council scoping for the officers' admin.

An officer sees and changes only the councils they are a member of: every changelist,
change form, inline, foreign-key choice, search and bulk action goes through
`get_queryset` here, and a URL for another council's object is a 404 (which leaks
nothing), not a redirect or a 403. Site administrators (superusers) see everything.

Permissions come from Membership rows, not Django's per-model permissions, so making a
user an officer is one thing: give them a membership.
"""

from django.contrib import admin
from django.http import Http404

from .models import Council


def council_of(obj, lookup: str):
    """Follow a lookup path like "section__offer__council" from an object to its council."""
    for part in lookup.split("__"):
        obj = getattr(obj, part)
    return obj


def _user_councils(request):
    cached = getattr(request, "_officer_council_ids", None)
    if cached is None:
        cached = set(Council.objects.for_user(request.user).values_list("pk", flat=True))
        request._officer_council_ids = cached
    return cached


def is_officer(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and (user.is_superuser or _user_councils(request)))


def may_touch(request, council) -> bool:
    """True if the user is a site administrator or an officer of this council."""
    if request.user.is_superuser:
        return True
    return council is not None and council.pk in _user_councils(request)


class CouncilScopedMixin:
    """Shared rules for ModelAdmins and inlines whose rows belong to one council."""

    # The path from this model to its Council, e.g. "offer__council".
    council_lookup = "council"
    # Officers may delete rows of this model (site administrators always may).
    officers_may_delete = True
    officers_may_add = True

    def scope_queryset(self, request, queryset):
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.council_lookup}__in": _user_councils(request)})

    def _may(self, request, obj) -> bool:
        if not is_officer(request):
            return False
        if obj is None:
            return True
        return may_touch(request, council_of(obj, self._obj_council_lookup()))

    def _obj_council_lookup(self):
        return self.council_lookup

    def has_module_permission(self, request):
        return is_officer(request)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request, *args):
        obj = args[0] if args else None
        if not request.user.is_superuser and not self.officers_may_add:
            return False
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not request.user.is_superuser and not self.officers_may_delete:
            return False
        return self._may(request, obj)


class CouncilScopedAdmin(CouncilScopedMixin, admin.ModelAdmin):
    """A ModelAdmin whose rows belong to a council, scoped to the officer's councils."""

    # Foreign keys an officer picks from, and the path from that model to Council.
    scoped_foreign_keys: dict[str, str] = {}

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        lookup = self.scoped_foreign_keys.get(db_field.name)
        if lookup is not None and field is not None and not request.user.is_superuser:
            path = f"{lookup}__in" if lookup else "pk__in"
            field.queryset = field.queryset.filter(**{path: _user_councils(request)})
        return field

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with "doesn't exist"; for another council's object
        # that still tells the officer something is there. A plain 404 says nothing.
        raise Http404("No such object")


class CouncilScopedInline(CouncilScopedMixin):
    """Inline rows: the parent object (passed as obj) decides which council is in play."""

    # Path from the *parent* object to its council.
    parent_council_lookup = "council"

    def _obj_council_lookup(self):
        return self.parent_council_lookup

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))
