"""The way the world breaks, on demand: a Redis server of our own to stop and lose, a TCP proxy in
front of PostgreSQL to cut, a Celery worker to kill — and the clients and counts of the reliability
runs. ``tests/integration/test_reliability.py`` runs them briefly with assertions;
``bench/reliability.py`` runs them longer and prints the numbers.

Only processes started here are ever stopped: never the machine's shared PostgreSQL or Redis.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.test import override_settings

from tests.integration.stack import ROOT, Service, free_port


# ------------------------------------------------------------------------------------------------
# Redis of our own
# ------------------------------------------------------------------------------------------------
class RedisServer:
    """``redis-server`` on a free port without persistence: killed, it comes back empty (as a Redis
    without AOF/RDB does after a restart), so queued tasks are really lost."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.service = None
        self.start()

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.service = Service(
            "redis",
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            port=self.port,
            stop_signal=signal.SIGKILL,
        )
        self.service.wait_until(lambda: _ping(self.port), timeout=15, what="answer PING")

    def kill(self) -> None:
        """Gone at once, with everything it held."""
        self.service.stop()

    def pause(self) -> None:
        """Still accepting connections, never answering (a hung server, a network black hole)."""
        self.service.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.service.process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.resume()
        self.service.stop()


def _ping(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")


# ------------------------------------------------------------------------------------------------
# A proxy in front of PostgreSQL that we can cut
# ------------------------------------------------------------------------------------------------
class FaultProxy:
    """Forwards 127.0.0.1:``port`` to ``target``. ``cut(seconds)`` drops every open connection and
    refuses new ones for a while — what the application sees when PostgreSQL restarts."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if time.monotonic() < self._down_until:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                self._drop(sock)

    def _drop(self, sock) -> None:
        with self._lock:
            self._open.discard(sock)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            sock.close()

    def cut(self, seconds: float) -> None:
        self._down_until = time.monotonic() + seconds
        with self._lock:
            victims = list(self._open)
        for sock in victims:
            self._drop(sock)

    def close(self) -> None:
        self._closed = True
        self.cut(0)
        with contextlib.suppress(OSError):
            self._listener.close()


# ------------------------------------------------------------------------------------------------
# Celery processes with an environment of the test's choosing
# ------------------------------------------------------------------------------------------------
def celery(kind: str, env: dict, tmp_path: Path) -> Service:
    """``celery -A api_human worker`` (solo pool) or ``beat``, as docker-compose.yml runs them."""
    command = [sys.executable, "-m", "celery", "-A", "api_human", kind, "--loglevel=INFO"]
    if kind == "worker":
        command += [
            "--pool=solo",
            "-n",
            f"fault-{uuid.uuid4().hex[:6]}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
    else:
        command += ["--schedule", str(tmp_path / f"beat-{uuid.uuid4().hex[:6]}")]
    process = Service(f"celery {kind}", command, port=0, cwd=ROOT, env=env)
    ready = " ready." if kind == "worker" else "beat: Starting"
    process.wait_until(lambda: ready in process.log(), timeout=60, what="start")
    return process


class Supervised:
    """A Celery process started again whenever it exits, as docker-compose.yml's restart policy
    (``unless-stopped``) does. A worker can die of its broker vanishing — kombu may fail to restore
    a message it could not acknowledge ("Unrecoverable error") — and the outbox counts on it coming
    back; ``restarts`` says how often it did."""

    def __init__(self, kind: str, env: dict, tmp_path: Path):
        self.kind, self.env, self.tmp_path = kind, env, tmp_path
        self.restarts, self.logs = 0, []
        self.current = celery(kind, env, tmp_path)
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        while not self._stopping.wait(0.5):
            if self.current.process.poll() is not None:
                self.logs.append(self.current.log())
                self.current = celery(self.kind, self.env, self.tmp_path)
                self.restarts += 1

    def kill(self) -> None:
        kill_hard(self.current)

    def log(self) -> str:
        return "".join(self.logs) + self.current.log()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self) -> None:
        self._stopping.set()
        self._watcher.join()
        self.current.stop()


def kill_hard(service: Service) -> None:
    """SIGKILL, as the kernel's OOM killer or a pulled plug would: no shutdown of any kind."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(service.process.pid, signal.SIGKILL)
    service.process.wait()


# ------------------------------------------------------------------------------------------------
# HTTP clients
# ------------------------------------------------------------------------------------------------
@dataclass
class Answer:
    status: int | None  # None: no answer (connection refused or reset, or a time-out)
    seconds: float
    headers: dict = field(default_factory=dict)
    body: object = None
    error: str = ""

    @property
    def json(self):
        return self.body if isinstance(self.body, dict) else {}


def call(base_url: str, method: str, path: str, *, body=None, headers=None, timeout: float = 15) -> Answer:
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    payload = json.dumps(body).encode() if body is not None else None
    sent = {
        "Accept": "application/json",
        **({"Content-Type": "application/json"} if payload else {}),
        **(headers or {}),
    }
    started = time.monotonic()
    try:
        connection.request(method, path, body=payload, headers=sent)
        response = connection.getresponse()
        raw = response.read()
        answer = Answer(response.status, time.monotonic() - started, dict(response.getheaders()))
        try:
            answer.body = json.loads(raw) if raw else None
        except ValueError:
            answer.body = raw.decode(errors="replace")
        return answer
    except (OSError, http.client.HTTPException) as error:
        return Answer(None, time.monotonic() - started, error=type(error).__name__)
    finally:
        connection.close()


def partner_headers(raw_key: str, idempotency_key: str | None = None) -> dict:
    headers = {"Authorization": f"Api-Key {raw_key}"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    return headers


def at_once(*calls) -> list:
    """Run the calls in threads released at the same instant; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, fn):
        barrier.wait()
        results[index] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# ------------------------------------------------------------------------------------------------
# The data the runs need (written through the ORM of the calling process)
# ------------------------------------------------------------------------------------------------
@dataclass
class Seed:
    engagement_id: int
    need_ids: list[int]
    partner_keys: list[str]
    organization_ids: list[int]
    team_sessions: list[dict]  # request headers (session and CSRF cookies) of two team members


def _session_headers(user) -> dict:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # the first is axes (no users)
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret Django accepts as the cookie and header
    return {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}",
        "X-CSRFToken": csrf,
    }


def seed(*, secret_key: str, partners: int = 4, needs: int = 3) -> Seed:
    """An engagement with its open needs, two team members signed in (sessions made with the stack's
    ``secret_key``, which signs them) and partner organisations with an API key each."""
    from api_human.core.models import EngagementMembership, Role
    from api_human.core.services import partner_key_issue, record_create
    from initiatives.models import Need
    from tests.factories import EngagementFactory, MembershipFactory, OrganizationFactory, UserFactory

    engagement = EngagementFactory(name=f"Reliability {uuid.uuid4().hex[:6]}")
    team = [UserFactory(role=Role.TEAM) for _ in range(2)]
    for person in team:
        MembershipFactory(engagement=engagement, user=person, role=EngagementMembership.Role.MEMBER)
    need_ids = [
        record_create(
            Need,
            actor=team[0],
            data={
                "engagement": engagement,
                "title": f"Older people at home {i}",
                "description": "Loneliness of older people living at home",
                "source": "citizens",
                "category": "citizen_services",
            },
        ).pk
        for i in range(needs)
    ]
    keys, organizations = [], []
    for i in range(partners):
        organization = OrganizationFactory(name=f"Reliability partner {uuid.uuid4().hex[:8]} {i}")
        user = UserFactory(role=Role.PARTNER, organization=organization)
        keys.append(partner_key_issue(user=user, name="reliability")[1])
        organizations.append(organization.pk)
    with override_settings(SECRET_KEY=secret_key):
        sessions = [_session_headers(person) for person in team]
    return Seed(engagement.pk, need_ids, keys, organizations, sessions)


# ------------------------------------------------------------------------------------------------
# The runs
# ------------------------------------------------------------------------------------------------
DRAFT = {
    "summary": "Connects older people at home with day centres by video",
    "need_categories": ["citizen_services"],
    "target_population": "older people at home",
    "languages": ["he", "ar"],
}
PARTNER_API = "/api/v1/partner/opportunities/"


def same_key_pairs(base_url: str, keys: list[str], pairs: int) -> dict:
    """Two identical POSTs with one Idempotency-Key released at the same instant, ``pairs`` times;
    returns the statuses and the titles sent (each title must make exactly one draft)."""
    statuses, titles = Counter(), []
    for i in range(pairs):
        key, title = keys[i % len(keys)], f"Twin {uuid.uuid4().hex}"
        headers = partner_headers(key, f"twin-{uuid.uuid4()}")
        twin = lambda title=title, headers=headers: call(
            base_url, "POST", PARTNER_API, body={"title": title, **DRAFT}, headers=headers
        )
        first, second = at_once(twin, twin)
        statuses.update([first.status, second.status])
        titles.append(title)
    return {"statuses": statuses, "titles": titles}


def patch_submit_races(base_url: str, keys: list[str], races: int) -> dict:
    """A PATCH and a submit of the same draft at the same instant, ``races`` times; then the draft is
    revised and submitted again, which must work (nothing left stuck)."""
    statuses, ids, later = Counter(), [], Counter()
    for i in range(races):
        headers = partner_headers(keys[i % len(keys)])
        created = call(base_url, "POST", PARTNER_API, body={"title": f"Race {i}", **DRAFT}, headers=headers)
        pk = created.json["id"]
        url = f"{PARTNER_API}{pk}/"
        patch, submit = at_once(
            lambda url=url, h=headers: call(
                base_url, "PATCH", url, body={"summary": "Changed in the race"}, headers=h
            ),
            lambda url=url, h=headers: call(base_url, "POST", f"{url}submit/", headers=h),
        )
        statuses.update([f"PATCH {patch.status}", f"submit {submit.status}"])
        ids.append(pk)
        later[call(base_url, "POST", f"{url}revise/", headers=headers).status] += 1
        later[call(base_url, "POST", f"{url}submit/", headers=headers).status] += 1
    return {"statuses": statuses, "ids": ids, "later": later}


def concurrent_edits(
    base_url: str, sessions: list[dict], need_id: int, rounds: int, *, if_match: bool
) -> dict:
    """Two team members PATCH different fields of one need at the same instant, ``rounds`` times.
    With ``if_match`` both send the ETag they read: one must win and the other get a 412."""
    url = f"/api/v1/needs/{need_id}/"
    statuses, lost_silently = Counter(), 0
    for i in range(rounds):
        read = call(base_url, "GET", url, headers=sessions[0])
        etag = {"If-Match": read.headers.get("ETag", "")} if if_match else {}
        title, description = f"Title {i} {uuid.uuid4().hex[:6]}", f"Description {i} {uuid.uuid4().hex[:6]}"
        a, b = at_once(
            lambda body={"title": title}, etag=etag: call(
                base_url, "PATCH", url, body=body, headers={**sessions[0], **etag}
            ),
            lambda body={"description": description}, etag=etag: call(
                base_url, "PATCH", url, body=body, headers={**sessions[1], **etag}
            ),
        )
        statuses.update([a.status, b.status])
        now = call(base_url, "GET", url, headers=sessions[0]).json
        kept = [
            a.status == 200 and now.get("title") == title,
            b.status == 200 and now.get("description") == description,
        ]
        lost_silently += sum(
            1 for ok, answer in zip(kept, (a, b), strict=True) if answer.status == 200 and not ok
        )
    return {"statuses": statuses, "lost_silently": lost_silently}


@dataclass
class Submission:
    """One partner's draft-and-submit, retried with the same Idempotency-Keys until it is answered."""

    title: str
    answers: list = field(default_factory=list)
    opportunity_id: int | None = None
    submitted: bool = False


def submit_with_retries(base_url: str, raw_key: str, *, deadline: float) -> Submission:
    """Create a draft and submit it as a careful partner does: every call has its Idempotency-Key
    and is sent again (same key) after no answer, a 409, a 429 or a 5xx, until ``deadline``."""
    run = Submission(title=f"Offer {uuid.uuid4().hex}")
    create_key, submit_key = f"create-{uuid.uuid4()}", f"submit-{uuid.uuid4()}"

    def persist(method, path, body, key):
        while time.monotonic() < deadline:
            answer = call(
                base_url, method, path, body=body, headers=partner_headers(raw_key, key), timeout=10
            )
            run.answers.append(answer)
            if answer.status is not None and answer.status < 500 and answer.status not in (409, 429):
                return answer
            time.sleep(0.3)
        return None

    created = persist("POST", PARTNER_API, {"title": run.title, **DRAFT}, create_key)
    if created is None or created.status != 201:
        return run
    run.opportunity_id = created.json["id"]
    submitted = persist("POST", f"{PARTNER_API}{run.opportunity_id}/submit/", None, submit_key)
    run.submitted = submitted is not None and submitted.status == 200
    return run


def submissions_during(
    base_url: str, keys: list[str], *, clients: int, seconds: float, fault=None, settle: float = 60
) -> list[Submission]:
    """``clients`` partners submit continuously for ``seconds``; ``fault()`` runs in the middle."""
    runs: list[Submission] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def partner(index):
        while time.monotonic() < stop_at:
            run = submit_with_retries(base_url, keys[index % len(keys)], deadline=stop_at + settle)
            with lock:
                runs.append(run)

    threads = [threading.Thread(target=partner, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    if fault is not None:
        time.sleep(seconds / 3)
        fault()
    for thread in threads:
        thread.join()
    return runs


def tally(runs: list[Submission]) -> dict:
    """What the partners saw, and what the database holds of what they were told was done."""
    from opportunities.models import Match, Opportunity

    answers = [a for run in runs for a in run.answers]
    acknowledged = [run for run in runs if run.submitted]
    titles = Counter(
        Opportunity.objects.filter(title__in=[r.title for r in runs]).values_list("title", flat=True)
    )
    submitted = Opportunity.objects.filter(pk__in=[r.opportunity_id for r in acknowledged])
    matched = set(
        Match.objects.filter(opportunity__in=submitted, revision=1).values_list("opportunity_id", flat=True)
    )
    state = dict(submitted.values_list("pk", "state"))
    return {
        "submissions": len(runs),
        "acknowledged": len(acknowledged),
        "statuses": Counter(a.status for a in answers),
        "server_errors": sum(
            1 for a in answers if a.status is not None and a.status >= 500 and a.status != 503
        ),
        "slowest_seconds": round(max((a.seconds for a in answers), default=0), 2),
        "lost": sum(1 for r in acknowledged if state.get(r.opportunity_id) != "submitted"),
        "doubled": sum(1 for count in titles.values() if count > 1),
        "unmatched": sorted(r.opportunity_id for r in acknowledged if r.opportunity_id not in matched),
    }
