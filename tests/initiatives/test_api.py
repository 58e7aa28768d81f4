"""The permission matrix of the needs, initiatives, pilots, tensions and notifications endpoints."""

import datetime

import pytest
from rest_framework.test import APIClient

from api_human.core.models import Notification
from api_human.core.services import record_create
from initiatives import services
from initiatives.models import Initiative, Need, Pilot
from tensions import services as tension_services
from tensions.models import Tension
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
API = "/api/v1"
READ = statuses(401, 404, 404, 200, 404, 200, 200)
LIST = statuses(401, 404, 404, 200, 200, 200, 200)
CREATE = statuses(401, 404, 404, 403, 400, 201, 201)
CHANGE = statuses(401, 404, 404, 403, 404, 200, 200)
DELETE = statuses(401, 404, 404, 403, 404, 204, 404)


def _initiative(cast, title="Click LaRevacha"):
    return services.initiative_create(
        actor=cast.team_member, data={"engagement": cast.engagement, "title": title}
    )


def _tension(cast, title="Digital or human"):
    return tension_services.tension_create(
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": title,
            "source_type": "value",
            "pole_a": "a",
            "pole_b": "b",
        },
    )


def test_needs_matrix(cast):
    check_matrix(
        cast,
        "post",
        f"{API}/needs/",
        CREATE,
        data=lambda role: {
            "engagement": cast.engagement.pk,
            "title": f"Need of {role}",
            "source": "citizens",
            "category": "citizen_services",
        },
    )
    pk = Need.objects.first().pk
    check_matrix(cast, "get", f"{API}/needs/", LIST)
    check_matrix(cast, "get", f"{API}/needs/{pk}/", READ)
    check_matrix(cast, "patch", f"{API}/needs/{pk}/", CHANGE, data={"status": "broadcast"})
    check_matrix(cast, "delete", f"{API}/needs/{pk}/", DELETE)


def test_initiatives_matrix(cast):
    need = record_create(
        Need,
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "N",
            "source": "citizens",
            "category": "citizen_services",
        },
    )
    check_matrix(
        cast,
        "post",
        f"{API}/initiatives/",
        CREATE,
        data=lambda role: {
            "engagement": cast.engagement.pk,
            "title": f"Initiative of {role}",
            "needs": [need.pk],
            "partners": [{"organization": cast.org_a.pk, "role": "venture"}],
            "methods": ["two_in_a_box"],
        },
    )
    initiative = Initiative.objects.first()
    url = f"{API}/initiatives/{initiative.pk}/"
    check_matrix(cast, "get", f"{API}/initiatives/", LIST)
    check_matrix(cast, "get", url, READ)
    check_matrix(cast, "patch", url, CHANGE, data={"impact_headline": "A rights-uptake unit"})
    check_matrix(cast, "get", f"{url}steps/", READ)
    check_matrix(
        cast,
        "post",
        f"{url}steps/",
        statuses(401, 404, 404, 403, 404, 201, 201),
        data={"kind": "identify_need", "happened_on": "2024-02-01"},
    )
    check_matrix(cast, "post", f"{url}move/", CHANGE, data={"status": "exploring"})
    check_matrix(cast, "delete", url, DELETE)


def test_pilots_matrix(cast):
    initiative = _initiative(cast)
    check_matrix(
        cast,
        "post",
        f"{API}/pilots/",
        CREATE,
        data=lambda role: {
            "initiative": initiative.pk,
            "title": f"Pilot {role}",
            "participants": 60,
            "kpis": [{"name": "Participants", "target": "60", "result": "60"}],
        },
    )
    pk = Pilot.objects.first().pk
    check_matrix(cast, "get", f"{API}/pilots/", LIST)
    check_matrix(cast, "get", f"{API}/pilots/{pk}/", READ)
    check_matrix(cast, "patch", f"{API}/pilots/{pk}/", CHANGE, data={"outcome": "Well received"})


def test_tensions_matrix(cast):
    check_matrix(
        cast,
        "post",
        f"{API}/tensions/",
        CREATE,
        data=lambda role: {
            "engagement": cast.engagement.pk,
            "title": f"Tension of {role}",
            "source_type": "administrative",
            "pole_a": "metrics first",
            "pole_b": "no past experience",
        },
    )
    pk = Tension.objects.first().pk
    url = f"{API}/tensions/{pk}/"
    check_matrix(cast, "get", f"{API}/tensions/", LIST)
    check_matrix(cast, "get", url, READ)
    check_matrix(
        cast,
        "post",
        f"{url}criteria/",
        statuses(401, 404, 404, 403, 404, 201, 201),
        data={"text": "Start small"},
    )
    check_matrix(cast, "post", f"{url}blocking/", CHANGE, data={"blocking": True})

    def reset(role):
        Tension.objects.filter(pk=pk).update(state="raised")
        return {"state": "legitimised"}

    check_matrix(cast, "post", f"{url}move/", CHANGE, data=reset)


