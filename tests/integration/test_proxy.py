"""nginx in front of gunicorn, as docker-compose.yml runs them: the repository's nginx template and
gunicorn.conf.py, started for real (tests/integration/stack.py).

Why the proxy exists: gunicorn's sync workers serve one request each, so a few clients uploading
slowly hold every worker and nothing else is answered — not even /health/. nginx reads each body
whole before gunicorn sees it.
"""

import concurrent.futures
import http.client
import json
import re
import socket
import threading
import time
import uuid

import pytest

from api_human.core.models import Role
from api_human.core.services import partner_key_issue
from opportunities.models import Attachment
from opportunities.services import opportunity_create
from tests.factories import OrganizationFactory, UserFactory
from tests.integration.stack import (
    NGINX_TEMPLATE,
    collected_static_root,
    compose_environment,
    get,
    nginx_binary,
    production_env,
    start_gunicorn,
    start_nginx,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("stack"),
]

HEALTH_DEADLINE = 1.0  # seconds: what a load balancer would wait before calling the node down
SLOW_UPLOADS = 4  # more than gunicorn's two workers
DRIBBLE_SECONDS = 10


@pytest.fixture
def static_root(tmp_path_factory):
    return collected_static_root(tmp_path_factory)


@pytest.fixture
def nginx():
    """nginx is required under CI (it fails there when missing) and skipped otherwise."""
    return nginx_binary()


@pytest.fixture
def partner_draft():
    """A partner's draft opportunity and the partner's API key, committed so gunicorn sees them."""
    organization = OrganizationFactory(name="Slow Link Ltd")
    partner = UserFactory(username="slow_link", role=Role.PARTNER, organization=organization)
    _key, raw_key = partner_key_issue(user=partner, name="uploads from the field")
    return opportunity_create(actor=partner, data={"title": "Remote care"}), raw_key


