"""Pages every public sector website must have, the site's error pages, the officers'
sign-in problems and the load balancer's health check."""

import logging

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_safe
def privacy(request):
    return render(request, "pages/privacy.html")


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Let search engines in, except to the officers' area, preview links and
    consultation links."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /workspace/",
        "Disallow: /preview/",
        "Disallow: /consult/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason: str = ""):
    """A friendly page for a form sent without its security token (settings.CSRF_FAILURE_VIEW):
    in the admin's look for officers (most often a sign-in page left open too long), in the
    site's for families (the feedback form)."""
    if request.path.startswith(reverse("admin:index")):
        context = {**admin.site.each_context(request), "title": "Your session timed out"}
        return render(request, "admin/csrf_failure.html", context, status=403)
    return render(request, "403_csrf.html", status=403)


def sign_in_locked_out(request, original_response=None, credentials=None):
    """The admin's sign-in page after too many wrong passwords (settings.AXES_LOCKOUT_CALLABLE)."""
    hours = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": "You cannot sign in at the moment",
        "wait": f"{hours} hour" if hours == 1 else f"{hours} hours",
    }
    return render(request, "admin/lockout.html", context, status=429)


@require_safe
@never_cache
def healthz(request):
    """For a load balancer: 503 {"status": "unavailable", "failed": ["database"]} when the
    database does not answer (this server cannot make pages), so it stops sending requests
    here; otherwise 200, {"status": "ok"}, or {"status": "degraded", "failed": ["redis"]}
    when REDIS_URL is set and Redis does not answer. Without Redis every page is still made
    from the database (offers.cache_backends), and every server shares the one Redis, so
    taking servers out for it would turn a slower site into none."""
    failed = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.warning("Health check: the database did not answer", exc_info=True)
        failed.append("database")
    if settings.REDIS_URL:
        try:
            # Redis itself, not the stand-in the cache uses while it fails; a failure is
            # logged by the cache, once an outage, however often the load balancer asks.
            cache.ping()
        except Exception:
            failed.append("redis")
    if "database" in failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    if failed:
        return JsonResponse({"status": "degraded", "failed": failed})
    return JsonResponse({"status": "ok"})
