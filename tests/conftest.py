"""Suite-wide set-up: the real services, and the cast of the permission matrix.

Under CI (CI=true) PostgreSQL and Redis are required: the run stops at once with the reason if one
is missing. Outside CI the settings fall back to SQLite and the tests that need a missing service
are skipped with a reason that pytest prints in its summary (``-ra``).
"""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import TestCase

from tests.factories import (
    EngagementFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)


def pytest_configure(config):
    from api_human.settings import test as test_settings

    missing = []
    if not test_settings.POSTGRES_REACHABLE:
        missing.append("PostgreSQL (DATABASE_URL)")
    if not test_settings.REDIS_REACHABLE:
        missing.append("Redis (REDIS_URL)")
    if missing and test_settings.CI:
        pytest.exit(f"CI=true but these services are not reachable: {', '.join(missing)}", returncode=3)
    config.missing_services = missing


SCREENSHOT_DIR = Path(
    os.environ.get("SCREENSHOT_DIR") or Path(__file__).resolve().parents[1] / "test-screenshots"
)
_RUN_STARTED = time.time()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Where the browser walk (tests/e2e/test_walk.py) left its screenshots, when it took some in this
    run, and how long each language's walk took."""
    if not SCREENSHOT_DIR.is_dir():
        return
    taken = sum(1 for png in SCREENSHOT_DIR.rglob("*.png") if png.stat().st_mtime >= _RUN_STARTED)
    if taken:
        terminalreporter.write_sep("-", "screenshots")
        terminalreporter.write_line(f"{taken} screenshots of the pages the walk visited: {SCREENSHOT_DIR}")
        for note in sorted(SCREENSHOT_DIR.glob("*/walk.txt")):
            if note.stat().st_mtime >= _RUN_STARTED:
                terminalreporter.write_line(note.read_text().strip())


def pytest_collection_modifyitems(config, items):
    if not config.missing_services:
        return
    reason = "needs " + " and ".join(config.missing_services) + " (required when CI=true)"
    for item in items:
        if item.get_closest_marker("integration"):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _hebrew_by_default(settings):
    settings.LANGUAGE_CODE = "he"


@pytest.fixture(autouse=True)
def _redis_trusted_again():
    """The Redis circuit breaker is per process: a test that made the broker fail must not leave the
    next test's rate limits switched off."""
    from api_human.core.breaker import redis_breaker

    yield
    redis_breaker.reset()


@pytest.fixture(autouse=True)
def _no_message_remembered_waiting():
    """The outbox remembers, per process, a debounced message it knows is waiting; each test's database
    starts without it."""
    from api_human.core import outbox

    outbox.forget_waiting()
    yield
    outbox.forget_waiting()


@pytest.fixture
def not_eager():
    """Tasks go to the broker (as in production) instead of running in-process; the Redis circuit
    breaker starts and ends closed. Yields the Celery application."""
    from api_human.celery import app
    from api_human.core.breaker import redis_breaker

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    redis_breaker.reset()
    yield app
    app.conf.task_always_eager = eager
    redis_breaker.reset()


# ------------------------------------------------------------------------------------------------
# The permission-matrix cast: one engagement with its team member and manager, another
# engagement with its own team member, two partner organisations with a partner each, an admin.
# ------------------------------------------------------------------------------------------------
class Cast:
    ROLES = ("anonymous", "partner_a", "partner_b", "manager", "other_team_member", "team_member", "admin")

    def __init__(self):
        from api_human.core.models import EngagementMembership, Role

        self.org_a = OrganizationFactory(name="Partner A Ltd", world="digital", kind="startup")
        self.org_b = OrganizationFactory(name="Partner B Ltd", world="digital", kind="startup")
        self.engagement = EngagementFactory(name="Engagement under test")
        self.other_engagement = EngagementFactory(name="Another engagement")
        self.users = {
            "anonymous": None,
            "partner_a": UserFactory(username="partner_a", role=Role.PARTNER, organization=self.org_a),
            "partner_b": UserFactory(username="partner_b", role=Role.PARTNER, organization=self.org_b),
            "manager": UserFactory(username="manager", role=Role.MANAGER),
            "other_team_member": UserFactory(username="other_team_member", role=Role.TEAM),
            "team_member": UserFactory(username="team_member", role=Role.TEAM),
            "admin": UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True),
        }
        MembershipFactory(engagement=self.engagement, user=self.users["team_member"])
        MembershipFactory(
            engagement=self.engagement, user=self.users["manager"], role=EngagementMembership.Role.MANAGER
        )
        MembershipFactory(engagement=self.other_engagement, user=self.users["other_team_member"])

    def __getattr__(self, role):
        users = self.__dict__.get("users", {})
        if role in users:
            return users[role]
        raise AttributeError(role)


@pytest.fixture
def cast(db):
    return Cast()


@pytest.fixture
def team(client, cast):
    """The test client signed in as the cast's team member."""
    client.force_login(cast.team_member)
    return client


@pytest.fixture
def redis_url():
    if not settings.REDIS_URL:
        pytest.skip("Redis is not configured")
    return settings.REDIS_URL


def clear_cache():
    """Forget this process's rate-limit counters. ``cache.clear()`` would flush the whole Redis
    database, counters of the other test process included; this deletes this process's prefix only."""
    from django.core.cache import cache

    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if not prefix or "Redis" not in settings.CACHES["default"]["BACKEND"]:
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)


def load_demo_now():
    """``loaddemo``, with what it sends to the outbox after commit (matching, scores) run here and now."""
    from api_human.core.management.commands.loaddemo import load_all_demo

    with TestCase.captureOnCommitCallbacks(execute=True):
        load_all_demo()


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for a test module inside a transaction that stays open for the module
    and is rolled back after its last test (each test nests a savepoint in it: pytest-django's ``db``)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            load_demo_now()
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            assert not connection.in_atomic_block, "a test left a transaction open"