class SlowUpload(threading.Thread):
    """A partner on a bad link: a PDF attachment in a multipart POST, 1 KB every half second."""

    def __init__(self, port: int, path: str, *, api_key: str, seconds: float, chunk: int = 1024):
        super().__init__(daemon=True)
        self.port, self.path, self.api_key = port, path, api_key
        self.chunks, self.chunk = int(seconds / 0.5), chunk
        self.cancelled = threading.Event()
        self.status: int | None = None
        self.error: Exception | None = None

    def run(self):
        boundary = uuid.uuid4().hex
        head = (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="field-report.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode() + b"%PDF-1.4\n"
        tail = f"\r\n--{boundary}--\r\n".encode()
        request = (
            f"POST {self.path} HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{self.port}\r\n"
            f"Authorization: Api-Key {self.api_key}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {len(head) + self.chunks * self.chunk + len(tail)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
                sock.sendall(request + head)
                for _ in range(self.chunks):
                    if self.cancelled.wait(0.5):
                        return
                    sock.sendall(b"%" * self.chunk)
                sock.sendall(tail)
                status_line = sock.makefile("rb").readline().decode()
                self.status = int(status_line.split()[1])
        except (OSError, IndexError, ValueError) as exc:  # gunicorn killed the worker, or reset us
            self.error = exc


def start_slow_uploads(port: int, opportunity_id: int, api_key: str) -> list[SlowUpload]:
    uploads = [
        SlowUpload(
            port,
            f"/api/v1/partner/opportunities/{opportunity_id}/attachments/",
            api_key=api_key,
            seconds=DRIBBLE_SECONDS,
        )
        for _ in range(SLOW_UPLOADS)
    ]
    for upload in uploads:
        upload.start()
    time.sleep(1)  # every upload is connected and under way
    return uploads


def health_latencies(base_url: str, *, seconds: float) -> list[float | None]:
    """GET /health/ every half second for ``seconds``: each answer's time, None when there was no
    200 within HEALTH_DEADLINE."""
    latencies, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status, _headers, _body = get(f"{base_url}/health/", timeout=HEALTH_DEADLINE)
        except OSError:
            status = None
        elapsed = time.monotonic() - started
        latencies.append(elapsed if status == 200 and elapsed <= HEALTH_DEADLINE else None)
        time.sleep(max(0.0, 0.5 - elapsed))
    return latencies


def finish(uploads: list[SlowUpload], *, cancel: bool = False) -> None:
    for upload in uploads:
        if cancel:
            upload.cancelled.set()
        upload.join(timeout=30)


def test_slow_uploads_hold_gunicorns_workers_but_not_nginxs(tmp_path, nginx, partner_draft, static_root):
    draft, api_key = partner_draft
    # A short worker timeout bounds how long the unprotected half may stay stuck.
    env = production_env(tmp_path, STATIC_ROOT=str(static_root), GUNICORN_TIMEOUT="10")
    with start_gunicorn(env, workers=2) as web, start_nginx(tmp_path, web.port) as proxy:
        # Behind nginx: the slow bodies are nginx's business; /health/ answers at once throughout.
        uploads = start_slow_uploads(proxy.port, draft.pk, api_key)
        behind_proxy = health_latencies(proxy.base_url, seconds=DRIBBLE_SECONDS - 2)
        finish(uploads)
        assert None not in behind_proxy, behind_proxy
        # ...and every upload reached Django whole once it was complete.
        assert [upload.status for upload in uploads] == [201] * SLOW_UPLOADS, [u.error for u in uploads]
        assert Attachment.objects.filter(opportunity=draft).count() == SLOW_UPLOADS

        # The same uploads straight to gunicorn: they take both workers and /health/ goes unanswered.
        uploads = start_slow_uploads(web.port, draft.pk, api_key)
        direct = health_latencies(web.base_url, seconds=DRIBBLE_SECONDS - 2)
        finish(uploads, cancel=True)
        assert direct.count(None) >= len(direct) // 2, direct


def _post_too_large(port: int, path: str, **headers: str) -> tuple[int, dict, bytes]:
    """Announce a body of 20 MB and wait for the answer before sending any of it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("POST", path)
        headers = {"Content-Type": "application/pdf", "Content-Length": str(20 * 1024 * 1024)} | headers
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def test_a_body_over_the_limit_is_refused_by_nginx_in_the_apis_error_shape(tmp_path, nginx):
    # No gunicorn at all: nginx answers alone, before reading the body.
    with start_nginx(tmp_path, upstream_port=9) as proxy:
        path = "/api/v1/partner/opportunities/1/attachments/"
        status, headers, body = _post_too_large(proxy.port, path, **{"Accept-Language": "en"})
        assert status == 413 and headers["Content-Type"] == "application/json"
        assert json.loads(body) == {
            "status": 413,
            "code": "request_too_large",
            "message": "The request is too large for this server.",
            "fields": {},
        }
        # Hebrew first, as the API itself answers without Accept-Language.
        status, _headers, body = _post_too_large(proxy.port, path)
        assert json.loads(body)["message"] == "הבקשה גדולה מדי עבור השרת."

        # A browser gets a short page in the platform's language and direction.
        status, headers, body = _post_too_large(proxy.port, "/opportunities/")
        assert status == 413 and headers["Content-Type"].startswith("text/html")
        assert b'lang="he" dir="rtl"' in body


def test_nginxs_own_502_and_429_keep_the_api_error_shape(tmp_path, nginx):
    with start_nginx(tmp_path, upstream_port=9) as proxy:  # nothing listens on port 9
        status, headers, body = get(f"{proxy.base_url}/api/v1/needs/", **{"Accept-Language": "en"})
        assert status == 502 and headers["Content-Type"] == "application/json"
        assert json.loads(body) == {
            "status": 502,
            "code": "bad_gateway",
            "message": "The service is not available right now; try again in a few minutes.",
            "fields": {},
        }
        status, headers, _body = get(f"{proxy.base_url}/")
        assert status == 502 and headers["Content-Type"].startswith("text/html")

        # One address flooding: past the burst, nginx answers 429 itself, as the API's throttle does.
        # (In parallel: one request after another on a busy machine may not outrun the refill of
        # 30 a second.)
        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            answers = list(pool.map(lambda _: get(f"{proxy.base_url}/api/v1/needs/"), range(300)))
        refused = [(status, body) for status, _headers, body in answers if status == 429]
        assert refused, sorted({status for status, _h, _b in answers})
        assert all(json.loads(body)["code"] == "throttled" for _status, body in refused)


def test_what_nginx_tells_django(tmp_path, nginx, static_root):
    env = production_env(tmp_path, STATIC_ROOT=str(static_root), DJANGO_SECURE_SSL_REDIRECT="true")
    with (
        start_gunicorn(env) as web,
        # docker-compose.yml's default: only nginx's own address is a trusted proxy (none, in effect).
        start_nginx(tmp_path, web.port, NGINX_TRUSTED_PROXY="192.0.2.1") as edge,
        # A load balancer at 127.0.0.1 (here, the test) that ends TLS in front of nginx.
        start_nginx(tmp_path, web.port, NGINX_TRUSTED_PROXY="127.0.0.1") as behind_balancer,
    ):
        status, headers, body = get(f"{edge.base_url}/health/")
        assert status == 200 and json.loads(body)["status"] == "ok"
        assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])

        # A client's own claim of HTTPS is not believed: Django redirects to HTTPS, keeping the
        # host and port the client used.
        status, headers, _body = get(f"{edge.base_url}/accounts/login/", **{"X-Forwarded-Proto": "https"})
        assert status == 301
        assert headers["Location"] == f"https://127.0.0.1:{edge.port}/accounts/login/"

        # The balancer's is: the page is served as HTTPS, with HSTS; the client's address and the
        # request id reach gunicorn's access log.
        request_id = f"partner-{uuid.uuid4().hex}"
        status, headers, _body = get(
            f"{behind_balancer.base_url}/accounts/login/",
            **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7", "X-Request-ID": request_id},
        )
        assert status == 200 and "max-age=31536000" in headers["Strict-Transport-Security"]
        assert headers["X-Request-ID"] == request_id

        status, headers, body = get(
            f"{behind_balancer.base_url}/static/vendor/bootstrap/css/bootstrap.rtl.min.css",
            **{"X-Forwarded-Proto": "https"},
        )
        assert status == 200 and headers["Content-Type"].startswith("text/css") and b".container" in body
        assert "max-age" in headers["Cache-Control"]
    # The balancer's X-Forwarded-For, then the balancer's own address as nginx saw it.
    logged = [line for line in web.output if f"request_id={request_id}" in line]
    assert len(logged) == 1 and '"203.0.113.7, 127.0.0.1"' in logged[0], web.log()


def test_the_template_uses_only_variables_compose_sets():
    """The official image leaves an unset ${VAR} as written, and nginx then refuses to start; and
    it substitutes every variable of its environment, so nginx's own variables must be lower-case."""
    names = set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", NGINX_TEMPLATE.read_text()))
    upper = {name for name in names if not name.islower()}
    assert upper == set(compose_environment("proxy")), upper
