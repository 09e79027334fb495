"""Changes that public pages show, wherever they are made (admin, commands, shell): each
makes the page cache start afresh once the change has committed (offers.page_cache)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Council, NationalHelpline, Offer
from .page_cache import public_pages_changed


@receiver(post_save, sender=Council)
@receiver(post_delete, sender=Council)
@receiver(post_save, sender=NationalHelpline)
@receiver(post_delete, sender=NationalHelpline)
@receiver(post_delete, sender=Offer)
def _public_pages_changed(sender, **kwargs):
    # Publishing is not here: offers.services.offer_publish_document says so itself, and an
    # edit to the working copy (Offer, Section and entry saves) changes no public page.
    public_pages_changed()
