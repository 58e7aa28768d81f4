"""Strict input: a field the API does not know is a 400 that names it, never silently dropped.

A client that misspells ``colour`` or tries ``is_staff`` learns at once instead of believing it was
saved; a field the API only returns (``id``, ``state``…) is refused the same way (``read_only``), as
the request schemas say (``additionalProperties: false``).
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

UNKNOWN_FIELD = _("This field is not part of the API; remove it.")
READ_ONLY_FIELD = _("This field is set by the platform, not by you; leave it out.")


def unknown_fields(serializer, data) -> dict:
    """``{name: [error]}`` for each key of ``data`` the serializer does not take: one it has no field
    for (``unknown_field``), or one it only returns (``read_only``)."""
    if not isinstance(data, Mapping):
        return {}
    fields = serializer.fields
    errors = {}
    for name in data:
        if name not in fields:
            errors[str(name)] = [ErrorDetail(str(UNKNOWN_FIELD), code="unknown_field")]
        elif fields[name].read_only:
            errors[str(name)] = [ErrorDetail(str(READ_ONLY_FIELD), code="read_only")]
    return errors


def reject_unknown_fields(serializer, data) -> None:
    errors = unknown_fields(serializer, data)
    if errors:
        raise serializers.ValidationError(errors)


class StrictStringsConfig:
    """DRF's ``CharField`` turns a number into text (``"contact_name": -69`` is saved as ``"-69"``); the
    schema says "string", so the API says 400 ``invalid`` instead. Installed once, by the core app."""

    installed = False

    @classmethod
    def install(cls) -> None:
        if cls.installed:
            return
        original = serializers.CharField.to_internal_value

        def to_internal_value(self, data):
            if not isinstance(data, str):
                self.fail("invalid")
            return original(self, data)

        serializers.CharField.to_internal_value = to_internal_value
        cls.installed = True


class StrictFieldsMixin:
    """For serializers (at any nesting level): unknown keys fail validation with ``unknown_field``."""

    def to_internal_value(self, data):
        errors = unknown_fields(self, data)
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if errors and isinstance(exc.detail, dict):
                exc.detail.update(errors)
            raise
        if errors:
            raise serializers.ValidationError(errors)
        return value
