"""Stage pages in the browser: who may open them, moves through forms, sign-off, records."""

import datetime

import pytest

from stages import services
from stages.models import GateDecision, Mechanism, StagePhase
from tests.matrix import check_matrix, statuses

pytestmark = pytest.mark.django_db


def _phase(cast, stage):
    return StagePhase.objects.get(engagement=cast.engagement, stage=stage)


def test_stage_pages_matrix(cast):
    pk = cast.engagement.pk
    team_only = statuses(302, 404, 404, 403, 404, 200, 200)
    check_matrix(cast, "get", f"/engagements/{pk}/stages/A/start/", team_only, api=False)
    check_matrix(cast, "get", f"/engagements/{pk}/change-design/", team_only, api=False)
    for kind in (
        "change-foci",
        "mechanisms",
        "working-principles",
        "change-signals",
        "exit-reviews",
        "teams",
    ):
        check_matrix(cast, "get", f"/engagements/{pk}/records/{kind}/new/", team_only, api=False)
    check_matrix(cast, "get", "/sign-offs/", statuses(302, 404, 404, 200, 403, 403, 200), api=False)


def test_the_engagement_page_shows_the_stages(client, cast):
    client.force_login(cast.manager)
    page = client.get(f"/engagements/{cast.engagement.pk}/").content.decode()
    for stage in ("A", "B1", "B2", "C", "D"):
        assert f'id="stage-{stage}"' in page
    assert "stage-table" in page


