"""Settings shared by every environment; ``dev``, ``test`` and ``production`` adjust a few.

Everything that differs between machines is read from the environment (django-environ); a
``.env`` file beside ``manage.py`` is read when present. ``.env.example`` lists every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

# ------------------------------------------------------------------------------------------------
# General
# ------------------------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

ROOT_URLCONF = "api_human.urls"
WSGI_APPLICATION = "api_human.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Demo logins (password "demo") are created only where this is true: dev and test settings.
DEMO_LOGINS_ENABLED = False

# ------------------------------------------------------------------------------------------------
# Languages: Hebrew first (right-to-left), English and Arabic selectable
# ------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "he"
LANGUAGES = [
    ("he", _("Hebrew")),
    ("en", _("English")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style per language (api_human/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["api_human.formats"]
TIME_ZONE = "Asia/Jerusalem"
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------------------------
# Databases
# ------------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Seconds a connection is kept for the next request or task (production's default: 60)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)

# ------------------------------------------------------------------------------------------------
# Redis: Celery broker and results, cache. Without REDIS_URL tasks run in-process.
# ------------------------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")

# The web tier never waits on Redis for more than about a second: short socket timeouts here and on
# the broker below. The cache holds only rate-limit counters, which fail open.
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=1.0)
REDIS_RETRY_SECONDS = env.float("REDIS_RETRY_SECONDS", default=5.0)  # after a failure, Redis is let be

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# ------------------------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "axes",  # sign-in lockout and its records
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
]
# In the order they build on each other (docs/architecture.md); what comes first on a page or in the demo is
# set by the extension points' explicit order (api_human/core/registry.py), not by this list.
LOCAL_APPS = [
    "api_human.core",
    "api_human.scoring",
    "webhooks",
    "initiatives",
    "stages",
    "tensions",
    "opportunities",
    "connections",
    "dashboards",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# ------------------------------------------------------------------------------------------------
# Authentication
# ------------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ------------------------------------------------------------------------------------------------
# Sign-in and security (api_human/core/signin.py, sso.py, mfa.py; README: "Sign-in and security")
# ------------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked-out account or address goes no further
    "django.contrib.auth.backends.ModelBackend",
    "api_human.core.sso.SSOBackend",  # answers only the OpenID Connect callback
]
# Single sign-on: these three turn it on (the endpoints come from the discovery document).
OIDC_DISCOVERY_URL = env("OIDC_DISCOVERY_URL", default="")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # kept in the session for the provider's logout (id_token_hint)
OIDC_CREATE_USER = True
OIDC_AUTHENTICATE_CLASS = "api_human.core.sso.SSORequestView"
OIDC_CALLBACK_CLASS = "api_human.core.sso.SSOCallbackView"
OIDC_REDIRECT_REQUIRE_HTTPS = env.bool("OIDC_REDIRECT_REQUIRE_HTTPS", default=False)
# The role from a group claim (optional): OIDC_GROUPS_CLAIM=groups, OIDC_ROLE_GROUPS=admin=a,manager=b,team=c
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="")
OIDC_ROLE_GROUPS = env.dict("OIDC_ROLE_GROUPS", default={})
# Password sign-in for ministry staff (partners always have it); off where single sign-on is the rule.
STAFF_PASSWORD_SIGN_IN = env.bool("STAFF_PASSWORD_SIGN_IN", default=True)

# The second factor (django-otp: an authenticator app's codes and recovery codes).
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=["admin", "manager"])
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Human API")
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next one (per device)
MFA_RECOVERY_CODES = 10

# Lockout per account (django-axes) and a throttle per client address.
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGN_IN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username"]  # per address: the throttle below (a lockout would shut out an office)
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # "no ip_address in the lockout parameters": see the line above
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False  # the records are in the database (admin → Axes), not in every log
AXES_CLIENT_IP_CALLABLE = "api_human.core.signin.client_ip"
AXES_LOCKOUT_CALLABLE = "api_human.core.signin.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password", "token", "otp_token"]
SIGN_IN_ADDRESS_LIMIT = env.int("SIGN_IN_ADDRESS_LIMIT", default=50)
SIGN_IN_ADDRESS_WINDOW = env.int("SIGN_IN_ADDRESS_WINDOW", default=900)

# Sessions: idle timeout and absolute lifetime (seconds).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS

# ------------------------------------------------------------------------------------------------
# Middleware
# ------------------------------------------------------------------------------------------------
MIDDLEWARE = [
    "api_human.core.requests.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "api_human.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "api_human.core.signin.SessionLimitsMiddleware",
    "api_human.core.mfa.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a lockout the backend found with our page
]

# ------------------------------------------------------------------------------------------------
# Static files: our own and the front-end packages npm installed, served by WhiteNoise
# ------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STATICFILES_FINDERS = [
    "api_human.core.staticfiles.FileSystemFinder",  # STATICFILES_DIRS, without the packages' unused builds
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Partners' attachments: outside MEDIA_ROOT, served only to people allowed to see the opportunity.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media"))
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)

# ------------------------------------------------------------------------------------------------
# Backups (manage.py backup / restore): the database and the private files, in one archive
# ------------------------------------------------------------------------------------------------
BACKUP_DIR = env("BACKUP_DIR", default=str(BASE_DIR / "backups"))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)  # newest archives kept in BACKUP_DIR; 0 keeps all

# ------------------------------------------------------------------------------------------------
# Templates
# ------------------------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "api_human.core.context_processors.navigation",
                "stages.context_processors.sign_offs",
            ],
        },
    },
]

# ------------------------------------------------------------------------------------------------
# Security (production.py tightens cookies, HSTS and TLS)
# ------------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# ------------------------------------------------------------------------------------------------
# E-mail
# ------------------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="api-human@localhost")

# ------------------------------------------------------------------------------------------------
# Django REST framework and the OpenAPI schema
# ------------------------------------------------------------------------------------------------
# How many proxies stand in front of Django, each appending to X-Forwarded-For (nginx: 1). The client's
# address is the entry that many places from the end; with 0 the header is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Partners' API keys: active keys an organisation may hold; how long a rotated key keeps working.
PARTNER_MAX_ACTIVE_KEYS = env.int("PARTNER_MAX_ACTIVE_KEYS", default=5)
PARTNER_KEY_ROTATION_OVERLAP = env.int("PARTNER_KEY_ROTATION_OVERLAP_SECONDS", default=24 * 3600)
# JSON bodies: deeper nesting or longer lists/objects are a 400 before anything else reads them.
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=32)
API_MAX_JSON_ITEMS = env.int("API_MAX_JSON_ITEMS", default=1000)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api_human.core.api.authentication.PartnerKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "api_human.core.api.filters.FilterBackend",
        "api_human.core.api.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api_human.core.api.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["api_human.core.api.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api_human.core.api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api_human.core.api.schema.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "api_human.core.api.versioning.PathVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ("v1", "v2"),
    "EXCEPTION_HANDLER": "api_human.core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "api_human.core.api.throttling.AnonRateThrottle",
        "api_human.core.api.throttling.UserRateThrottle",
        "api_human.core.api.throttling.PartnerThrottle",
    ],
    # The client's address is REMOTE_ADDR, which RequestContextMiddleware sets from
    # TRUSTED_PROXY_COUNT; DRF must not read X-Forwarded-For itself.
    "NUM_PROXIES": 0,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="1200/minute"),
        "partner": env("API_THROTTLE_PARTNER", default=env("API_THROTTLE_PARTNER_KEY", default="120/minute")),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Human API platform",
    "DESCRIPTION": (
        "REST API of the Ministry of Welfare's Human API platform. Partners authenticate with "
        "`Authorization: Api-Key <key>`; team members use their browser session. Every error, "
        "whatever its status, has the `Error` shape."
    ),
    "VERSION": "1.5.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api_human.core.api.schema.strict_components",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PlatformRoleEnum": "api_human.core.models.Role",
        "MembershipRoleEnum": "api_human.core.models.EngagementMembership.Role",
        "OrganizationKindEnum": "api_human.core.models.Organization.Kind",
        "TeamKindEnum": "api_human.core.models.Team.Kind",
        "WorldEnum": "api_human.core.models.World",
        "MechanismWorldEnum": "stages.models.Mechanism.World",
        "GateDecisionEnum": "stages.models.GateDecision.Decision",
        "ExitDecisionEnum": "stages.models.ExitReview.Decision",
        "StageEnum": "api_human.core.models.Stage",
        "TensionStateEnum": "tensions.models.Tension.State",
        "TensionOriginEnum": "tensions.models.Tension.Origin",
        "EngagementStatusEnum": "api_human.core.models.Engagement.Status",
        "InitiativeStatusEnum": "initiatives.models.Initiative.Status",
        "NeedStatusEnum": "initiatives.models.Need.Status",
        "NeedCategoryEnum": "initiatives.models.NeedCategory",
        "MechanismCategoryEnum": "stages.models.Mechanism.Category",
        "OpportunityStateEnum": "opportunities.models.Opportunity.State",
        "RubricKindEnum": "api_human.scoring.models.Rubric.Kind",
        "RubricStatusEnum": "api_human.scoring.models.Rubric.Status",
        "ScoreRunKindEnum": "api_human.scoring.models.ScoreRun.Kind",
        "ScoreRunStatusEnum": "api_human.scoring.models.ScoreRun.Status",
        "ScoredSubjectEnum": "api_human.scoring.models.SubjectType",
        "WebhookEventEnum": "webhooks.events.SUBSCRIBABLE_CHOICES",
        "WebhookDeliveryStatusEnum": "webhooks.models.WebhookDelivery.Status",
        "WebhookDisabledReasonEnum": "webhooks.models.WebhookEndpoint.DisabledReason",
        "JointEventKindEnum": "connections.models.Event.Kind",
        "ConnectionOriginEnum": "connections.models.Connection.Origin",
        "TrustNoteKindEnum": "connections.models.TrustNote.Kind",
        "MentoringMovedEnum": "connections.models.MentoringSession.Moved",
        "MenteeWorldEnum": "connections.models.TWO_WORLDS",
        "ProcurementStepKindEnum": "connections.models.ProcurementStep.Kind",
        "ProcurementStepStatusEnum": "connections.models.ProcurementStep.Status",
        "ServicePhaseEnum": "connections.models.Phase",
        "ConcernPartyEnum": "connections.models.Concern.Party",
        "ConcernStatusEnum": "connections.models.Concern.Status",
    },
}

# ------------------------------------------------------------------------------------------------
# Celery (read by api_human/celery.py); beat schedules live there, in one place
# ------------------------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
# No result backend: nothing reads a task's result (progress lives in ScoreRun, side effects in the
# outbox), and a backend would be one more thing for the web tier to wait on.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Publishing gives up fast (the outbox sends it again later) instead of retrying inside a request.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_TIMEOUT_SECONDS,  # a worker waits longer: see api_human/celery.py
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    # A task a dead worker had taken comes back after this long (the outbox lease is shorter).
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=10 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=9 * 60)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Celery's Django fixup closes the database connection around every task (a new PostgreSQL backend
# per task: ~15 ms of CPU, a quarter of the machine under partner writes); with this it closes only
# every this many tasks, and api_human/celery.py applies Django's own rules between tasks instead
# (CONN_MAX_AGE, a health check before reuse, closed after any failed task).
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)

# ------------------------------------------------------------------------------------------------
# Reliability: idempotency keys and the outbox (api_human/core/api/idempotency.py, core/outbox.py)
# ------------------------------------------------------------------------------------------------
IDEMPOTENCY_KEY_TTL = env.int("IDEMPOTENCY_KEY_TTL", default=24 * 3600)  # seconds an answer is kept
IDEMPOTENCY_WAIT_SECONDS = env.float("IDEMPOTENCY_WAIT_SECONDS", default=5.0)  # a twin waits, then 409
OUTBOX_DISPATCH_SECONDS = env.int("OUTBOX_DISPATCH_SECONDS", default=30)  # how often beat sends what is due
OUTBOX_RESEND_SECONDS = env.int("OUTBOX_RESEND_SECONDS", default=300)  # sent but not started: send again
# started but not finished (the worker died): run it again — a task may run for CELERY_TASK_TIME_LIMIT
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=25)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=7)  # finished messages are kept this long
# a drained task's messages (matching) are run together this long after the first of them
OUTBOX_DRAIN_SECONDS = env.float("OUTBOX_DRAIN_SECONDS", default=0.5)

# ------------------------------------------------------------------------------------------------
# Alerts (core.scan_alerts, daily by beat; what stalls comes from the apps' alert sources)
# ------------------------------------------------------------------------------------------------
TENSION_BLOCKING_ALERT_DAYS = env.int("TENSION_BLOCKING_ALERT_DAYS", default=14)
INITIATIVE_STALE_ALERT_DAYS = env.int("INITIATIVE_STALE_ALERT_DAYS", default=60)
ALERT_EMAILS = env.bool("ALERT_EMAILS", default=False)  # also e-mail the alerts (needs EMAIL_BACKEND)

# ------------------------------------------------------------------------------------------------
# Dashboards: the managers' morning digest (dashboards.tasks.send_digests, daily by beat)
# ------------------------------------------------------------------------------------------------
DIGEST_SCORE_CHANGE = env.int("DIGEST_SCORE_CHANGE", default=10)  # points that make a score change news
DIGEST_EMAILS = env.bool("DIGEST_EMAILS", default=False)  # also e-mail it each morning (needs EMAIL_BACKEND)

# ------------------------------------------------------------------------------------------------
# Scoring (api_human.scoring): subjects per batch of a recompute (one transaction each)
# ------------------------------------------------------------------------------------------------
SCORING_BATCH_SIZE = env.int("SCORING_BATCH_SIZE", default=500)
# A recompute of more than one batch is shared by this many tasks (as many as the workers run at once)
SCORING_PARALLEL_TASKS = env.int("SCORING_PARALLEL_TASKS", default=2)
# Batches a recompute task works on at once on PostgreSQL (the next read and evaluated while the last is
# written; each lane past the first has a database connection of its own). 1: a worker process keeps one
# core busy and a recompute scales with the processes sharing it (SCORING_PARALLEL_TASKS); 2 suits a
# lone single-process worker on an otherwise idle machine.
SCORING_LANES = env.int("SCORING_LANES", default=1)
# Changes within this many seconds of the first share one recompute (a burst: one new snapshot)
SCORING_DEBOUNCE_SECONDS = env.float("SCORING_DEBOUNCE_SECONDS", default=0.5)

# ------------------------------------------------------------------------------------------------
# Partner webhooks (webhooks/): signed POSTs to partners' endpoints, retried with backoff
# ------------------------------------------------------------------------------------------------
# The webhook event broadcast.closing goes out this many days before a broadcast closes.
BROADCAST_CLOSING_NOTICE_DAYS = env.int("BROADCAST_CLOSING_NOTICE_DAYS", default=3)
WEBHOOKS_MAX_ENDPOINTS = env.int("WEBHOOKS_MAX_ENDPOINTS", default=5)  # per organisation
# http://127.0.0.1 / localhost endpoints (and loopback addresses) allowed: dev and test settings only
WEBHOOKS_ALLOW_HTTP_LOCALHOST = env.bool("WEBHOOKS_ALLOW_HTTP_LOCALHOST", default=False)
WEBHOOKS_TIMEOUT_SECONDS = env.float("WEBHOOKS_TIMEOUT_SECONDS", default=5.0)  # connect, then read
WEBHOOKS_RETRY_BASE_SECONDS = env.int("WEBHOOKS_RETRY_BASE_SECONDS", default=60)  # 1 min, 2, 4…
WEBHOOKS_RETRY_MAX_DELAY_SECONDS = env.int("WEBHOOKS_RETRY_MAX_DELAY_SECONDS", default=3600)  # … up to 1 h
WEBHOOKS_RETRY_FOR = env.int("WEBHOOKS_RETRY_FOR", default=24 * 3600)  # seconds from the first attempt
WEBHOOKS_DISABLE_AFTER = env.int("WEBHOOKS_DISABLE_AFTER", default=20)  # failed attempts in a row
WEBHOOKS_SEND_DUE_SECONDS = env.int("WEBHOOKS_SEND_DUE_SECONDS", default=30)  # how often beat sends retries
WEBHOOKS_KEEP_DAYS = env.int("WEBHOOKS_KEEP_DAYS", default=30)  # finished deliveries kept this long
WEBHOOKS_PROXY_URL = env("WEBHOOKS_PROXY_URL", default="")  # an egress proxy for deliveries, if any

# ------------------------------------------------------------------------------------------------
# Change history (django-simple-history)
# ------------------------------------------------------------------------------------------------
SIMPLE_HISTORY_REVERT_DISABLED = True

# ------------------------------------------------------------------------------------------------
# Logging
# ------------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "api_human.core.requests.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # The PDF library reports every step of every page at INFO; only its warnings matter.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # sign-ins are recorded in the database (admin → Axes)
    },
}
