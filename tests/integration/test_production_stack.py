"""What docker-compose runs, run directly: gunicorn under production settings, Celery beat."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.integration.conftest import _database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _production_env(tmp_path) -> dict:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "api_human.settings.production",
        "SECRET_KEY": "stack-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
    }


def _get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, dict(response.headers), response.read()


def test_compose_runs_web_worker_beat_postgres_and_redis():
    assert set(COMPOSE["services"]) == {"web", "worker", "beat", "postgres", "redis"}
    assert "gunicorn api_human.wsgi" in COMPOSE["services"]["web"]["command"]
    assert COMPOSE["services"]["worker"]["command"].startswith("celery -A api_human worker")
    assert COMPOSE["services"]["beat"]["command"].startswith("celery -A api_human beat")
    app_env = COMPOSE["services"]["web"]["environment"]
    assert app_env["DJANGO_SETTINGS_MODULE"] == "api_human.settings.production"


def test_gunicorn_serves_the_app_under_production_settings(tmp_path):
    if not settings.REDIS_URL:
        pytest.skip("needs Redis")
    env = _production_env(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "api_human.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, _headers, body = _get(f"{base}/health/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer: " + server.stderr.read1().decode())
        assert status == 200 and b'"status": "ok"' in body

        status, headers, _ = _get(f"{base}/accounts/login/", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"

        status, headers, _ = _get(f"{base}/static/vendor/bootstrap/css/bootstrap.rtl.min.css")
        assert status == 200 and "max-age" in headers.get("Cache-Control", "")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_celery_beat_starts_with_the_schedule(tmp_path):
    if not settings.REDIS_URL:
        pytest.skip("needs Redis")
    env = _production_env(tmp_path)
    beat = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "api_human",
            "beat",
            "--loglevel=INFO",
            "--schedule",
            str(tmp_path / "celerybeat-schedule"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline, output = time.monotonic() + 30, []
        while time.monotonic() < deadline:
            line = beat.stdout.readline()
            output.append(line)
            if "beat: Starting" in line or (not line and beat.poll() is not None):
                break
        assert any("beat: Starting" in line for line in output), "".join(output)
        assert beat.poll() is None
    finally:
        beat.terminate()
        try:
            beat.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a loaded machine: do not turn a slow shutdown into a failure
            beat.kill()
            beat.wait()
