"""The connective work in the browser: who may open each page, the mediation map and its years, the
handover at the exit review, a connection becoming direct, a need raised at an event, the sections of
the engagement and initiative pages, the dashboard's tiles and their exports, and query-count guards."""

import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone

from api_human.core.services import save_with_history
from connections.models import (
    Concern,
    Connection,
    Event,
    EventParticipation,
    LearningMilestone,
    MentoringSession,
    Pairing,
    ProcurementStep,
    ReachMeasurement,
    TrustNote,
)
from initiatives.models import Initiative, Need
from stages.models import ExitReview, HandoverItem
from tests.factories import OrganizationFactory
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
counter = itertools.count()

VISIBLE = statuses(302, 404, 404, 200, 404, 200, 200)  # team and managers of the engagement
TEAM_POST = statuses(302, 404, 404, 403, 404, None, None)  # the team's own status is the test's


@pytest.fixture(autouse=True)
def _english(settings):
    """The messages are checked in English (the default language is Hebrew)."""
    settings.LANGUAGE_CODE = "en"


def _team_post(ok):
    return {**TEAM_POST, "team_member": ok, "admin": ok}


@pytest.fixture
def world(cast):
    """Two parties of each world, a connection through the team since 2016 and one direct since 2019,
    a trust note, an event with participants, a mentoring session, an initiative with its connective
    work, a concern."""
    team = cast.team_member
    e = cast.engagement
    division = OrganizationFactory(name="Elderly division", world="welfare", kind="ministry_division")
    town = OrganizationFactory(name="רשות מקומית", world="welfare", kind="local_authority")
    venture = OrganizationFactory(name="Uniper-like venture", world="digital", kind="startup")
    company = OrganizationFactory(name="חברת דאטה", world="digital", kind="company")
    event = save_with_history(
        Event(engagement=e, kind="hackathon", title="BI hackathon", starts_on=date(2017, 3, 1)), actor=team
    )
    save_with_history(
        EventParticipation(event=event, world="welfare", organization=division, count=12), actor=team
    )
    save_with_history(EventParticipation(event=event, world="digital", count=30), actor=team)
    mediated = save_with_history(
        Connection(
            engagement=e,
            welfare_party=division,
            digital_party=venture,
            origin="introduction",
            began_on=date(2016, 5, 1),
        ),
        actor=team,
    )
    direct = save_with_history(
        Connection(
            engagement=e,
            welfare_party=town,
            digital_party=company,
            origin="event",
            event=event,
            began_on=date(2017, 3, 1),
            direct_since=date(2019, 6, 1),
        ),
        actor=team,
    )
    save_with_history(
        TrustNote(connection=mediated, on=date(2016, 9, 1), kind="meeting", text="First joint meeting"),
        actor=team,
    )
    save_with_history(
        MentoringSession(
            engagement=e,
            mentor=team,
            mentee="Head of the elderly division",
            mentee_world="welfare",
            held_on=date(2018, 2, 1),
            topic="Working with a venture",
            moved=["confidence"],
        ),
        actor=team,
    )
    initiative = save_with_history(Initiative(engagement=e, title="Remote community services"), actor=team)
    save_with_history(
        Pairing(
            initiative=initiative,
            welfare_person="Division head",
            digital_person="Data lead",
            started_on=date(2017, 1, 1),
            data_set="Visits and calls",
        ),
        actor=team,
    )
    save_with_history(
        ProcurementStep(initiative=initiative, kind="rfi", on=date(2017, 6, 1), outcome="12 answers"),
        actor=team,
    )
    save_with_history(
        LearningMilestone(
            initiative=initiative, question="Will older people use video?", due_on=date(2018, 1, 1)
        ),
        actor=team,
    )
    save_with_history(
        ReachMeasurement(
            initiative=initiative, measured_on=date(2018, 1, 1), phase="pilot", users=60, localities=4
        ),
        actor=team,
    )
    save_with_history(
        ReachMeasurement(initiative=initiative, measured_on=date(2021, 1, 1), phase="national", users=3000),
        actor=team,
    )
    save_with_history(
        Concern(
            engagement=e,
            initiative=initiative,
            party="ministry",
            concern="Privacy of older people",
            holding="A privacy review with the legal adviser",
            raised_on=date(2017, 2, 1),
            status="held",
        ),
        actor=team,
    )
    return {
        "division": division,
        "town": town,
        "venture": venture,
        "company": company,
        "event": event,
        "mediated": mediated,
        "direct": direct,
        "initiative": initiative,
    }


