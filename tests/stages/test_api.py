"""The stages API: permission matrix of every endpoint, the sign-off flow, bad input, query counts."""

import datetime

import pytest
from rest_framework.test import APIClient

from api_human.core.models import EngagementMembership
from stages import services
from stages.models import (
    ChangeDesign,
    ChangeFocus,
    ChangeSignal,
    ExitReview,
    GateDecision,
    Goal,
    LogicModelItem,
    Mechanism,
    Publication,
    RoleHolder,
    StagePhase,
    SuccessMetric,
    WorkingPrinciple,
)
from tests.factories import OrganizationFactory
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
API = "/api/v1"
D = datetime.date
READ = statuses(401, 404, 404, 200, 404, 200, 200)  # a row of the engagement under test
LIST = statuses(401, 404, 404, 200, 200, 200, 200)


def _phase(cast, stage):
    return StagePhase.objects.get(engagement=cast.engagement, stage=stage)


def _start_a(cast):
    gate = services.gate_decision_propose(
        phase=_phase(cast, "A"),
        actor=cast.team_member,
        transition="start",
        decision="go",
        justification="x",
        effective_on=D(2024, 1, 2),
    )
    return services.gate_decision_sign_off(decision=gate, actor=cast.manager)


@pytest.fixture
def team(cast):
    client = APIClient()
    client.force_login(cast.team_member)
    return client


@pytest.fixture
def manager(cast):
    client = APIClient()
    client.force_login(cast.manager)
    return client


# ------------------------------------------------------------------------------------------------
# Stages of an engagement and their actions
# ------------------------------------------------------------------------------------------------
def test_stage_list_and_detail_matrix(cast):
    base = f"{API}/engagements/{cast.engagement.pk}/stages/"
    check_matrix(cast, "get", base, READ)
    check_matrix(cast, "get", f"{base}A/", READ)


def test_stage_start_matrix(cast):
    url = f"{API}/engagements/{cast.engagement.pk}/stages/A/start/"

    def data(role):
        GateDecision.objects.filter(status="pending").delete()  # one pending proposal per move
        return {"decision": "go", "justification": f"by {role}"}

    check_matrix(cast, "post", url, statuses(401, 404, 404, 403, 404, 201, 201), data=data)


def test_stage_complete_reopen_and_intensity_matrix(cast):
    _start_a(cast)
    base = f"{API}/engagements/{cast.engagement.pk}/stages/A"

    def proposal(role):
        GateDecision.objects.filter(status="pending").delete()
        return {"decision": "go", "justification": "done"}

    check_matrix(
        cast, "post", f"{base}/complete/", statuses(401, 404, 404, 403, 404, 201, 201), data=proposal
    )
    check_matrix(
        cast,
        "post",
        f"{base}/intensity/",
        statuses(401, 404, 404, 403, 404, 200, 200),
        data={"intensity": "medium", "on": "2024-03-01"},
    )

    def completed(role):
        StagePhase.objects.filter(pk=_phase(cast, "A").pk).update(
            status="completed", completed_on=D(2024, 4, 1)
        )
        return {"reason": f"{role} found a gap"}

    check_matrix(cast, "post", f"{base}/reopen/", statuses(401, 404, 404, 403, 404, 200, 200), data=completed)


def test_gate_decision_matrix_and_manager_actions(cast):
    gate = services.gate_decision_propose(
        phase=_phase(cast, "A"), actor=cast.team_member, transition="start", decision="go", justification="x"
    )
    check_matrix(cast, "get", f"{API}/gate-decisions/", LIST)
    check_matrix(cast, "get", f"{API}/gate-decisions/{gate.pk}/", READ)

    def pending(role):
        GateDecision.objects.filter(pk=gate.pk).update(status="pending")
        StagePhase.objects.filter(pk=gate.phase_id).update(status="not_started", started_on=None)
        return {"comment": "ok"}

    # Team members may not sign off; the manager of the engagement may; the admin too.
    check_matrix(
        cast,
        "post",
        f"{API}/gate-decisions/{gate.pk}/sign-off/",
        statuses(401, 404, 404, 200, 403, 403, 200),
        data=pending,
    )
    check_matrix(
        cast,
        "post",
        f"{API}/gate-decisions/{gate.pk}/return/",
        statuses(401, 404, 404, 200, 403, 403, 200),
        data=pending,
    )


