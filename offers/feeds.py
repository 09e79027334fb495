"""The Atom feed of an offer's published versions, so families and partners can follow it."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .addresses import absolute, changes_feed, changes_page, offer_page


def offer_changes_feed(*, council, history: list[tuple]) -> Atom1Feed:
    """One entry per published version (newest first), saying in words what changed.

    history: [(OfferRevision, [Change, ...]), ...] as made by selectors.history_with_changes.
    Links are absolute, built from settings.SITE_URL.
    """
    changes_url = absolute(changes_page(council.slug))
    feed = Atom1Feed(
        title=f"{council.name}: changes to the kinship local offer",
        link=absolute(offer_page(council.slug)),
        description=f"Each new version of {council.name}'s kinship local offer.",
        feed_url=absolute(changes_feed(council.slug)),
        feed_guid=changes_url,
        language="en-GB",
        author_name=council.name,
    )
    for revision, changes in history:
        items = "".join(f"<li>{escape(change.text)}</li>" for change in changes)
        feed.add_item(
            title=f"Version {revision.version}: {revision.summary}",
            link=f"{changes_url}#version-{revision.version}",
            unique_id=f"{changes_url}#version-{revision.version}",
            pubdate=revision.published_at,
            updateddate=revision.published_at,
            description=f"<p>{escape(revision.summary)}</p>"
            + (f"<ul>{items}</ul>" if items else ""),
        )
    return feed
