"""Partner writes stay cheap without giving anything up: a draft and its submission cost a fixed few
queries, the profile is read once under its lock, a write waits on no row that other organisations'
writes share, and the answers, the history, the revision and the matching are what they were."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api_human.core.models import OutboxMessage
from api_human.scoring.models import DirtySubject
from opportunities.models import Opportunity, OpportunityRevision
from tests.opportunities.test_partner_api import API, PDF, key_for, keyed, open_broadcast, upload  # noqa: F401


@pytest.fixture
def broadcast(request):
    """test_partner_api's open broadcast (asked for by name: a parameter would shadow the import)."""
    return request.getfixturevalue("open_broadcast")


pytestmark = pytest.mark.django_db
PROFILE = {
    "title": "Day centre from home",
    "summary": "Older people join the day centre from home",
    "need_categories": ["citizen_services"],
    "maturity": "pilot",
    "languages": ["he", "ar"],
}


def _draft(client, broadcast, key="draft-1"):
    return client.post(
        f"{API}/opportunities/",
        {**PROFILE, "broadcast": broadcast.pk},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_a_draft_and_its_submission_cost_a_fixed_few_queries(cast, broadcast):
    client = keyed(key_for(cast.partner_a))
    with CaptureQueriesContext(connection) as created:
        response = _draft(client, broadcast)
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    with CaptureQueriesContext(connection) as submitted:
        response = client.post(f"{API}/opportunities/{pk}/submit/", HTTP_IDEMPOTENCY_KEY="submit-1")
    assert response.status_code == 200, response.json()
    # (here the request's transaction is a savepoint of the test's: two more each)
    # the key, reserving the idempotency key (1: lock_timeout set, the row, lock_timeout put back), the
    # broadcast, the profile, its history, its dirty mark and the answer kept, in the request's own
    # transaction (no savepoint of the service's): 10 (it was 24, then 13)
    assert len(created) <= 10, [q["sql"][:120] for q in created.captured_queries]
    # the same around: the profile read once, locked, with its files; the profile, its history, its
    # dirty mark, the revision and the outbox message: 12 (it was 34, then 16)
    assert len(submitted) <= 12, [q["sql"][:120] for q in submitted.captured_queries]
    # the idempotency key reserved in one round trip a request
    assert [sum("lock_timeout" in q["sql"] for q in c.captured_queries) for c in (created, submitted)] == [
        1,
        1,
    ]
    reads = [
        q["sql"]
        for q in submitted.captured_queries
        if q["sql"].startswith('SELECT "opportunities_opportunity"')
    ]
    assert len(reads) == 1 and "FOR UPDATE" in reads[0]


def test_a_submission_is_kept_matched_and_answered_as_before(
    cast,
    broadcast,
    django_capture_on_commit_callbacks,
):
    client = keyed(key_for(cast.partner_a))
    pk = _draft(client, broadcast).json()["id"]
    assert upload(client, pk, "deck.pdf", PDF).status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{API}/opportunities/{pk}/submit/", HTTP_IDEMPOTENCY_KEY="submit-2")
    body = response.json()
    assert (body["state"], body["revision"]) == ("submitted", 1)
    assert [(a["original_name"], a["submitted_in"]) for a in body["attachments"]] == [("deck.pdf", 1)]
    revision = OpportunityRevision.objects.get(opportunity=pk)
    assert revision.data["attachments"] == ["deck.pdf"] and revision.data["title"] == PROFILE["title"]
    opportunity = Opportunity.objects.get(pk=pk)
    assert opportunity.history.count() == 2 and opportunity.history.first().history_user == cast.partner_a
    message = OutboxMessage.objects.get(task="opportunities.match_opportunity")
    assert message.kwargs == {"opportunity_id": pk, "revision": 1} and message.state == "done"
    assert opportunity.matches.exists()  # the need of the broadcast it answers
    # the same key again: the first answer, nothing done twice
    again = client.post(f"{API}/opportunities/{pk}/submit/", HTTP_IDEMPOTENCY_KEY="submit-2")
    assert again["Idempotent-Replayed"] == "true" and again.json() == body
    assert OpportunityRevision.objects.filter(opportunity=pk).count() == 1


def test_a_partner_write_marks_its_profile_dirty_not_the_engagement(cast, broadcast):
    """No metric of a stage or an engagement reads opportunities: marking the engagement made every
    write answering its broadcasts wait on that one row (and rescored all its stages)."""
    client = keyed(key_for(cast.partner_a))
    DirtySubject.objects.all().delete()
    pk = _draft(client, broadcast).json()["id"]
    client.post(f"{API}/opportunities/{pk}/submit/", HTTP_IDEMPOTENCY_KEY="submit-3")
    assert set(DirtySubject.objects.values_list("kind", "subject_id")) == {("opportunity", pk)}


def test_another_organisations_profile_stays_a_404_for_a_write(cast, broadcast):
    pk = _draft(keyed(key_for(cast.partner_a)), broadcast).json()["id"]
    other = keyed(key_for(cast.partner_b))
    assert other.post(f"{API}/opportunities/{pk}/submit/").status_code == 404
    assert other.patch(f"{API}/opportunities/{pk}/", {"title": "Mine"}, format="json").status_code == 404
    assert Opportunity.objects.get(pk=pk).state == "draft"


def test_the_partner_rule_on_a_row_is_the_querysets(cast):
    mine = Opportunity.objects.create(organization=cast.org_a, title="A")
    theirs = Opportunity.objects.create(organization=cast.org_b, title="B")
    for user in (cast.partner_a, cast.partner_b, cast.team_member, cast.admin):
        editable = set(Opportunity.objects.editable_by(user).filter(pk__in=[mine.pk, theirs.pk]))
        if user.is_partner:
            assert {o for o in (mine, theirs) if o.editable_by_partner(user)} == editable
        else:
            assert not mine.editable_by_partner(user) and not theirs.editable_by_partner(user)


def test_the_declined_rule_is_checked_on_the_row_without_asking_the_database(cast):
    opportunity = Opportunity(organization=cast.org_a, title="A", pipeline="declined", decline_reason="")
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as raised:
        opportunity.validate_constraints()
    assert len(queries) == 0
    constraint = next(c for c in Opportunity._meta.constraints if c.name == "opportunity_declined_has_reason")
    assert raised.value.message_dict == {"__all__": [str(constraint.violation_error_message)]}
    opportunity.decline_reason = "Not a fit"
    opportunity.validate_constraints()
    opportunity.validate_constraints(exclude={"decline_reason"})  # as Django: an excluded field skips it
