"""The partner API as partners use it: over HTTP, with real keys."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from api_human.core import services as core_services
from api_human.core.models import Organization, OutboxMessage, PartnerKey, PartnerStatus
from api_human.core.services import record_create
from initiatives.models import Need
from opportunities.api.throttling import PartnerKeyThrottle
from opportunities.models import Broadcast, Opportunity
from opportunities.services import broadcast_save
from tests.matrix import check_matrix, statuses

pytestmark = pytest.mark.django_db
API = "/api/v1/partner"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def keyed(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


def key_for(user):
    return core_services.partner_key_issue(user=user, name="tests")[1]


def upload(client, pk, name, content):
    return client.post(
        f"{API}/opportunities/{pk}/attachments/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


@pytest.fixture
def open_broadcast(cast):
    need = record_create(
        Need,
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Loneliness",
            "source": "citizens",
            "category": "citizen_services",
        },
    )
    today = datetime.date.today()
    return broadcast_save(
        actor=cast.team_member,
        needs=[need],
        criteria=[{"name": "Fit", "weight": 100}],
        data={
            "engagement": cast.engagement,
            "title_he": "אתגר",
            "title_en": "Challenge",
            "description_he": "ת",
            "description_en": "D",
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=30),
            "status": Broadcast.Status.OPEN,
        },
    )


def test_the_whole_partner_journey(cast, open_broadcast, django_capture_on_commit_callbacks):
    # 1. A venture registers (no key yet).
    response = APIClient().post(
        f"{API}/register/",
        {
            "name": "Care Bridge",
            "kind": "startup",
            "contact_name": "Noa Ben",
            "contact_email": "noa@carebridge.example",
            "description": "Remote services",
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["partner_status"] == "pending"
    organization = Organization.objects.get(name="Care Bridge")

    # 2. The team approves it in the browser; the key is shown once.
    browser = Client()
    browser.force_login(cast.team_member)
    page = browser.post("/partners/approvals/", {"verb": "approve", "organization": organization.pk})
    raw = re.search(r'id="issued-key"[^>]*value="([^"]+)"', page.content.decode()).group(1)
    partner = keyed(raw)

    # 3. It sees the open broadcast and writes a draft answering it.
    assert [b["id"] for b in partner.get(f"{API}/broadcasts/").json()["results"]] == [open_broadcast.pk]
    draft = partner.post(
        f"{API}/opportunities/",
        {
            "title": "Remote day centre",
            "broadcast": open_broadcast.pk,
            "maturity": "pilot",
            "languages": ["he", "ar"],
        },
        format="json",
    )
    assert draft.status_code == 201, draft.content
    pk = draft.json()["id"]
    assert (
        partner.patch(
            f"{API}/opportunities/{pk}/",
            {
                "summary": "Older people join the day centre from home",
                "need_categories": ["citizen_services"],
                "target_population": "older people",
            },
            format="json",
        ).status_code
        == 200
    )

    # 4. It attaches a PDF and submits.
    assert upload(partner, pk, "deck.pdf", PDF).status_code == 201
    with django_capture_on_commit_callbacks(execute=True):  # the matching task, after commit
        submitted = partner.post(f"{API}/opportunities/{pk}/submit/")
    # the matching task left through the outbox, written with the submission, and ran once
    match_messages = OutboxMessage.objects.filter(task="opportunities.match_opportunity")
    assert [(m.kwargs, m.state) for m in match_messages] == [
        ({"opportunity_id": pk, "revision": 1}, OutboxMessage.State.DONE)
    ]
    assert submitted.status_code == 200 and submitted.json()["revision"] == 1
    assert partner.patch(f"{API}/opportunities/{pk}/", {"summary": "x"}, format="json").status_code == 400

    # 5. The team sees it with its match, moves it, and leaves feedback.
    team = APIClient()
    team.force_login(cast.team_member)
    seen = team.get(f"/api/v1/opportunities/{pk}/").json()
    assert seen["matches"] and "broadcast" in seen["matches"][0]["reasons"]
    moved = team.post(
        f"/api/v1/opportunities/{pk}/pipeline/",
        {"pipeline": "screening", "feedback": "Let's meet next week"},
        format="json",
    )
    assert moved.status_code == 200

    # 6. The partner reads its status and the feedback.
    mine = partner.get(f"{API}/opportunities/{pk}/").json()
    assert (mine["pipeline"], mine["feedback"]) == ("screening", "Let's meet next week")
    assert "matches" not in mine  # the team's reasoning stays with the team

    # 7. Revising opens a new draft; submitting again makes revision 2, the first stays as it was.
    partner.post(f"{API}/opportunities/{pk}/revise/")
    partner.patch(f"{API}/opportunities/{pk}/", {"title": "Remote day centre, v2"}, format="json")
    assert partner.post(f"{API}/opportunities/{pk}/submit/").json()["revision"] == 2
    revisions = team.get(f"/api/v1/opportunities/{pk}/").json()["revisions"]
    assert [r["data"]["title"] for r in revisions] == ["Remote day centre", "Remote day centre, v2"]


def test_another_partners_opportunity_is_a_404(cast):
    theirs = Opportunity.objects.create(organization=cast.org_b, title="B's idea")
    client = keyed(key_for(cast.partner_a))
    assert client.get(f"{API}/opportunities/{theirs.pk}/").status_code == 404
    assert client.patch(f"{API}/opportunities/{theirs.pk}/", {"title": "x"}, format="json").status_code == 404
    assert client.post(f"{API}/opportunities/{theirs.pk}/submit/").status_code == 404
    assert client.get(f"{API}/opportunities/").json()["results"] == []


def test_a_field_a_partner_may_not_set_is_a_400_naming_it(cast):
    client = keyed(key_for(cast.partner_a))
    response = client.post(
        f"{API}/opportunities/",
        {"title": "X", "pipeline": "scale", "feedback": "great", "score": 100},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"pipeline", "feedback", "score"}


def test_a_repeated_post_with_the_same_idempotency_key_returns_the_first_result(cast):
    client = keyed(key_for(cast.partner_a))
    first = client.post(
        f"{API}/opportunities/", {"title": "Once"}, format="json", HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    again = client.post(
        f"{API}/opportunities/", {"title": "Once"}, format="json", HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and again["Idempotent-Replayed"] == "true"
    assert Opportunity.objects.filter(title="Once").count() == 1
    other = client.post(
        f"{API}/opportunities/", {"title": "Once"}, format="json", HTTP_IDEMPOTENCY_KEY="abc-2"
    )
    assert other.json()["id"] != first.json()["id"]


def test_throttling_per_key_answers_429_with_retry_after(cast, monkeypatch):
    monkeypatch.setattr(
        PartnerKeyThrottle,
        "THROTTLE_RATES",
        {**PartnerKeyThrottle.THROTTLE_RATES, PartnerKeyThrottle.scope: "3/minute"},
    )
    for partner in (cast.partner_a, cast.partner_b):  # Redis outlives test databases: start at zero
        throttle = PartnerKeyThrottle()
        throttle.cache.delete(throttle.get_cache_key(SimpleNamespace(user=partner), None))
    client = keyed(key_for(cast.partner_a))
    codes = [client.get(f"{API}/broadcasts/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    throttled = client.get(f"{API}/broadcasts/")
    assert int(throttled["Retry-After"]) > 0 and throttled.json()["code"] == "throttled"
    assert keyed(key_for(cast.partner_b)).get(f"{API}/broadcasts/").status_code == 200  # per key, not global


def test_key_rotation_replaces_the_key(cast, settings):
    settings.PARTNER_KEY_ROTATION_OVERLAP = datetime.timedelta(0)  # no overlap: the old key stops at once
    raw = key_for(cast.partner_a)
    rotated = keyed(raw).post(f"{API}/keys/rotate/")
    assert rotated.status_code == 201
    assert keyed(raw).get(f"{API}/broadcasts/").status_code == 401
    assert keyed(rotated.json()["key"]).get(f"{API}/broadcasts/").status_code == 200
    usable = [k for k in PartnerKey.objects.filter(user=cast.partner_a, revoked=False) if not k.has_expired]
    assert len(usable) == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.txt", b"just text", "type"),
        ("virus.pdf", b"MZ\x90\x00 this is an executable", "renamed extension"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_rejected_attachments(cast, name, content, reason):
    client = keyed(key_for(cast.partner_a))
    pk = client.post(f"{API}/opportunities/", {"title": "X"}, format="json").json()["id"]
    response = upload(client, pk, name, content)
    assert response.status_code == 400, reason
    assert "file" in response.json()["fields"]


def test_too_large_attachments_are_rejected(cast, settings):
    settings.ATTACHMENT_MAX_BYTES = 20
    client = keyed(key_for(cast.partner_a))
    pk = client.post(f"{API}/opportunities/", {"title": "X"}, format="json").json()["id"]
    assert upload(client, pk, "big.pdf", PDF).status_code == 400


def test_a_png_is_kept_as_a_png_whatever_its_name_and_served_only_to_those_allowed(cast):
    client = keyed(key_for(cast.partner_a))
    pk = client.post(f"{API}/opportunities/", {"title": "X"}, format="json").json()["id"]
    attachment = upload(client, pk, "photo.pdf", PNG).json()
    assert attachment["content_type"] == "image/png"
    browser = Client()
    browser.force_login(cast.partner_a)
    assert browser.get(attachment["url"]).status_code == 200
    browser.force_login(cast.partner_b)
    assert browser.get(attachment["url"]).status_code == 404
    browser.force_login(cast.team_member)
    assert browser.get(attachment["url"]).status_code == 404  # a draft is the partner's own until submitted


def test_registration_is_validated_and_does_not_tell_whether_a_name_exists(cast):
    client = APIClient()
    assert client.post(f"{API}/register/", {"name": "X"}, format="json").status_code == 400
    answers = [
        client.post(
            f"{API}/register/",
            {"name": name, "kind": "startup", "contact_name": "A", "contact_email": "a@example.org"},
            format="json",
        )
        for name in ("partner a ltd", "A name nobody has")
    ]
    assert [a.status_code for a in answers] == [201, 201]
    assert [set(a.json()) for a in answers] == [
        {"organization", "partner_status", "status_token", "status_url"}
    ] * 2
    # the team sees the duplicate when it approves (the approvals page warns; see test_views)
    assert Organization.objects.filter(partner_status=PartnerStatus.PENDING).count() == 2


def test_partner_endpoints_matrix(cast, open_broadcast):
    # Partner endpoints act for a partner organisation: for everyone else, administrators too, a 404.
    check_matrix(cast, "get", f"{API}/broadcasts/", statuses(401, 200, 200, 404, 404, 404, 404))
    check_matrix(cast, "get", f"{API}/opportunities/", statuses(401, 200, 200, 404, 404, 404, 404))
    check_matrix(
        cast,
        "post",
        f"{API}/opportunities/",
        statuses(401, 201, 201, 404, 404, 404, 404),
        data=lambda role: {"title": f"By {role}"},
    )
    mine = Opportunity.objects.filter(organization=cast.org_a).first()
    check_matrix(cast, "get", f"{API}/opportunities/{mine.pk}/", statuses(401, 200, 404, 404, 404, 404, 404))


def test_team_endpoints_matrix(cast, open_broadcast, settings):
    settings.PARTNER_MAX_ACTIVE_KEYS = 50  # the matrix issues a key per partner for each check
    submitted = Opportunity.objects.create(
        organization=cast.org_a,
        title="Sent",
        state="submitted",
        revision=1,
        summary="s",
        need_categories=["citizen_services"],
    )
    check_matrix(cast, "get", "/api/v1/opportunities/", statuses(401, 404, 404, 200, 200, 200, 200))
    check_matrix(
        cast, "get", f"/api/v1/opportunities/{submitted.pk}/", statuses(401, 404, 404, 200, 200, 200, 200)
    )
    check_matrix(
        cast,
        "post",
        f"/api/v1/opportunities/{submitted.pk}/pipeline/",
        statuses(401, 404, 404, 403, 200, 200, 200),
        data={"pipeline": "screening"},
    )
    check_matrix(cast, "get", "/api/v1/broadcasts/", statuses(401, 404, 404, 200, 200, 200, 200))
    check_matrix(
        cast, "get", f"/api/v1/broadcasts/{open_broadcast.pk}/", statuses(401, 404, 404, 200, 404, 200, 200)
    )
    for endpoint in ("scouting-activities", "knowledge-flows"):
        check_matrix(cast, "get", f"/api/v1/{endpoint}/", statuses(401, 404, 404, 200, 200, 200, 200))


def test_criteria_are_fixed_once_a_broadcast_opens(cast, open_broadcast):
    team = APIClient()
    team.force_login(cast.team_member)
    response = team.patch(
        f"/api/v1/broadcasts/{open_broadcast.pk}/",
        {"criteria": [{"name": "New", "weight": 1}]},
        format="json",
    )
    assert response.status_code == 400 and "criteria" in response.json()["fields"]


def test_declining_needs_a_reason(cast):
    submitted = Opportunity.objects.create(
        organization=cast.org_a, title="Sent", state="submitted", revision=1
    )
    team = APIClient()
    team.force_login(cast.team_member)
    assert (
        team.post(
            f"/api/v1/opportunities/{submitted.pk}/pipeline/", {"pipeline": "declined"}, format="json"
        ).status_code
        == 400
    )


def test_query_counts(cast, open_broadcast):
    from tests.querycount import assert_queries_do_not_grow

    partner = keyed(key_for(cast.partner_a))
    team = APIClient()
    team.force_login(cast.team_member)

    def grow():
        for i in range(3):
            pk = partner.post(
                f"{API}/opportunities/",
                {"title": f"O{i}", "summary": "s", "need_categories": ["citizen_services"]},
                format="json",
            ).json()["id"]
            upload(partner, pk, f"{i}.pdf", PDF)
            partner.post(f"{API}/opportunities/{pk}/submit/")

    for client, url in (
        (partner, f"{API}/opportunities/"),
        (team, "/api/v1/opportunities/"),
        (partner, f"{API}/broadcasts/"),
    ):
        assert_queries_do_not_grow(lambda client=client, url=url: client.get(url), grow, at_most=10)


def test_each_profile_serializer_gets_fields_of_its_own_copied_from_fields_built_once():
    """The fields are built once per process and copied for each serializer (issue 17): a copy is
    bound to its own serializer, a list's child is its own, and the fields built once stay unbound."""
    from opportunities.api.serializers import PartnerOpportunitySerializer

    first, second = PartnerOpportunitySerializer(), PartnerOpportunitySerializer()
    assert list(first.fields) == list(second.fields)
    built = PartnerOpportunitySerializer._built_fields
    assert list(built) == list(first.fields)
    for name in built:
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].parent is first and second.fields[name].parent is second
        assert first.fields[name].field_name == name
        assert getattr(built[name], "parent", None) is None
    assert first.fields["need_categories"].child is not second.fields["need_categories"].child
    assert first.fields["attachments"] is not second.fields["attachments"]