def exit_review(cast, **extra):
    data = {
        "engagement": cast.engagement,
        "reviewed_on": date(2022, 1, 10),
        "infrastructure_rating": 4,
        "infrastructure_evidence": "Forums run by the ministry",
        "sustainability_rating": 4,
        "sustainability_evidence": "Budget lines",
        "connection_rating": 3,
        "connection_evidence": "Most ventures work directly",
        "decision": "farewell",
        **extra,
    }
    return save_with_history(ExitReview(**data), actor=cast.team_member)


# ------------------------------------------------------------------------------------------------
# Who may open what
# ------------------------------------------------------------------------------------------------
def test_permission_matrix_of_the_pages(cast, world):
    pk = cast.engagement.pk
    for url in (
        f"/engagements/{pk}/mediation-map/",
        f"/engagements/{pk}/mediation-map/?year=2016",
        f"/engagements/{pk}/events/",
        f"/connections/{world['mediated'].pk}/",
        f"/events/{world['event'].pk}/",
        f"/initiatives/{world['initiative'].pk}/",
    ):
        check_matrix(cast, "get", url, VISIBLE, api=False)


def test_permission_matrix_of_the_forms(cast, world):
    review = exit_review(cast)
    connection = world["mediated"]
    # Each role in turn; the admin's request comes after the team member's, so it meets what the team
    # member's request left (an already direct connection, an already handed-over connection).
    check_matrix(
        cast,
        "post",
        f"/connections/{connection.pk}/make-direct/",
        _team_post(302) | {"admin": 400},
        data={"direct_since": "2020-01-01"},
        api=False,
    )
    check_matrix(
        cast,
        "post",
        f"/events/{world['event'].pk}/needs/",
        _team_post(302),
        data=lambda role: {
            "title": f"Need of {role}",
            "source": "field_workers",
            "category": "quality_of_care",
            "status": "identified",
        },
        api=False,
    )
    second = save_with_history(
        Connection(
            engagement=cast.engagement,
            welfare_party=world["town"],
            digital_party=world["venture"],
            origin="introduction",
            began_on=date(2018, 1, 1),
        ),
        actor=cast.team_member,
    )
    check_matrix(
        cast,
        "post",
        f"/engagements/{cast.engagement.pk}/mediation-map/hand-over/",
        _team_post(302) | {"admin": 400},
        data={
            "review": review.pk,
            f"owner_{second.pk}": "Director of the division",
            f"due_{second.pk}": "2022-06-30",
        },
        api=False,
    )
    assert Need.objects.filter(title__startswith="Need of").count() == 2  # the team member and the admin


# ------------------------------------------------------------------------------------------------
# The mediation map
# ------------------------------------------------------------------------------------------------
def test_the_map_draws_each_year_with_direct_and_mediated_lines_told_apart(team, cast, world):
    url = f"/engagements/{cast.engagement.pk}/mediation-map/"
    page = team.get(url + "?year=2016").content.decode()
    assert 'aria-current="page">2016<' in page
    assert 'data-year="2016"' in page
    assert "Elderly division" in page and "Uniper-like venture" in page
    assert "רשות מקומית" not in page.split('id="map-area"')[1].split("col-xl-4")[0]  # began in 2017
    assert page.count('class="map-mediated"') == 1 and 'class="map-direct"' not in page
    assert 'stroke-dasharray="9 6"' in page  # through the team: dashed, as the legend says
    assert f"/connections/{world['mediated'].pk}/" in page

    page = team.get(url + "?year=2021").content.decode()
    assert page.count('class="map-direct"') == 1 and page.count('class="map-mediated"') == 1
    assert "רשות מקומית" in page
    # Hebrew labels are laid out right to left in the drawing, whatever the page's direction
    assert 'direction="rtl" unicode-bidi="embed" fill="#1b1f23">רשות מקומית<' in page
    # the share per year: 2019 is the first year with a direct connection (1 of 2)
    assert '<td class="text-end">50</td>' in page
    # a year past the range is brought to its end; a word is refused
    assert team.get(url + "?year=1999").status_code == 200
    response = team.get(url + "?year=twenty")
    assert response.status_code == 400


