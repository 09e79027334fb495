"""The officer's admin home: the dashboard of offers.dashboard above Django's app list.

The admin site's own index view still renders the page (templates/admin/index.html adds the
dashboard to it); this module only hands it the dashboard as extra context.
"""

from django.contrib import admin

from .. import access
from ..dashboard import officer_dashboard


def index_context(request) -> dict:
    """What the admin home needs besides the app list: the dashboard, for officers."""
    if not access.is_officer(request.user):
        return {}
    return {"dashboard": officer_dashboard(request.user)}


def install(site: admin.AdminSite) -> None:
    """Give `site`'s index page the dashboard. Call before the admin's URLs are built."""
    site_index = site.index

    def index(request, extra_context=None):
        return site_index(request, {**index_context(request), **(extra_context or {})})

    site.index = index


install(admin.site)
