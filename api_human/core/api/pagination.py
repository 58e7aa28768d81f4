"""Cursor pages over every list; a bad ``page_size`` or a tampered cursor is a 400, never a 5xx."""

import binascii
from base64 import b64decode

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.exceptions import ErrorDetail


def _invalid(param: str, message: str, code: str = "invalid") -> exceptions.ValidationError:
    return exceptions.ValidationError({param: [ErrorDetail(message, code=code)]})


class CursorPagination(pagination.CursorPagination):
    """Stable pages over large lists; the view's ``ordering`` decides the order."""

    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
                parameter["description"] = (
                    f"Results per page, 1–{self.max_page_size} (default {self.page_size})."
                )
            elif parameter["name"] == self.cursor_query_param:
                parameter["description"] = "The `next` or `previous` link's cursor, exactly as given."
        return parameters

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size, code = int(raw), None
        except ValueError:
            size, code = 0, "invalid"
        if not 1 <= size <= self.max_page_size:
            code = code or ("max_value" if size > self.max_page_size else "min_value")
            message = _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
            raise _invalid(self.page_size_query_param, message, code)
        return size

    def decode_cursor(self, request):
        message = _("The cursor is not valid: use the next or previous link of a page as it was given.")
        encoded = request.query_params.get(self.cursor_query_param)
        try:
            if encoded is not None:
                b64decode(encoded.encode("ascii"), validate=True)  # DRF's own decoding skips stray characters
            cursor = super().decode_cursor(request)
        except (exceptions.NotFound, UnicodeError, ValueError, binascii.Error):
            raise _invalid(self.cursor_query_param, message, "invalid_cursor") from None
        if cursor is None or cursor.position is None:
            return cursor
        # The position is compared with the first ordering field in SQL: it must be a value of that field.
        name = self.ordering[0].lstrip("-")
        try:
            field = self._model._meta.get_field(name)
            field.to_python(cursor.position)
            field.get_prep_value(field.to_python(cursor.position))
        except FieldDoesNotExist:
            pass  # an annotation: nothing to check against
        except (DjangoValidationError, TypeError, ValueError, OverflowError):
            raise _invalid(self.cursor_query_param, message, "invalid_cursor") from None
        return cursor
