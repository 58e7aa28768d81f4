"""Moving an initiative: one form per target; stopping asks why in the same form."""

import pytest

from initiatives import services
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def _initiative(cast, **extra):
    return services.initiative_create(
        actor=cast.team_member, data={"engagement": cast.engagement, "title": "Click LaRevacha", **extra}
    )


def test_the_move_page_has_a_move_form_and_a_stop_form_asking_why(team, cast):
    initiative = _initiative(cast)
    html = team.get(f"/initiatives/{initiative.pk}/move/").content.decode()
    move = html.split('id="move-form"')[1].split("</form>")[0]
    stop = html.split('id="stop-form"')[1].split("</form>")[0]
    assert 'name="status"' in move and 'value="stopped"' not in move and "stop_reason" not in move
    assert 'name="stop_reason"' in stop and 'value="stopped"' in stop


def test_stopping_without_a_reason_is_a_translated_error_on_the_field(team, cast):
    initiative = _initiative(cast)
    response = team.post(f"/initiatives/{initiative.pk}/move/", {"status": "stopped", "stop_reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    error = html.split('id="id_stop_reason_error"')[1].split("</div>")[0]
    assert error.strip(' ">') and "Say why" not in error  # the Hebrew message
    assert Initiative.objects.get(pk=initiative.pk).status == "idea"


def test_stopping_with_the_reason_moves_and_saves_it(team, cast):
    initiative = _initiative(cast)
    response = team.post(
        f"/initiatives/{initiative.pk}/move/", {"status": "stopped", "stop_reason": "No partner found"}
    )
    assert response.status_code == 302 and response.url == f"/initiatives/{initiative.pk}/"
    initiative.refresh_from_db()
    assert (initiative.status, initiative.stop_reason) == ("stopped", "No partner found")
    html = team.get(f"/initiatives/{initiative.pk}/move/").content.decode()
    assert 'id="stop-form"' not in html and "No partner found" in html


def test_other_moves_need_nothing_more_and_go_back_to_the_board(team, cast):
    initiative = _initiative(cast)
    response = team.post(
        f"/initiatives/{initiative.pk}/move/", {"status": "pilot", "next": "/initiatives/board/"}
    )
    assert response.url == "/initiatives/board/"
    assert Initiative.objects.get(pk=initiative.pk).status == "pilot"
    response = team.post(f"/initiatives/{initiative.pk}/move/", {"status": "nowhere"})
    assert response.status_code == 400 and 'id="id_status_error"' in response.content.decode()
