"""/sitemap.xml: the live offers and the site's own pages, with absolute links on SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Offer


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
        return (
            Offer.objects.live()
            .select_related("council", "published_revision")
            .only("council__slug", "council__name", "published_revision__published_at")
            .order_by("council__name")
        )

    def location(self, offer):
        return reverse("offer_detail", args=[offer.council.slug])

    def lastmod(self, offer):
        return offer.published_revision.published_at


class SitePagesSitemap(_OnSiteUrl):
    changefreq = "yearly"

    def items(self):
        return ["home", "accessibility", "privacy"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"offers": LiveOfferSitemap, "pages": SitePagesSitemap}
