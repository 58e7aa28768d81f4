"""The partner contract's behaviour: what the team sees of drafts, attachments and their downloads,
filters, registration without leaks, names without invisible characters, API keys (cap, rotation
with an overlap), bad ids, and the examples of the OpenAPI document."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from api_human.core import services as core_services
from api_human.core import text
from api_human.core.models import Organization, PartnerKey, PartnerStatus, User
from api_human.core.services import record_create
from initiatives.models import Need
from opportunities import metrics, services
from opportunities.models import Attachment, KeyRotation, Match, Opportunity
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/partner"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _no_partner_rate_limit(monkeypatch):
    """These tests make many calls per organisation (the rate limit has its own tests)."""
    from opportunities.api.throttling import PartnerKeyThrottle

    rates = {**PartnerKeyThrottle.THROTTLE_RATES, PartnerKeyThrottle.scope: "100000/minute"}
    monkeypatch.setattr(PartnerKeyThrottle, "THROTTLE_RATES", rates)


def keyed(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


def key_for(user, name="tests"):
    return core_services.partner_key_issue(user=user, name=name)[1]


def upload(client, pk, name, content):
    return client.post(
        f"{API}/opportunities/{pk}/attachments/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def team_api(cast):
    client = APIClient()
    client.force_login(cast.team_member)
    return client


def browser(user):
    client = Client()
    client.force_login(user)
    return client


def need(cast, title="Older people at home", category="citizen_services"):
    return record_create(
        Need,
        actor=cast.team_member,
        data={"engagement": cast.engagement, "title": title, "source": "citizens", "category": category},
    )


@pytest.fixture
def partner(cast):
    return keyed(key_for(cast.partner_a))


def submitted_profile(partner, title="Remote day centre"):
    pk = partner.post(
        f"{API}/opportunities/",
        {
            "title": title,
            "summary": "Older people join the day centre from home",
            "need_categories": ["citizen_services"],
            "target_population": "older people",
        },
        format="json",
    ).json()["id"]
    assert upload(partner, pk, "deck.pdf", PDF).status_code == 201
    assert partner.post(f"{API}/opportunities/{pk}/submit/").status_code == 200
    return pk


# ------------------------------------------------------------------------------------------------
# 1. The team sees submitted revisions only
# ------------------------------------------------------------------------------------------------
def test_the_team_sees_the_submitted_revision_while_the_partner_edits_a_new_draft(cast, partner):
    pk = submitted_profile(partner)
    assert partner.post(f"{API}/opportunities/{pk}/revise/").status_code == 200
    changed = partner.patch(
        f"{API}/opportunities/{pk}/",
        {
            "title": "Secret v2 draft",
            "summary": "Not for the team yet",
            "need_categories": ["quality_of_care"],
        },
        format="json",
    )
    assert changed.status_code == 200, changed.content
    draft_file = upload(partner, pk, "v2.pdf", PDF).json()
    assert draft_file["submitted_in"] is None

    # the partner reads its draft and all its files
    mine = partner.get(f"{API}/opportunities/{pk}/").json()
    assert (mine["title"], mine["state"], mine["revision"]) == ("Secret v2 draft", "draft", 1)
    assert [a["original_name"] for a in mine["attachments"]] == ["deck.pdf", "v2.pdf"]
    assert [a["submitted_in"] for a in mine["attachments"]] == [1, None]
    assert partner.get(f"{API}/opportunities/").json()["results"][0]["title"] == "Secret v2 draft"

    # the team's API: detail and list show revision 1 and the file submitted with it
    team = team_api(cast)
    seen = team.get(f"/api/v1/opportunities/{pk}/").json()
    assert (seen["title"], seen["summary"], seen["need_categories"]) == (
        "Remote day centre",
        "Older people join the day centre from home",
        ["citizen_services"],
    )
    assert [a["original_name"] for a in seen["attachments"]] == ["deck.pdf"]
    assert "draft" not in seen
    listed = team.get("/api/v1/opportunities/").json()["results"]
    assert [(o["title"], len(o["attachments"])) for o in listed] == [("Remote day centre", 1)]
    assert team.get("/api/v1/opportunities/?q=Secret").json()["results"] == []

    # the team's pages
    pages = browser(cast.team_member)
    for url in ("/opportunities/", f"/opportunities/{pk}/"):
        page = pages.get(url).content.decode()
        assert "Remote day centre" in page and "Secret v2 draft" not in page and "v2.pdf" not in page
    assert pages.get(f"/attachments/{draft_file['id']}/").status_code == 404
    submitted_file = Attachment.objects.get(original_name="deck.pdf")
    assert pages.get(f"/attachments/{submitted_file.pk}/").status_code == 200
    assert browser(cast.partner_a).get(f"/attachments/{draft_file['id']}/").status_code == 200

    # matching reads the submitted revision, not the draft's categories
    target = need(cast)
    services.opportunity_match(opportunity=Opportunity.objects.get(pk=pk))
    assert Match.objects.filter(opportunity=pk, need=target).exists()
    # and the evidence score counts only files the team can see
    assert metrics.evidence([pk])[pk] == 0.5

    # submitting makes the draft the team's view, with its file
    assert partner.post(f"{API}/opportunities/{pk}/submit/").json()["revision"] == 2
    seen = team.get(f"/api/v1/opportunities/{pk}/").json()
    assert seen["title"] == "Secret v2 draft"
    assert [(a["original_name"], a["submitted_in"]) for a in seen["attachments"]] == [
        ("deck.pdf", 1),
        ("v2.pdf", 2),
    ]
    assert [r["data"]["title"] for r in seen["revisions"]] == ["Remote day centre", "Secret v2 draft"]
    assert pages.get(f"/attachments/{draft_file['id']}/").status_code == 200


def test_a_put_on_a_revised_draft_also_stays_with_the_partner(cast, partner):
    pk = submitted_profile(partner)
    partner.post(f"{API}/opportunities/{pk}/revise/")
    replaced = partner.put(
        f"{API}/opportunities/{pk}/", {"title": "Replaced", "contact_name": "Ｄａｎ"}, format="json"
    )
    assert replaced.status_code == 200 and replaced.json()["contact_name"] == "Dan"
    assert Opportunity.objects.get(pk=pk).title == "Remote day centre"  # the row is the submitted revision
    assert team_api(cast).get(f"/api/v1/opportunities/{pk}/").json()["title"] == "Remote day centre"


def test_the_team_list_stays_within_its_query_budget_with_revised_drafts(cast, partner):
    from tests.querycount import assert_queries_do_not_grow

    team = team_api(cast)

    def grow():
        for i in range(3):
            pk = submitted_profile(partner, f"P{timezone.now().timestamp()}-{i}")
            partner.post(f"{API}/opportunities/{pk}/revise/")
            partner.patch(f"{API}/opportunities/{pk}/", {"title": "draft"}, format="json")
            upload(partner, pk, "draft.pdf", PDF)

    assert_queries_do_not_grow(lambda: team.get("/api/v1/opportunities/"), grow, at_most=10)
    assert_queries_do_not_grow(lambda: partner.get(f"{API}/opportunities/"), grow, at_most=10)


# ------------------------------------------------------------------------------------------------
# 2. Attachments take their extension from the detected type; 3. the partner downloads via the API
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sent_as", "content", "kept_as", "content_type"),
    [
        ("evil.html", PDF, "evil.pdf", "application/pdf"),
        ("x.exe", PDF, "x.pdf", "application/pdf"),
        ("photo.pdf", PNG, "photo.png", "image/png"),
        ("scan.png", JPEG, "scan.jpg", "image/jpeg"),
        ("no-extension", PDF, "no-extension.pdf", "application/pdf"),
        ("../../etc/passwd", PDF, "passwd.pdf", "application/pdf"),
        ("in\u202egpj.exe", PNG, "ingpj.png", "image/png"),
        (".html", PDF, "html.pdf", "application/pdf"),
        ("...", PDF, "attachment.pdf", "application/pdf"),
    ],
)
def test_an_attachment_is_named_by_its_detected_type(cast, partner, sent_as, content, kept_as, content_type):
    pk = partner.post(f"{API}/opportunities/", {"title": "X"}, format="json").json()["id"]
    sent = upload(partner, pk, sent_as, content)
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert (body["original_name"], body["content_type"]) == (kept_as, content_type)
    attachment = Attachment.objects.get(pk=body["id"])
    assert attachment.file.name.endswith("." + kept_as.rsplit(".", 1)[1])
    download = partner.get(body["url"])
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"] == f'attachment; filename="{kept_as}"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content


def test_the_partner_downloads_its_own_attachments_through_the_api(cast, partner):
    pk = partner.post(f"{API}/opportunities/", {"title": "X"}, format="json").json()["id"]
    attachment = upload(partner, pk, "deck.pdf", PDF).json()
    url = f"{API}/opportunities/{pk}/attachments/{attachment['id']}/"
    assert attachment["url"] == url
    assert partner.get(url, HTTP_ACCEPT="application/pdf").status_code == 200
    other = keyed(key_for(cast.partner_b))
    response = other.get(url)
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert other.get(f"{API}/opportunities/{pk}/").status_code == 404
    assert team_api(cast).get(url).status_code == 404  # the partner API is for partners
    # another opportunity's attachment under my opportunity's URL
    theirs = Opportunity.objects.create(organization=cast.org_b, title="B")
    their_file = services.attachment_add(
        opportunity=theirs, actor=cast.partner_b, upload=SimpleUploadedFile("b.pdf", PDF)
    )
    assert partner.get(f"{API}/opportunities/{pk}/attachments/{their_file.pk}/").status_code == 404
    assert partner.get(f"{API}/opportunities/{pk}/attachments/999999999999999999999/").status_code == 404


def test_the_team_representation_keeps_the_team_download_url(cast, partner):
    pk = submitted_profile(partner)
    attachment = team_api(cast).get(f"/api/v1/opportunities/{pk}/").json()["attachments"][0]
    assert attachment["url"] == f"/attachments/{attachment['id']}/"


# ------------------------------------------------------------------------------------------------
# 4. Partner list filters and ordering; 5. the decline reason
# ------------------------------------------------------------------------------------------------
def test_partner_list_filters(cast, partner):
    old = partner.post(f"{API}/opportunities/", {"title": "Old"}, format="json").json()["id"]
    Opportunity.objects.filter(pk=old).update(updated_at=timezone.now() - datetime.timedelta(days=3))
    sent = submitted_profile(partner, "Sent")
    team_api(cast).post(f"/api/v1/opportunities/{sent}/pipeline/", {"pipeline": "screening"}, format="json")

    def titles(query):
        response = partner.get(f"{API}/opportunities/?{query}")
        assert response.status_code == 200, response.content
        return sorted(o["title"] for o in response.json()["results"])

    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert titles(f"updated_since={since.replace('+', '%2B')}") == ["Sent"]
    assert titles(f"updated_since={since}") == ["Sent"]  # an unencoded + (a space) is understood
    assert titles("updated_since=2000-01-01") == ["Old", "Sent"]
    assert titles("state=draft") == ["Old"]
    assert titles("state=submitted&pipeline=screening") == ["Sent"]
    assert titles("pipeline=declined") == []
    assert [
        o["title"] for o in partner.get(f"{API}/opportunities/?ordering=updated_at").json()["results"]
    ] == [
        "Old",
        "Sent",
    ]
    for query in ("updated_since=yesterday", "state=lost", "pipeline=nowhere", "ordering=pipeline"):
        response = partner.get(f"{API}/opportunities/?{query}")
        body = response.json()
        assert response.status_code == 400, query
        assert set(body) == {"status", "code", "message", "fields", "errors"}
        assert body["code"] == "invalid" and body["errors"][0]["field"] == query.split("=")[0]


def test_team_list_ordering(cast, partner):
    submitted_profile(partner, "B title")
    submitted_profile(partner, "A title")
    team = team_api(cast)
    ordered = team.get("/api/v1/opportunities/?ordering=title").json()["results"]
    assert [o["title"] for o in ordered] == ["A title", "B title"]
    assert team.get("/api/v1/opportunities/?ordering=updated_at").status_code == 400


def test_the_partner_reads_the_feedback_and_the_decline_reason(cast, partner):
    pk = submitted_profile(partner)
    team_api(cast).post(
        f"/api/v1/opportunities/{pk}/pipeline/",
        {"pipeline": "declined", "feedback": "Thank you", "decline_reason": "Already served"},
        format="json",
    )
    mine = partner.get(f"{API}/opportunities/{pk}/").json()
    assert (mine["pipeline"], mine["feedback"], mine["decline_reason"]) == (
        "declined",
        "Thank you",
        "Already served",
    )
    refused = partner.patch(f"{API}/opportunities/{pk}/", {"decline_reason": "no"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {"field": "decline_reason", "code": "read_only", "message": refused.json()["errors"][0]["message"]}
    ]


# ------------------------------------------------------------------------------------------------
# 6. Registration
# ------------------------------------------------------------------------------------------------
def register(name, **extra):
    return APIClient().post(
        f"{API}/register/",
        {
            "name": name,
            "kind": "startup",
            "contact_name": "Noa Ben",
            "contact_email": "noa@example.org",
            **extra,
        },
        format="json",
    )


def test_registration_answers_the_same_whether_or_not_the_name_exists(cast):
    OrganizationFactory(name="Welfare Division North", world="welfare", kind="ministry_division")
    answers = [register(name) for name in ("Brand New Ltd", "welfare division north", "PARTNER A LTD")]
    assert {a.status_code for a in answers} == {201}
    shapes = [{k: type(v).__name__ for k, v in a.json().items()} for a in answers]
    assert shapes[0] == shapes[1] == shapes[2]
    assert {a.json()["partner_status"] for a in answers} == {"pending"}


def test_registration_status_follows_the_teams_decision(cast):
    answer = register("Care Bridge").json()
    assert answer["status_url"] == f"/api/v1/partner/registration/{answer['status_token']}/"
    anonymous = APIClient()
    pending = anonymous.get(answer["status_url"])
    assert pending.status_code == 200
    assert pending.json()["partner_status"] == "pending" and pending.json()["decided_at"] is None
    organization = Organization.objects.get(pk=answer["organization"])
    services.partner_approve(organization=organization, actor=cast.team_member)
    approved = anonymous.get(answer["status_url"]).json()
    assert approved["partner_status"] == "approved" and approved["decided_at"] is not None

    other = register("Declined Ltd").json()
    services.partner_reject(
        organization=Organization.objects.get(pk=other["organization"]), actor=cast.team_member
    )
    assert anonymous.get(other["status_url"]).json()["partner_status"] == "rejected"


@pytest.mark.parametrize("token", ["nonsense", "MQ:1tKpXz:forged", "x" * 300])
def test_a_bad_registration_token_is_a_404(cast, token):
    response = APIClient().get(f"{API}/registration/{token}/")
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "message": response.json()["message"],
        "fields": {},
        "errors": [],
    }


def test_a_token_of_another_organisation_is_not_a_registration(cast):
    from django.core import signing

    forged = signing.dumps(cast.org_a.pk)  # signed, but not with the registration's salt
    assert APIClient().get(f"{API}/registration/{forged}/").status_code == 404
    unregistered = services.registration_token(OrganizationFactory(name="Never registered"))
    assert APIClient().get(f"{API}/registration/{unregistered}/").status_code == 404


def test_the_team_sees_the_duplicate_when_approving(cast):
    OrganizationFactory(name="Welfare Division North", world="welfare", kind="ministry_division")
    duplicate = register("ＷＥＬＦＡＲＥ division north").json()  # full-width: stored NFKC
    assert Organization.objects.get(pk=duplicate["organization"]).name == "WELFARE division north"
    register("Unique Ventures")
    pages = browser(cast.team_member)
    page = pages.get("/partners/approvals/").content.decode()
    assert page.count("namesake-warning") == 1 and "Welfare Division North" in page
    refused = pages.post(
        "/partners/approvals/", {"verb": "approve", "organization": duplicate["organization"]}
    )
    assert refused.status_code == 400 and "issued-key" not in refused.content.decode()
    assert Organization.objects.get(pk=duplicate["organization"]).partner_status == PartnerStatus.PENDING
    unique = Organization.objects.get(name="Unique Ventures")
    approved = pages.post("/partners/approvals/", {"verb": "approve", "organization": unique.pk})
    assert 'id="issued-key"' in approved.content.decode()


# ------------------------------------------------------------------------------------------------
# 7. Names without invisible tricks
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["Uni\u200bper", "\u202eRepinU", "Uni\u00adper", "\ufeffUniper", "Uni\u2066per"]
)
def test_registration_refuses_invisible_characters(cast, name):
    response = register(name, contact_name=f"Dan {name}")
    assert response.status_code == 400
    codes = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert codes == {("name", "invisible_characters"), ("contact_name", "invisible_characters")}
    assert not Organization.objects.filter(partner_status=PartnerStatus.PENDING).exists()


def test_full_width_names_are_stored_plain(cast):
    answer = register("Ｕｎｉｐｅｒ", contact_name="Ｎｏａ Ｂｅｎ")
    assert answer.status_code == 201
    organization = Organization.objects.get(pk=answer.json()["organization"])
    assert (organization.name, organization.contact_name) == ("Uniper", "Noa Ben")
    person = organization.people.get()
    assert (person.first_name, person.last_name) == ("Noa", "Ben")


def test_opportunity_contact_names_and_the_invite_form(cast, partner):
    refused = partner.post(
        f"{API}/opportunities/", {"title": "X", "contact_name": "Dan\u200d"}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["errors"][0]["code"] == "invisible_characters"
    created = partner.post(f"{API}/opportunities/", {"title": "X", "contact_name": "Ｄａｎ"}, format="json")
    assert created.json()["contact_name"] == "Dan"
    met = OrganizationFactory(name="Met at a hackathon")
    pages = browser(cast.team_member)
    form = {"verb": "invite", "organization": met.pk, "contact_email": "a@b.example"}
    assert pages.post("/partners/approvals/", {**form, "contact_name": "A\u202eB"}).status_code == 400
    assert (
        'id="issued-key"'
        in pages.post("/partners/approvals/", {**form, "contact_name": "Ａ Ｂ"}).content.decode()
    )
    assert met.people.get().first_name == "A"


def test_the_core_records_refuse_and_normalise_names(cast):
    team = team_api(cast)
    payload = {"world": "digital", "kind": "startup"}
    refused = team.post("/api/v1/organizations/", {**payload, "name": "Uni\u200bper"}, format="json")
    assert refused.status_code == 400 and refused.json()["errors"][0]["code"] == "invisible_characters"
    created = team.post(
        "/api/v1/organizations/", {**payload, "name": "Ｕｎｉｐｅｒ", "contact_name": "Ｄａｎ"}, format="json"
    )
    assert created.status_code == 201, created.content
    assert (created.json()["name"], created.json()["contact_name"]) == ("Uniper", "Dan")
    # a second Uniper, full-width or not, is the same name
    again = team.post("/api/v1/organizations/", {**payload, "name": "ｕｎｉｐｅｒ"}, format="json")
    assert again.status_code == 400
    person = User(username="someone", first_name="\u202eRepinU", last_name="Ｌｅｖｉ")
    with pytest.raises(ValidationError) as refused_person:
        person.full_clean(exclude=["password"])
    assert "first_name" in refused_person.value.message_dict
    person.first_name = "Noa"
    person.full_clean(exclude=["password"])
    assert person.last_name == "Levi"


def test_the_text_helpers():
    assert text.invisible_characters("a\u200bb\u200bc\u202e") == ["U+200B", "U+202E"]
    assert text.invisible_characters("שלום עולם · Hello") == []
    assert text.normalise("ﬁle Ｕ") == "file U"
    assert text.name_key("  Ｕｎｉｐｅｒ   LTD ") == "uniper ltd"
    with pytest.raises(ValidationError) as refused:
        text.refuse_invisible("x\u2069")
    assert refused.value.code == "invisible_characters"


# ------------------------------------------------------------------------------------------------
# 8. API keys: a cap per organisation, rotation with an overlap, no-store
# ------------------------------------------------------------------------------------------------
def test_an_organisation_holds_at_most_the_configured_number_of_active_keys(cast, settings):
    settings.PARTNER_MAX_ACTIVE_KEYS = 2
    first = key_for(cast.partner_a, "one")
    key_for(cast.partner_a, "two")
    with pytest.raises(ValidationError) as refused:
        key_for(cast.partner_a, "three")
    assert refused.value.error_dict["key"][0].code == "key_limit"
    key_for(cast.partner_b, "other organisations count on their own")
    # rotating replaces a key: allowed at the cap
    rotated = keyed(first).post(f"{API}/keys/rotate/")
    assert rotated.status_code == 201
    # the partner's page answers 400 with the reason (not a 500), and never caches a key
    page = browser(cast.partner_a).post("/partner/keys/", {"name": "four"})
    assert page.status_code == 400
    # a revoked key frees a place
    core_services.partner_key_revoke(key=PartnerKey.objects.get(user=cast.partner_a, name="two"))
    issued = browser(cast.partner_a).post("/partner/keys/", {"name": "five"})
    assert issued.status_code == 200 and "no-store" in issued["Cache-Control"]


def test_the_approval_flow_respects_the_cap(cast, settings):
    settings.PARTNER_MAX_ACTIVE_KEYS = 1
    key_for(cast.partner_a)
    pages = browser(cast.team_member)
    response = pages.post(
        "/partners/approvals/",
        {
            "verb": "invite",
            "organization": cast.org_a.pk,
            "contact_name": "Second Person",
            "contact_email": "s@a.example",
        },
    )
    assert response.status_code == 400 and "issued-key" not in response.content.decode()
    assert PartnerKey.objects.filter(user__organization=cast.org_a).count() == 1


def test_rotation_keeps_the_old_key_for_the_overlap(cast, settings):
    settings.PARTNER_KEY_ROTATION_OVERLAP = datetime.timedelta(hours=24)
    raw = key_for(cast.partner_a)
    before = timezone.now()
    rotated = keyed(raw).post(f"{API}/keys/rotate/")
    assert rotated.status_code == 201
    assert rotated["Cache-Control"] == "no-store"
    body = rotated.json()
    assert set(body) == {"prefix", "key", "previous_key_expires_at"}
    until = datetime.datetime.fromisoformat(body["previous_key_expires_at"])
    assert (
        before + datetime.timedelta(hours=23, minutes=59)
        < until
        <= timezone.now() + datetime.timedelta(hours=24)
    )
    assert keyed(raw).get(f"{API}/broadcasts/").status_code == 200  # still works during the overlap
    assert keyed(body["key"]).get(f"{API}/broadcasts/").status_code == 200
    old = PartnerKey.objects.get(user=cast.partner_a, expiry_date__isnull=False)
    assert KeyRotation.objects.get(old_key=old).new_key.prefix == body["prefix"]
    # a key rotates once
    again = keyed(raw).post(f"{API}/keys/rotate/")
    assert again.status_code == 400 and again.json()["errors"][0]["code"] == "rotated"
    # after the overlap the old key stops
    PartnerKey.objects.filter(pk=old.pk).update(expiry_date=timezone.now() - datetime.timedelta(seconds=1))
    assert keyed(raw).get(f"{API}/broadcasts/").status_code == 401
    assert keyed(body["key"]).get(f"{API}/broadcasts/").status_code == 200


def test_rotation_never_lengthens_a_key_that_expires_sooner(cast):
    key, raw = core_services.partner_key_issue(user=cast.partner_a, name="short")
    soon = timezone.now() + datetime.timedelta(hours=1)
    PartnerKey.objects.filter(pk=key.pk).update(expiry_date=soon)
    body = keyed(raw).post(f"{API}/keys/rotate/").json()
    assert datetime.datetime.fromisoformat(body["previous_key_expires_at"]) == soon


def test_rotation_from_a_browser_session_is_a_translated_400(cast):
    client = APIClient()
    client.force_login(cast.partner_a)
    response = client.post(f"{API}/keys/rotate/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "code": "api_key_required",
        "message": "Call this with the API key to rotate, in the header Authorization: Api-Key <key>.",
        "fields": {},
        "errors": [],
    }


def test_the_approval_page_showing_a_key_is_never_cached(cast):
    services.partner_register(
        name="Pending Co", kind="startup", contact_name="P Q", contact_email="p@q.example"
    )
    response = browser(cast.team_member).post(
        "/partners/approvals/",
        {"verb": "approve", "organization": Organization.objects.get(name="Pending Co").pk},
    )
    assert 'id="issued-key"' in response.content.decode() and "no-store" in response["Cache-Control"]


# ------------------------------------------------------------------------------------------------
# 9. Bad ids are 404s
# ------------------------------------------------------------------------------------------------
def test_every_bad_match_id_is_a_404(cast, partner):
    pk = submitted_profile(partner)
    need(cast)
    services.opportunity_match(opportunity=Opportunity.objects.get(pk=pk))
    other = submitted_profile(partner, "Other")
    services.opportunity_match(opportunity=Opportunity.objects.get(pk=other))
    theirs = Match.objects.filter(opportunity=other).first()
    team = team_api(cast)
    for url in (
        f"/api/v1/opportunities/{pk}/matches/0/confirm/",
        "/api/v1/opportunities/1/matches/0/confirm/",
        "/api/v1/opportunities/0/matches/0/confirm/",
        f"/api/v1/opportunities/{pk}/matches/99999999999999999999999/confirm/",
        f"/api/v1/opportunities/{pk}/matches/{theirs.pk}/confirm/",
        "/api/v1/opportunities/99999999999999999999/matches/1/confirm/",
        f"/api/v1/opportunities/{pk}/matches/\u0663/confirm/",
    ):
        response = team.post(url)
        assert response.status_code == 404, (url, response.status_code)
    pages = browser(cast.team_member)
    for value in ("0", "abc", "", "99999999999999999999999", "\u0663", str(theirs.pk)):
        assert pages.post(f"/opportunities/{pk}/confirm/", {"match": value}).status_code == 404, value
    assert pages.post(f"/opportunities/{pk}/confirm/", {}).status_code == 404
    mine = Match.objects.filter(opportunity=pk).first()
    assert team.post(f"/api/v1/opportunities/{pk}/matches/{mine.pk}/confirm/").status_code == 200


# ------------------------------------------------------------------------------------------------
# 10. The OpenAPI document: examples on every partner operation, true response schemas
# ------------------------------------------------------------------------------------------------
PARTNER_OPERATIONS = {
    ("/api/v1/partner/register/", "post"): "201",
    ("/api/v1/partner/registration/{token}/", "get"): "200",
    ("/api/v1/partner/broadcasts/", "get"): "200",
    ("/api/v1/partner/broadcasts/{id}/", "get"): "200",
    ("/api/v1/partner/opportunities/", "get"): "200",
    ("/api/v1/partner/opportunities/", "post"): "201",
    ("/api/v1/partner/opportunities/{id}/", "get"): "200",
    ("/api/v1/partner/opportunities/{id}/", "put"): "200",
    ("/api/v1/partner/opportunities/{id}/", "patch"): "200",
    ("/api/v1/partner/opportunities/{id}/submit/", "post"): "200",
    ("/api/v1/partner/opportunities/{id}/revise/", "post"): "200",
    ("/api/v1/partner/opportunities/{id}/attachments/", "post"): "201",
    ("/api/v1/partner/opportunities/{id}/attachments/{attachment_pk}/", "get"): "200",
    ("/api/v1/partner/keys/rotate/", "post"): "201",
}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return json.loads(APIClient().get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en").content)


def _ref(schema, content):
    ref = content["schema"].get("$ref") or content["schema"].get("allOf", [{}])[0].get("$ref", "")
    return ref.rsplit("/", 1)[-1]


def test_every_partner_operation_has_request_response_and_error_examples(schema):
    for (path, method), success in PARTNER_OPERATIONS.items():
        operation = schema["paths"][path][method]
        where = f"{method.upper()} {path}"
        if method in {"post", "put", "patch"} and "requestBody" in operation:
            assert any(c.get("examples") for c in operation["requestBody"]["content"].values()), where
        success_content = operation["responses"][success]["content"]
        assert any(c.get("examples") for c in success_content.values()), where
        errors = [
            example["value"]
            for code, answer in operation["responses"].items()
            if code.startswith("4")
            for content in answer.get("content", {}).values()
            for example in content.get("examples", {}).values()
        ]
        assert errors and all(set(e) == {"status", "code", "message", "fields", "errors"} for e in errors), (
            where
        )
        for examples in [c.get("examples", {}) for c in success_content.values()]:
            assert all(re.fullmatch(r"[A-Za-z0-9]+", name) for name in examples), (where, list(examples))


def test_response_schemas_are_what_the_server_returns(schema):
    paths = schema["paths"]
    register = paths["/api/v1/partner/register/"]["post"]["responses"]["201"]["content"]["application/json"]
    assert _ref(schema, register) == "Registration"
    properties = schema["components"]["schemas"]["Registration"]["properties"]
    assert set(properties) == {"organization", "partner_status", "status_token", "status_url"}
    rotate = paths["/api/v1/partner/keys/rotate/"]["post"]["responses"]["201"]["content"]["application/json"]
    assert set(schema["components"]["schemas"][_ref(schema, rotate)]["properties"]) == {
        "prefix",
        "key",
        "previous_key_expires_at",
    }
    download = paths["/api/v1/partner/opportunities/{id}/attachments/{attachment_pk}/"]["get"]["responses"][
        "200"
    ]
    assert set(download["content"]) == {"application/pdf", "image/png", "image/jpeg"}
    status = paths["/api/v1/partner/registration/{token}/"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]
    assert set(schema["components"]["schemas"][_ref(schema, status)]["properties"]) == {
        "partner_status",
        "registered_at",
        "decided_at",
    }
    profile = schema["components"]["schemas"]["PartnerOpportunity"]["properties"]
    assert profile["decline_reason"]["readOnly"] and profile["updated_at"]["readOnly"]
    list_parameters = {p["name"] for p in paths["/api/v1/partner/opportunities/"]["get"]["parameters"]}
    assert {"updated_since", "state", "pipeline", "ordering"} <= list_parameters


def test_the_examples_match_the_serializers(cast, partner):
    """The response examples carry exactly the fields the server sends."""
    from opportunities.api import examples

    pk = submitted_profile(partner)
    real = partner.get(f"{API}/opportunities/{pk}/").json()
    assert set(examples.PROFILE) == set(real)
    assert set(examples.ATTACHMENT) == set(real["attachments"][0])
    registered = register("Example Care Ltd").json()
    assert set(examples.REGISTER_RESPONSE.value) == set(registered)


def test_a_rotation_is_never_stored_for_replay(cast):
    from api_human.core.models import IdempotencyKey

    raw = key_for(cast.partner_a)
    first = keyed(raw).post(f"{API}/keys/rotate/", HTTP_IDEMPOTENCY_KEY="rotate-1")
    assert first.status_code == 201
    new_key = first.json()["key"]
    assert not any(new_key.encode() in bytes(row.body) for row in IdempotencyKey.objects.all())
    again = keyed(raw).post(f"{API}/keys/rotate/", HTTP_IDEMPOTENCY_KEY="rotate-1")
    assert again.status_code == 400 and new_key not in again.content.decode()


def test_the_documented_pattern_is_the_rule(schema):
    import unicodedata

    validator = text.InvisibleCharactersValidator()
    pattern = re.compile(validator.regex.pattern)
    for code_point in range(0x110000):
        char = chr(code_point)
        visible = unicodedata.category(char) not in text.INVISIBLE_CATEGORIES
        if code_point < 0x10000:  # the documented pattern names the Basic Multilingual Plane's
            assert bool(pattern.match(f"a{char}b")) == visible, hex(code_point)
        assert (not text.invisible_characters(f"a{char}b")) == visible, hex(code_point)
    register = schema["components"]["schemas"]["RegisterRequest"]["properties"]
    assert register["name"]["pattern"] == register["contact_name"]["pattern"]
    assert re.compile(register["name"]["pattern"]).match("Uniper")
    assert not re.compile(register["name"]["pattern"]).match("Uni\u200bper")
