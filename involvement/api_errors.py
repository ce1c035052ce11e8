"""One JSON error shape for the whole API:

{"error": {"code": "...", "message": "...", "fields": {"name": ["..."]}}}
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import ApplicationError
from .views import pages

NOT_AUTHENTICATED = (
    "Log in, or send your API token in the Authorization header: Token <your token>. "
    "Ask for a token at /api/auth/token/."
)


def exception_handler(exc, context):
    # Django's own 404 and 403 carry no `detail`: give them DRF's, so the body
    # says what happened ("Not found.") rather than nothing.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, ApplicationError):
        return Response(
            {"error": {"code": exc.code, "message": exc.message, "fields": {}}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body = {"code": "invalid", "message": "Check the fields and try again.", "fields": fields}
    else:
        if isinstance(exc, exceptions.NotAuthenticated) and exc.detail == exc.default_detail:
            exc.detail = exceptions.ErrorDetail(NOT_AUTHENTICATED, code=exc.default_code)
        detail = getattr(exc, "detail", "")
        body = {
            "code": getattr(detail, "code", None) or getattr(exc, "default_code", "error"),
            "message": str(detail),
            "fields": {},
        }
    response.data = {"error": body}
    return response


# Errors Django answers before (or instead of) a DRF view: an unknown address
# under /api/, a refused or bad request, a crash. Under /api/ they get the one
# JSON shape too; everywhere else, the site's own error pages.

API_PREFIX = "/api/"


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def error_response(http_status: int, code: str, message: str) -> JsonResponse:
    body = {"error": {"code": code, "message": message, "fields": {}}}
    return JsonResponse(body, status=http_status)


def error_400(request, exception=None):
    if is_api_request(request):
        return error_response(400, "bad_request", "The request could not be understood.")
    return defaults.bad_request(request, exception)


def error_403(request, exception=None):
    if is_api_request(request):
        return error_response(
            403, "permission_denied", str(exceptions.PermissionDenied.default_detail)
        )
    return pages.error_403(request, exception)


def error_404(request, exception=None):
    if is_api_request(request):
        return error_response(404, "not_found", str(exceptions.NotFound.default_detail))
    return pages.error_404(request, exception)


def error_500(request):
    if is_api_request(request):
        return error_response(
            500, "server_error", "Sorry, there is a problem with the service. Try again later."
        )
    return pages.error_500(request)


# --- The error shape in the schema ---------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error of the API, whatever its status.",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": True},
            },
        }
    },
}
DOCUMENTED_ERRORS = {
    "400": "The request was not valid: see `fields`.",
    "401": "Sign in (an API token) is needed.",
    "403": "Signed in, but not allowed to do this.",
    "404": "Not found, or not yours to see.",
    "405": "This method is not allowed here.",
    "406": "The answer cannot be given in the format asked for.",
    "415": "The request body is not in a format the API reads.",
    "429": "Too many attempts: wait, then try again.",
}


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: every operation may answer with
    the errors above, each in the one JSON shape (components/schemas/Error)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in DOCUMENTED_ERRORS.items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
