"""Publishing tools on the offer's admin page (issue B fills this in)."""


class OfferPublishingAdminMixin:
    """Adds preview, submit, publish, history and diff to OfferAdmin."""
