"""Automatic evidence of scouting and opportunities: stage B2 metrics and an opportunity's pilot readiness
(for a product that is still an idea: how well the idea is argued and what a pilot should teach)."""

import json

from django.db.models import Count, Max, Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from api_human.core.models import EngagementPartner, World
from api_human.scoring.registry import ENGAGEMENT, NOT_APPLICABLE, OPPORTUNITY, id_in, metric, shared, watch

from .models import Attachment, Broadcast, KnowledgeFlow, Match, Opportunity, ScoutingActivity

STAGE = "stage"


@metric(
    "opportunities.organizations_mapped",
    subject_type=STAGE,
    label=_("Digital-world organisations mapped (partners or met while scouting)"),
)
def organizations_mapped(ids):
    mapped = {i: set() for i in ids}
    for engagement_id, org in EngagementPartner.objects.filter(
        engagement_id__in=ids, organization__world=World.DIGITAL
    ).values_list("engagement_id", "organization_id"):
        mapped[engagement_id].add(org)
    for engagement_id, org in ScoutingActivity.organizations.through.objects.filter(
        scoutingactivity__engagement_id__in=ids, organization__world=World.DIGITAL
    ).values_list("scoutingactivity__engagement_id", "organization_id"):
        mapped[engagement_id].add(org)
    return {i: len(orgs) for i, orgs in mapped.items()}


@metric("opportunities.channels_used", subject_type=STAGE, label=_("Kinds of scouting channels used"))
def channels_used(ids):
    found = dict(
        ScoutingActivity.objects.filter(engagement_id__in=ids)
        .values_list("engagement_id")
        .annotate(n=Count("kind", distinct=True))
    )
    return {i: found.get(i, 0) for i in ids}


@metric(
    "opportunities.flow_directions",
    subject_type=STAGE,
    label=_("Directions in which knowledge flows (0–2)"),
)
def flow_directions(ids):
    found = dict(
        KnowledgeFlow.objects.filter(engagement_id__in=ids, status=KnowledgeFlow.Status.FLOWING)
        .values_list("engagement_id")
        .annotate(n=Count("direction", distinct=True))
    )
    return {i: found.get(i, 0) for i in ids}


@metric(
    "opportunities.broadcasts_published", subject_type=STAGE, label=_("Needs broadcast to the digital world")
)
def broadcasts_published(ids):
    found = dict(
        Broadcast.objects.filter(engagement_id__in=ids)
        .exclude(status=Broadcast.Status.DRAFT)
        .values_list("engagement_id")
        .annotate(n=Count("pk"))
    )
    return {i: found.get(i, 0) for i in ids}


# ------------------------------------------------------------------------------------------------
# One opportunity: readiness for a pilot (the idea, technology readiness, evidence, data, access,
# languages, fit)
# ------------------------------------------------------------------------------------------------
def _written(text) -> bool:
    return bool((text or "").strip())


PROFILE_FIELDS = (
    "problem",
    "target_population",
    "summary",
    "learning_plan",
    "maturity",
    "evidence",
    "personal_data",
    "privacy_assessment_done",
    "hosting",
    "certifications",
    "accessibility",
    "languages",
    "broadcast_id",
)


def _profiles(ids) -> dict:
    """{id: the fields the readiness metrics read}, one query shared by the metrics of a batch. The
    languages come as text and each distinct list is parsed once (most profiles share a few)."""

    def load(ids):
        fields = [name for name in PROFILE_FIELDS if name != "languages"]
        rows = (
            Opportunity.objects.filter(id_in("pk", ids))
            .order_by()  # read into a dict: no sort
            .annotate(languages_text=Cast("languages", TextField()))
            .values("pk", *fields, "languages_text")
        )
        parsed, found = {}, {}
        for row in rows:
            text = row.pop("languages_text")
            if text not in parsed:
                parsed[text] = None if text is None else json.loads(text)
            row["languages"] = parsed[text]
            found[row["pk"]] = row
        return found

    return shared("opportunities.profiles", ids, load)


@metric(
    "opportunity.idea_argued",
    subject_type=OPPORTUNITY,
    label=_("The idea is argued: problem, target population and summary written"),
    unit="share",
)
def idea_argued(ids):
    return {
        pk: (_written(row["problem"]) + _written(row["target_population"]) + _written(row["summary"])) / 3
        for pk, row in _profiles(ids).items()
    }


