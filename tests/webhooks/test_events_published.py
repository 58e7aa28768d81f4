"""The events partners subscribe to are published where they happen: the team moving a profile in the
pipeline or writing feedback, matching after a submission, a broadcast opening or about to close.
Delivered to a real receiver on 127.0.0.1 that checks every signature."""

import datetime
import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api_human.core.services import record_create
from initiatives.models import Need
from opportunities import services as opportunity_services
from opportunities.models import Broadcast, Opportunity
from webhooks.models import WebhookDelivery

from .conftest import keyed

pytestmark = pytest.mark.django_db
EVERYTHING = [
    "opportunity.pipeline_changed",
    "opportunity.feedback_added",
    "opportunity.matched",
    "broadcast.published",
    "broadcast.closing",
]


def received(receiver, path="/hook"):
    return [(json.loads(r.body)["type"], json.loads(r.body)["data"], r.verified) for r in receiver.at(path)]


@pytest.fixture
def need(cast):
    return record_create(
        Need,
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Loneliness of older people at home",
            "source": "citizens",
            "category": "citizen_services",
        },
    )


def test_the_partner_hears_of_matching_the_pipeline_and_feedback(
    cast, need, receiver, endpoint_for, django_capture_on_commit_callbacks
):
    endpoint_for(cast.partner_a, events=EVERYTHING)
    endpoint_for(cast.partner_b, "/other", events=EVERYTHING)
    partner = keyed(cast.partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        created = partner.post(
            "/api/v1/partner/opportunities/",
            {
                "title": "Video visits for older people at home",
                "summary": "Loneliness of older people at home, answered by video calls",
                "need_categories": ["citizen_services"],
            },
            format="json",
        )
        assert created.status_code == 201, created.content
        opportunity_id = created.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        assert partner.post(f"/api/v1/partner/opportunities/{opportunity_id}/submit/").status_code == 200
    team = APIClient()
    team.force_authenticate(cast.team_member)
    with django_capture_on_commit_callbacks(execute=True):
        moved = team.post(
            f"/api/v1/opportunities/{opportunity_id}/pipeline/",
            {"pipeline": "screening", "feedback": "We would like a demonstration."},
            format="json",
        )
        assert moved.status_code == 200, moved.content
    with django_capture_on_commit_callbacks(execute=True):  # the same status again: nothing new to tell
        team.post(
            f"/api/v1/opportunities/{opportunity_id}/pipeline/", {"pipeline": "screening"}, format="json"
        )

    events = received(receiver)
    assert [event for event, _data, _ok in events] == [
        "opportunity.matched",
        "opportunity.pipeline_changed",
        "opportunity.feedback_added",
    ]
    assert all(ok for _event, _data, ok in events)
    reference = {"id": opportunity_id, "title": "Video visits for older people at home", "revision": 1}
    assert events[0][1]["opportunity"] == reference and events[0][1]["matches"] >= 1
    assert events[1][1] == {"opportunity": reference, "pipeline": "screening"}
    assert events[2][1] == {"opportunity": reference, "feedback": "We would like a demonstration."}
    assert receiver.at("/other") == []  # another organisation hears nothing of it


def test_every_subscribed_partner_hears_of_a_broadcast_opening_and_closing_once(
    cast, need, receiver, endpoint_for, django_capture_on_commit_callbacks, settings
):
    endpoint_for(cast.partner_a, events=["broadcast.published", "broadcast.closing"])
    endpoint_for(cast.partner_b, "/other", events=["broadcast.closing"])
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        draft = opportunity_services.broadcast_save(
            actor=cast.team_member,
            needs=[need],
            criteria=[{"name": "Fit", "weight": 100}],
            data={
                "engagement": cast.engagement,
                "title_he": "בדידות",
                "title_en": "Loneliness",
                "description_he": "תיאור",
                "description_en": "Description",
                "opens_on": today,
                "closes_on": today + datetime.timedelta(days=2),
                "status": Broadcast.Status.DRAFT,
            },
        )
    assert received(receiver) == []  # a draft is nobody's business
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_services.broadcast_save(actor=cast.team_member, data={"status": "open"}, broadcast=draft)
    with django_capture_on_commit_callbacks(execute=True):  # saved again while open: not published again
        opportunity_services.broadcast_save(
            actor=cast.team_member, data={"eligibility": "NGOs"}, broadcast=draft
        )
    reference = {
        "id": draft.pk,
        "title_he": "בדידות",
        "title_en": "Loneliness",
        "closes_on": str(draft.closes_on),
    }
    assert received(receiver) == [("broadcast.published", {"broadcast": reference}, True)]

    settings.BROADCAST_CLOSING_NOTICE_DAYS = 1
    with django_capture_on_commit_callbacks(execute=True):
        assert opportunity_services.broadcasts_announce_closing(today=today) == 0  # closes in 2 days
    settings.BROADCAST_CLOSING_NOTICE_DAYS = 3
    for _ in range(2):  # the daily task may run twice: partners hear it once
        with django_capture_on_commit_callbacks(execute=True):
            opportunity_services.broadcasts_announce_closing(today=today)
    assert received(receiver)[1:] == [("broadcast.closing", {"broadcast": reference}, True)]
    assert received(receiver, "/other") == [("broadcast.closing", {"broadcast": reference}, True)]
    assert WebhookDelivery.objects.filter(event="broadcast.closing").count() == 2


def test_a_refused_pipeline_move_tells_nobody(
    cast, need, receiver, endpoint_for, django_capture_on_commit_callbacks
):
    endpoint_for(cast.partner_a, events=EVERYTHING)
    opportunity = Opportunity.objects.create(
        organization=cast.org_a, title="A profile", revision=1, state="submitted"
    )
    team = APIClient()
    team.force_authenticate(cast.team_member)
    with django_capture_on_commit_callbacks(execute=True):
        refused = team.post(
            f"/api/v1/opportunities/{opportunity.pk}/pipeline/", {"pipeline": "declined"}, format="json"
        )
    assert refused.status_code == 400
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()
