"""Pages of needs, initiatives, the boards, tensions and notifications."""

import datetime

import pytest

from api_human.core.models import Notification
from api_human.core.services import record_create
from initiatives import services
from initiatives.models import Initiative, Need
from tensions import services as tension_services
from tensions.models import Tension
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
PAGE = statuses(302, 404, 404, 200, 200, 200, 200)
TEAM_PAGE = statuses(302, 404, 404, 403, 404, 200, 200)


def _initiative(cast, title="Click LaRevacha"):
    return services.initiative_create(
        actor=cast.team_member, data={"engagement": cast.engagement, "title": title}
    )


def test_pages_matrix(cast):
    initiative = _initiative(cast)
    tension = tension_services.tension_create(
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "T",
            "source_type": "value",
            "pole_a": "a",
            "pole_b": "b",
        },
    )
    for url in ("/needs/", "/initiatives/", "/initiatives/board/", "/tensions/", "/notifications/"):
        check_matrix(cast, "get", url, PAGE, api=False)
    check_matrix(
        cast, "get", f"/initiatives/{initiative.pk}/", statuses(302, 404, 404, 200, 404, 200, 200), api=False
    )
    check_matrix(
        cast, "get", f"/tensions/{tension.pk}/", statuses(302, 404, 404, 200, 404, 200, 200), api=False
    )
    for url in (
        f"/initiatives/{initiative.pk}/edit/",
        f"/initiatives/{initiative.pk}/steps/new/",
        f"/tensions/{tension.pk}/edit/",
    ):
        check_matrix(cast, "get", url, TEAM_PAGE, api=False)


def test_a_team_member_records_a_need_and_an_initiative(client, cast):
    client.force_login(cast.team_member)
    response = client.post(
        f"/needs/new/?engagement={cast.engagement.pk}",
        {
            "engagement": cast.engagement.pk,
            "title": "Loneliness of older people",
            "source": "field_workers",
            "category": "citizen_services",
            "status": "identified",
        },
    )
    assert response.status_code == 302
    need = Need.objects.get()
    response = client.post(
        "/initiatives/new/",
        {
            "engagement": cast.engagement.pk,
            "title": "Remote community services",
            "needs": [need.pk],
            "status": "idea",
            "methods": ["human_centred_design"],
            "partner_organizations": [cast.org_a.pk],
        },
    )
    initiative = Initiative.objects.get()
    assert response.url == f"/initiatives/{initiative.pk}/"
    assert initiative.partnerships.get().organization == cast.org_a
    assert initiative.methods == ["human_centred_design"]
    client.post(f"/initiatives/{initiative.pk}/steps/new/", {"kind": "presence", "happened_on": "2024-03-01"})
    page = client.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert "in-short" in page and "Loneliness of older people" in page


def test_the_board_moves_an_initiative(client, cast):
    initiative = _initiative(cast)
    client.force_login(cast.team_member)
    page = client.get("/initiatives/board/").content.decode()
    assert f'id="move-{initiative.pk}"' in page
    response = client.post(
        f"/initiatives/{initiative.pk}/move/", {"status": "pilot", "next": "/initiatives/board/"}
    )
    assert response.url == "/initiatives/board/"
    initiative.refresh_from_db()
    assert initiative.status == "pilot"


def test_managers_see_the_board_without_moving(client, cast):
    _initiative(cast)
    client.force_login(cast.manager)
    assert 'name="status"' not in client.get("/initiatives/board/").content.decode().split('class="board"')[1]


def test_tension_page_flow_and_refusals(client, cast):
    tension = tension_services.tension_create(
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Metrics vs no experience",
            "source_type": "administrative",
            "pole_a": "a",
            "pole_b": "b",
        },
    )
    client.force_login(cast.team_member)
    base = f"/tensions/{tension.pk}"
    assert client.post(f"{base}/move/", {"state": "resolved"}).status_code == 400
    assert client.post(f"{base}/move/", {"state": "legitimised"}).status_code == 302
    assert client.post(f"{base}/criteria/", {"text": "Learn from a pilot"}).status_code == 302
    assert client.post(f"{base}/blocking/").status_code == 302
    assert client.post(f"{base}/move/", {"state": "jumped", "note": "Start the pilot"}).status_code == 302
    tension.refresh_from_db()
    assert tension.state == "jumped" and not tension.blocking
    client.force_login(cast.manager)
    assert client.post(f"{base}/move/", {"state": "dissolved", "note": "x"}).status_code == 403


def test_tension_board_filters_and_shows_age(client, cast):
    tension_services.tension_create(
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Privacy vs speed",
            "source_type": "value",
            "pole_a": "a",
            "pole_b": "b",
            "raised_on": datetime.date.today() - datetime.timedelta(days=5),
        },
    )
    client.force_login(cast.team_member)
    page = client.get("/tensions/?source_type=value").content.decode()
    assert "Privacy vs speed" in page
    assert "Privacy vs speed" not in client.get("/tensions/?source_type=administrative").content.decode()
    assert client.get("/tensions/?origin=nowhere").status_code == 400


def test_notifications_page_read_and_dismiss(client, cast):
    note = Notification.objects.create(
        user=cast.team_member,
        kind="initiative_stale",
        subject_key="i:1",
        params={"title": "Quiet", "since": "2024-01-01"},
        link="/initiatives/",
    )
    client.force_login(cast.team_member)
    page = client.get("/engagements/").content.decode()
    assert 'class="badge text-bg-warning">1' in page
    assert "Quiet" in client.get("/notifications/").content.decode()
    assert client.post(f"/notifications/{note.pk}/read/").url == "/initiatives/"
    client.post(f"/notifications/{note.pk}/dismiss/")
    assert "Quiet" not in client.get("/notifications/").content.decode()
    client.force_login(cast.other_team_member)
    assert client.post(f"/notifications/{note.pk}/dismiss/").status_code == 404


def test_page_query_counts(client, cast):
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
            services.step_add(
                initiative=initiative,
                actor=cast.team_member,
                data={"kind": "scouting", "happened_on": datetime.date(2024, 1, 1)},
            )
            tension = tension_services.tension_create(
                actor=cast.team_member,
                data={
                    "engagement": cast.engagement,
                    "title": f"T{i}",
                    "source_type": "value",
                    "pole_a": "a",
                    "pole_b": "b",
                },
            )
            tension.initiatives.add(initiative)

    first = _initiative(cast, "Watched")
    for url in ("/needs/", "/initiatives/", "/initiatives/board/", "/tensions/", f"/initiatives/{first.pk}/"):
        assert_queries_do_not_grow(lambda url=url: client.get(url), grow, at_most=18)
    assert Tension.objects.exists()
