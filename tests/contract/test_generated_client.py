"""The partner flow, run by a Python client that ``openapi-python-client`` generates from the schema the
live server serves — untouched: no generated line is edited, every call goes through its typed API
functions (``sync_detailed``) and every answer is read through its typed models.

A parse error is the schema lying about an answer; a status the schema does not document raises
``UnexpectedStatus``; a property the server sends that the schema does not declare is reported too.

The flow: register → the registration's status (pending) → the team approves (the service: approval
is the team's browser action) → the status (approved) → register a webhook endpoint on a receiver
this test runs on 127.0.0.1 → send it a test event (a signed ``ping``) → list broadcasts → create a draft → read it (ETag) → patch it
(If-Match) → upload a PDF → download it back → submit → the team moves the pipeline and writes
feedback (the team API, with a team member's browser session) → the partner reads the feedback →
the receiver gets the signed ``opportunity.pipeline_changed`` delivery → revise → rotate the key →
go on with the new key → the registration's status again.

Each step is reported on its own: a failing step does not hide the ones after it (those that need
what it should have produced say so). No step is skipped: an operation missing from the schema is a
failure that names it.
"""

import contextlib
import dataclasses
import datetime
import enum
import hashlib
import hmac
import http.server
import importlib
import inspect
import io
import json
import os
import pkgutil
import subprocess
import sys
import threading
import time
import traceback
import types
import uuid
from pathlib import Path

import attrs
import httpx
import pytest
from django.db import transaction

from api_human.core.models import Organization, Role
from opportunities import services as opportunity_services
from opportunities.models import Broadcast
from tests.contract.conftest import session_credentials
from tests.factories import EngagementFactory, MembershipFactory, UserFactory

PACKAGE = "contract_sdk"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"
# openapi-python-client reads bodies only as JSON, text or application/octet-stream; the generator's
# documented setting maps the attachment types onto bytes (README's walk-through uses the same).
GENERATOR_CONFIG = """\
content_type_overrides:
  application/pdf: application/octet-stream
  image/png: application/octet-stream
  image/jpeg: application/octet-stream
"""
WEBHOOK_WAIT_SECONDS = 20
WEBHOOK_TOLERANCE_SECONDS = 300


# ------------------------------------------------------------------------------------------------
# The SDK: generated once for the module from the live server's schema, imported from a tmp dir
# ------------------------------------------------------------------------------------------------
@dataclasses.dataclass
class SDK:
    package: types.ModuleType
    operations: dict  # operationId -> module with sync_detailed
    warnings: str  # what the generator printed about parts it could not generate

    def op(self, operation_id: str):
        try:
            return self.operations[operation_id]
        except KeyError:
            raise AssertionError(
                f"operation {operation_id!r} is not in the schema (the generated client has no such function)"
            ) from None

    @property
    def models(self):
        return importlib.import_module(f"{PACKAGE}.models")

    @property
    def client_module(self):
        return importlib.import_module(f"{PACKAGE}.client")

    @property
    def types(self):
        return importlib.import_module(f"{PACKAGE}.types")


