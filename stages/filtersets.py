"""One FilterSet per stage model, shared by the API and the pages; each has ``q`` and ``engagement``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from api_human.core.filtersets import SearchFilterSet, visible_engagements

from . import models


def _engagement_filter(lookup="engagement"):
    return django_filters.ModelChoiceFilter(
        field_name=lookup, queryset=visible_engagements, label=_("Engagement")
    )


class StagePhaseFilterSet(django_filters.FilterSet):
    class Meta:
        model = models.StagePhase
        fields = ["stage", "status"]


class GateDecisionFilterSet(SearchFilterSet):
    search_fields = ("justification", "review_comment")
    engagement = _engagement_filter("phase__engagement")
    stage = django_filters.ChoiceFilter(
        field_name="phase__stage", choices=models.Stage.choices, label=_("Stage")
    )

    class Meta:
        model = models.GateDecision
        fields = ["q", "engagement", "stage", "transition", "decision", "status"]


class ChangeDesignFilterSet(django_filters.FilterSet):
    engagement = _engagement_filter()

    class Meta:
        model = models.ChangeDesign
        fields = ["engagement"]


class ChangeFocusFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    engagement = _engagement_filter()

    class Meta:
        model = models.ChangeFocus
        fields = ["q", "engagement"]


class LogicModelItemFilterSet(SearchFilterSet):
    search_fields = ("text",)
    engagement = _engagement_filter()

    class Meta:
        model = models.LogicModelItem
        fields = ["q", "engagement", "level", "change_foci"]


class GoalFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    engagement = _engagement_filter()

    class Meta:
        model = models.Goal
        fields = ["q", "engagement", "change_focus"]


class SuccessMetricFilterSet(SearchFilterSet):
    search_fields = ("name", "unit")
    engagement = _engagement_filter("goal__engagement")

    class Meta:
        model = models.SuccessMetric
        fields = ["q", "engagement", "goal", "direction"]


class RoleHolderFilterSet(SearchFilterSet):
    search_fields = ("role", "full_name")
    engagement = _engagement_filter()

    class Meta:
        model = models.RoleHolder
        fields = ["q", "engagement", "organization"]


class WorkingPrincipleFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    engagement = _engagement_filter()

    class Meta:
        model = models.WorkingPrinciple
        fields = ["q", "engagement", "kind"]


class MechanismFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    engagement = _engagement_filter()

    class Meta:
        model = models.Mechanism
        fields = ["q", "engagement", "world", "category", "status", "unmediated", "owner"]


class ChangeSignalFilterSet(SearchFilterSet):
    search_fields = ("title", "evidence", "observer")
    engagement = _engagement_filter()
    observed_after = django_filters.DateFilter(
        field_name="observed_on", lookup_expr="gte", label=_("Observed from")
    )

    class Meta:
        model = models.ChangeSignal
        fields = ["q", "engagement", "observed_after"]


class PublicationFilterSet(SearchFilterSet):
    search_fields = ("title", "channel", "audience")
    engagement = _engagement_filter()

    class Meta:
        model = models.Publication
        fields = ["q", "engagement"]


class ExitReviewFilterSet(SearchFilterSet):
    search_fields = ("summary",)
    engagement = _engagement_filter()
    signed_off = django_filters.BooleanFilter(
        field_name="signed_off_at", lookup_expr="isnull", exclude=True, label=_("Signed off")
    )

    class Meta:
        model = models.ExitReview
        fields = ["q", "engagement", "decision", "signed_off"]
