"""The Celery application: JSON only, late acknowledgement, time limits, and every beat schedule.

Settings come from Django settings under the ``CELERY_`` prefix (see ``settings/base.py``).
"""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import celeryd_init, task_postrun, task_prerun
from django.conf import settings
from django.db import close_old_connections, connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "api_human.settings.dev")

app = Celery("api_human")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

OUTBOX_DISPATCH_SECONDS = settings.OUTBOX_DISPATCH_SECONDS
WORKER_BROKER_SOCKET_TIMEOUT = 30


@celeryd_init.connect
def _workers_wait_longer_on_the_broker(conf=None, **kwargs):
    """The web tier gives up on Redis after about a second (settings); a worker, which lives on the
    broker's connection, may wait — a short socket timeout would break its blocking reads."""
    conf.broker_transport_options = {
        **conf.broker_transport_options,
        "socket_timeout": WORKER_BROKER_SOCKET_TIMEOUT,
    }


@task_prerun.connect
def _connections_checked_before(task=None, **kwargs):
    """A connection kept from the task before is reused the way a web request reuses it: unless it is
    older than ``CONN_MAX_AGE`` or saw an error, and after a health check on its first use."""
    if not getattr(task.request, "is_eager", False):
        close_old_connections()


@task_postrun.connect
def _connections_kept_after_success(task=None, state=None, **kwargs):
    """Kept only after a task that succeeded: one that failed or was interrupted (a time limit, a
    retry) may have left its connection in any state, so it is closed and the next task opens anew."""
    if getattr(task.request, "is_eager", False):
        return
    if state == "SUCCESS":
        close_old_connections()
    else:
        connections.close_all()


# The one place where periodic work is scheduled; the beat service reads it.
app.conf.beat_schedule = {
    "core-dispatch-outbox": {
        "task": "core.dispatch_outbox",
        "schedule": OUTBOX_DISPATCH_SECONDS,
        "options": {"expires": OUTBOX_DISPATCH_SECONDS},  # a backlog of dispatchers is pointless
    },
    "core-scan-alerts": {
        "task": "core.scan_alerts",
        "schedule": crontab(hour=6, minute=30),
    },
    "scoring-recompute-all": {
        "task": "scoring.recompute_all",
        "schedule": crontab(hour=2, minute=15),
    },
    "scoring-sweep": {
        "task": "scoring.sweep",
        "schedule": crontab(minute="*/2"),
    },
    "dashboards-send-digests": {
        "task": "dashboards.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "core-clear-expired-sessions": {
        "task": "core.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
    "core-purge-idempotency-keys": {
        "task": "core.purge_idempotency_keys",
        "schedule": crontab(hour=3, minute=27),
    },
    "broadcasts-announce-closing": {  # partners' webhooks: open broadcasts that close soon
        "task": "opportunities.announce_closing_broadcasts",
        "schedule": crontab(hour=7, minute=5),
    },
    "webhooks-send-due": {  # retries whose time has come (and deliveries whose message was lost)
        "task": "webhooks.send_due",
        "schedule": settings.WEBHOOKS_SEND_DUE_SECONDS,
        "options": {"expires": settings.WEBHOOKS_SEND_DUE_SECONDS},
    },
    "webhooks-purge-deliveries": {
        "task": "webhooks.purge_deliveries",
        "schedule": crontab(hour=3, minute=37),
    },
}
