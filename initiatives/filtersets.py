import django_filters
from django.utils.translation import gettext_lazy as _

from api_human.core.filtersets import SearchFilterSet, visible_engagements
from api_human.core.models import NeedCategory, Organization

from .models import ContentWorld, Initiative, Need, Pilot


class NeedFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    engagement = django_filters.ModelChoiceFilter(queryset=visible_engagements, label=_("Engagement"))

    class Meta:
        model = Need
        fields = ["q", "engagement", "category", "subcategory", "source", "content_world", "status"]


class InitiativeFilterSet(SearchFilterSet):
    """Category, source and content world come from the needs an initiative answers."""

    search_fields = ("title", "solution", "impact_headline", "big_dream")
    engagement = django_filters.ModelChoiceFilter(queryset=visible_engagements, label=_("Engagement"))
    category = django_filters.ChoiceFilter(
        field_name="needs__category", choices=NeedCategory.choices, label=_("Need category"), distinct=True
    )
    source = django_filters.ChoiceFilter(
        method="filter_source",
        label=_("Source of the need"),
        choices=[("bottom_up", _("Bottom-up")), ("top_down", _("Top-down")), *Need.Source.choices],
    )
    content_world = django_filters.ChoiceFilter(
        field_name="needs__content_world",
        choices=ContentWorld.choices,
        label=_("Content world"),
        distinct=True,
    )
    partner = django_filters.ModelChoiceFilter(
        field_name="partners", queryset=Organization.objects.all(), label=_("Partner"), distinct=True
    )

    class Meta:
        model = Initiative
        fields = ["q", "engagement", "status", "category", "source", "content_world", "partner"]

    def filter_source(self, queryset, name, value):
        sources = {
            "bottom_up": Need.BOTTOM_UP,
            "top_down": [s for s in Need.Source.values if s not in Need.BOTTOM_UP],
        }.get(value, [value])
        return queryset.filter(needs__source__in=sources).distinct()


class PilotFilterSet(SearchFilterSet):
    search_fields = ("title", "sites", "outcome")
    engagement = django_filters.ModelChoiceFilter(
        field_name="initiative__engagement", queryset=visible_engagements, label=_("Engagement")
    )

    class Meta:
        model = Pilot
        fields = ["q", "engagement", "initiative"]
