"""``/health/``: the state of the database and (when configured) Redis, for load balancers and people."""

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # any failure means "down"; the reason is reported, not raised
        return {"ok": False, "error": exc.__class__.__name__}


def _redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "configured": False}
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return {"ok": True, "configured": True}
    except redis.RedisError as exc:
        return {"ok": False, "configured": True, "error": exc.__class__.__name__}


@never_cache
@require_GET
def health(request):
    checks = {"database": _database(), "redis": _redis()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )
