"""A real Celery worker process, on the real Redis broker, reading the test database."""

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from api_human.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue: str, **extra_env) -> subprocess.Popen:
    """``celery worker`` on ``queue`` (solo pool), started and ready; its output is drained in the
    background (kept on ``worker.output``) so a chatty worker never blocks on a full pipe."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "api_human.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,  # tasks the worker sends itself stay on this queue
        **extra_env,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "api_human",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "-n",
            f"{queue}-{uuid.uuid4().hex[:4]}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    worker.output = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = worker.stdout.readline()
        if not line and worker.poll() is not None:
            break
        worker.output.append(line)
        if " ready." in line:
            break
    else:
        worker.kill()
        pytest.fail("the Celery worker did not start:\n" + "".join(worker.output))
    if worker.poll() is not None:
        pytest.fail("the Celery worker exited:\n" + "".join(worker.output))
    threading.Thread(target=lambda: worker.output.extend(worker.stdout), daemon=True).start()
    return worker


def wait_for(condition, *, timeout: float = 30, every: float = 0.2, message: str = ""):
    """Poll ``condition`` until it is true (returns its value) or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(message or f"not true within {timeout} s: {condition}")


def stop_worker(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


@pytest.fixture
def celery_queue(transactional_db, settings):
    """A queue of its own for this test; tasks this process sends go there, not eagerly."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    eager, default_queue = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        celery_app.conf.task_always_eager = eager
        celery_app.conf.task_default_queue = default_queue


@pytest.fixture
def celery_worker_process(celery_queue):
    """Start ``celery worker`` on the test's queue; tasks sent to it run there, not eagerly."""
    worker = start_worker(celery_queue)
    try:
        yield celery_queue
    finally:
        stop_worker(worker)