def test_the_map_of_an_engagement_without_connections(team, cast):
    page = team.get(f"/engagements/{cast.engagement.pk}/mediation-map/").content.decode()
    assert '<svg class="mediation-svg"' not in page


def test_the_map_in_a_left_to_right_language_puts_welfare_on_the_left(client, cast, world):
    client.force_login(cast.manager)
    page = client.get(f"/engagements/{cast.engagement.pk}/mediation-map/?year=2021").content.decode()
    assert '<html lang="en" dir="ltr">' in page
    # the welfare parties' dots at x=330, the digital squares' at the right (670 - 7)
    assert 'class="map-party map-welfare"><title>Elderly division</title><circle cx="330"' in page
    assert '<rect x="663"' in page
    assert "hand-over" not in page  # a manager reads the map; the handover is the team's


# ------------------------------------------------------------------------------------------------
# The handover at the exit review
# ------------------------------------------------------------------------------------------------
def test_the_handover_form_appears_at_an_open_exit_review_and_hands_over(team, cast, world):
    url = f"/engagements/{cast.engagement.pk}/mediation-map/"
    assert "hand-over/" not in team.get(url).content.decode()  # no exit review yet
    review = exit_review(cast)
    page = team.get(url).content.decode()
    assert "hand-over/" in page and f'name="owner_{world["mediated"].pk}"' in page
    assert f'name="owner_{world["direct"].pk}"' not in page  # direct: nothing to hand over

    response = team.post(
        url + "hand-over/",
        {
            "review": review.pk,
            f"owner_{world['mediated'].pk}": "Head of the elderly division",
            f"due_{world['mediated'].pk}": "2022-03-01",
        },
    )
    assert response.status_code == 302
    connection = Connection.objects.get(pk=world["mediated"].pk)
    assert connection.ministry_owner == "Head of the elderly division"
    item = HandoverItem.objects.get(pk=connection.handover_item_id)
    assert item.review_id == review.pk and item.due_on == date(2022, 3, 1)
    page = team.get(url).content.decode()
    assert "hand-over/" not in page  # nothing waits any more


def test_a_missing_owner_is_refused_with_the_reason(team, cast, world):
    review = exit_review(cast)
    response = team.post(
        f"/engagements/{cast.engagement.pk}/mediation-map/hand-over/",
        {
            "review": review.pk,
            f"owner_{world['mediated'].pk}": "  ",
            f"due_{world['mediated'].pk}": "2022-03-01",
        },
    )
    assert response.status_code == 400
    assert "Name the ministry owner of every connection handed over." in response.content.decode()
    assert not HandoverItem.objects.exists()

    response = team.post(f"/engagements/{cast.engagement.pk}/mediation-map/hand-over/", {"review": review.pk})
    assert response.status_code == 400
    assert "Choose at least one connection to hand over." in response.content.decode()

    response = team.post(
        f"/engagements/{cast.engagement.pk}/mediation-map/hand-over/",
        {"review": review.pk, f"owner_{world['mediated'].pk}": "Director"},
    )
    assert response.status_code == 400
    assert "Give the date by which the owner takes it over." in response.content.decode()

    response = team.post(f"/engagements/{cast.engagement.pk}/mediation-map/hand-over/", {"review": "x"})
    assert response.status_code == 400


def test_a_signed_off_review_refuses_the_handover(team, cast, world):
    review = exit_review(cast)
    page = team.get(f"/engagements/{cast.engagement.pk}/mediation-map/").content.decode()
    assert "hand-over/" in page
    ExitReview.objects.filter(pk=review.pk).update(signed_off_at=timezone.now(), signed_off_by=cast.manager)
    response = team.post(
        f"/engagements/{cast.engagement.pk}/mediation-map/hand-over/",
        {
            "review": review.pk,
            f"owner_{world['mediated'].pk}": "Director",
            f"due_{world['mediated'].pk}": "2022-03-01",
        },
    )
    assert response.status_code == 400
    assert "A signed-off exit review can no longer be changed." in response.content.decode()
    assert Connection.objects.get(pk=world["mediated"].pk).handover_item_id is None
    # and the form is no longer offered
    assert "hand-over/" not in team.get(f"/engagements/{cast.engagement.pk}/mediation-map/").content.decode()


