from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/", include("offers.api.urls")),
    path("", include("offers.urls")),
    path("workspace/", include("offers.workspace.urls")),
    path("admin/", admin.site.urls),
]
