"""Filters of the scoring lists (REST and browser)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from api_human.core.filtersets import SearchFilterSet

from .models import Band, Rating, Rubric, ScoreRun, ScoreSnapshot, SubjectType


class RubricFilterSet(SearchFilterSet):
    search_fields = ("key", "name_he", "name_en")

    class Meta:
        model = Rubric
        fields = ["key", "subject_type", "kind", "stage", "status"]


class RatingFilterSet(SearchFilterSet):
    search_fields = ("evidence_note",)
    subject_type = django_filters.ChoiceFilter(choices=SubjectType.choices, label=_("scored subject"))
    subject_id = django_filters.NumberFilter(label=_("subject"))
    rated_from = django_filters.DateFilter(field_name="rated_on", lookup_expr="gte", label=_("rated from"))
    rated_to = django_filters.DateFilter(field_name="rated_on", lookup_expr="lte", label=_("rated until"))

    class Meta:
        model = Rating
        fields = ["subject_type", "subject_id", "rubric_key", "criterion_key", "not_applicable"]


class ScoreFilterSet(django_filters.FilterSet):
    subject_type = django_filters.ChoiceFilter(choices=SubjectType.choices, label=_("scored subject"))
    subject_id = django_filters.NumberFilter(label=_("subject"))
    rubric = django_filters.CharFilter(field_name="rubric__key", label=_("rubric"))
    band = django_filters.ChoiceFilter(choices=Band.choices, label=_("band"))
    latest = django_filters.BooleanFilter(method="only_latest", label=_("only the current score"))
    computed_from = django_filters.DateTimeFilter(
        field_name="computed_at", lookup_expr="gte", label=_("from")
    )
    computed_to = django_filters.DateTimeFilter(field_name="computed_at", lookup_expr="lte", label=_("until"))

    class Meta:
        model = ScoreSnapshot
        fields = ["subject_type", "subject_id", "engagement", "band", "trigger"]

    def only_latest(self, queryset, name, value):
        from .models import CurrentScore

        if not value:
            return queryset
        return queryset.filter(pk__in=CurrentScore.objects.values("snapshot_id"))


class ScoreRunFilterSet(django_filters.FilterSet):
    class Meta:
        model = ScoreRun
        fields = ["kind", "status", "engagement"]