@pytest.fixture(scope="module")
def sdk(live_server, tmp_path_factory, django_db_blocker):
    if not GENERATOR.exists():
        pytest.fail(f"{GENERATOR} is missing: install the dev extra (pip install -e '.[dev]')")
    where = tmp_path_factory.mktemp("sdk")
    with django_db_blocker.unblock():
        response = httpx.get(f"{live_server.url}/api/schema/?format=json", timeout=60)
    assert response.status_code == 200, response.text[:500]
    schema_file = where / "schema.json"
    schema_file.write_bytes(response.content)
    config_file = where / "generator.yaml"
    config_file.write_text(GENERATOR_CONFIG)
    # The generator formats with ruff (a post hook); it must find the virtualenv's.
    env = os.environ | {"PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    generated = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(schema_file),
            "--meta",
            "none",
            "--output-path",
            str(where / PACKAGE),
            "--config",
            str(config_file),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    output = generated.stdout + generated.stderr
    assert generated.returncode == 0 and (where / PACKAGE).is_dir(), f"generation failed:\n{output}"
    sys.path.insert(0, str(where))
    try:
        package = importlib.import_module(PACKAGE)
        api = importlib.import_module(f"{PACKAGE}.api")
        operations = {}
        for info in pkgutil.walk_packages(api.__path__, f"{PACKAGE}.api."):
            module = importlib.import_module(info.name)
            if hasattr(module, "sync_detailed"):
                operations[info.name.rsplit(".", 1)[1]] = module
        warnings = output if "warning" in output.lower() else ""
        yield SDK(package=package, operations=operations, warnings=warnings)
    finally:
        sys.path.remove(str(where))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


# ------------------------------------------------------------------------------------------------
# A webhook receiver on 127.0.0.1
# ------------------------------------------------------------------------------------------------
@dataclasses.dataclass
class Delivery:
    path: str
    headers: dict
    body: bytes
    received_at: float


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.deliveries.append(Delivery(self.path, dict(self.headers.items()), body, time.time()))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.deliveries = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/human-api"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def signature_ok(secret: str, delivery: Delivery) -> str | None:
    """None if the delivery is signed as documented, else what is wrong. Checked here from the
    documentation alone: ``Webhook-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>``."""
    headers = {name.lower(): value for name, value in delivery.headers.items()}
    timestamp, header = headers.get("webhook-timestamp"), headers.get("webhook-signature")
    if not timestamp or not header:
        return f"missing Webhook-Timestamp or Webhook-Signature (headers: {sorted(headers)})"
    try:
        sent_at = int(timestamp)
    except ValueError:
        return f"Webhook-Timestamp is not unix seconds: {timestamp!r}"
    if abs(time.time() - sent_at) > WEBHOOK_TOLERANCE_SECONDS:
        return f"Webhook-Timestamp {sent_at} is not within {WEBHOOK_TOLERANCE_SECONDS} s of now"
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + delivery.body, hashlib.sha256
    ).hexdigest()
    offered = [part.partition("=")[2] for part in header.split() if part.startswith("v1=")]
    if not any(hmac.compare_digest(value.lower(), expected) for value in offered):
        return f"Webhook-Signature {header!r} does not sign '<timestamp>.<body>' with the secret"
    return None


def wait_for_event(receiver, event: str, timeout: float = WEBHOOK_WAIT_SECONDS):
    """``(delivery, payload)`` of the first delivery of ``event`` the receiver gets within ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        for delivery in list(receiver.deliveries):
            with contextlib.suppress(ValueError):
                payload = json.loads(delivery.body)
                if isinstance(payload, dict) and payload.get("type") == event:
                    return delivery, payload
        if time.monotonic() > deadline:
            raise AssertionError(
                f"no {event} delivery within {timeout} s "
                f"(received: {[d.body[:200] for d in receiver.deliveries]})"
            )
        time.sleep(0.1)


# ------------------------------------------------------------------------------------------------
# Steps: each one reported, none hiding the next
# ------------------------------------------------------------------------------------------------
class Blocked(Exception):
    """A step cannot run because an earlier one did not produce what it needs."""


class Flow:
    def __init__(self):
        self.failures: list[str] = []
        self.last_response: httpx.Response | None = None

    def capture(self, response: httpx.Response) -> None:
        response.read()
        self.last_response = response

    @contextlib.contextmanager
    def step(self, name: str):
        self.last_response = None
        try:
            yield
        except Blocked as blocked:
            self.failures.append(f"[{name}] not run: {blocked}")
        except Exception as exc:
            self.failures.append(f"[{name}] {self._describe(exc)}")

    def _describe(self, exc: Exception) -> str:
        name = type(exc).__name__
        if name == "UnexpectedStatus":  # the generated client's: a status the schema does not document
            text = f"undocumented status {exc.status_code}: {exc.content[:400]!r}"
        elif isinstance(exc, AssertionError):  # the message, without pytest's re-evaluated expression
            text = str(exc).split("\nassert ")[0] or "assertion failed"
        else:
            frames = traceback.extract_tb(exc.__traceback__)
            generated = [frame for frame in frames if f"{os.sep}{PACKAGE}{os.sep}" in frame.filename]
            if generated:  # raised while the generated client read the answer
                where = generated[-1]
                text = (
                    "the generated client could not read the answer (the schema does not say what the "
                    f"server sends) — {name}: {exc} in {PACKAGE}/{Path(where.filename).parent.name}/"
                    f"{Path(where.filename).name}:{where.lineno}"
                )
            else:
                where = frames[-1]
                text = f"{name}: {exc} (at {Path(where.filename).name}:{where.lineno})"
        if self.last_response is not None:
            response = self.last_response
            text += (
                f"\n      last answer: {response.request.method} {response.request.url.path} → "
                f"{response.status_code} {response.content[:300]!r}"
            )
        return text


def need(value, what: str):
    if value is None:
        raise Blocked(f"needs {what}")
    return value


def plain(value):
    """A generated enum member as its wire value."""
    return value.value if isinstance(value, enum.Enum) else value


def undeclared(model, where="") -> list[str]:
    """Properties the server sent that the schema does not declare (generated models keep them in
    ``additional_properties``), in ``model`` and every model inside it."""
    found = []
    if attrs.has(type(model)):
        extra = getattr(model, "additional_properties", {}) or {}
        found += [f"{where or type(model).__name__}.{key}" for key in extra]
        for field in attrs.fields(type(model)):
            if field.name != "additional_properties":
                found += undeclared(
                    getattr(model, field.name), f"{where or type(model).__name__}.{field.name}"
                )
    elif isinstance(model, list):
        for index, item in enumerate(model):
            found += undeclared(item, f"{where}[{index}]")
    return found


def body_model(module):
    """The model class of an operation's request body, from the generated function's signature."""
    annotation = inspect.signature(module.sync_detailed).parameters["body"].annotation
    candidates = annotation.__args__ if isinstance(annotation, types.UnionType) else (annotation,)
    [model] = [c for c in candidates if isinstance(c, type) and attrs.has(c)]
    return model


def call(flow: Flow, module, expected: int, **kwargs):
    """``module.sync_detailed(**kwargs)``; the answer must have status ``expected``, parse into the
    operation's model, and carry no property the schema does not declare."""
    if "if_match" in kwargs and "if_match" not in inspect.signature(module.sync_detailed).parameters:
        kwargs.pop("if_match")
    response = module.sync_detailed(**kwargs)
    parsed = response.parsed
    assert int(response.status_code) == expected, (
        f"{module.__name__.rsplit('.', 1)[1]}: expected {expected}, got {int(response.status_code)} "
        f"{response.content[:400]!r}"
    )
    assert parsed is not None, f"{module.__name__}: {expected} has no parsed model"
    extra = undeclared(parsed)
    assert not extra, f"the server sent properties the schema does not declare: {extra}"
    return response, parsed


