"""Filters of every list, and ``?ordering=`` that says no: a field that cannot be ordered by is a 400
naming the ones that can."""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters
from rest_framework.exceptions import ErrorDetail

# Query parameters that are never a filter: the page and the order.
NOT_FILTERS = frozenset({"cursor", "page_size", "ordering"})


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names no filter: a FilterSet with no data
    filters nothing, but building one (its form, its copied filters) costs more than the rest of a
    list page."""

    def filter_queryset(self, request, queryset, view):
        if NOT_FILTERS.issuperset(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


def orderable_fields(view) -> list[str]:
    """A view's ``ordering_fields``, or else the fields of its default ``ordering``."""
    declared = getattr(view, "ordering_fields", None)
    if declared and declared != "__all__":
        names = [name if isinstance(name, str) else name[0] for name in declared]
    else:
        default = getattr(view, "ordering", None) or ()
        names = [default] if isinstance(default, str) else list(default)
    seen = []
    for name in (n.lstrip("-") for n in names):
        if name not in seen:
            seen.append(name)
    return seen


class OrderingFilter(filters.OrderingFilter):
    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw is None:
            return self.get_default_ordering(view)
        wanted = [part.strip() for part in raw.split(",") if part.strip()]
        allowed = orderable_fields(view)
        if not wanted or any(name.lstrip("-") not in allowed for name in wanted):
            message = _("Order by one of: %(fields)s (a minus sign first for descending order).") % {
                "fields": ", ".join(allowed)
            }
            raise exceptions.ValidationError(
                {self.ordering_param: [ErrorDetail(message, code="invalid_choice")]}
            )
        if not any(name.lstrip("-") in {"id", "pk"} for name in wanted):
            wanted.append("-id" if wanted[-1].startswith("-") else "id")  # a stable order for cursor pages
        return wanted

    def get_schema_operation_parameters(self, view):
        allowed = orderable_fields(view)
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Order of the results: one of the values, or several separated by commas; "
                "a minus sign first for descending order.",
                "schema": {"type": "string", "enum": [v for name in allowed for v in (name, f"-{name}")]},
            }
        ]
