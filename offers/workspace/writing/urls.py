from django.urls import path

from . import sections, views

urlpatterns = [
    path("", views.tasks_page, name="tasks"),
    path("start/", views.start, name="start"),
    path("about/<slug:part>/", views.about, name="about"),
    path("sections/add/", sections.section_add, name="section_add"),
    path("sections/order/", sections.sections_order, name="sections_order"),
    path("sections/<uuid:section_key>/", sections.section_page, name="section"),
    path("sections/<uuid:section_key>/details/", sections.section_details, name="section_details"),
    path("sections/<uuid:section_key>/remove/", sections.section_remove, name="section_remove"),
    path("sections/<uuid:section_key>/undo/", sections.entry_undo, name="entry_undo"),
    path(
        "sections/<uuid:section_key>/<slug:entry_type>/add/",
        sections.entry_add,
        name="entry_add",
    ),
    path(
        "sections/<uuid:section_key>/<slug:entry_type>/<uuid:entry_key>/",
        sections.entry_change,
        name="entry_change",
    ),
    path(
        "sections/<uuid:section_key>/<slug:entry_type>/<uuid:entry_key>/remove/",
        sections.entry_remove,
        name="entry_remove",
    ),
    path("check/", views.check, name="check"),
    path("preview/", views.preview, name="preview"),
    path("preview/<slug:page>/", views.preview, name="preview_page"),
    path("export/", views.export, name="export"),
    path("import/", views.import_offer, name="import"),
]
