"""/workspace/: the officers' workspace (offers.workspace)."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignIn.as_view(), name="sign_in"),
    path(
        "sign-out/", auth_views.LogoutView.as_view(next_page="workspace:sign_in"), name="sign_out"
    ),
    path("<slug:council>/", include("offers.workspace.writing.urls")),
    path("<slug:council>/", include("offers.workspace.review.urls")),
    path("<slug:council>/", include("offers.workspace.consult.urls")),
]
