"""The engagement page and the stage endpoints cost a fixed number of queries however much they hold."""

import datetime
import itertools

import pytest
from rest_framework.test import APIClient

from stages import models, services
from tests.factories import OrganizationFactory
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
counter = itertools.count()


def grow(cast):
    e, team = cast.engagement, cast.team_member
    for _ in range(3):
        n = next(counter)
        focus = services.record_create(
            models.ChangeFocus, actor=team, data={"engagement": e, "title": f"F{n}"}
        )
        services.record_create(
            models.LogicModelItem,
            actor=team,
            data={"engagement": e, "level": "output", "text": f"L{n}"},
            many={"change_foci": [focus]},
        )
        goal = services.record_create(
            models.Goal, actor=team, data={"engagement": e, "title": f"G{n}", "change_focus": focus}
        )
        metric = services.record_create(
            models.SuccessMetric,
            actor=team,
            data={"goal": goal, "name": f"M{n}", "unit": "%", "baseline": 0, "target": 80},
        )
        services.record_create(
            models.Measurement,
            actor=team,
            data={"metric": metric, "measured_on": datetime.date(2024, 1, 1), "value": 10, "source": "s"},
        )
        services.record_create(
            models.RoleHolder, actor=team, data={"engagement": e, "role": "Referent", "full_name": f"R{n}"}
        )
        services.record_create(models.WorkingPrinciple, actor=team, data={"engagement": e, "title": f"P{n}"})
        services.record_create(
            models.Mechanism,
            actor=team,
            data={
                "engagement": e,
                "world": "both",
                "category": "policy",
                "title": f"Mech{n}",
                "owner": OrganizationFactory(),
            },
        )
        services.record_create(
            models.ChangeSignal,
            actor=team,
            data={"engagement": e, "title": f"S{n}", "observed_on": datetime.date(2024, 2, 1)},
        )
        services.record_create(
            models.Publication,
            actor=team,
            data={
                "engagement": e,
                "title": f"Pub{n}",
                "channel": "web",
                "published_on": datetime.date(2024, 2, 1),
            },
        )
        services.exit_review_save(
            actor=team,
            data={
                "engagement": e,
                "reviewed_on": datetime.date(2024, 3, 1),
                "infrastructure_rating": 3,
                "infrastructure_evidence": "x",
                "sustainability_rating": 3,
                "sustainability_evidence": "x",
                "connection_rating": 3,
                "connection_evidence": "x",
                "decision": "continue",
            },
            handover=[{"function": "f", "ministry_role": "r", "due_on": datetime.date(2024, 4, 1)}],
        )
        services.record_update(focus, actor=team, data={"description": "changed"})
    phase = models.StagePhase.objects.get(engagement=e, stage="A")
    if not phase.has_started:
        gate = services.gate_decision_propose(
            phase=phase,
            actor=team,
            transition="start",
            decision="go",
            justification="x",
            effective_on=datetime.date(2024, 1, 1),
        )
        services.gate_decision_sign_off(decision=gate, actor=cast.manager)
        phase.refresh_from_db()
    services.stage_set_intensity(
        phase=phase,
        actor=team,
        intensity="medium",
        on=datetime.date(2024, 1, 2) + datetime.timedelta(days=next(counter)),
    )


def test_engagement_page_with_stage_records(client, cast):
    client.force_login(cast.manager)
    url = f"/engagements/{cast.engagement.pk}/"
    assert_queries_do_not_grow(lambda: client.get(url), lambda: grow(cast), at_most=68)


@pytest.mark.parametrize(
    "endpoint",
    [
        "change-foci",
        "logic-model-items",
        "goals",
        "success-metrics",
        "role-holders",
        "working-principles",
        "mechanisms",
        "change-signals",
        "publications",
        "exit-reviews",
        "gate-decisions",
        "change-designs",
    ],
)
def test_stage_record_lists(cast, endpoint):
    client = APIClient()
    client.force_login(cast.team_member)
    assert_queries_do_not_grow(lambda: client.get(f"/api/v1/{endpoint}/"), lambda: grow(cast), at_most=8)
