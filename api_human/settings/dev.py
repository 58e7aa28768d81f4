"""Local development: SQLite and in-process Celery tasks unless DATABASE_URL / REDIS_URL are set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-0f6c2d9a4e8b1f7c3a5d")
DEMO_LOGINS_ENABLED = True
# The demo signs in without a second factor; MFA_REQUIRED_ROLES=admin,manager tries it (production's default).
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=[])
STATIC_ROOT = None  # runserver serves from the finders; collectstatic belongs to production
# Webhook endpoints on this machine (http://127.0.0.1, localhost) may be registered and called.
WEBHOOKS_ALLOW_HTTP_LOCALHOST = env.bool("WEBHOOKS_ALLOW_HTTP_LOCALHOST", default=True)