# ------------------------------------------------------------------------------------------------
# A connection, an event
# ------------------------------------------------------------------------------------------------
def test_a_connection_becomes_direct_from_its_page(team, cast, world):
    connection = world["mediated"]
    url = f"/connections/{connection.pk}/"
    page = team.get(url).content.decode()
    assert "First joint meeting" in page
    assert f"/records/trust-notes/new/?connection={connection.pk}" in page
    assert "make-direct/" in page
    assert "history-heading" in page

    response = team.post(url + "make-direct/", {"direct_since": "2015-01-01"})
    assert response.status_code == 400  # before it began
    assert "A connection cannot be direct before it began." in response.content.decode()

    response = team.post(url + "make-direct/", {"direct_since": "2020-02-01", "note": "They meet without us"})
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.direct_since == date(2020, 2, 1)
    page = team.get(url).content.decode()
    assert "They meet without us" in page and "make-direct/" not in page
    assert "Direct since" in page  # the change history names the field that changed


def test_the_event_page_counts_participants_and_raises_a_need(team, cast, world):
    event = world["event"]
    page = team.get(f"/events/{event.pk}/").content.decode()
    assert ">12<" in page and ">30<" in page and ">42<" in page  # by world, and all participants
    assert f"/records/event-participants/new/?event={event.pk}" in page
    assert f"/connections/{world['direct'].pk}/" in page  # begun at the event

    response = team.post(f"/events/{event.pk}/needs/", {"title": "", "source": "field_workers"})
    assert response.status_code == 400
    response = team.post(
        f"/events/{event.pk}/needs/",
        {
            "title": "Dashboards for supervisors",
            "source": "field_workers",
            "category": "ministry_methods",
            "status": "identified",
        },
    )
    assert response.status_code == 302
    assert list(event.needs.values_list("title", flat=True)) == ["Dashboards for supervisors"]
    assert "Dashboards for supervisors" in team.get(f"/events/{event.pk}/").content.decode()

    page = team.get(f"/engagements/{cast.engagement.pk}/events/").content.decode()
    assert "BI hackathon" in page and ">42<" in page


def test_the_engagement_and_initiative_pages_show_the_connective_work(team, cast, world):
    page = team.get(f"/engagements/{cast.engagement.pk}/").content.decode()
    assert 'id="connective-work"' in page
    assert f"/engagements/{cast.engagement.pk}/mediation-map/" in page
    assert "Working with a venture" in page and "Privacy of older people" in page
    assert "A privacy review with the legal adviser" in page

    initiative = world["initiative"]
    page = team.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert 'id="connective-work"' in page
    for text in (
        "Division head",
        "Visits and calls",
        "12 answers",
        "Will older people use video?",
        "3,000",
        "Privacy of older people",
    ):
        assert text in page.replace("3000", "3,000") or text in page, text
    assert "svg" in page.split('id="reach-heading"')[1]  # the reach chart
    for slug in ("pairings", "procurement-steps", "learning-milestones", "reach-measurements", "concerns"):
        assert f"/records/{slug}/new/?initiative={initiative.pk}" in page


# ------------------------------------------------------------------------------------------------
# The stage dashboard's tiles and their exports
# ------------------------------------------------------------------------------------------------
TILE_KEYS = ("mentoring-by-world", "direct-connections", "events-by-world", "initiative-reach")


def test_the_tiles_are_on_the_stage_dashboard_and_export(client, cast, world):
    client.force_login(cast.manager)
    url = f"/dashboards/engagements/{cast.engagement.pk}/"
    page = client.get(url).content.decode()
    for key in TILE_KEYS:
        assert f'id="table-{key}"' in page, key
    for key in TILE_KEYS:
        csv = client.get(f"{url}export/{key}.csv")
        assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv"), key
        assert len(csv.content.decode("utf-8-sig").strip().splitlines()) >= 2, key
        xlsx = client.get(f"{url}export/{key}.xlsx")
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK", key
    body = client.get(f"{url}export/initiative-reach.csv").content.decode("utf-8-sig")
    assert "Remote community services" in body and "3000" in body
    body = client.get(f"{url}export/direct-connections.csv").content.decode("utf-8-sig")
    assert "2019,2,1,1,50" in body
    # a period narrows the tiles
    body = client.get(f"{url}export/direct-connections.csv?date_from=2020-01-01").content.decode("utf-8-sig")
    assert "2016" not in body and "2020" in body


