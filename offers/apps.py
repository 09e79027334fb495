from django.apps import AppConfig


class OffersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "offers"
    verbose_name = "Kinship local offers"

    def ready(self):
        from . import signals  # noqa: F401 - connects the page cache to council and helpline changes
