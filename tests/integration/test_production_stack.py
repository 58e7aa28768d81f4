"""What docker-compose runs, run directly: gunicorn under production settings, Celery beat.
nginx in front of gunicorn is tests/integration/test_proxy.py."""

import subprocess
import sys
import time

import pytest
import yaml
from django.conf import settings

from tests.integration.stack import (
    COMPOSE_FILE,
    ROOT,
    collected_static_root,
    get,
    production_env,
    start_gunicorn,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("stack"),
]

COMPOSE = yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture
def static_root(tmp_path_factory):
    return collected_static_root(tmp_path_factory)


def test_compose_runs_proxy_web_worker_beat_postgres_and_redis():
    services = COMPOSE["services"]
    assert set(services) == {"proxy", "web", "worker", "beat", "postgres", "redis"}
    assert "gunicorn api_human.wsgi" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A api_human worker")
    assert services["beat"]["command"].startswith("celery -A api_human beat")
    app_env = services["web"]["environment"]
    assert app_env["DJANGO_SETTINGS_MODULE"] == "api_human.settings.production"


def test_only_the_proxy_faces_clients():
    services = COMPOSE["services"]
    assert "ports" not in services["web"] and services["web"]["expose"] == ["8000"]
    assert services["proxy"]["ports"] == ["${PORT:-8000}:8080"]
    assert services["proxy"]["environment"]["NGINX_PORT"] == "8080"
    assert services["proxy"]["environment"]["UPSTREAM"] == "web:8000"
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert "-c gunicorn.conf.py" in services["web"]["command"]


def test_gunicorn_serves_the_app_under_production_settings(tmp_path, static_root):
    if not settings.REDIS_URL:
        pytest.skip("needs Redis")
    env = production_env(tmp_path, STATIC_ROOT=str(static_root))
    with start_gunicorn(env) as web:
        status, _headers, body = get(f"{web.base_url}/health/")
        assert status == 200 and b'"status": "ok"' in body

        status, headers, _ = get(f"{web.base_url}/accounts/login/", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"

        status, headers, _ = get(f"{web.base_url}/static/vendor/bootstrap/css/bootstrap.rtl.min.css")
        assert status == 200 and "max-age" in headers.get("Cache-Control", "")
        # every front-end file the templates load was collected (collectstatic leaves the packages'
        # other builds out: api_human/core/staticfiles.py), and source maps are kept though not compressed
        for path in (
            "vendor/bootstrap/css/bootstrap.min.css",
            "vendor/bootstrap/js/bootstrap.bundle.min.js",
            "vendor/htmx/htmx.min.js",
            "vendor/bootstrap/css/bootstrap.rtl.min.css.map",
        ):
            assert get(f"{web.base_url}/static/{path}")[0] == 200, path
        assert not (static_root / "vendor/bootstrap/css/bootstrap-grid.css").exists()
        assert not list(static_root.rglob("*.map.br"))
    # gunicorn.conf.py's access log: one line per request, on stdout.
    assert any('"GET /health/ HTTP/1.1" 200' in line for line in web.output), web.log()


def test_celery_beat_starts_with_the_schedule(tmp_path):
    if not settings.REDIS_URL:
        pytest.skip("needs Redis")
    env = production_env(tmp_path)
    log = tmp_path / "beat.log"
    # Its output goes to a file: a pipe nobody reads once beat has started fills up, and a beat blocked
    # writing its log would not stop when told to (the test then waited out its timeout).
    with log.open("w") as out:
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
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and beat.poll() is None:
            if "beat: Starting" in log.read_text():
                break
            time.sleep(0.2)
        assert "beat: Starting" in log.read_text(), log.read_text()
        assert beat.poll() is None
    finally:
        beat.terminate()
        try:
            beat.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a loaded machine: do not turn a slow shutdown into a failure
            beat.kill()
            beat.wait()
