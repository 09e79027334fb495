"""Pages every public sector website must have, and the site's error pages."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_GET
def privacy(request):
    return render(request, "pages/privacy.html")


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Let search engines in, except to the officers' area and preview links."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /preview/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason: str = ""):
    """A friendly page for a form sent without its security token (settings.CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=403)
