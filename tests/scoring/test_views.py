"""Scoring in the browser: who may open what, "why is this 62?", ratings with evidence, the live
progress of a recompute, the maturity questionnaire, rubric versions, and query counts."""

import re

import pytest

from api_human.core.models import Organization
from api_human.scoring import services
from api_human.scoring.models import Criterion, CurrentScore, Rating, Rubric, ScoreRun
from initiatives import services as initiative_services
from stages.models import StagePhase
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
STAFF = statuses(302, 404, 404, 200, 200, 200, 200)
ENGAGEMENT = statuses(302, 404, 404, 200, 404, 200, 200)


def scored(cast):
    services.mark_dirty([("engagement", cast.engagement.pk)], schedule=False)
    services.run_recompute()
    return StagePhase.objects.get(engagement=cast.engagement, stage="B1")


def b1_manual():
    return Criterion.objects.get(
        dimension__rubric__key="stage-b1-readiness",
        dimension__rubric__status="published",
        key="technology-integration",
    )


def test_score_pages_matrix(cast):
    phase = scored(cast)
    check_matrix(cast, "get", f"/scores/stage/{phase.pk}/", ENGAGEMENT, api=False)
    check_matrix(cast, "get", "/scores/planet/1/", statuses(302, 404, 404, 404, 404, 404, 404), api=False)
    check_matrix(cast, "get", "/rubrics/", STAFF, api=False)
    rubric = Rubric.objects.published().get(key="stage-b1-exit")
    check_matrix(cast, "get", f"/rubrics/{rubric.pk}/", STAFF, api=False)
    check_matrix(cast, "get", f"/organizations/{cast.org_a.pk}/maturity/", STAFF, api=False)
    check_matrix(
        cast,
        "post",
        f"/rubrics/{rubric.pk}/draft/",
        statuses(302, 404, 404, 403, 403, 403, 302),
        api=False,
        data={},
    )
    criterion = Criterion.objects.filter(
        dimension__rubric__key="stage-b1-exit", dimension__rubric__status="draft"
    ).first()
    check_matrix(
        cast,
        "get",
        f"/rubric-criteria/{criterion.pk}/edit/",
        statuses(302, 404, 404, 403, 403, 403, 200),
        api=False,
    )
    published = Criterion.objects.filter(dimension__rubric=rubric).first()
    check_matrix(
        cast,
        "get",
        f"/rubric-criteria/{published.pk}/edit/",
        statuses(302, 404, 404, 403, 403, 403, 404),
        api=False,
    )


def test_the_breakdown_explains_the_score_criterion_by_criterion(client, cast):
    phase = scored(cast)
    client.force_login(cast.manager)
    page = client.get(f"/scores/stage/{phase.pk}/").content.decode()
    current = CurrentScore.objects.get(subject_type="stage", subject_id=phase.pk, rubric_key="stage-b1-exit")
    for criterion in current.snapshot.criteria:
        assert f'id="criterion-{criterion["key"]}"' in page
    assert 'id="rubric-stage-b1-exit"' in page and 'id="rubric-stage-b1-readiness"' in page
    assert "<form" not in page.split('id="rubric-stage-b1-exit"')[1].split("</section>")[0], (
        "managers read, the team rates"
    )


def test_the_team_records_a_rating_with_evidence_and_the_score_moves(
    client, cast, django_capture_on_commit_callbacks
):
    phase = scored(cast)
    criterion = b1_manual()
    client.force_login(cast.team_member)
    url = f"/scores/stage/{phase.pk}/rate/{criterion.pk}/"
    top = criterion.anchor_values()[-1]
    prefix = f"c{criterion.pk}"

    bad = client.post(url, {f"{prefix}-evidence_note": "", f"{prefix}-rated_on": "2026-01-01"})
    assert bad.status_code == 400
    assert 'aria-invalid="true"' in bad.content.decode()
    assert not Rating.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                f"{prefix}-value": str(top),
                f"{prefix}-evidence_note": "The systems were mapped with the IT division",
                f"{prefix}-evidence_links": "https://example.org/map",
                f"{prefix}-rated_on": "2026-01-01",
            },
        )
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert (rating.evidence_links, rating.rated_by) == (["https://example.org/map"], cast.team_member)
    current = CurrentScore.objects.get(
        subject_type="stage", subject_id=phase.pk, rubric_key="stage-b1-readiness"
    )
    assert next(c for c in current.snapshot.criteria if c["key"] == criterion.key)["status"] == "ok"

    check_matrix(
        cast,
        "post",
        url,
        statuses(302, 404, 404, 403, 404, 400, 400),
        api=False,
        data={f"{prefix}-evidence_note": ""},
    )


