"""The HTTP rules every API endpoint shares, in one place.

- JSON bodies, and errors as JSON: {"error": {"status": 404, "message": "..."}}.
- Open to every website (CORS): Access-Control-Allow-Origin: * on every answer, and an answer
  to the browser's OPTIONS preflight.
- GET and HEAD only: anything else is a 405 with an Allow header.
- Answers are kept whole by the page cache (offers.page_cache), like every public page: it
  gives them their Cache-Control, ETag and Last-Modified and answers conditional requests
  with 304. The API adds no validators of its own, so there is one HTTP cache, not two.
"""

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from ..flood import TooManyRenders
from ..page_cache import CACHE_CONTROL, cached_view, never, whole_number

READ_METHODS = ("GET", "HEAD")
ALLOW = "GET, HEAD, OPTIONS"
PREFLIGHT_MAX_AGE = "86400"
# What a browser script may send and read, beyond the CORS-safelisted headers.
ALLOW_REQUEST_HEADERS = "Accept, If-None-Match, If-Modified-Since"
EXPOSE_RESPONSE_HEADERS = "ETag, Last-Modified"
JSON_OPTIONS = {"ensure_ascii": False}


class ApiError(Exception):
    """A request the API refuses; the view wrapper turns it into a JSON error."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSE_RESPONSE_HEADERS
    return response


def error_response(status: int, message: str) -> JsonResponse:
    """An error as JSON with a message a person can act on."""
    response = JsonResponse(
        {"error": {"status": status, "message": message}},
        status=status,
        json_dumps_params=JSON_OPTIONS,
    )
    response["Cache-Control"] = CACHE_CONTROL
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=HTTPStatus.NO_CONTENT)
    response["Access-Control-Allow-Methods"] = ALLOW
    response["Access-Control-Allow-Headers"] = ALLOW_REQUEST_HEADERS
    response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    response["Allow"] = ALLOW
    return response


# The query parameters of the API's lists, each with the rule for keeping its answer in the
# page cache: a page number as the site writes it (one out of range is a 400, never kept);
# any per_page is answered but not kept (every size would be another copy of every list).
# Other endpoints read none, so made-up parameters neither change nor fill anything.
LIST_READS = {"page": whole_number}
SERVICE_LIST_READS = {"page": whole_number, "per_page": never}


def api_endpoint(view: Callable | None = None, *, reads: dict | None = None) -> Callable:
    """Make a view an API endpoint: CORS, OPTIONS, 405 for writes, ApiError as JSON, and its
    answers kept in the page cache (offers.page_cache), CORS headers included; reads as for
    cached_view. Past the client's render limit (offers.flood) a JSON 429.

    csrf_exempt: the API never changes anything, and a POST must get the API's own JSON
    405 rather than the site's HTML CSRF page.
    """
    if view is None:
        return lambda view: api_endpoint(view, reads=reads)

    @cached_view(reads=reads or {})
    @wraps(view)
    def kept(request, *args, **kwargs):
        return _cors(view(request, *args, **kwargs))

    @wraps(kept)
    def endpoint(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _cors(_preflight())
        if request.method not in READ_METHODS:
            response = error_response(
                HTTPStatus.METHOD_NOT_ALLOWED,
                f"This API is read-only: use GET, not {request.method}.",
            )
            response["Allow"] = ALLOW
            return _cors(response)
        try:
            response = kept(request, *args, **kwargs)
        except ApiError as error:
            response = error_response(error.status, error.message)
        except TooManyRenders as refused:
            response = error_response(
                HTTPStatus.TOO_MANY_REQUESTS,
                "Too many requests for answers not yet kept from your address: try again in "
                f"{refused.retry_after} seconds.",
            )
            response["Cache-Control"] = "no-store"
            response["Retry-After"] = str(refused.retry_after)
        return _cors(response)

    return csrf_exempt(endpoint)


def json_response(payload) -> JsonResponse:
    """An answer's JSON (UTF-8, not escaped to ASCII)."""
    return JsonResponse(payload, safe=False, json_dumps_params=JSON_OPTIONS)


def file_response(text: str) -> HttpResponse:
    """A JSON file kept in the repository (the OpenAPI description, a schema), byte for byte."""
    return HttpResponse(text.encode("utf-8"), content_type="application/json")