@metric(
    "opportunity.learning_plan",
    subject_type=OPPORTUNITY,
    label=_("A learning plan for the pilot is written"),
    unit="yes/no",
)
def learning_plan(ids):
    return {pk: _written(row["learning_plan"]) for pk, row in _profiles(ids).items()}


@metric(
    "opportunity.technology_readiness",
    subject_type=OPPORTUNITY,
    label=_("Technology readiness level of the product"),
    unit="level",
)
def technology_readiness(ids):
    return {pk: Opportunity.TRL[row["maturity"]] for pk, row in _profiles(ids).items() if row["maturity"]}


@metric(
    "opportunity.evidence",
    subject_type=OPPORTUNITY,
    label=_("Evidence described and documented"),
    unit="share",
)
def evidence(ids):
    # the files of what the row holds: a profile never submitted is its draft, with all its files;
    # a submitted one is its latest revision, with the files submitted (a new draft's wait)
    documented = set(
        Attachment.objects.filter(id_in("opportunity_id", ids))
        .filter(Q(opportunity__revision=0) | Q(submitted_in__isnull=False))
        .order_by()  # no ordering: a set of ids (the default ordering would join and sort per file)
        .values_list("opportunity_id", flat=True)
        .distinct()
    )
    return {pk: (_written(row["evidence"]) + (pk in documented)) / 2 for pk, row in _profiles(ids).items()}


@metric(
    "opportunity.data_protection",
    subject_type=OPPORTUNITY,
    label=_(
        "Data protection: privacy assessment, hosting and certifications when personal data is processed"
    ),
    unit="share",
)
def data_protection(ids):
    return {
        pk: (
            (row["privacy_assessment_done"] + _written(row["hosting"]) + _written(row["certifications"])) / 3
            if row["personal_data"]
            else NOT_APPLICABLE
        )
        for pk, row in _profiles(ids).items()
    }


@metric(
    "opportunity.accessibility", subject_type=OPPORTUNITY, label=_("Accessibility described"), unit="yes/no"
)
def accessibility(ids):
    return {pk: _written(row["accessibility"]) for pk, row in _profiles(ids).items()}


@metric("opportunity.languages", subject_type=OPPORTUNITY, label=_("Languages the product serves"))
def languages(ids):
    return {pk: len(set(row["languages"] or [])) for pk, row in _profiles(ids).items()}


@metric(
    "opportunity.broadcast_fit",
    subject_type=OPPORTUNITY,
    label=_("Fit to the broadcast's criteria (best match score)"),
    unit="share",
)
def broadcast_fit(ids):
    best = dict(
        Match.objects.filter(id_in("opportunity_id", ids))
        .order_by()  # the default ordering (by opportunity) would join the opportunities
        .values_list("opportunity_id")
        .annotate(best=Max("score"))
    )
    rows = _profiles(ids)
    return {
        pk: NOT_APPLICABLE if row["broadcast_id"] is None else best[pk] / 100
        for pk, row in rows.items()
        if row["broadcast_id"] is None or best.get(pk) is not None
    }


def _opportunity(row):
    """A profile's change makes only its own score dirty: no metric of a stage or an engagement reads
    opportunities (the stage B2 metrics above read scouting, flows, partners and broadcasts), and the
    engagement its score is filed under is read again when the profile itself is recomputed. Marking
    the engagement too would make every partner write of a broadcast wait on that engagement's one
    dirty row (an upsert locks it until the commit) and rescore all its stages for nothing."""
    return [(OPPORTUNITY, row.pk)]


watch(ScoutingActivity, lambda row: [(ENGAGEMENT, row.engagement_id)], m2m=[ScoutingActivity.organizations])
watch(KnowledgeFlow, lambda row: [(ENGAGEMENT, row.engagement_id)])
watch(Broadcast, lambda row: [(ENGAGEMENT, row.engagement_id)])
watch(Opportunity, _opportunity)
watch(Attachment, lambda row: [(OPPORTUNITY, row.opportunity_id)])
watch(Match, lambda row: [(OPPORTUNITY, row.opportunity_id)])
