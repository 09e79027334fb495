"""The open data API's addresses, under /api/ (included before the public site's)."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.api_home, name="api_home"),
    path("v1/councils/", views.councils, name="api_councils"),
    path("v1/offers/<slug:slug>/", views.offer, name="api_offer"),
    path(
        "v1/offers/<slug:slug>/versions/<int:version>/",
        views.offer_version,
        name="api_offer_version",
    ),
    path(
        "v1/offers/<slug:slug>/what-families-told-us/",
        views.families_told_us,
        name="api_families_told_us",
    ),
    path("v1/allowances/", views.allowances, name="api_allowances"),
    path("v1/national-schemes/", views.national_schemes_list, name="api_national_schemes"),
    # Open Referral UK, under one stub as its compliance rules ask: /api/v1/openreferral/.
    path("v1/openreferral/", views.oruk_root, name="api_oruk_root"),
    path("v1/openreferral/services/", views.oruk_services, name="api_oruk_services"),
    path(
        "v1/openreferral/services/<str:service_id>/",
        views.oruk_service,
        name="api_oruk_service",
    ),
    path(
        "v1/openreferral/service_at_locations/",
        views.oruk_service_at_locations,
        name="api_oruk_service_at_locations",
    ),
    path(
        "v1/openreferral/service_at_locations/<str:service_at_location_id>/",
        views.oruk_service_at_location,
        name="api_oruk_service_at_location",
    ),
    path("v1/openreferral/taxonomies/", views.oruk_taxonomies, name="api_oruk_taxonomies"),
    path(
        "v1/openreferral/taxonomies/<str:taxonomy_id>/",
        views.oruk_taxonomy,
        name="api_oruk_taxonomy",
    ),
    path(
        "v1/openreferral/taxonomy_terms/",
        views.oruk_taxonomy_terms,
        name="api_oruk_taxonomy_terms",
    ),
    path(
        "v1/openreferral/taxonomy_terms/<str:term_id>/",
        views.oruk_taxonomy_term,
        name="api_oruk_taxonomy_term",
    ),
    path("v1/openapi.json", views.repository_file, {"name": "openapi.json"}, name="api_openapi"),
    path(
        "v1/schemas/oruk-service.schema.json",
        views.repository_file,
        {"name": "schemas/oruk-service.schema.json"},
        name="api_oruk_schema",
    ),
    path(
        "v1/schemas/offer-document.schema.json",
        views.repository_file,
        {"name": "schemas/offer-document.schema.json"},
        name="api_document_schema",
    ),
    # Last: anything else under v1/ is a JSON 404, not the site's HTML page.
    re_path(r"^v1/(?P<rest>.*)$", views.not_found, name="api_not_found"),
]
