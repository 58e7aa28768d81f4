"""The subject types the scoring package owns itself, because their models live in the core: the
engagement (scored by the bridging rubric — the connection between the worlds) and the organisation
(its digital-maturity diagnostic). Stages, initiatives and opportunities register theirs in their apps."""

from django.urls import reverse

from api_human.core.models import Engagement, Organization

from .registry import ENGAGEMENT, ORGANIZATION, SubjectSpec, every_row, subject


def _engagements(ids, as_of=None) -> dict:
    """A closed engagement is judged as of its end date (its farewell ratings do not expire after it)."""
    return {
        pk: {
            "engagement": pk,
            "metric_id": pk,
            "stage": "",
            "life": None,
            "as_of": end_date if status == Engagement.Status.COMPLETED else None,
        }
        for pk, status, end_date in Engagement.objects.filter(pk__in=ids).values_list(
            "pk", "status", "end_date"
        )
    }


subject(
    SubjectSpec(
        key="engagement",
        dirty_kind=ENGAGEMENT,
        expand=_engagements,
        queryset=lambda: Engagement.objects.all(),
        title=lambda engagement: (engagement.name, reverse("engagement-detail", args=[engagement.pk])),
        engagement_of=lambda engagement: engagement.pk,
        of_engagement=lambda engagement_id: [engagement_id],
        mark_all=every_row(ENGAGEMENT, Engagement),
        order=10,
    )
)


def _organizations(ids, as_of=None) -> dict:
    return {
        pk: {"engagement": None, "metric_id": pk, "stage": "", "life": None}
        for pk in Organization.objects.filter(pk__in=ids).values_list("pk", flat=True)
    }


def _maturity_organizations() -> list[int]:
    """Organisations with a maturity diagnostic: the change objects of engagements, and any rated one."""
    from .models import Rating

    ids = set(
        Engagement.objects.exclude(change_object_organization=None).values_list(
            "change_object_organization_id", flat=True
        )
    )
    ids |= set(Rating.objects.filter(subject_type="organization").values_list("subject_id", flat=True))
    return sorted(ids)


def _mark_organizations() -> int:
    from .services import mark_dirty

    organizations = _maturity_organizations()
    mark_dirty([(ORGANIZATION, pk) for pk in organizations], schedule=False)
    return len(organizations)


def _change_object_of(engagement_id: int) -> list[int]:
    return [
        pk
        for pk in Engagement.objects.filter(pk=engagement_id).values_list(
            "change_object_organization_id", flat=True
        )
        if pk
    ]


def _engagements_reading(organization_ids) -> list:
    """Stage A reads whether its change object's maturity diagnostic is done."""
    return [
        (ENGAGEMENT, pk)
        for pk in Engagement.objects.filter(change_object_organization_id__in=organization_ids).values_list(
            "pk", flat=True
        )
    ]


subject(
    SubjectSpec(
        key="organization",
        dirty_kind=ORGANIZATION,
        expand=_organizations,
        queryset=lambda: Organization.objects.all(),
        title=lambda organization: (
            organization.name,
            reverse("organization-detail", args=[organization.pk]),
        ),
        of_engagement=_change_object_of,
        mark_all=_mark_organizations,
        dependents=_engagements_reading,
        staff_only=True,
        order=0,
    )
)