# ------------------------------------------------------------------------------------------------
# Stage records: one matrix per endpoint
# ------------------------------------------------------------------------------------------------
RECORDS = {
    # One change design per engagement: each role starts from none.
    "change-designs": (
        ChangeDesign,
        lambda e, role: (
            ChangeDesign.objects.filter(engagement=e).delete()
            and {"engagement": e.pk, "desired_reality": f"Dream of {role}"}
        ),
    ),
    "logic-model-items": (
        LogicModelItem,
        lambda e, role: {"engagement": e.pk, "level": "activity", "text": f"Hackathon {role}"},
    ),
    "role-holders": (
        RoleHolder,
        lambda e, role: {"engagement": e.pk, "role": "Digital referent", "full_name": f"Referent {role}"},
    ),
    "change-foci": (ChangeFocus, lambda e, role: {"engagement": e.pk, "title": f"Gap seen by {role}"}),
    "working-principles": (
        WorkingPrinciple,
        lambda e, role: {"engagement": e.pk, "title": f"Principle {role}"},
    ),
    "mechanisms": (
        Mechanism,
        lambda e, role: {
            "engagement": e.pk,
            "world": "both",
            "category": "work_methods",
            "title": f"Two in a box {role}",
        },
    ),
    "change-signals": (
        ChangeSignal,
        lambda e, role: {"engagement": e.pk, "title": f"Signal {role}", "observed_on": "2024-05-01"},
    ),
    "publications": (
        Publication,
        lambda e, role: {
            "engagement": e.pk,
            "title": f"Story {role}",
            "channel": "Conference",
            "published_on": "2024-05-01",
        },
    ),
    "goals": (Goal, lambda e, role: {"engagement": e.pk, "title": f"Goal {role}"}),
    "exit-reviews": (
        ExitReview,
        lambda e, role: {
            "engagement": e.pk,
            "reviewed_on": "2024-12-01",
            "infrastructure_rating": 4,
            "infrastructure_evidence": "BUILT team runs on its own",
            "sustainability_rating": 4,
            "sustainability_evidence": "Budget line",
            "connection_rating": 3,
            "connection_evidence": "Own forums",
            "decision": "continue",
        },
    ),
}


@pytest.mark.parametrize("endpoint", RECORDS)
def test_record_endpoints_matrix(cast, endpoint):
    model, payload = RECORDS[endpoint]
    url = f"{API}/{endpoint}/"
    # Another engagement's team member cannot write into this engagement: its id is unknown to them.
    check_matrix(
        cast,
        "post",
        url,
        statuses(401, 404, 404, 403, 400, 201, 201),
        data=lambda role: payload(cast.engagement, role),
    )
    record = model.objects.filter(engagement=cast.engagement).first()
    check_matrix(cast, "get", url, LIST)
    check_matrix(cast, "get", f"{url}{record.pk}/", READ)
    check_matrix(cast, "patch", f"{url}{record.pk}/", statuses(401, 404, 404, 403, 404, 200, 200), data={})
    check_matrix(cast, "delete", f"{url}{record.pk}/", statuses(401, 404, 404, 403, 404, 204, 404))


def test_success_metrics_and_measurements_matrix(cast):
    goal = services.record_create(
        Goal, actor=cast.team_member, data={"engagement": cast.engagement, "title": "G"}
    )
    url = f"{API}/success-metrics/"

    def metric(role):
        return {"goal": goal.pk, "name": f"Reach {role}", "unit": "people", "baseline": "0", "target": "1000"}

    check_matrix(cast, "post", url, statuses(401, 404, 404, 403, 400, 201, 201), data=metric)
    pk = SuccessMetric.objects.first().pk
    check_matrix(cast, "get", f"{url}{pk}/", READ)
    check_matrix(cast, "get", f"{url}{pk}/measurements/", READ)
    check_matrix(
        cast,
        "post",
        f"{url}{pk}/measurements/",
        statuses(401, 404, 404, 403, 404, 201, 201),
        data={"measured_on": "2024-06-01", "value": "120", "source": "Portal analytics"},
    )