def test_notifications_are_ones_own(cast):
    mine = Notification.objects.create(
        user=cast.team_member, kind="tension_blocking", subject_key="t:1", params={"title": "T", "days": 20}
    )
    check_matrix(cast, "get", f"{API}/notifications/", LIST)
    check_matrix(cast, "get", f"{API}/notifications/{mine.pk}/", statuses(401, 404, 404, 404, 404, 200, 404))
    check_matrix(
        cast, "post", f"{API}/notifications/{mine.pk}/read/", statuses(401, 404, 404, 404, 404, 200, 404)
    )


def test_a_refused_tension_move_is_a_400_with_the_reason(cast):
    tension = _tension(cast)
    client = APIClient()
    client.force_login(cast.team_member)
    response = client.post(f"{API}/tensions/{tension.pk}/move/", {"state": "resolved"}, format="json")
    assert response.status_code == 400 and response.json()["fields"]["state"]
    response = client.post(f"{API}/tensions/{tension.pk}/move/", {"state": "jumped"}, format="json")
    assert response.status_code == 400 and response.json()["fields"]["note"]


def test_a_tension_move_carries_what_its_target_state_needs(cast):
    tension = _tension(cast)
    client = APIClient()
    client.force_login(cast.team_member)
    url = f"{API}/tensions/{tension.pk}/move/"
    assert client.post(url, {"state": "legitimised"}, format="json").status_code == 200
    refused = client.post(url, {"state": "classified", "origin": "unknown"}, format="json")
    assert refused.status_code == 400 and "origin" in refused.json()["fields"]
    moved = client.post(url, {"state": "classified", "origin": "inherent"}, format="json")
    assert moved.status_code == 200 and moved.json()["origin"] == "inherent"
    too_many = client.post(url, {"state": "criteria_defined", "criteria": ["c"] * 21}, format="json")
    assert too_many.status_code == 400
    moved = client.post(url, {"state": "criteria_defined", "criteria": ["Cost", "Reach"]}, format="json")
    assert moved.status_code == 200
    assert [c["text"] for c in moved.json()["criteria"]] == ["Cost", "Reach"]


def test_stopping_without_a_reason_is_a_400(cast):
    initiative = _initiative(cast)
    client = APIClient()
    client.force_login(cast.team_member)
    response = client.post(f"{API}/initiatives/{initiative.pk}/move/", {"status": "stopped"}, format="json")
    assert response.status_code == 400 and "stop_reason" in response.json()["fields"]


def test_initiative_filters(cast):
    need = record_create(
        Need,
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "N",
            "source": "field_workers",
            "category": "quality_of_care",
            "content_world": "practitioner_tools",
        },
    )
    answered = services.initiative_create(
        actor=cast.team_member,
        needs=[need],
        partners=[(cast.org_a, "operator")],
        data={"engagement": cast.engagement, "title": "Client file"},
    )
    _initiative(cast, "Unrelated")
    client = APIClient()
    client.force_login(cast.manager)
    for query in (
        "category=quality_of_care",
        "source=bottom_up",
        "source=field_workers",
        "content_world=practitioner_tools",
        f"partner={cast.org_a.pk}",
        "q=client",
    ):
        titles = [i["title"] for i in client.get(f"{API}/initiatives/?{query}").json()["results"]]
        assert titles == [answered.title], query
    assert client.get(f"{API}/initiatives/?source=sideways").status_code == 400


def test_query_counts(cast):
    client = APIClient()
    client.force_login(cast.team_member)

    def grow():
        for i in range(3):
            need = record_create(
                Need,
                actor=cast.team_member,
                data={
                    "engagement": cast.engagement,
                    "title": f"N{i}",
                    "source": "citizens",
                    "category": "citizen_services",
                },
            )
            initiative = services.initiative_create(
                actor=cast.team_member,
                needs=[need],
                partners=[(cast.org_a, "venture")],
                data={"engagement": cast.engagement, "title": f"I{i}"},
            )
            pilot = record_create(
                Pilot, actor=cast.team_member, data={"initiative": initiative, "title": "P"}
            )
            record_create(
                pilot.kpis.model, actor=cast.team_member, data={"pilot": pilot, "name": "k", "target": 1}
            )
            tension = _tension(cast, f"T{i}")
            tension_services.criterion_add(tension=tension, actor=cast.team_member, text="c")
            tension.initiatives.add(initiative)
            services.step_add(
                initiative=initiative,
                actor=cast.team_member,
                data={"kind": "scouting", "happened_on": datetime.date(2024, 1, 1)},
            )

    for url in (f"{API}/needs/", f"{API}/initiatives/", f"{API}/pilots/", f"{API}/tensions/"):
        assert_queries_do_not_grow(lambda url=url: client.get(url), grow, at_most=10)
