"""/sitemap.xml: the live offers and the site's own pages, with absolute links on SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import addresses
from .selectors import live_offers_with_councils


class _OnSiteUrl(Sitemap):
    """Links use settings.SITE_URL, not the Host header of whoever asked."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class LiveOfferSitemap(_OnSiteUrl):
    """Every published offer of an active council, last modified when it was published."""

    changefreq = "monthly"

    def items(self):
        return live_offers_with_councils()

    def location(self, offer):
        return addresses.offer_page(offer.council.slug)

    def lastmod(self, offer):
        return offer.published_revision.published_at


class SitePagesSitemap(_OnSiteUrl):
    changefreq = "yearly"

    def items(self):
        return ["home", "accessibility", "privacy"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"offers": LiveOfferSitemap, "pages": SitePagesSitemap}
