"""The Celery application: JSON only, late acknowledgement, time limits, and every beat schedule.

Settings come from Django settings under the ``CELERY_`` prefix (see ``settings/base.py``).
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "api_human.settings.dev")

app = Celery("api_human")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The one place where periodic work is scheduled; the beat service reads it.
app.conf.beat_schedule = {
    "initiatives-scan-alerts": {
        "task": "initiatives.scan_alerts",
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
}
