"""A backup taken while partners write through the API restores, into a fresh database, exactly what had
committed: every opportunity and attachment committed before it started, nothing begun after it
finished, and every restored attachment's file byte for byte as the partner sent it."""

import collections
import dataclasses
import hashlib
import io
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.utils.functional import empty
from rest_framework.throttling import SimpleRateThrottle

from api_human.core.models import Role
from api_human.core.services import partner_key_issue
from api_human.core.storage import private_storage
from opportunities.models import Attachment, Opportunity
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
API = "/api/v1/partner/opportunities/"
WRITERS = 4
WRITING_BEFORE, WRITING_AFTER = 3.0, 2.0  # seconds of writing on each side of the backup


@dataclasses.dataclass
class Write:
    """One opportunity and its attachment, with when each request left and each answer came back."""

    sent: float
    opportunity: int
    created: float
    attachment_sent: float
    attachment: int | None = None
    attached: float | None = None
    sha256: str = ""


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    private_storage._wrapped = empty  # built lazily once: rebuild it on the new root
    yield
    private_storage._wrapped = empty


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped at the end; yields its name."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    name = f"restore_{uuid.uuid4().hex[:12]}"
    server = _connect("postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def _connect(dbname: str):
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=dbname, host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"]
    )


def _database_url(dbname: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER'] or 'postgres'}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{dbname}"


def write_until(stop: threading.Event, base_url: str, key: str, writes: list[Write], errors: list[str]):
    session = requests.Session()
    session.headers["Authorization"] = f"Api-Key {key}"
    while not stop.is_set():
        sent = time.monotonic()
        created = session.post(base_url + API, json={"title": f"Draft {uuid.uuid4().hex[:8]}"}, timeout=30)
        if created.status_code != 201:
            errors.append(f"create: {created.status_code} {created.text[:200]}")
            return
        write = Write(sent, created.json()["id"], time.monotonic(), time.monotonic())
        writes.append(write)
        content = b"%PDF-1.4\n" + os.urandom(2048 + len(writes) % 4096)
        uploaded = session.post(
            f"{base_url}{API}{write.opportunity}/attachments/",
            files={"file": ("deck.pdf", content)},
            timeout=30,
        )
        if uploaded.status_code != 201:
            errors.append(f"attach: {uploaded.status_code} {uploaded.text[:200]}")
            return
        write.attachment, write.attached = uploaded.json()["id"], time.monotonic()
        write.sha256 = hashlib.sha256(content).hexdigest()


def restored_rows(dbname: str) -> tuple[set[int], dict[int, tuple[int, str]]]:
    db = _connect(dbname)
    try:
        with db.cursor() as cursor:
            cursor.execute(f'SELECT id FROM "{Opportunity._meta.db_table}"')  # noqa: S608
            opportunities = {pk for (pk,) in cursor.fetchall()}
            cursor.execute(f'SELECT id, opportunity_id, file FROM "{Attachment._meta.db_table}"')  # noqa: S608
            attachments = {pk: (opportunity, name) for pk, opportunity, name in cursor.fetchall()}
    finally:
        db.close()
    return opportunities, attachments


def test_a_backup_under_load_restores_what_committed_before_it_byte_for_byte(
    live_server, private_media, fresh_database, settings, tmp_path, monkeypatch
):
    no_limits = collections.defaultdict(lambda: None)  # whatever the scope
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", no_limits)
    organization = OrganizationFactory(name="Load Ltd")
    keys = [
        partner_key_issue(
            user=UserFactory(username=f"writer{n}", role=Role.PARTNER, organization=organization), name="load"
        )[1]
        for n in range(WRITERS)
    ]
    writes, errors, stop = [], [], threading.Event()
    threads = [
        threading.Thread(target=write_until, args=(stop, live_server.url, key, writes, errors))
        for key in keys
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(WRITING_BEFORE)
        backup_started = time.monotonic()
        out = io.StringIO()
        call_command("backup", output_dir=tmp_path / "backups", stdout=out)
        backup_finished = time.monotonic()
        time.sleep(WRITING_AFTER)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors, errors
    archive = Path(out.getvalue().strip().splitlines()[-1])

    restored_media = tmp_path / "restored-private-media"
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "api_human.settings.dev",
            "DATABASE_URL": _database_url(fresh_database),
            "PRIVATE_MEDIA_ROOT": str(restored_media),
            "REDIS_URL": "",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    opportunities, attachments = restored_rows(fresh_database)

    before = [w for w in writes if w.created < backup_started]
    after = [w for w in writes if w.sent > backup_finished]
    assert before and after, "the writers must write on both sides of the backup"
    assert {w.opportunity for w in before} <= opportunities
    assert {w.attachment for w in before if w.attached and w.attached < backup_started} <= set(attachments)
    assert not {w.opportunity for w in after} & opportunities
    assert not {w.attachment for w in writes if w.attachment_sent > backup_finished} & set(attachments)
    uploaded = {w.attachment: w for w in writes if w.attachment}
    for pk, (opportunity, name) in attachments.items():
        assert opportunity in opportunities
        assert hashlib.sha256((restored_media / name).read_bytes()).hexdigest() == uploaded[pk].sha256
    assert f"opportunities.Attachment: {len(attachments)}" in result.stdout
    assert f"Files: {len(attachments)}" in result.stdout
