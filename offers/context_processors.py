from django.conf import settings


def portal(request):
    """Site-wide values every page template may use."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "NATIONAL_ADVICE": {
            "name": settings.NATIONAL_ADVICE_NAME,
            "phone": settings.NATIONAL_ADVICE_PHONE,
            "url": settings.NATIONAL_ADVICE_URL,
            "hours": settings.NATIONAL_ADVICE_HOURS,
        },
    }
