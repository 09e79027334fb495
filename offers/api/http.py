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
from ..page_cache import CACHE_CONTROL, cached_view, whole_number

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


# The query parameter of the API's own lists, with the rule for keeping its answer in the
# page cache: a page number as the site writes it (one out of range is a 400, never kept).
# Other endpoints read none, so made-up parameters neither change nor fill anything. The
# Open Referral lists' parameters are in offers.api.oruk_query.
LIST_READS = {"page": whole_number}


def api_endpoint(
    view: Callable | None = None,
    *,
    reads: dict | None = None,
    check: Callable | None = None,
    kept_at_most: int | None = None,
) -> Callable:
    """Make a view an API endpoint: CORS, OPTIONS, 405 for writes, ApiError as JSON, and its
    answers kept in the page cache (offers.page_cache), CORS headers included; reads as for
    cached_view. Past the client's render limit (offers.flood) a JSON 429.

    reads: the query parameters its answers depend on (cached_view's reads; a mapping of
    name to rule is read for its names). check: called with each GET or HEAD request before
    the page cache is asked, and may raise ApiError; the endpoints that refuse parameters
    they do not take use it. The page cache ignores parameters a page does not read, so a
    kept answer must not be served before the check has run: an endpoint with a check is
    not served early by KeptPageMiddleware, only by its own cached_view after the check.

    csrf_exempt: the API never changes anything, and a POST must get the API's own JSON
    405 rather than the site's HTML CSRF page.
    """
    if view is None:
        return lambda view: api_endpoint(view, reads=reads, check=check, kept_at_most=kept_at_most)

    @cached_view(reads=reads or {}, kept_at_most=kept_at_most)
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
            if check is not None:
                check(request)
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

    if check is not None:
        del endpoint.page_reads  # copied from kept by wraps: KeptPageMiddleware looks for it
    endpoint.query_parameters = tuple(reads or {})  # for the test that the OpenAPI file lists them
    return csrf_exempt(endpoint)


def json_response(payload) -> JsonResponse:
    """An answer's JSON (UTF-8, not escaped to ASCII)."""
    return JsonResponse(payload, safe=False, json_dumps_params=JSON_OPTIONS)


def file_response(text: str) -> HttpResponse:
    """A JSON file kept in the repository (the OpenAPI description, a schema), byte for byte."""
    return HttpResponse(text.encode("utf-8"), content_type="application/json")
