"""Small middleware for every response: a request log line, Permissions-Policy, a 400 for
control characters (a 413 for a form too big to read), kept public pages served early, and
officers sent from the admin to their workspace.
Order and reasons are in settings.MIDDLEWARE."""

import logging
import re
import time

from django.core.exceptions import RequestDataTooBig
from django.http import UnreadablePostError
from django.shortcuts import redirect, render

from . import access, page_cache
from .flood import TooManyRenders

request_log = logging.getLogger("kinship.requests")

# The site uses no device features; saying so stops any embedded or injected code asking.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

# C0 control characters and DEL. A form's text may hold tab, line feed and carriage return
# (a comment in paragraphs); an address never needs any of them.
CONTROL_IN_ADDRESS_RE = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_FORM_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RequestLogMiddleware:
    """One line per request on the "kinship.requests" logger (JSON, see settings.LOGGING):
    method, path, status and duration in milliseconds.

    The query string is never logged (it can hold a search for a name or an email address),
    nor any form field, and a share link's secret token is replaced by "<token>".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        fields = {
            "method": request.method,
            "path": _loggable_path(request),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        request_log.info("%(method)s %(path)s %(status)s", fields, extra={"fields": fields})
        return response


def _loggable_path(request) -> str:
    path = request.path
    match = getattr(request, "resolver_match", None)
    token = match.kwargs.get("token") if match else None
    if token:
        path = path.replace(token, "<token>")
    return path


class PermissionsPolicyMiddleware:
    """Sets Permissions-Policy on every response: no camera, microphone, location and so on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RefuseControlCharactersMiddleware:
    """A 400 page for NUL and other control characters in the path, the query string or a
    form's fields, before any view, filter or database sees them (a NUL reaching PostgreSQL
    is an error, so it would otherwise be a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = _has_control_characters(request)
        except RequestDataTooBig:
            # A form over DATA_UPLOAD_MAX_MEMORY_SIZE, refused from its Content-Length before
            # it is read (an offer file over the limit is handled by offers.uploads instead).
            return render(request, "413.html", status=413)
        if refused:
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _has_control_characters(request) -> bool:
    if CONTROL_IN_ADDRESS_RE.search(request.path_info):
        return True
    if any(
        CONTROL_IN_ADDRESS_RE.search(key) or CONTROL_IN_ADDRESS_RE.search(value)
        for key, values in request.GET.lists()
        for value in values
    ):
        return True
    if request.method != "POST" or request.content_type not in FORM_CONTENT_TYPES:
        return False
    try:
        fields = request.POST
    except UnreadablePostError:
        return False  # the connection broke; CSRF and the view see an empty form
    return any(
        CONTROL_IN_ADDRESS_RE.search(key) or CONTROL_IN_FORM_RE.search(value)
        for key, values in fields.lists()
        for value in values
    )


class KeptPageMiddleware:
    """Serves a public page kept in the page cache (offers.page_cache) before the session,
    CSRF, authentication, messages and sign-in throttling middleware below it, none of which
    a page that every visitor gets alike uses. The middleware above it still set the
    security headers and log the request; a page not kept goes on to its view as usual.

    A client past its render limit (offers.flood) gets the 429 page instead of a page that
    would have been made afresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = page_cache.kept_response(request)
        return response if response is not None else self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, TooManyRenders):
            return None
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(exception.retry_after)
        response["Cache-Control"] = "no-store"
        return response


class OfficersToWorkspaceMiddleware:
    """Sends an officer who opens any /admin/ page (its sign-in page included) to the
    workspace, where editors and approvers do all their work. Site administrators keep the
    admin for councils, people, helplines and the jargon list; anyone else gets the admin's
    own sign-in page. After AuthenticationMiddleware, which finds the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX) and _officer_not_site_admin(request.user):
            return redirect("workspace:home")
        return self.get_response(request)


ADMIN_PREFIX = "/admin/"


def _officer_not_site_admin(user) -> bool:
    return access.is_officer(user) and not access.is_site_admin(user)
