"""The scoring endpoints: the permission matrix of each, what partners see, bad input, query counts."""

import pytest
from rest_framework.test import APIClient

from api_human.core import services as core_services
from api_human.scoring import services
from api_human.scoring.models import Criterion, CurrentScore, Rating, Rubric, ScoreRun
from opportunities.models import Opportunity
from stages.models import StagePhase
from tests.factories import EngagementFactory
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
API = "/api/v1"
STAFF_READ = statuses(401, 404, 404, 200, 200, 200, 200)
ENGAGEMENT_READ = statuses(401, 404, 404, 200, 404, 200, 200)
ADMIN_ONLY = statuses(401, 404, 404, 403, 403, 403, 200)


def score_engagement(engagement):
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    services.run_recompute()


def manual_b1(cast):
    phase = StagePhase.objects.get(engagement=cast.engagement, stage="B1")
    criterion = Criterion.objects.select_related("dimension__rubric").get(
        dimension__rubric__key="stage-b1-readiness",
        dimension__rubric__status="published",
        key="technology-integration",
    )
    return phase, criterion


def partner_opportunity(cast, user):
    opportunity = Opportunity.objects.create(
        organization=user.organization,
        created_by=user,
        title="Offer",
        evidence="pilots",
        revision=1,
        state="submitted",
    )
    services.mark_dirty([("opportunity", opportunity.pk)], schedule=False)
    services.run_recompute()
    return opportunity


def test_rubrics_matrix(cast):
    published = Rubric.objects.published().get(key="stage-a-exit")
    check_matrix(cast, "get", f"{API}/rubrics/", STAFF_READ)
    check_matrix(cast, "get", f"{API}/rubrics/{published.pk}/", STAFF_READ)
    check_matrix(
        cast,
        "patch",
        f"{API}/rubrics/{published.pk}/",
        statuses(401, 404, 404, 403, 403, 403, 400),
        data={"threshold": 70},
    )
    check_matrix(
        cast, "post", f"{API}/rubrics/{published.pk}/draft/", statuses(401, 404, 404, 403, 403, 403, 201)
    )
    draft = Rubric.objects.get(key="stage-a-exit", status="draft")
    check_matrix(
        cast,
        "patch",
        f"{API}/rubrics/{draft.pk}/",
        statuses(401, 404, 404, 403, 403, 403, 200),
        data={"threshold": 70},
    )
    check_matrix(cast, "post", f"{API}/rubrics/{draft.pk}/publish/", ADMIN_ONLY)
    assert Rubric.objects.published().get(key="stage-a-exit") == draft


def test_a_rubric_lists_its_versions_and_its_criteria(cast):
    client = APIClient()
    client.force_login(cast.team_member)
    rubric = Rubric.objects.published().get(key="organization-maturity")
    body = client.get(f"{API}/rubrics/{rubric.pk}/").json()
    assert [v["version"] for v in body["versions"]] == [rubric.version]
    assert len(body["dimensions"]) == rubric.dimensions.count()
    assert all(c["evidence"] == "manual" and c["anchors"] for d in body["dimensions"] for c in d["criteria"])
    listed = client.get(f"{API}/rubrics/", {"key": "organization-maturity"}).json()["results"]
    assert [r["id"] for r in listed] == [rubric.pk]


def test_ratings_matrix(cast):
    phase, criterion = manual_b1(cast)
    top = criterion.anchor_values()[-1]

    def rating(role):
        return {
            "rubric_key": "stage-b1-readiness",
            "criterion_key": criterion.key,
            "subject_type": "stage",
            "subject_id": phase.pk,
            "value": top,
            "evidence_note": f"checked by {role}",
            "evidence_links": ["https://example.org/report"],
        }

    check_matrix(cast, "post", f"{API}/ratings/", statuses(401, 404, 404, 403, 404, 201, 201), data=rating)
    assert Rating.objects.count() == 2
    pk = Rating.objects.first().pk
    check_matrix(cast, "get", f"{API}/ratings/", STAFF_READ)
    check_matrix(cast, "get", f"{API}/ratings/{pk}/", ENGAGEMENT_READ)
    check_matrix(cast, "delete", f"{API}/ratings/{pk}/", statuses(401, 404, 404, 403, 405, 405, 405))


def test_bad_ratings_are_a_400_in_one_shape_and_nothing_is_saved(cast):
    phase, criterion = manual_b1(cast)
    client = APIClient()
    client.force_login(cast.team_member)
    base = {
        "rubric_key": "stage-b1-readiness",
        "criterion_key": criterion.key,
        "subject_type": "stage",
        "subject_id": phase.pk,
        "evidence_note": "seen",
    }
    for payload, field in [
        ({**base, "value": 42}, "value"),
        ({**base, "value": criterion.anchor_values()[0], "evidence_links": ["not a link"]}, "evidence_links"),
        ({**base, "subject_type": "planet", "value": 1}, "subject_type"),
        ({**base, "evidence_note": "", "value": 1}, "evidence_note"),
    ]:
        response = client.post(f"{API}/ratings/", payload, format="json")
        assert response.status_code == 400, response.content
        body = response.json()
        assert set(body) == {"status", "code", "message", "fields", "errors"}
        assert field in {name.split(".")[0] for name in body["fields"]}  # nested ones as dotted paths
    assert (
        client.post(
            f"{API}/ratings/", {**base, "criterion_key": "nope", "value": 1}, format="json"
        ).status_code
        == 404
    )
    assert not Rating.objects.exists()


def test_scores_matrix_and_the_breakdown(cast):
    StagePhase.objects.filter(engagement=cast.engagement, stage="A").update(status="active")
    score_engagement(cast.engagement)
    current = CurrentScore.objects.filter(engagement=cast.engagement, rubric_key="stage-a-exit").get()
    check_matrix(cast, "get", f"{API}/scores/", statuses(401, 200, 200, 200, 200, 200, 200))
    check_matrix(cast, "get", f"{API}/scores/{current.snapshot_id}/", ENGAGEMENT_READ)

    client = APIClient()
    client.force_login(cast.team_member)
    history = client.get(f"{API}/scores/", {"subject_type": "stage", "subject_id": current.subject_id}).json()
    assert [s["id"] for s in history["results"]] == [current.snapshot_id]
    detail = client.get(f"{API}/scores/{current.snapshot_id}/").json()
    assert detail["score"] is not None
    assert sum(c["contribution"] for c in detail["criteria"]) == pytest.approx(
        float(detail["score"]), abs=0.05
    )
    assert {"text", "points_lost", "normalised", "raw", "status"} <= set(detail["criteria"][0])
    assert client.get(f"{API}/scores/", {"subject_type": "planet"}).status_code == 400


def test_a_partner_sees_only_the_band_and_the_criteria_they_can_act_on(cast):
    opportunity = partner_opportunity(cast, cast.partner_a)
    snapshot_id = CurrentScore.objects.get(subject_type="opportunity", subject_id=opportunity.pk).snapshot_id
    check_matrix(cast, "get", f"{API}/scores/{snapshot_id}/", statuses(401, 200, 404, 200, 200, 200, 200))

    _key, raw = core_services.partner_key_issue(user=cast.partner_a, name="scores")
    partner = APIClient()
    partner.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    body = partner.get(f"{API}/scores/{snapshot_id}/").json()
    assert set(body) == {"id", "subject_type", "subject_id", "rubric_name", "band", "computed_at", "criteria"}
    actionable = set(
        Criterion.objects.filter(
            dimension__rubric__key="opportunity-pilot-readiness",
            dimension__rubric__status="published",
            partner_actionable=True,
        ).values_list("key", flat=True)
    )
    assert {c["key"] for c in body["criteria"]} == actionable
    assert set(body["criteria"][0]) == {"key", "text", "status", "met", "next_action"}

    score_engagement(cast.engagement)
    listed = partner.get(f"{API}/scores/").json()["results"]
    assert [s["id"] for s in listed] == [snapshot_id], "no stage scores, no one else's opportunity"


def test_score_runs_matrix(cast):
    check_matrix(
        cast,
        "post",
        f"{API}/score-runs/",
        statuses(401, 404, 404, 403, 400, 202, 202),
        data={"engagement": cast.engagement.pk},
    )
    run = ScoreRun.objects.get(engagement=cast.engagement, requested_by=cast.team_member)
    assert (run.kind, run.status) == ("manual", "queued"), "it starts after the commit"
    check_matrix(cast, "get", f"{API}/score-runs/", STAFF_READ)
    check_matrix(cast, "get", f"{API}/score-runs/{run.pk}/", ENGAGEMENT_READ)


def test_query_counts_do_not_grow(cast):
    client = APIClient()
    client.force_login(cast.team_member)
    phase, criterion = manual_b1(cast)

    def add_rows():
        engagement = EngagementFactory()
        core_services.record_create  # noqa: B018 - the cast's team member sees only the cast engagement
        for _ in range(3):
            services.rating_record(
                criterion=criterion,
                subject_type="stage",
                subject_id=phase.pk,
                actor=cast.team_member,
                value=criterion.anchor_values()[0],
                evidence_note="again",
            )
        services.mark_dirty(
            [("engagement", cast.engagement.pk), ("engagement", engagement.pk)], schedule=False
        )
        services.recompute_request(engagement=cast.engagement, actor=cast.team_member)
        services.run_recompute()

    snapshot = lambda: CurrentScore.objects.filter(engagement=cast.engagement).first().snapshot_id
    for url in (f"{API}/ratings/", f"{API}/scores/", f"{API}/score-runs/", f"{API}/rubrics/"):
        assert_queries_do_not_grow(lambda url=url: client.get(url), add_rows, at_most=12)
    add_rows()
    assert_queries_do_not_grow(lambda: client.get(f"{API}/scores/{snapshot()}/"), add_rows, at_most=12)
    rubric = Rubric.objects.published().get(key="stage-d-exit")
    assert_queries_do_not_grow(lambda: client.get(f"{API}/rubrics/{rubric.pk}/"), add_rows, at_most=12)
