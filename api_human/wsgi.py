"""WSGI entry point (gunicorn in docker-compose)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "api_human.settings.production")

application = get_wsgi_application()
