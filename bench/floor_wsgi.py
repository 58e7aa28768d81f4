"""The product's WSGI application under production settings, answering bench/floor_urls.py's URLs (the
product's and the floor views) — for bench/lists.py only."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "api_human.settings.production")

from django.conf import settings
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
settings.ROOT_URLCONF = "floor_urls"  # before the first request: the resolver reads it then