# ------------------------------------------------------------------------------------------------
# Query counts: the pages cost the same whatever they hold
# ------------------------------------------------------------------------------------------------
def grow(cast, world):
    team, e = cast.team_member, cast.engagement
    for _ in range(2):
        n = next(counter)
        welfare = OrganizationFactory(name=f"Welfare party {n}", world="welfare", kind="ministry_division")
        digital = OrganizationFactory(name=f"Digital party {n}", world="digital", kind="startup")
        event = save_with_history(
            Event(engagement=e, kind="datathon", title=f"Datathon {n}", starts_on=date(2018, 1, 1)),
            actor=team,
        )
        save_with_history(
            EventParticipation(event=event, world="welfare", organization=welfare, count=3), actor=team
        )
        save_with_history(
            EventParticipation(event=event, world="digital", organization=digital, count=4), actor=team
        )
        save_with_history(
            EventParticipation(event=world["event"], world="welfare", organization=welfare, count=2),
            actor=team,
        )
        need = save_with_history(
            Need(engagement=e, title=f"Need {n}", source="field_workers", category="quality_of_care"),
            actor=team,
        )
        for each in (event, world["event"]):
            each.needs.add(need)
            each.initiatives.add(world["initiative"])
        for direct in (None, date(2020, 1, 1)):
            connection = save_with_history(
                Connection(
                    engagement=e,
                    welfare_party=welfare,
                    digital_party=digital,
                    digital_person="" if direct else "A person",
                    origin="event",
                    event=world["event"],
                    began_on=date(2018, 1, 1),
                    direct_since=direct,
                ),
                actor=team,
            )
            note = save_with_history(
                TrustNote(
                    connection=world["mediated"], on=date(2018, 1, 1), kind="joint_work", text=f"Note {n}"
                ),
                actor=team,
            )
            save_with_history(note, actor=team)  # a change in the history
            connection.notes = "changed"
            save_with_history(connection, actor=team)
        save_with_history(
            MentoringSession(
                engagement=e,
                mentor=team,
                mentee=f"Mentee {n}",
                mentee_world="digital",
                mentee_organization=digital,
                held_on=date(2019, 1, 1),
                topic="Government relations",
                moved=["decision"],
            ),
            actor=team,
        )
        initiative = world["initiative"]
        save_with_history(
            Pairing(
                initiative=initiative,
                welfare_person=f"W{n}",
                digital_person=f"D{n}",
                started_on=date(2018, 1, 1),
            ),
            actor=team,
        )
        save_with_history(
            ProcurementStep(initiative=initiative, kind="contract", on=date(2019, 1, 1)), actor=team
        )
        save_with_history(
            LearningMilestone(initiative=initiative, question=f"Q{n}", due_on=date(2019, 1, 1)), actor=team
        )
        save_with_history(
            ReachMeasurement(
                initiative=initiative,
                measured_on=date(2019, 1, 1) + timedelta(days=n),
                phase="ministry_service",
                users=500 + n,
            ),
            actor=team,
        )
        for party in ("venture", "operators"):
            save_with_history(
                Concern(
                    engagement=e,
                    initiative=initiative,
                    party=party,
                    organization=digital,
                    concern=f"Fear {n}",
                    raised_on=date(2018, 1, 1),
                ),
                actor=team,
            )


@pytest.mark.parametrize(
    ("who", "path", "at_most"),
    [
        ("team_member", "/engagements/{e}/mediation-map/?year=2020", 14),
        ("manager", "/engagements/{e}/mediation-map/", 10),
        ("team_member", "/connections/{c}/", 16),
        ("team_member", "/engagements/{e}/events/", 14),
        ("team_member", "/events/{ev}/", 20),
        ("manager", "/engagements/{e}/", 70),
        ("team_member", "/initiatives/{i}/", 45),
        ("manager", "/dashboards/engagements/{e}/", 60),
    ],
)
def test_query_counts_do_not_grow(client, cast, world, who, path, at_most):
    exit_review(cast)  # the handover form lists every connection waiting
    client.force_login(cast.users[who])
    url = path.format(
        e=cast.engagement.pk, c=world["mediated"].pk, ev=world["event"].pk, i=world["initiative"].pk
    )
    assert_queries_do_not_grow(lambda: client.get(url), lambda: grow(cast, world), at_most=at_most)
