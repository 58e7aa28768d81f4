"""Stage moves ask, on their own page, for what the move needs; a refusal stays on that page (400)."""

import datetime

import pytest

from stages import services
from stages.models import GateDecision, IntensityChange, StagePhase

pytestmark = pytest.mark.django_db


def _phase(cast, stage):
    return StagePhase.objects.get(engagement=cast.engagement, stage=stage)


def _proposal(**extra):
    return {
        "decision": "go",
        "justification": "Ready",
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "0",
        **extra,
    }


def test_the_proposal_page_asks_for_the_justification_and_the_actions(team, cast):
    page = team.get(f"/engagements/{cast.engagement.pk}/stages/A/start/").content.decode()
    for name in ("decision", "justification", "effective_on", "actions-0-description", "actions-0-owner"):
        assert f'name="{name}"' in page


def test_go_with_actions_without_an_action_is_an_error_on_the_actions(team, cast):
    url = f"/engagements/{cast.engagement.pk}/stages/A/start/"
    response = team.post(url, _proposal(decision="go_with_actions"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="actions-error"' in html and 'aria-describedby="actions-error"' in html
    assert "A “go with actions” decision needs at least one action." not in html  # in Hebrew
    assert not GateDecision.objects.exists()

    response = team.post(
        url,
        _proposal(
            decision="go_with_actions",
            **{
                "actions-1-description": "Name the steering committee",
                "actions-1-owner": "DG",
                "actions-1-due_on": "2024-02-01",
            },
        ),
    )
    assert response.status_code == 302
    gate = GateDecision.objects.get()
    assert gate.decision == "go_with_actions" and gate.actions.get().owner == "DG"


def test_a_missing_justification_is_an_error_on_its_field(team, cast):
    response = team.post(f"/engagements/{cast.engagement.pk}/stages/A/start/", _proposal(justification=""))
    assert response.status_code == 400
    assert 'id="id_justification_error"' in response.content.decode()


def test_reopening_asks_why_on_the_field(team, cast):
    phase = _phase(cast, "A")
    StagePhase.objects.filter(pk=phase.pk).update(
        status="completed", started_on=datetime.date(2024, 1, 2), completed_on=datetime.date(2024, 5, 1)
    )
    url = f"/engagements/{cast.engagement.pk}/stages/A/reopen/"
    response = team.post(url, {"reason": " "})
    assert response.status_code == 400 and 'id="id_reason_error"' in response.content.decode()
    assert team.post(url, {"reason": "The goals changed"}).status_code == 302
    assert _phase(cast, "A").status == "reopened"


def test_an_intensity_dated_before_the_start_is_an_error_on_the_date(team, cast):
    gate = services.gate_decision_propose(
        phase=_phase(cast, "A"),
        actor=cast.team_member,
        transition="start",
        decision="go",
        justification="x",
        effective_on=datetime.date(2024, 1, 2),
    )
    services.gate_decision_sign_off(decision=gate, actor=cast.manager)
    url = f"/engagements/{cast.engagement.pk}/stages/A/intensity/"
    response = team.post(url, {"intensity": "low", "on": "2023-12-01"})
    assert response.status_code == 400 and 'id="id_on_error"' in response.content.decode()
    assert IntensityChange.objects.filter(phase__stage="A", phase__engagement=cast.engagement).count() == 1
