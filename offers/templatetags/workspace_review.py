"""Template helpers of the workspace's review pages (offers.workspace.review)."""

from django import template

from .. import access
from ..formatting import uk_date_time
from ..review import review_panel

register = template.Library()


@register.filter
def approves(user, council) -> bool:
    """{% if user|approves:council %}: may this person publish the council's offer?"""
    return access.can_publish(user, council)


@register.simple_tag
def review_panel_of(council):
    """{% review_panel_of council as panel %}: what waits on review (offers.review), or None
    for a council with no offer yet. The task list includes the panel with this alone."""
    offer = getattr(council, "offer", None)
    return review_panel(offer) if offer is not None else None


register.filter("uk_date_time", uk_date_time)
