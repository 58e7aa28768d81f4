"""One error shape for every 4xx (and 5xx) answer of the API.

    {"status": 400, "code": "invalid", "message": "…translated…", "fields": {"name": ["…"]}}

``fields`` is always present; it is empty unless individual fields were rejected.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class ErrorSerializer(serializers.Serializer):
    """The shape of every error answer (documented in the OpenAPI schema)."""

    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def error_body(*, status_code: int, code: str, message: str, fields: dict | None = None) -> dict:
    return {"status": status_code, "code": code, "message": str(message), "fields": fields or {}}


def _as_api_exception(exc):
    if isinstance(exc, DjangoValidationError):
        detail = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:  # model-wide rules (constraints, clean()) are not about one field
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        return exceptions.ValidationError(detail=detail)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict(_("This record is in use by other records and cannot be deleted."))
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _first_code(codes):
    while isinstance(codes, dict | list):
        codes = next(iter(codes.values() if isinstance(codes, dict) else codes), "invalid")
    return codes or "error"


def exception_handler(exc, context):
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's handler500 answers with the same shape
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = {
            name: [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
            for name, msgs in detail.items()
        }
        response.data = error_body(
            status_code=response.status_code,
            code="invalid",
            message=_("Some of the data sent is not valid; see the fields."),
            fields=fields,
        )
    elif isinstance(exc, exceptions.ParseError):
        response.data = error_body(
            status_code=response.status_code,
            code="parse_error",
            message=_("The request body could not be read: it is not valid JSON."),
        )
    else:
        response.data = error_body(
            status_code=response.status_code, code=_first_code(exc.get_codes()), message=exc.detail
        )
    return response


def json_error(request, *, status_code: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(status_code=status_code, code=code, message=message), status=status_code)
