from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.http import require_safe

from .page_cache import cached_view
from .sitemaps import SITEMAPS
from .views import alerts, consult, data, fact_check, feedback, officer, pages, public, search

urlpatterns = [
    path("", public.home, name="home"),
    path("brand/<str:colour>.css", public.brand_css, name="brand_css"),
    path("offers/<slug:slug>/", public.offer_detail, name="offer_detail"),
    path("offers/<slug:slug>/print/", public.offer_print, name="offer_print"),
    path("offers/<slug:slug>/leaflet/", public.offer_leaflet, name="offer_leaflet"),
    path("offers/<slug:slug>/changes/", public.offer_changes, name="offer_changes"),
    path("offers/<slug:slug>/changes.atom", public.offer_changes_atom, name="offer_changes_atom"),
    path("offers/<slug:slug>/situations/", public.offer_situations, name="offer_situations"),
    path("search/", search.search_page, name="council_search"),
    path("compare/", data.compare_page, name="compare"),
    path("compare/allowances.csv", data.allowances_csv_all, name="allowances_csv_all"),
    path("compare/services.csv", data.services_csv_all, name="services_csv_all"),
    path("offers/<slug:slug>/allowances.csv", data.allowances_csv, name="offer_allowances_csv"),
    path("national-schemes.csv", data.national_schemes_csv, name="national_schemes_csv"),
    path("offers/<slug:slug>/feedback/", feedback.offer_feedback, name="offer_feedback"),
    path(
        "offers/<slug:slug>/feedback/thanks/",
        feedback.offer_feedback_thanks,
        name="offer_feedback_thanks",
    ),
    path("offers/<slug:slug>/alerts/", alerts.offer_alerts, name="offer_alerts"),
    path("offers/<slug:slug>/alerts/sent/", alerts.offer_alerts_sent, name="offer_alerts_sent"),
    path("alerts/confirm/<str:confirm_token>/", alerts.alert_confirm, name="alert_confirm"),
    path(
        "alerts/unsubscribe/<str:unsubscribe_token>/",
        alerts.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
    path(
        "offers/<slug:slug>/what-families-told-us/",
        consult.families_told_us,
        name="offer_families_told_us",
    ),
    path("consult/<str:consultation_token>/", consult.consultation, name="consultation"),
    path(
        "consult/<str:consultation_token>/thanks/",
        consult.consultation_thanks,
        name="consultation_thanks",
    ),
    path("preview/<str:token>/", officer.preview_link, name="preview_link"),
    path("preview/<str:token>/<slug:page>/", officer.preview_link, name="preview_link_page"),
    path("fact-check/<str:check_token>/", fact_check.fact_check, name="fact_check"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("robots.txt", pages.robots_txt, name="robots_txt"),
    # Kept whole like the other public pages: its cost does not grow with councils.
    path(
        "sitemap.xml",
        require_safe(cached_view()(sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("healthz", pages.healthz, name="healthz"),
    # Last: a section's page takes any other name under the offer's address.
    path("offers/<slug:slug>/<slug:anchor>/", public.offer_section, name="offer_section"),
]