def tiny_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------------
# The test
# ------------------------------------------------------------------------------------------------
@pytest.fixture
def team_member(transactional_db):
    engagement = EngagementFactory(name="Contract engagement")
    user = UserFactory(username="contract-team", role=Role.TEAM)
    MembershipFactory(engagement=engagement, user=user)
    return user, engagement


@pytest.fixture
def open_broadcast(team_member):
    user, engagement = team_member
    today = datetime.date.today()
    with transaction.atomic():
        return opportunity_services.broadcast_save(
            actor=user,
            data={
                "engagement": engagement,
                "title_he": "אתגר: שירותים מרחוק",
                "title_en": "Challenge: remote services",
                "description_he": "מחפשים שירותים מרחוק לאזרחים ותיקים.",
                "description_en": "Remote services for older people.",
                "opens_on": today - datetime.timedelta(days=1),
                "closes_on": today + datetime.timedelta(days=30),
                "status": Broadcast.Status.OPEN,
            },
            needs=[],
            criteria=[{"name": "Fit", "weight": 100}],
        )


def test_the_generated_client_runs_the_partner_flow_untouched(
    sdk, live_server, receiver, team_member, open_broadcast
):
    flow = Flow()
    Client = sdk.client_module.Client
    AuthenticatedClient = sdk.client_module.AuthenticatedClient
    httpx_args = {"event_hooks": {"response": [flow.capture]}}
    common = {"base_url": live_server.url, "raise_on_unexpected_status": True, "timeout": httpx.Timeout(30)}
    anonymous = Client(**common, httpx_args=httpx_args)
    name = f"Contract Care {uuid.uuid4().hex[:6]}"
    feedback_text = "Please add the privacy assessment — looks promising."
    registration = key = partner = endpoint = endpoint_secret = draft = etag = None

    with flow.step("the generator handles the whole schema"):
        assert not sdk.warnings, f"openapi-python-client left parts out:\n{sdk.warnings[:3000]}"

    with flow.step("operations without credentials take a client without credentials"):
        # ``security: [{}]`` (optional auth) makes the generator demand an AuthenticatedClient; a typed
        # caller would have to invent a token to register. ``security: []`` says "no credentials".
        demanding = [
            operation_id
            for operation_id in ("partner_register_create", "partner_registration_retrieve")
            if Client
            not in getattr(
                inspect.signature(sdk.op(operation_id).sync_detailed).parameters["client"].annotation,
                "__args__",
                (),
            )
        ]
        assert not demanding, f"these take only an AuthenticatedClient: {demanding}"

    with flow.step("register (POST /partner/register/)"):
        module = sdk.op("partner_register_create")
        body = body_model(module).from_dict(
            {
                "name": name,
                "kind": "startup",
                "website": "https://contract.example.com",
                "description": "Remote services for older people",
                "contact_name": "Dana Cohen",
                "contact_email": "dana@contract.example.com",
            }
        )
        _response, registration = call(flow, module, 201, client=anonymous, body=body)
        assert plain(registration.partner_status) == "pending", registration

    def registration_status(expected: str):
        token = need(
            registration and getattr(registration, "status_token", None), "the registration's status_token"
        )
        _response, status = call(
            flow, sdk.op("partner_registration_retrieve"), 200, token=token, client=anonymous
        )
        assert plain(status.partner_status) == expected, (
            f"partner_status {status.partner_status!r}, not {expected!r}"
        )

    with flow.step("registration status while pending (GET /partner/registration/{token}/)"):
        registration_status("pending")

    with flow.step("the team approves (service partner_approve)"):
        organization = Organization.objects.get(name=name)  # the team finds it in its approvals page
        _key, key = opportunity_services.partner_approve(organization=organization, actor=team_member[0])

    with flow.step("registration status once approved"):
        registration_status("approved")

    def partner_client(raw_key):
        return AuthenticatedClient(**common, token=raw_key, prefix="Api-Key", httpx_args=httpx_args)

    if key is not None:
        partner = partner_client(key)

    with flow.step("register a webhook endpoint (POST /partner/webhooks/)"):
        module = sdk.op("partner_webhooks_create")
        body = body_model(module).from_dict({"url": receiver.url, "events": ["opportunity.pipeline_changed"]})
        response, endpoint = call(flow, module, 201, client=need(partner, "an API key"), body=body)
        endpoint_secret = endpoint.secret
        assert endpoint_secret, "the endpoint's secret is shown once, on creation"
        assert "no-store" in response.headers.get("Cache-Control", ""), "a secret is sent with no-store"

    with flow.step("send the endpoint a test event (POST /partner/webhooks/{id}/test/)"):
        _response, _delivery = call(
            flow,
            sdk.op("partner_webhooks_test_create"),
            200,
            id=need(endpoint_secret and endpoint, "a webhook endpoint").id,
            client=partner,
        )
        delivery, payload = wait_for_event(receiver, "ping")
        problem = signature_ok(endpoint_secret, delivery)
        assert problem is None, problem

    with flow.step("list open broadcasts (GET /partner/broadcasts/)"):
        _response, page = call(
            flow, sdk.op("partner_broadcasts_list"), 200, client=need(partner, "an API key")
        )
        assert open_broadcast.pk in [item.id for item in page.results], page

    with flow.step("create a draft (POST /partner/opportunities/)"):
        module = sdk.op("partner_opportunities_create")
        body = body_model(module).from_dict(
            {
                "title": "Remote community services for older people",
                "summary": "Connects older people at home with day centres, services and family by video.",
                "problem": "Loneliness of older people who cannot reach the day centre",
                "target_population": "older people living at home",
                "need_categories": ["citizen_services"],
                "broadcast": open_broadcast.pk,
                "languages": ["he", "ar", "ru"],
                "personal_data": True,
                "hosting": "Israel",
                "privacy_assessment_done": False,
                "contact_name": "Dana Cohen",
                "contact_email": "dana@contract.example.com",
            }
        )
        _response, draft = call(
            flow,
            module,
            201,
            client=need(partner, "an API key"),
            body=body,
            idempotency_key=str(uuid.uuid4()),
        )
        assert plain(draft.state) == "draft", draft

    with flow.step("read the draft (GET /partner/opportunities/{id}/)"):
        response, read = call(
            flow, sdk.op("partner_opportunities_retrieve"), 200, id=need(draft, "a draft").id, client=partner
        )
        etag = response.headers.get("ETag")
        assert etag, "a read of one record carries its ETag"
        assert read.title == draft.title

    with flow.step("patch the draft with If-Match (PATCH /partner/opportunities/{id}/)"):
        module = sdk.op("partner_opportunities_partial_update")
        body = body_model(module).from_dict(
            {"privacy_assessment_done": True, "hosting": "Israel (gov cloud)"}
        )
        _response, patched = call(
            flow, module, 200, id=need(draft, "a draft").id, client=partner, body=body, if_match=etag or ""
        )
        assert patched.privacy_assessment_done is True and patched.hosting == "Israel (gov cloud)", patched

    pdf = tiny_pdf()
    attachment = None
    with flow.step("upload a PDF (POST /partner/opportunities/{id}/attachments/)"):
        module = sdk.op("partner_opportunities_attachments_create")
        file = sdk.types.File(payload=io.BytesIO(pdf), file_name="profile.pdf", mime_type="application/pdf")
        _response, attachment = call(
            flow,
            module,
            201,
            id=need(draft, "a draft").id,
            client=partner,
            body=body_model(module)(file=file),
        )
        assert plain(attachment.content_type) == "application/pdf" and attachment.size == len(pdf), attachment

    with flow.step("download it back (GET /partner/opportunities/{id}/attachments/{attachment_pk}/)"):
        module = sdk.op("partner_opportunities_attachments_retrieve")
        response = module.sync_detailed(
            id=need(draft, "a draft").id, attachment_pk=need(attachment, "an attachment").id, client=partner
        )
        assert int(response.status_code) == 200, f"{int(response.status_code)} {response.content[:300]!r}"
        assert isinstance(response.parsed, sdk.types.File), f"not read as a file: {type(response.parsed)}"
        assert response.parsed.payload.read() == pdf, "the bytes downloaded are not the bytes uploaded"

    with flow.step("submit (POST /partner/opportunities/{id}/submit/)"):
        _response, submitted = call(
            flow,
            sdk.op("partner_opportunities_submit_create"),
            200,
            id=need(draft, "a draft").id,
            client=partner,
        )
        assert plain(submitted.state) == "submitted" and submitted.revision == 1, submitted

    with flow.step("the team moves the pipeline with feedback (POST /opportunities/{id}/pipeline/, session)"):
        cookies, csrf_headers = session_credentials(team_member[0])
        team = Client(**common, cookies=cookies, headers=csrf_headers, httpx_args=httpx_args)
        module = sdk.op("opportunities_pipeline_create")
        body = body_model(module).from_dict({"pipeline": "screening", "feedback": feedback_text})
        _response, moved = call(flow, module, 200, id=need(draft, "a draft").id, client=team, body=body)
        assert plain(moved.pipeline) == "screening", moved

    with flow.step("the partner reads the feedback (GET /partner/opportunities/{id}/)"):
        _response, read = call(
            flow, sdk.op("partner_opportunities_retrieve"), 200, id=need(draft, "a draft").id, client=partner
        )
        assert read.feedback == feedback_text and plain(read.pipeline) == "screening", read

    with flow.step("the webhook receiver gets a signed opportunity.pipeline_changed"):
        secret = need(endpoint_secret, "a webhook endpoint")
        opportunity_id = need(draft, "a draft").id
        delivery, payload = wait_for_event(receiver, "opportunity.pipeline_changed")
        problem = signature_ok(secret, delivery)
        assert problem is None, problem
        assert payload["data"]["opportunity"]["id"] == opportunity_id, payload
        assert payload["data"]["pipeline"] == "screening", payload

    with flow.step("revise (POST /partner/opportunities/{id}/revise/)"):
        _response, revised = call(
            flow,
            sdk.op("partner_opportunities_revise_create"),
            200,
            id=need(draft, "a draft").id,
            client=partner,
        )
        assert plain(revised.state) == "draft", revised

    new_partner = None
    with flow.step("rotate the key (POST /partner/keys/rotate/)"):
        response, rotation = call(
            flow, sdk.op("partner_keys_rotate_create"), 201, client=need(partner, "an API key")
        )
        assert rotation.key and rotation.key != key, rotation
        new_partner = partner_client(rotation.key)
        assert "no-store" in response.headers.get("Cache-Control", ""), "a raw key is sent with no-store"

    with flow.step("go on with the new key (GET and PATCH /partner/opportunities/{id}/)"):
        client = need(new_partner, "a rotated key")
        response, read = call(
            flow, sdk.op("partner_opportunities_retrieve"), 200, id=need(draft, "a draft").id, client=client
        )
        module = sdk.op("partner_opportunities_partial_update")
        body = body_model(module).from_dict({"summary": "Revised after the team's feedback."})
        _response, patched = call(
            flow, module, 200, id=read.id, client=client, body=body, if_match=response.headers.get("ETag", "")
        )
        assert patched.summary == "Revised after the team's feedback." and plain(patched.state) == "draft"

    with flow.step("registration status at the end"):
        registration_status("approved")

    assert not flow.failures, f"{len(flow.failures)} step(s) of the partner flow failed:\n" + "\n".join(
        flow.failures
    )
