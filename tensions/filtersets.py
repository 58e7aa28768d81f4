import django_filters
from django.utils.translation import gettext_lazy as _

from api_human.core.filtersets import SearchFilterSet, visible_engagements

from .models import Tension


class TensionFilterSet(SearchFilterSet):
    search_fields = ("title", "description", "pole_a", "pole_b")
    engagement = django_filters.ModelChoiceFilter(queryset=visible_engagements, label=_("Engagement"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("Open only"))

    class Meta:
        model = Tension
        fields = ["q", "engagement", "source_type", "origin", "state", "stage", "blocking", "open"]

    def filter_open(self, queryset, name, value):
        condition = {"state__in": Tension.OPEN_STATES}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)
