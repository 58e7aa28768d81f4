"""Moving a tension from its page: each step's form asks for what that step needs, in the same form."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tensions import services
from tensions.models import Tension

pytestmark = pytest.mark.django_db


def _tension(cast, **extra):
    return services.tension_create(
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Metrics vs no experience",
            "source_type": "administrative",
            "pole_a": "Measure everything",
            "pole_b": "Nothing to measure yet",
            **extra,
        },
    )


def _at(cast, state, **extra):
    """A tension already at ``state``, with what the states before it needed."""
    tension = _tension(cast, origin="inherent", **extra)
    for step in Tension.ORDER[1 : Tension.ORDER.index(state) + 1]:
        services.tension_move(
            tension=tension,
            actor=cast.team_member,
            to_state=step,
            criteria=["Learn from a pilot"] if step == "criteria_defined" else (),
        )
    return tension


def _move_form(html):
    """The fields (names) of the next step's form on the page."""
    form = re.search(r'<form[^>]*id="move-form".*?</form>', html, re.S).group(0)
    return set(re.findall(r'name="([a-z_]+)"', form)) - {"csrfmiddlewaretoken"}


def _page(client, tension):
    response = client.get(f"/tensions/{tension.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _post(client, tension, data):
    return client.post(f"/tensions/{tension.pk}/move/", data)


def _version(tension):
    return Tension.objects.get(pk=tension.pk).version


@pytest.mark.parametrize(
    "state, fields",
    [
        ("raised", {"state", "opened_version"}),
        ("legitimised", {"state", "opened_version", "origin"}),
        ("classified", {"state", "opened_version", "criteria"}),
        ("criteria_defined", {"state", "opened_version", "resolution"}),
    ],
)
def test_the_next_steps_form_asks_for_exactly_what_it_needs(team, cast, state, fields):
    tension = _at(cast, state)
    html = _page(team, tension)
    assert _move_form(html) == fields
    assert 'id="close-form"' in html and 'name="note"' in html


def test_the_resolution_form_asks_for_criteria_when_there_are_none(team, cast):
    tension = _at(cast, "classified")
    Tension.objects.filter(pk=tension.pk).update(state="criteria_defined")  # e.g. recorded through the API
    html = _page(team, tension)
    assert _move_form(html) == {"state", "opened_version", "resolution", "criteria"}


def test_classifying_without_the_origin_is_a_translated_error_on_the_field(team, cast):
    tension = _at(cast, "legitimised")
    Tension.objects.filter(pk=tension.pk).update(origin="unknown")
    response = _post(team, tension, {"state": "classified", "opened_version": _version(tension)})
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("he"):
        message = str(
            translation.gettext(
                "To classify the tension, say whether it is inherent or caused by the change process."
            )
        )
    assert message != "To classify the tension, say whether it is inherent or caused by the change process."
    assert 'id="id_origin_error"' in html and message in html.split('id="id_origin_error"')[1][:400]
    assert Tension.objects.get(pk=tension.pk).state == "legitimised"


def test_classifying_with_the_origin_moves_and_saves_it(team, cast):
    tension = _at(cast, "legitimised")
    Tension.objects.filter(pk=tension.pk).update(origin="unknown")
    response = _post(
        team,
        tension,
        {"state": "classified", "origin": "change_process", "opened_version": _version(tension)},
    )
    assert response.status_code == 302 and response.url == f"/tensions/{tension.pk}/"
    tension.refresh_from_db()
    assert (tension.state, tension.origin) == ("classified", "change_process")
    assert tension.history.first().history_user == cast.team_member


def test_defining_criteria_without_any_is_an_error_on_the_field(team, cast):
    tension = _at(cast, "classified")
    response = _post(team, tension, {"state": "criteria_defined", "criteria": " \n "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_criteria_error"' in html and 'aria-invalid="true"' in html
    assert Tension.objects.get(pk=tension.pk).state == "classified"
    assert not tension.criteria.exists()


def test_several_criteria_are_entered_with_the_move(team, cast):
    tension = _at(cast, "classified")
    response = _post(
        team,
        tension,
        {
            "state": "criteria_defined",
            "criteria": "Reaches people the office never saw\r\n\r\n  Keeps a human answer  \r\n",
            "opened_version": _version(tension),
        },
    )
    assert response.status_code == 302
    tension.refresh_from_db()
    assert tension.state == "criteria_defined"
    assert list(tension.criteria.values_list("text", "order")) == [
        ("Reaches people the office never saw", 1),
        ("Keeps a human answer", 2),
    ]


def test_criteria_added_before_count_and_more_are_added_after_them(team, cast):
    tension = _at(cast, "classified")
    services.criterion_add(tension=tension, actor=cast.team_member, text="First", order=1)
    html = _page(team, tension)
    assert 'name="text"' not in html  # the move form is where criteria are added at this step
    assert _post(team, tension, {"state": "criteria_defined"}).status_code == 302
    tension.refresh_from_db()
    assert tension.state == "criteria_defined" and tension.criteria.count() == 1


def test_an_overlong_criterion_is_refused_with_nothing_saved(team, cast):
    tension = _at(cast, "classified")
    response = _post(team, tension, {"state": "criteria_defined", "criteria": "ok\n" + "x" * 301})
    assert response.status_code == 400 and 'id="id_criteria_error"' in response.content.decode()
    assert not tension.criteria.exists()


def test_resolving_needs_the_resolution_on_the_form(team, cast):
    tension = _at(cast, "criteria_defined")
    response = _post(team, tension, {"state": "resolved", "resolution": "  "})
    assert response.status_code == 400
    assert 'id="id_resolution_error"' in response.content.decode()
    response = _post(
        team,
        tension,
        {
            "state": "resolved",
            "resolution": "Both: pilot first, measure after",
            "opened_version": _version(tension),
        },
    )
    assert response.status_code == 302
    tension.refresh_from_db()
    assert tension.state == "resolved" and tension.resolution == "Both: pilot first, measure after"
    assert tension.closed_on is not None
    assert 'id="move-form"' not in _page(team, tension)


def test_resolving_without_criteria_saves_them_with_the_resolution(team, cast):
    tension = _at(cast, "classified")
    Tension.objects.filter(pk=tension.pk).update(state="criteria_defined")
    response = _post(team, tension, {"state": "resolved", "resolution": "Both"})
    assert response.status_code == 400 and 'id="id_criteria_error"' in response.content.decode()
    response = _post(team, tension, {"state": "resolved", "resolution": "Both", "criteria": "Reach"})
    assert response.status_code == 302
    tension.refresh_from_db()
    assert tension.state == "resolved" and list(tension.criteria.values_list("text", flat=True)) == ["Reach"]


def test_closing_needs_the_decision_on_the_close_form(team, cast):
    tension = _tension(cast)
    response = _post(team, tension, {"state": "dissolved", "note": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_note_error"' in html and '<details class="mb-3 tension-close" open>' in html
    assert _post(team, tension, {"state": "dissolved", "note": "The law changed"}).status_code == 302
    tension.refresh_from_db()
    assert (tension.state, tension.closing_note) == ("dissolved", "The law changed")


def test_skipping_a_step_is_refused_above_the_form(team, cast):
    tension = _tension(cast, origin="inherent")
    response = _post(team, tension, {"state": "classified", "origin": "inherent"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="alert alert-danger"' in html
    assert Tension.objects.get(pk=tension.pk).state == "raised"
    assert _post(team, tension, {"state": "nonsense"}).status_code == 400


def test_a_move_on_a_tension_changed_meanwhile_is_a_conflict_and_can_be_repeated(team, cast):
    tension = _at(cast, "legitimised")
    opened = _version(tension)
    services.tension_set_blocking(tension=tension, actor=cast.other_team_member, blocking=True)
    response = _post(
        team, tension, {"state": "classified", "origin": "change_process", "opened_version": opened}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="mb-0 edit-conflict"' in html
    assert f'name="opened_version" value="{opened + 1}"' in html  # shown with the newer version
    assert 'value="change_process" class="form-check-input" id="id_origin_1" required checked' in html
    assert Tension.objects.get(pk=tension.pk).state == "legitimised"
    response = _post(
        team, tension, {"state": "classified", "origin": "change_process", "opened_version": opened + 1}
    )
    assert response.status_code == 302
    assert Tension.objects.get(pk=tension.pk).state == "classified"


def test_a_move_someone_else_already_made_shows_the_tension_as_it_is_now(team, cast):
    tension = _tension(cast)
    opened = _version(tension)
    services.tension_move(tension=tension, actor=cast.team_member, to_state="legitimised")
    response = _post(team, tension, {"state": "legitimised", "opened_version": opened})
    assert response.status_code == 400
    assert _move_form(response.content.decode()) == {"state", "opened_version", "origin"}
    assert Tension.objects.get(pk=tension.pk).events.count() == 2


def test_a_refused_move_saves_none_of_its_data(cast):
    """The move and its data are one transaction: a criterion refused after the state was written
    leaves neither the new state nor the criteria before it."""
    tension = _at(cast, "classified")
    with pytest.raises(ValidationError) as refused:
        services.tension_move(
            tension=tension, actor=cast.team_member, to_state="criteria_defined", criteria=["Fine", "x" * 301]
        )
    assert "text" in refused.value.message_dict
    tension.refresh_from_db()
    assert tension.state == "classified" and not tension.criteria.exists()
    assert tension.events.count() == 3


def test_managers_do_not_get_move_forms(client, cast):
    tension = _tension(cast)
    client.force_login(cast.manager)
    html = _page(client, tension)
    assert 'id="move-form"' not in html and 'id="close-form"' not in html
    assert _post(client, tension, {"state": "legitimised"}).status_code == 403
