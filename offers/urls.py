from django.urls import path

from .views import public

urlpatterns = [
    path("", public.home, name="home"),
    path("brand/<str:colour>.css", public.brand_css, name="brand_css"),
]
