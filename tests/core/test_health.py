import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.integration
def test_health_reports_database_and_redis(client, redis_url):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["database"]["vendor"] == "postgresql"
    assert body["checks"]["redis"] == {"ok": True, "configured": True}


def test_health_is_503_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["ok"] is False


def test_health_without_redis_configured_checks_the_database_only(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == {"ok": True, "configured": False}
