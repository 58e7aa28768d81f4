"""The OpenAPI document as the server really behaves, whatever language the reader asked for.

* Every operation documents its error answers with the one ``Error`` component (errors.py), with an
  example each: 400, 401, 403, 404, 406, 429, 500 and 503 everywhere; writes add 409, 412, 413, 415
  and 422.
* Headers are documented: ``X-Request-ID`` (every answer), ``RateLimit-*`` (partner calls),
  ``Retry-After`` (429, 503), ``ETag`` with ``If-None-Match`` (reads of one record) and ``If-Match``
  (changes), ``Idempotency-Key`` (writes).
* The document is built in English: identifiers, component and enum names never follow
  ``Accept-Language`` (they did, and generated SDKs got Hebrew class names).
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .errors import ErrorSerializer, error_body

SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def _example(status: int, code: str, message: str, **extra) -> OpenApiExample:
    return OpenApiExample(
        code,
        value=error_body(status_code=status, code=code, message=message, **extra),
        response_only=True,
        status_codes=[str(status)],
    )


ERRORS = {
    400: (
        "The request is not valid: a field, a query parameter (page_size, ordering, cursor, filters) "
        "or the body.",
        _example(
            400,
            "invalid",
            "Some of the data sent is not valid; see the fields.",
            fields={
                "title": ["This field is required."],
                "colour": ["This field is not part of the API; remove it."],
            },
            errors=[
                {"field": "title", "code": "required", "message": "This field is required."},
                {
                    "field": "colour",
                    "code": "unknown_field",
                    "message": "This field is not part of the API; remove it.",
                },
            ],
        ),
    ),
    401: (
        "No valid credentials: send `Authorization: Api-Key <key>` (partners) or sign in (team).",
        _example(401, "authentication_failed", "The API key is not valid or has been revoked."),
    ),
    403: (
        "Signed in, but this is not allowed (for a browser session, also a missing CSRF token).",
        _example(403, "permission_denied", "You do not have permission to perform this action."),
    ),
    404: (
        "No such record — or one you may not see (the API does not tell the two apart).",
        _example(404, "not_found", "Not found."),
    ),
    406: (
        "The Accept header asks for a format other than JSON.",
        _example(406, "not_acceptable", "Could not satisfy the request Accept header."),
    ),
    409: (
        "The record's state does not allow this, it is in use, or the same Idempotency-Key is still in progress.",
        _example(409, "conflict", "This record is in use by other records and cannot be deleted."),
    ),
    412: (
        "If-Match carried an old version: someone changed the record after you read it.",
        _example(412, "stale", "Someone changed this record after you read it."),
    ),
    413: ("The body is too large.", _example(413, "too_large", "The request body is too large.")),
    415: (
        "The body's Content-Type is not one this operation reads.",
        _example(415, "unsupported_media_type", 'Unsupported media type "text/plain" in request.'),
    ),
    422: (
        "The Idempotency-Key was used before with a different request.",
        _example(422, "idempotency_key_reused", "This Idempotency-Key was used with a different request."),
    ),
    429: (
        "Too many calls; Retry-After says when to try again.",
        _example(429, "throttled", "Request was throttled. Expected available in 42 seconds."),
    ),
    500: (
        "An error of the server (reported to the team).",
        _example(500, "server_error", "Something went wrong on our side."),
    ),
    503: (
        "The service is briefly unavailable (the database is unreachable); retry after Retry-After.",
        _example(503, "service_unavailable", "The service is briefly unavailable. Please try again shortly."),
    ),
}
READ_ERRORS = (400, 401, 403, 404, 406, 429, 500, 503)
WRITE_ERRORS = (*READ_ERRORS, 409, 412, 413, 415, 422)

REQUEST_ID = OpenApiParameter(
    "X-Request-ID",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=True,
    description="The id of this request: yours if you sent a sane one (8–128 of `A-Za-z0-9._:-`), "
    "else a new one. Quote it when you report a problem.",
)
RATE_LIMIT_HEADERS = [
    OpenApiParameter(
        name,
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=True,
        description=text + " Sent on partners' calls (counted per organisation).",
    )
    for name, text in (
        ("RateLimit-Limit", "Calls allowed in the window."),
        ("RateLimit-Remaining", "Calls left in the window."),
        ("RateLimit-Reset", "Seconds until a call is free again."),
    )
]
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429, 503],
    description="Seconds to wait before retrying.",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description='The record\'s version, e.g. `"3"`: send it back in If-Match to change the record '
    "only if nobody changed it since.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag you read: the change is made only if the record is still at that version "
    "(otherwise 412 `stale`). Leave it out to change regardless.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag you have: an unchanged record is answered 304 with no body.",
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Up to 255 characters of your choice. Repeat the request with the same key and you get "
    "the first answer again; nothing is done twice (kept 24 hours).",
)


def _model_field(field):
    """The model field behind a serializer field, if there is one."""
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or "." in source or source == "*":
        return None
    try:
        return model._meta.get_field(source)
    except FieldDoesNotExist:
        return None


def _decimal_pattern(field) -> str:
    """A decimal as a string, with at least one digit (drf-spectacular's pattern also matches "")."""
    places = field.decimal_places or 0
    whole = field.max_digits - places if field.max_digits is not None else None
    integer = r"\d+" if whole is None else rf"\d{{1,{whole}}}"
    options = []
    if whole is None or whole > 0:
        options.append(integer + (rf"(?:\.\d{{0,{places}}})?" if places else ""))
    if places:
        options.append(rf"\.\d{{1,{places}}}")
    return rf"^-?(?:{'|'.join(options)})$"


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        model_field = _model_field(field)
        blank = getattr(field, "allow_blank", False) or bool(getattr(model_field, "blank", False))
        if blank and isinstance(field, serializers.ChoiceField) and field.read_only:
            field.allow_blank = True  # DRF drops allow_blank from read-only fields; the value may still be ""
        result = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.DecimalField) and isinstance(result, dict) and "pattern" in result:
            result["pattern"] = _decimal_pattern(field)
        if isinstance(field, serializers.JSONField) and not field.allow_null and isinstance(result, dict):
            result.setdefault("not", {"enum": [None]})  # any JSON value but null (the server refuses null)
        if blank and isinstance(result, dict) and result.get("format") == "email":
            result = {"anyOf": [result, {"type": "string", "maxLength": 0}]}
        return result

    def _is_detail(self) -> bool:
        return "{" in self.path.rstrip("/").rsplit("/", 1)[-1] or getattr(self.view, "detail", False) is True

    def _versioned_detail(self) -> bool:
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        return (
            model is not None
            and hasattr(model, "version")
            and getattr(self.view, "detail", None) is not False
        )

    def get_override_parameters(self):
        params = [*super().get_override_parameters(), REQUEST_ID, *RATE_LIMIT_HEADERS, RETRY_AFTER]
        action = getattr(self.view, "action", None)
        documented = {p.name for p in params if isinstance(p, OpenApiParameter)}
        keeps = getattr(self.view, "keeps_answers", None)
        if self.method not in SAFE and "Idempotency-Key" not in documented and (keeps is None or keeps()):
            params.append(IDEMPOTENCY_KEY)
        if action in {"retrieve", "update", "partial_update"} and self._versioned_detail():
            params.append(ETAG)
            params.append(IF_NONE_MATCH if self.method in SAFE else IF_MATCH)
        elif self.method not in SAFE and self._versioned_detail() and "{id}" in self.path:
            params.append(IF_MATCH)
        return params

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = READ_ERRORS if self.method in SAFE else WRITE_ERRORS
        for code in codes:
            key = str(code)
            description, example = ERRORS[code]
            if key in responses:
                continue
            responses[key] = self._get_response_for_code(
                OpenApiResponse(ErrorSerializer, description=description, examples=[example]),
                key,
                media_types=["application/json"],
                direction=direction,
            )
        if getattr(self.view, "action", None) == "retrieve" and self._versioned_detail():
            responses.setdefault(
                "304", {"description": "Not modified: the ETag in If-None-Match is current."}
            )
        return responses


def strict_components(result, generator, request, public):
    """Make the document say what the server enforces:

    * request bodies take only the fields they list (``additionalProperties: false``) — the server
      answers any other with 400 ``unknown_field``;
    * alternatives are ``anyOf``, never ``oneOf``: a blank value matches both "a choice" and "blank",
      and a team member's answer also fits a partner's shape, which exactly-one-of would reject.
    """
    schemas = result.get("components", {}).get("schemas", {})
    for name, component in schemas.items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False

    stack = [result]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "oneOf" in node and "discriminator" not in node:
                node["anyOf"] = node.pop("oneOf")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return result
