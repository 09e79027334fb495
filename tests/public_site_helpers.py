"""Helpers for the public-site tests (search, feedback, pages, HTML checks)."""

from offers.services import offer_publish


def publish(offer, by, summary="First version"):
    """Publish an offer's working copy and return the revision."""
    return offer_publish(offer=offer, by=by, summary=summary, accept_gaps=True)


def first_section(revision) -> dict:
    return revision.content["sections"][0]
