"""Needs, initiatives and tensions: the rules, and the alert scan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from api_human.core.alerts import alerts_scan
from api_human.core.models import EngagementMembership, Notification
from api_human.core.services import record_create
from api_human.core.tasks import email_notifications
from initiatives import services
from initiatives.models import Initiative, Need, NeedSubcategory, ProcessStep
from tensions import services as tension_services
from tensions.models import Tension
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def need(engagement, actor, **extra):
    return record_create(
        Need,
        actor=actor,
        data={
            "engagement": engagement,
            "title": "Rights in one place",
            "source": "citizens",
            "category": "citizen_services",
            **extra,
        },
    )


def tension(cast, **extra):
    return tension_services.tension_create(
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Digital or human response",
            "source_type": "value",
            "pole_a": "digital",
            "pole_b": "human",
            **extra,
        },
    )


def refused(call, **kwargs):
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


# ------------------------------------------------------------------------------------------------
# Needs and initiatives
# ------------------------------------------------------------------------------------------------
def test_a_sub_category_must_belong_to_the_category(cast):
    other = NeedSubcategory.objects.filter(category="ministry_methods").first()
    assert "subcategory" in refused(
        need, engagement=cast.engagement, actor=cast.team_member, subcategory=other
    )


def test_an_initiative_starts_at_high_intensity_and_answers_several_needs(cast):
    first, second = (
        need(cast.engagement, cast.team_member),
        need(cast.engagement, cast.team_member, title="Other"),
    )
    initiative = services.initiative_create(
        actor=cast.team_member,
        needs=[first, second],
        data={"engagement": cast.engagement, "title": "Click LaRevacha"},
    )
    assert initiative.intensity_changes.get().intensity == "high"
    assert initiative.needs.count() == 2


def test_stopping_an_initiative_needs_a_reason(cast):
    initiative = services.initiative_create(
        actor=cast.team_member, data={"engagement": cast.engagement, "title": "X"}
    )
    assert "stop_reason" in refused(
        services.initiative_move, initiative=initiative, actor=cast.team_member, status="stopped"
    )
    services.initiative_move(
        initiative=initiative, actor=cast.team_member, status="stopped", reason="No partner"
    )
    services.initiative_move(initiative=initiative, actor=cast.team_member, status="exploring")
    initiative.refresh_from_db()
    assert initiative.status == "exploring" and initiative.stop_reason == ""


def test_needs_of_another_engagement_are_refused(cast):
    foreign = need(cast.other_engagement, cast.other_team_member)
    initiative = services.initiative_create(
        actor=cast.team_member, data={"engagement": cast.engagement, "title": "X"}
    )
    assert "needs" in refused(
        services.initiative_update, initiative=initiative, actor=cast.team_member, data={}, needs=[foreign]
    )


def test_methods_come_from_the_list(cast):
    assert "methods" in refused(
        services.initiative_create,
        actor=cast.team_member,
        data={"engagement": cast.engagement, "title": "X", "methods": ["magic"]},
    )


# ------------------------------------------------------------------------------------------------
# Tensions: the source's order, and the refused moves
# ------------------------------------------------------------------------------------------------
def test_a_tension_goes_through_the_sources_order_to_a_both_and_resolution(cast):
    t = tension(cast)
    actor = cast.team_member
    assert "state" in refused(tension_services.tension_move, tension=t, actor=actor, to_state="classified")
    tension_services.tension_move(tension=t, actor=actor, to_state="legitimised")
    assert "origin" in refused(tension_services.tension_move, tension=t, actor=actor, to_state="classified")
    Tension.objects.filter(pk=t.pk).update(origin="inherent")
    tension_services.tension_move(tension=t, actor=actor, to_state="classified")
    assert "criteria" in refused(
        tension_services.tension_move, tension=t, actor=actor, to_state="criteria_defined"
    )
    tension_services.criterion_add(tension=t, actor=actor, text="The digital answer widens access")
    tension_services.tension_move(tension=t, actor=actor, to_state="criteria_defined")
    assert "resolution" in refused(tension_services.tension_move, tension=t, actor=actor, to_state="resolved")
    tension_services.tension_move(
        tension=t, actor=actor, to_state="resolved", resolution="Both: remote and in person"
    )
    t.refresh_from_db()
    assert t.state == "resolved" and t.closed_on == timezone.localdate()
    assert list(t.events.values_list("to_state", flat=True)) == [
        "raised",
        "legitimised",
        "classified",
        "criteria_defined",
        "resolved",
    ]
    assert "state" in refused(
        tension_services.tension_move, tension=t, actor=actor, to_state="dissolved", note="x"
    )


def test_resolved_with_no_resolution_and_no_criteria_is_refused(cast):
    t = tension(cast, origin="inherent")
    for state in ("legitimised", "classified"):
        tension_services.tension_move(tension=t, actor=cast.team_member, to_state=state)
    Tension.objects.filter(pk=t.pk).update(state="criteria_defined")
    errors = refused(tension_services.tension_move, tension=t, actor=cast.team_member, to_state="resolved")
    assert "resolution" in errors or "criteria" in errors


def test_jumping_into_the_water_records_the_decision_and_stops_blocking(cast):
    t = tension(cast)
    tension_services.tension_set_blocking(
        tension=t, actor=cast.team_member, blocking=True, since=D(2024, 1, 1)
    )
    assert "note" in refused(
        tension_services.tension_move, tension=t, actor=cast.team_member, to_state="jumped"
    )
    tension_services.tension_move(
        tension=t,
        actor=cast.team_member,
        to_state="jumped",
        note="We start the pilot and learn the metrics from it",
    )
    t.refresh_from_db()
    assert t.state == "jumped" and not t.blocking and t.closing_note.startswith("We start")


def test_age_and_blocking_days(cast):
    t = tension(cast, raised_on=timezone.localdate() - datetime.timedelta(days=10))
    tension_services.tension_set_blocking(
        tension=t,
        actor=cast.team_member,
        blocking=True,
        since=timezone.localdate() - datetime.timedelta(days=3),
    )
    assert (t.age_days, t.blocking_days) == (10, 3)


# ------------------------------------------------------------------------------------------------
# Alerts
# ------------------------------------------------------------------------------------------------
def _stalled(cast):
    t = tension(cast)
    tension_services.tension_set_blocking(
        tension=t,
        actor=cast.team_member,
        blocking=True,
        since=timezone.localdate() - datetime.timedelta(days=40),
    )
    initiative = services.initiative_create(
        actor=cast.team_member, data={"engagement": cast.engagement, "title": "Quiet initiative"}
    )
    services.step_add(
        initiative=initiative,
        actor=cast.team_member,
        data={"kind": "identify_need", "happened_on": timezone.localdate() - datetime.timedelta(days=200)},
    )
    return t, initiative


def test_the_scan_notifies_the_current_team_once(cast, settings):
    settings.TENSION_BLOCKING_ALERT_DAYS, settings.INITIATIVE_STALE_ALERT_DAYS = 14, 60
    _stalled(cast)
    MembershipFactory(
        engagement=cast.engagement, user__username="left", valid_to=D(2024, 6, 1), valid_from=D(2024, 1, 1)
    )
    assert alerts_scan() == 2  # the team member: one tension, one initiative (not managers, not leavers)
    assert set(Notification.objects.values_list("user__username", "kind")) == {
        ("team_member", "tension_blocking"),
        ("team_member", "initiative_stale"),
    }
    assert alerts_scan() == 0  # not told twice while unread
    Notification.objects.update(read_at=timezone.now())
    assert alerts_scan() == 0  # nor twice the same day (a constraint)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert alerts_scan(today=tomorrow) == 2  # read, not dismissed, and still stalled: told again
    Notification.objects.update(dismissed_at=timezone.now())
    later = tomorrow + datetime.timedelta(days=1)
    assert alerts_scan(today=later) == 0  # dismissed: the same cause does not come back


def test_a_dismissed_alert_comes_back_only_for_a_new_cause(cast, settings):
    settings.TENSION_BLOCKING_ALERT_DAYS, settings.INITIATIVE_STALE_ALERT_DAYS = 14, 30
    _t, initiative = _stalled(cast)
    assert alerts_scan() == 2
    Notification.objects.update(dismissed_at=timezone.now())
    ProcessStep.objects.create(
        initiative=initiative,
        kind="scouting",
        happened_on=timezone.localdate() - datetime.timedelta(days=100),
    )
    assert alerts_scan(today=timezone.localdate() + datetime.timedelta(days=1)) == 1, (
        "a later stall (a step, then nothing for too long) is a new cause; the same block is not"
    )


def test_finished_engagements_and_initiatives_raise_no_alerts(cast, settings):
    settings.TENSION_BLOCKING_ALERT_DAYS, settings.INITIATIVE_STALE_ALERT_DAYS = 14, 60
    _stalled(cast)
    cast.engagement.status = "completed"
    cast.engagement.save()
    assert alerts_scan() == 0


def test_a_recent_step_or_short_block_raises_no_alert(cast, settings):
    settings.TENSION_BLOCKING_ALERT_DAYS = 60
    _t, initiative = _stalled(cast)
    services.step_add(
        initiative=initiative,
        actor=cast.team_member,
        data={"kind": "scouting", "happened_on": timezone.localdate()},
    )
    assert alerts_scan() == 0


def test_alerts_are_emailed_when_configured(cast, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.ALERT_EMAILS = True
    cast.team_member.email = "team@example.org"
    cast.team_member.save()
    _stalled(cast)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails leave through the outbox
        alerts_scan()
    assert len(mailoutbox) == 2 and mailoutbox[0].to == ["team@example.org"]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    with django_capture_on_commit_callbacks(execute=True):  # a repeated delivery sends nothing again
        email_notifications.apply(kwargs={"ids": list(Notification.objects.values_list("pk", flat=True))})
    assert len(mailoutbox) == 2


def test_the_scan_costs_the_same_queries_however_much_stalls(cast, django_assert_max_num_queries):
    for i in range(5):
        t = tension(cast, title=f"T{i}")
        tension_services.tension_set_blocking(
            tension=t, actor=cast.team_member, blocking=True, since=D(2020, 1, 1)
        )
        initiative = services.initiative_create(
            actor=cast.team_member, data={"engagement": cast.engagement, "title": f"I{i}"}
        )
        ProcessStep.objects.create(initiative=initiative, kind="scouting", happened_on=D(2020, 1, 1))
    with django_assert_max_num_queries(8):
        assert alerts_scan() == 10
    assert EngagementMembership.objects.exists() and Initiative.objects.count() == 5


def test_a_step_recorded_afterwards_keeps_its_date(cast):
    t = tension(cast, raised_on=D(2017, 6, 1))
    assert "on" in refused(
        tension_services.tension_move,
        tension=t,
        actor=cast.team_member,
        to_state="legitimised",
        on=D(2017, 1, 1),
    )
    tension_services.tension_move(
        tension=t, actor=cast.team_member, to_state="jumped", note="Go", on=D(2018, 1, 1)
    )
    t.refresh_from_db()
    assert t.closed_on == D(2018, 1, 1) and t.age_days == (D(2018, 1, 1) - D(2017, 6, 1)).days
    assert t.events.last().happened_at.date() == D(2018, 1, 1)