# ------------------------------------------------------------------------------------------------
# Behaviour
# ------------------------------------------------------------------------------------------------
def test_team_proposes_and_manager_signs_off_over_the_api(team, manager, cast):
    base = f"{API}/engagements/{cast.engagement.pk}/stages/"
    response = team.post(
        f"{base}A/start/",
        {
            "decision": "go_with_actions",
            "justification": "Strategic plan approved",
            "effective_on": "2024-01-10",
            "actions": [
                {
                    "description": "Form the steering committee",
                    "owner": "Director-general",
                    "due_on": "2024-02-01",
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    gate = response.json()
    assert gate["status"] == "pending" and gate["actions"][0]["owner"] == "Director-general"
    assert team.get(f"{base}A/").json()["pending_decisions"][0]["id"] == gate["id"]

    signed = manager.post(f"{API}/gate-decisions/{gate['id']}/sign-off/", {"comment": "Go"}, format="json")
    assert signed.status_code == 200 and signed.json()["status"] == "signed_off"
    stage = team.get(f"{base}A/").json()
    assert (
        stage["status"] == "active" and stage["started_on"] == "2024-01-10" and stage["intensity"] == "high"
    )


def test_an_invalid_move_is_a_400_with_the_reason_never_a_500(team, cast):
    response = team.post(
        f"{API}/engagements/{cast.engagement.pk}/stages/D/start/",
        {"decision": "go", "justification": "x"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["fields"]["transition"]


def test_an_unknown_stage_is_a_404(team, cast):
    assert team.get(f"{API}/engagements/{cast.engagement.pk}/stages/E/").status_code == 404


def test_records_stay_inside_their_engagement(team, cast):
    other_focus = ChangeFocus.objects.create(engagement=cast.other_engagement, title="Elsewhere")
    response = team.post(
        f"{API}/goals/",
        {"engagement": cast.engagement.pk, "title": "G", "change_focus": other_focus.pk},
        format="json",
    )
    assert response.status_code == 400
    response = team.post(
        f"{API}/logic-model-items/",
        {"engagement": cast.engagement.pk, "level": "impact", "text": "x", "change_foci": [other_focus.pk]},
        format="json",
    )
    assert response.status_code == 400


def test_a_signed_off_exit_review_is_final_and_a_farewell_needs_a_handover(team, manager, cast):
    payload = RECORDS["exit-reviews"][1](cast.engagement, "team") | {"decision": "farewell"}
    review = team.post(f"{API}/exit-reviews/", payload, format="json").json()
    assert manager.post(f"{API}/exit-reviews/{review['id']}/sign-off/").status_code == 400
    handover = [{"function": "BI dashboards", "ministry_role": "Head of IT division", "due_on": "2022-03-01"}]
    assert (
        team.patch(f"{API}/exit-reviews/{review['id']}/", {"handover": handover}, format="json").status_code
        == 200
    )
    signed = manager.post(f"{API}/exit-reviews/{review['id']}/sign-off/")
    assert signed.status_code == 200 and signed.json()["signed_off_by"] == cast.manager.pk
    assert (
        team.patch(f"{API}/exit-reviews/{review['id']}/", {"summary": "late edit"}, format="json").status_code
        == 400
    )


def test_filters(team, cast):
    for world in ("welfare", "digital", "both"):
        Mechanism.objects.create(
            engagement=cast.engagement, world=world, category="policy", title=f"M {world}"
        )
    body = team.get(f"{API}/mechanisms/?world=both&category=policy").json()
    assert [m["title"] for m in body["results"]] == ["M both"]
    assert team.get(f"{API}/mechanisms/?world=moon").status_code == 400


def test_query_counts_do_not_grow(team, cast):
    _start_a(cast)

    def grow():
        for i in range(4):
            Mechanism.objects.create(
                engagement=cast.engagement,
                world="welfare",
                category="policy",
                title=f"M{i}",
                owner=OrganizationFactory(),
            )
            services.stage_set_intensity(
                phase=_phase(cast, "A"), actor=cast.team_member, intensity="low", on=D(2024, 2, 1 + i)
            )
            services.gate_decision_propose(
                phase=_phase(cast, "B1"),
                actor=cast.team_member,
                transition="start",
                decision="go",
                justification="x",
            )
            GateDecision.objects.filter(status="pending").update(status="returned")

    for url in [
        f"{API}/engagements/{cast.engagement.pk}/stages/",
        f"{API}/mechanisms/",
        f"{API}/gate-decisions/",
    ]:
        assert_queries_do_not_grow(lambda url=url: team.get(url), grow, at_most=10)


def test_managers_see_only_engagements_they_manage(cast):
    assert (
        EngagementMembership.objects.filter(user=cast.manager, engagement=cast.other_engagement).count() == 0
    )
    client = APIClient()
    client.force_login(cast.manager)
    assert client.get(f"{API}/engagements/{cast.other_engagement.pk}/stages/").status_code == 404
