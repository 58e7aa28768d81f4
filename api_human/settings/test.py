"""The test suite: PostgreSQL and Redis (both required when CI=true; see tests/conftest.py).

Celery tasks run eagerly in unit tests; integration tests switch that off and use a real worker.
"""

import hashlib
import os
import socket
import tempfile
from urllib.parse import urlsplit

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/api_human")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("API_THROTTLE_ANON", "100000/minute")


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=1):
            return True
    except OSError:
        return False


CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_REACHABLE = _reachable(os.environ["DATABASE_URL"])
REDIS_REACHABLE = _reachable(os.environ["REDIS_URL"])
if not CI and not POSTGRES_REACHABLE:
    # Outside CI a developer without PostgreSQL still gets a suite; conftest reports what it skipped.
    os.environ["DATABASE_URL"] = "sqlite:///:memory:"
if not CI and not REDIS_REACHABLE:
    os.environ["REDIS_URL"] = ""

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-insecure-key-9b1e4c7d2a6f8e3b5c0d")
DEMO_LOGINS_ENABLED = True
SIGN_IN_ADDRESS_LIMIT = 100_000  # many sign-ins from 127.0.0.1; tests/core/test_signin.py sets its own
MFA_REQUIRED_ROLES = []  # the sign-in tests (tests/core/test_signin.py) require it where they test it
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# One test database per checkout, so two checkouts on one machine never share (or drop) each other's.
DATABASES["default"]["TEST"] = {  # noqa: F405  (TEST_DB_SUFFIX: two runs side by side in one checkout)
    "NAME": f"test_api_human_{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]}"  # noqa: F405
    + os.environ.get("TEST_DB_SUFFIX", "")
}
PRIVATE_MEDIA_ROOT = os.path.join(tempfile.gettempdir(), f"api-human-test-private-{os.getpid()}")
# Webhooks: receivers started by the tests on 127.0.0.1, and a retry window of seconds, not a day.
WEBHOOKS_ALLOW_HTTP_LOCALHOST = True
WEBHOOKS_TIMEOUT_SECONDS = 2.0
WEBHOOKS_RETRY_BASE_SECONDS = 1
WEBHOOKS_RETRY_MAX_DELAY_SECONDS = 8
WEBHOOKS_RETRY_FOR = 60

# The cache (rate-limit counters) lives in one Redis database shared by the two test processes and by
# other checkouts: each process writes under its own prefix, and tests clear only that prefix
# (tests.conftest.clear_cache), never the whole database.
if "default" in CACHES and "Redis" in CACHES["default"]["BACKEND"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = (  # noqa: F405
        f"test-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]}-{os.getpid()}"  # noqa: F405
    )
