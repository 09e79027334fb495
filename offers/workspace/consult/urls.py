"""A council's consultations in the workspace: /workspace/<council>/consultations/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("consultations/<int:consultation_id>/", views.consultation, name="consultation"),
    path(
        "consultations/<int:consultation_id>/close/",
        views.consultation_close,
        name="consultation_close",
    ),
    path(
        "consultations/<int:consultation_id>/themes/new/",
        views.theme_new,
        name="consultation_theme_new",
    ),
    path(
        "consultations/<int:consultation_id>/themes/<int:theme_id>/",
        views.theme_edit,
        name="consultation_theme",
    ),
    path(
        "consultations/<int:consultation_id>/themes/<int:theme_id>/remove/",
        views.theme_remove,
        name="consultation_theme_remove",
    ),
    path(
        "consultations/<int:consultation_id>/responses/<int:response_id>/",
        views.response,
        name="consultation_response",
    ),
    path(
        "consultations/<int:consultation_id>/quotes/<int:quote_id>/remove/",
        views.quote_remove,
        name="consultation_quote_remove",
    ),
    path(
        "consultations/<int:consultation_id>/publish/",
        views.result_publish,
        name="consultation_publish",
    ),
]
