import django_filters
from django.utils.translation import gettext_lazy as _

from api_human.core.filtersets import SearchFilterSet, visible_engagements

from .models import Broadcast, KnowledgeFlow, Opportunity, ScoutingActivity


class OpportunityFilterSet(SearchFilterSet):
    search_fields = ("title", "summary", "problem", "organization__name")
    need_category = django_filters.CharFilter(method="filter_category", label=_("Need category"))

    class Meta:
        model = Opportunity
        fields = ["q", "pipeline", "maturity", "organization", "broadcast", "need_category"]

    def filter_category(self, queryset, name, value):
        # The JSON text holds the codes in quotes; this works on PostgreSQL and SQLite alike.
        return queryset.filter(need_categories__icontains=f'"{value}"') if value else queryset


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