def test_propose_in_the_browser_and_sign_off_as_manager(client, cast):
    client.force_login(cast.team_member)
    url = f"/engagements/{cast.engagement.pk}/stages/A/start/"
    response = client.post(
        url,
        {
            "decision": "go_with_actions",
            "justification": "Ready",
            "effective_on": "2024-01-05",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Steering committee",
            "actions-0-owner": "DG",
            "actions-0-due_on": "2024-02-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    gate = GateDecision.objects.get()
    assert gate.actions.get().owner == "DG" and gate.status == "pending"

    client.force_login(cast.manager)
    page = client.get(f"/engagements/{cast.engagement.pk}/").content.decode()
    assert f"/gate-decisions/{gate.pk}/sign-off/" in page
    assert cast.engagement.name in client.get("/sign-offs/").content.decode()
    client.post(f"/gate-decisions/{gate.pk}/sign-off/", {"comment": "Go"})
    assert _phase(cast, "A").status == "active"


def test_an_invalid_move_is_a_form_error(client, cast):
    client.force_login(cast.team_member)
    response = client.post(
        f"/engagements/{cast.engagement.pk}/stages/D/start/",
        {
            "decision": "go",
            "justification": "x",
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not GateDecision.objects.exists()


def test_an_incomplete_action_row_is_a_form_error(client, cast):
    client.force_login(cast.team_member)
    response = client.post(
        f"/engagements/{cast.engagement.pk}/stages/A/start/",
        {
            "decision": "go_with_actions",
            "justification": "x",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Only a description",
        },
    )
    assert response.status_code == 400
    assert not GateDecision.objects.exists()


def test_team_members_cannot_sign_off(client, cast):
    gate = services.gate_decision_propose(
        phase=_phase(cast, "A"), actor=cast.team_member, transition="start", decision="go", justification="x"
    )
    client.force_login(cast.team_member)
    assert client.post(f"/gate-decisions/{gate.pk}/sign-off/").status_code == 403
    assert GateDecision.objects.get().status == "pending"


def test_reopen_and_intensity_in_the_browser(client, cast):
    gate = services.gate_decision_propose(
        phase=_phase(cast, "A"),
        actor=cast.team_member,
        transition="start",
        decision="go",
        justification="x",
        effective_on=datetime.date(2024, 1, 2),
    )
    services.gate_decision_sign_off(decision=gate, actor=cast.manager)
    client.force_login(cast.team_member)
    base = f"/engagements/{cast.engagement.pk}/stages/A"
    assert client.post(f"{base}/intensity/", {"intensity": "low", "on": "2024-03-01"}).status_code == 302
    assert client.post(f"{base}/reopen/", {"reason": "x"}).status_code == 400  # still active
    assert _phase(cast, "A").intensity_changes.count() == 2


def test_records_are_added_edited_and_deleted_within_the_engagement(client, cast):
    client.force_login(cast.team_member)
    base = f"/engagements/{cast.engagement.pk}/records/mechanisms"
    response = client.post(
        f"{base}/new/",
        {"world": "welfare", "category": "work_methods", "title": "Two in a box", "status": "building"},
    )
    assert response.status_code == 302 and response.url.endswith("#stage-C")
    mechanism = Mechanism.objects.get()
    assert mechanism.engagement == cast.engagement
    client.post(
        f"{base}/{mechanism.pk}/edit/",
        {
            "world": "welfare",
            "category": "work_methods",
            "title": "Two in a box",
            "status": "institutionalised",
            "unmediated": "on",
        },
    )
    mechanism.refresh_from_db()
    assert mechanism.status == "institutionalised" and mechanism.unmediated
    page = client.get(f"/engagements/{cast.engagement.pk}/").content.decode()
    assert "Two in a box" in page
    client.post(f"{base}/{mechanism.pk}/delete/")
    assert not Mechanism.objects.exists()
    assert Mechanism.history.filter(history_type="-").count() == 1


def test_a_record_of_another_engagement_is_not_found(client, cast):
    other = Mechanism.objects.create(
        engagement=cast.other_engagement, world="welfare", category="policy", title="x"
    )
    client.force_login(cast.team_member)
    url = f"/engagements/{cast.engagement.pk}/records/mechanisms/{other.pk}/edit/"
    assert client.get(url).status_code == 404


def test_an_unknown_record_kind_is_not_found(client, cast):
    client.force_login(cast.team_member)
    assert client.get(f"/engagements/{cast.engagement.pk}/records/nonsense/new/").status_code == 404


def test_stage_records_appear_in_the_change_history(client, cast):
    client.force_login(cast.team_member)
    client.post(
        f"/engagements/{cast.engagement.pk}/records/change-foci/new/", {"title": "Rights uptake", "order": 1}
    )
    page = client.get(f"/engagements/{cast.engagement.pk}/").content.decode()
    assert "Rights uptake" in page.split('id="history-heading"')[1]


def test_records_are_edited_in_place_with_htmx(client, cast):
    from stages.models import ChangeFocus

    focus = ChangeFocus.objects.create(engagement=cast.engagement, title="Rights uptake")
    client.force_login(cast.team_member)
    url = f"/engagements/{cast.engagement.pk}/records/change-foci/{focus.pk}/edit/"
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert f'hx-post="{url}"' in body and "autofocus" in body

    invalid = client.post(url, {"title": "", "order": 1}, HTTP_HX_REQUEST="true")
    assert invalid.status_code == 400 and "<html" not in invalid.content.decode()
    assert 'aria-invalid="true"' in invalid.content.decode()

    saved = client.post(url, {"title": "Access to rights", "order": 1}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert saved["HX-Refresh"] == "true"
    focus.refresh_from_db()
    assert focus.title == "Access to rights"


def test_the_page_offers_in_place_editing_to_the_team_only(client, cast):
    from stages.models import ChangeFocus

    ChangeFocus.objects.create(engagement=cast.engagement, title="Rights uptake")
    client.force_login(cast.team_member)
    page = client.get(f"/engagements/{cast.engagement.pk}/").content.decode()
    assert 'hx-target="closest .record"' in page and 'id="new-change-foci"' in page
    client.force_login(cast.manager)
    page = client.get(f"/engagements/{cast.engagement.pk}/").content.decode()
    assert "hx-get" not in page