def test_recompute_now_shows_a_progress_bar(client, cast, django_capture_on_commit_callbacks):
    phase = scored(cast)
    client.force_login(cast.team_member)
    url = f"/engagements/{cast.engagement.pk}/scores/recompute/"
    with django_capture_on_commit_callbacks(execute=True):
        fragment = client.post(url, {"next": f"/scores/stage/{phase.pk}/"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    html = fragment.content.decode()
    run = ScoreRun.objects.get(requested_by=cast.team_member)
    assert "<progress" in html and f"/scores/runs/{run.pk}/" in html

    progress = client.get(f"/scores/runs/{run.pk}/").content.decode()
    assert 'value="100"' in progress and "hx-trigger" not in progress, "finished: no more polling"

    with django_capture_on_commit_callbacks(execute=True):
        redirect = client.post(url, {"next": f"/scores/stage/{phase.pk}/"})
    assert redirect.status_code == 302 and re.search(r"\?run=\d+#recompute$", redirect["Location"])
    check_matrix(cast, "post", url, statuses(302, 404, 404, 403, 404, 302, 302), api=False, data={})
    check_matrix(cast, "get", f"/scores/runs/{run.pk}/", ENGAGEMENT, api=False)


def test_the_maturity_questionnaire_records_one_rating_per_answer(
    client, cast, django_capture_on_commit_callbacks
):
    ministry = Organization.objects.create(name="Ministry", world="welfare", kind="ministry_division")
    rubric = Rubric.objects.published().get(key="organization-maturity")
    criteria = list(Criterion.objects.filter(dimension__rubric=rubric))
    client.force_login(cast.team_member)
    url = f"/organizations/{ministry.pk}/maturity/"

    assert client.post(url, {"evidence_note": "interviews", "rated_on": "2026-01-01"}).status_code == 400
    answers = {f"q_{c.key}": str(c.anchor_values()[2]) for c in criteria}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**answers, "evidence_note": "interviews", "rated_on": "2026-01-01"})
    assert response.status_code == 302
    assert Rating.objects.filter(subject_type="organization", subject_id=ministry.pk).count() == len(criteria)
    current = CurrentScore.objects.get(subject_type="organization", subject_id=ministry.pk)
    assert float(current.snapshot.coverage) == 1.0
    assert float(current.score) == 50.0  # the middle of every 0–4 scale

    client.force_login(cast.manager)
    page = client.get(url).content.decode()
    assert "questionnaire-heading" not in page, "managers read the diagnostic; the team fills it in"
    assert client.post(url, answers).status_code == 404


def test_initiative_and_opportunity_pages_show_their_readiness(client, cast):
    initiative = initiative_services.initiative_create(
        actor=cast.team_member, data={"engagement": cast.engagement, "title": "Click", "big_dream": "all"}
    )
    services.mark_dirty([("initiative", initiative.pk)], schedule=False)
    services.run_recompute()
    client.force_login(cast.team_member)
    page = client.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert 'id="rubric-initiative-scale-readiness"' in page
    assert f"/scores/initiative/{initiative.pk}/" in page


def test_query_counts_of_score_pages_do_not_grow(client, cast):
    phase = scored(cast)
    criterion = b1_manual()
    client.force_login(cast.team_member)

    def add_rows():
        for _ in range(3):
            services.rating_record(
                criterion=criterion,
                subject_type="stage",
                subject_id=phase.pk,
                actor=cast.team_member,
                value=criterion.anchor_values()[1],
                evidence_note="x",
            )
            initiative_services.initiative_create(
                actor=cast.team_member, data={"engagement": cast.engagement, "title": "More"}
            )
        services.mark_all_dirty()
        services.run_recompute()

    assert_queries_do_not_grow(lambda: client.get(f"/scores/stage/{phase.pk}/"), add_rows, at_most=25)
    assert_queries_do_not_grow(lambda: client.get("/rubrics/"), add_rows, at_most=12)
    rubric = Rubric.objects.published().get(key="stage-d-exit")
    assert_queries_do_not_grow(lambda: client.get(f"/rubrics/{rubric.pk}/"), add_rows, at_most=14)
    assert_queries_do_not_grow(
        lambda: client.get(f"/organizations/{cast.org_a.pk}/maturity/"), add_rows, at_most=16
    )


def test_an_administrator_edits_a_draft_and_publishes_it(client, cast):
    published = Rubric.objects.published().get(key="initiative-scale-readiness")
    client.force_login(cast.admin)
    response = client.post(f"/rubrics/{published.pk}/draft/")
    draft = Rubric.objects.get(key=published.key, status="draft")
    assert response["Location"] == f"/rubrics/{draft.pk}/"
    criterion = Criterion.objects.filter(dimension__rubric=draft, evidence="automatic").first()
    url = f"/rubric-criteria/{criterion.pk}/edit/"
    form = {
        "text_he": criterion.text_he,
        "text_en": criterion.text_en,
        "weight": "2.5",
        "pass_level": "0.8",
        "metric": criterion.metric,
        "floor": "0",
        "target": "0",
    }
    assert client.post(url, form).status_code == 400, "a floor equal to the target is refused"
    assert client.post(url, {**form, "target": "4", "critical": "on"}).status_code == 302
    criterion.refresh_from_db()
    assert (float(criterion.weight), criterion.critical, float(criterion.target)) == (2.5, True, 4.0)

    assert (
        client.post(
            f"/rubrics/{draft.pk}/", {"name_he": "מחוון", "name_en": "Rubric", "threshold": "200"}
        ).status_code
        == 400
    )
    assert client.post(f"/rubrics/{draft.pk}/publish/").status_code == 302
    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.status, draft.status) == ("retired", "published")
    assert client.get(f"/rubric-criteria/{criterion.pk}/edit/").status_code == 404, "published: never changes"
