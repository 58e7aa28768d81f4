"""One error shape for every 4xx (and 5xx) answer of the API.

    {"status": 400, "code": "invalid", "message": "…translated…",
     "fields": {"name": ["…"], "need_categories.1": ["…"]},
     "errors": [{"field": "name", "code": "required", "message": "…"}, …]}

``fields`` and ``errors`` are always present and empty unless individual fields were rejected.
``fields`` maps each rejected field (nested ones as dotted paths: ``criteria.0.weight``) to its
messages; ``errors`` lists the same rejections with a machine code each (``required``,
``invalid_choice``, ``max_length``, ``unknown_field``…). Nested errors are flattened by
drf-standardized-errors' ``flatten_errors``, so no message is ever a Python repr.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from drf_standardized_errors.formatter import flatten_errors
from rest_framework import exceptions, serializers, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class FieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field, nested ones as a dotted path (`criteria.0.weight`).")
    code = serializers.CharField(
        help_text="A machine code: `required`, `invalid`, `invalid_choice`, `max_length`, `unknown_field`…"
    )
    message = serializers.CharField(help_text="Translated (Accept-Language: he, en or ar).")


class ErrorSerializer(serializers.Serializer):
    """The shape of every error answer, whatever its status."""

    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(
        help_text="A machine code: `invalid`, `parse_error`, `not_found`, `not_authenticated`, "
        "`authentication_failed`, `permission_denied`, `throttled`, `stale`, `conflict`, "
        "`idempotency_key_reused`, `idempotency_in_progress`, `service_unavailable`…"
    )
    message = serializers.CharField(help_text="A sentence for people, translated.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Rejected fields and their messages; empty unless fields were rejected.",
    )
    errors = FieldErrorSerializer(many=True, help_text="The same rejections, each with its machine code.")


def error_body(
    *, status_code: int, code: str, message: str, fields: dict | None = None, errors: list | None = None
) -> dict:
    if errors is None:
        errors = [
            {"field": name, "code": "invalid", "message": str(text)}
            for name, texts in (fields or {}).items()
            for text in texts
        ]
    return {
        "status": status_code,
        "code": code,
        "message": str(message),
        "fields": fields or {},
        "errors": errors,
    }


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
        detail = (
            exc.detail if isinstance(exc.detail, dict) else {api_settings.NON_FIELD_ERRORS_KEY: exc.detail}
        )
        errors, fields = [], {}
        for error in flatten_errors(detail):
            name = error.attr or api_settings.NON_FIELD_ERRORS_KEY
            errors.append({"field": name, "code": error.code or "invalid", "message": error.detail})
            fields.setdefault(name, []).append(error.detail)
        response.data = error_body(
            status_code=response.status_code,
            code="invalid",
            message=_("Some of the data sent is not valid; see the fields."),
            fields=fields,
            errors=errors,
        )
    elif isinstance(exc, exceptions.ParseError) and _first_code(exc.get_codes()) in {"too_deep", "too_long"}:
        response.data = error_body(
            status_code=response.status_code, code=_first_code(exc.get_codes()), message=exc.detail
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
