"""Small builders shared by the public offer page tests (h4a's modules)."""

import re

from offers.models import Offer

from .factories import AllowanceFactory, SectionFactory

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def page_without_csrf(response) -> str:
    """A page's HTML with CSRF tokens (different on every request, by design) blanked out."""
    return CSRF_VALUE.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())


def add_informal_and_sgo_entries(offer: Offer):
    """A section for everyone with one SGO-only and one informal-only allowance, plus an
    SGO-only section, so filtering has something to hide and something to show."""
    money = SectionFactory(offer=offer, kind="financial", heading="Money for everyone")
    AllowanceFactory(section=money, name="SGO weekly allowance", arrangement_types=["sgo"])
    AllowanceFactory(
        section=money, name="Informal carers' grant", arrangement_types=["informal"], amount="50"
    )
    AllowanceFactory(section=money, name="Birthday grant for all", arrangement_types=[])
    SectionFactory(
        offer=offer, kind="legal", heading="Legal help for SGO carers", arrangement_types=["sgo"]
    )
    SectionFactory(
        offer=offer,
        kind="housing",
        heading="Housing for informal carers",
        arrangement_types=["informal"],
    )
