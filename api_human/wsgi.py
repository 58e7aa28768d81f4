"""WSGI entry point (gunicorn in docker-compose)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "api_human.settings.production")

application = get_wsgi_application()

# Everything loaded so far lives as long as the process: Django, the apps, and the URLconf with every
# view and serializer (loaded here rather than by the first request). Frozen, the collector no longer
# walks those ~200,000 objects at each full collection, which took ~115 ms of some unlucky request.
get_resolver().url_patterns  # noqa: B018  (imports the URLconf)
gc.freeze()
