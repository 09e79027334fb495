from django.conf import settings


def portal(request):
    """Site-wide values every page template may use."""
    return {"SITE_NAME": settings.SITE_NAME}
