import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from api_human.core.filtersets import SearchFilterSet, visible_engagements

from .models import Broadcast, KnowledgeFlow, Opportunity, ScoutingActivity


class OpportunityFilterSet(SearchFilterSet):
    search_fields = ("title", "summary", "problem", "organization__name")
    need_category = django_filters.CharFilter(method="filter_category", label=_("Need category"))
    engagement = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            queryset=visible_engagements, method="filter_engagement", label=_("Engagement")
        )
    )

    class Meta:
        model = Opportunity
        fields = ["q", "engagement", "pipeline", "maturity", "organization", "broadcast", "need_category"]

    def filter_engagement(self, queryset, name, value):
        """Opportunities that answer one of the engagement's broadcasts or joined one of its initiatives."""
        if not value:
            return queryset
        return queryset.filter(Q(broadcast__engagement=value) | Q(initiative__engagement=value))

    def filter_category(self, queryset, name, value):
        # The JSON text holds the codes in quotes; this works on PostgreSQL and SQLite alike.
        return queryset.filter(need_categories__icontains=f'"{value}"') if value else queryset


class IsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """ISO 8601, also when the ``+`` of an offset arrived as a space (an unencoded ``+02:00`` in a URL)."""

    OFFSET_AS_SPACE = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")

    def to_python(self, value):
        if isinstance(value, str):
            value = self.OFFSET_AS_SPACE.sub(r"\1+\2", value.strip())
        return super().to_python(value)


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = IsoDateTimeField


class PartnerOpportunityFilterSet(django_filters.FilterSet):
    """A partner's own profiles: what changed since its last sync, drafts or submitted, by pipeline status."""

    updated_since = IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Changed at or after (ISO 8601 date and time, e.g. 2025-03-01T08:00:00+02:00)"),
    )
    state = django_filters.ChoiceFilter(choices=Opportunity.State.choices, label=_("State"))
    pipeline = django_filters.ChoiceFilter(choices=Opportunity.Pipeline.choices, label=_("Pipeline status"))

    class Meta:
        model = Opportunity
        fields = ["updated_since", "state", "pipeline"]


class BroadcastFilterSet(SearchFilterSet):
    search_fields = ("title_he", "title_en", "description_he", "description_en")
    engagement = django_filters.ModelChoiceFilter(queryset=visible_engagements, label=_("Engagement"))

    class Meta:
        model = Broadcast
        fields = ["q", "engagement", "status"]


class ScoutingActivityFilterSet(SearchFilterSet):
    search_fields = ("title", "outcome")
    engagement = django_filters.ModelChoiceFilter(queryset=visible_engagements, label=_("Engagement"))

    class Meta:
        model = ScoutingActivity
        fields = ["q", "engagement", "kind", "organizations"]


class KnowledgeFlowFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    engagement = django_filters.ModelChoiceFilter(queryset=visible_engagements, label=_("Engagement"))

    class Meta:
        model = KnowledgeFlow
        fields = ["q", "engagement", "direction", "kind", "status"]
