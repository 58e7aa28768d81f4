"""A real HTTP receiver on 127.0.0.1 for the webhook tests: it checks every request's signature with
``webhooks.signing.verify`` (as a partner would) and answers the statuses a test queues."""

import http.server
import threading
import time
from dataclasses import dataclass, field

import pytest
from rest_framework.test import APIClient

from api_human.core import services as core_services
from webhooks import services
from webhooks.signing import verify

ALL_EVENTS = ["opportunity.pipeline_changed", "broadcast.published"]


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    verified: bool
    received_at: float


@dataclass
class Receiver:
    host: str = "127.0.0.1"
    port: int = 0
    secrets: dict = field(default_factory=dict)  # path -> the endpoint's secret
    answers: dict = field(default_factory=dict)  # path -> statuses to answer, in order (then 200)
    requests: list = field(default_factory=list)
    delay: float = 0.0  # seconds to wait before answering (time-outs)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/hook") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def answer(self, path: str, *statuses: int) -> None:
        self.answers.setdefault(path, []).extend(statuses)

    def at(self, path: str) -> list[Received]:
        return [r for r in self.requests if r.path == path]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        receiver: Receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        secret = receiver.secrets.get(self.path)
        verified = secret is not None and verify(
            secret, self.headers.get("Webhook-Timestamp", ""), body, self.headers.get("Webhook-Signature", "")
        )
        with receiver.lock:
            receiver.requests.append(Received(self.path, dict(self.headers), body, verified, time.time()))
            queued = receiver.answers.get(self.path) or []
            status = queued.pop(0) if queued else 200
        if receiver.delay:
            time.sleep(receiver.delay)
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", receiver.url("/elsewhere"))
        payload = b"ok" if status < 300 else b"receiver says no"
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def _rate_limits_out_of_the_way(monkeypatch):
    """The rate counters live in the shared Redis and are per organisation id: a fresh test database
    (or another run beside this one) reuses ids, so its counters may already be near the limit.
    Rate limits are not what these tests are about."""
    from rest_framework.throttling import SimpleRateThrottle

    for scope in list(SimpleRateThrottle.THROTTLE_RATES):
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, "100000/minute")


@pytest.fixture
def receiver():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.receiver = Receiver(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.receiver
    server.shutdown()
    server.server_close()


def keyed(user) -> APIClient:
    client = APIClient()
    raw = core_services.partner_key_issue(user=user, name="webhook tests")[1]
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


@pytest.fixture
def endpoint_for(receiver):
    """``endpoint_for(user, path, events=…)``: an endpoint of the user's organisation on the receiver,
    whose secret the receiver knows."""

    def make(user, path="/hook", events=None):
        endpoint, secret = services.endpoint_create(
            actor=user, url=receiver.url(path), events=events or list(ALL_EVENTS)
        )
        receiver.secrets[path] = secret
        return endpoint

    return make
