"""Automatic evidence of tensions: how they are legitimised, decided, and whether one blocks too long."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.scoring.registry import ENGAGEMENT, INITIATIVE, count_by, metric, share, watch

from .models import DecisionCriterion, Tension

STAGE = "stage"


@metric(
    "tensions.legitimised_share",
    subject_type=STAGE,
    label=_("Share of tensions legitimised (moved past 'raised')"),
    unit="share",
)
def legitimised_share(ids):
    tensions = Tension.objects.all()
    return share(
        count_by(tensions.exclude(state=Tension.State.RAISED), ids),
        count_by(tensions, ids),
        ids,
    )


@metric(
    "tensions.classified_share",
    subject_type=STAGE,
    label=_("Share of tensions whose origin is known"),
    unit="share",
)
def classified_share(ids):
    tensions = Tension.objects.all()
    known = tensions.exclude(origin=Tension.Origin.UNKNOWN)
    return share(count_by(known, ids), count_by(tensions, ids), ids)


@metric(
    "tensions.open_with_criteria",
    subject_type=STAGE,
    label=_("Share of open tensions with decision criteria"),
    unit="share",
)
def open_with_criteria(ids):
    open_ = Tension.objects.filter(state__in=Tension.OPEN_STATES)
    with_criteria = open_.filter(Exists(DecisionCriterion.objects.filter(tension=OuterRef("pk"))))
    return share(count_by(with_criteria, ids), count_by(open_, ids), ids)


def blocking_too_long():
    since = timezone.localdate() - timedelta(days=settings.TENSION_BLOCKING_ALERT_DAYS)
    return Tension.objects.filter(blocking=True, state__in=Tension.OPEN_STATES, blocking_since__lte=since)


@metric(
    "tensions.blocking_too_long",
    subject_type=STAGE,
    label=_("Open tensions blocking progress longer than the alert period"),
)
def blocking_long(ids):
    return count_by(blocking_too_long(), ids)


@metric(
    "initiative.blocking_tensions",
    subject_type=INITIATIVE,
    label=_("Open tensions blocking the initiative"),
)
def initiative_blocking(ids):
    found = dict(
        Tension.initiatives.through.objects.filter(
            initiative_id__in=ids, tension__blocking=True, tension__state__in=Tension.OPEN_STATES
        )
        .values_list("initiative_id")
        .annotate(n=Count("pk"))
    )
    return {i: found.get(i, 0) for i in ids}


def _subjects(row):
    return [(ENGAGEMENT, row.engagement_id)] + [
        (INITIATIVE, pk) for pk in row.initiatives.values_list("pk", flat=True)
    ]


watch(Tension, _subjects, m2m=[Tension.initiatives])
watch(DecisionCriterion, lambda row: [(ENGAGEMENT, row.tension.engagement_id)])
