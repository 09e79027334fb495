"""The Atom feed of an offer's published versions, so families and partners can follow it."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .addresses import absolute, changes_feed, changes_page, offer_page
from .validators import without_unshowable_characters as xml_text

# XML 1.0 cannot carry control characters: Django's feed writer raises on one, so a single
# one in any version's text (the history is in the feed for good) would make the feed fail
# on every visit. Every text goes in through xml_text, whatever its source.


def offer_changes_feed(*, council, history: list[tuple]) -> Atom1Feed:
    """One entry per published version (newest first), saying in words what changed.

    history: [(OfferRevision, [Change, ...]), ...] as made by selectors.history_with_changes.
    Links are absolute, built from settings.SITE_URL.
    """
    changes_url = absolute(changes_page(council.slug))
    name = xml_text(council.name)
    feed = Atom1Feed(
        title=f"{name}: changes to the kinship local offer",
        link=absolute(offer_page(council.slug)),
        description=f"Each new version of {name}'s kinship local offer.",
        feed_url=absolute(changes_feed(council.slug)),
        feed_guid=changes_url,
        language="en-GB",
        author_name=name,
    )
    for revision, changes in history:
        summary = xml_text(revision.summary)
        items = "".join(f"<li>{escape(xml_text(change.text))}</li>" for change in changes)
        feed.add_item(
            title=f"Version {revision.version}: {summary}",
            link=f"{changes_url}#version-{revision.version}",
            unique_id=f"{changes_url}#version-{revision.version}",
            pubdate=revision.published_at,
            updateddate=revision.published_at,
            description=f"<p>{escape(summary)}</p>" + (f"<ul>{items}</ul>" if items else ""),
        )
    return feed
