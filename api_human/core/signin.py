"""Sign-in safety: lockout and throttling, session lifetimes, signing a person out everywhere.

* **Per account** (django-axes): ``AXES_FAILURE_LIMIT`` wrong passwords or second-factor codes in a row
  lock the account for ``AXES_COOLOFF_TIME`` — the right password is refused too — until the time passes
  or an administrator unlocks it (admin → Users → "Unlock sign-in", or Axes → Access attempts).
* **Per client address**: more than ``SIGN_IN_ADDRESS_LIMIT`` failed sign-ins from one address within
  ``SIGN_IN_ADDRESS_WINDOW`` seconds and that address may not try again until the window passes. The
  address is ``REMOTE_ADDR`` as ``RequestContextMiddleware`` set it from ``TRUSTED_PROXY_COUNT``, so a
  forged ``X-Forwarded-For`` does not change it.
* **Sessions**: ended after ``SESSION_IDLE_SECONDS`` without a request and ``SESSION_ABSOLUTE_SECONDS``
  after sign-in, whatever happens; the session id is new at sign-in, at the second factor, and a change
  of role, staff or superuser status ends all the person's sessions.

Every sign-in, sign-out, failure and lockout is recorded by django-axes (admin → Axes).
"""

import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .api.errors import json_error
from .forms import LoginForm
from .models import User, UserSession

SIGNED_IN_AT, SEEN_AT = "signed_in_at", "seen_at"
SEEN_EVERY = 60  # seconds: the last-seen time is written at most this often (not on every request)
PRIVILEGES = ("role", "is_staff", "is_superuser", "is_active")


# ------------------------------------------------------------------------------------------------
# Lockout (axes) and the per-address throttle
# ------------------------------------------------------------------------------------------------
def client_ip(request) -> str:
    """The client's address for django-axes: the one RequestContextMiddleware settled on."""
    return request.META.get("REMOTE_ADDR", "")


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out person sees (``AXES_LOCKOUT_CALLABLE``): the sign-in page with the reason, 429."""
    minutes = _minutes(settings.AXES_COOLOFF_TIME.total_seconds())
    message = ngettext(
        "Too many failed sign-in attempts for this account. It is locked for %(minutes)d minute, or until "
        "an administrator unlocks it.",
        "Too many failed sign-in attempts for this account. It is locked for %(minutes)d minutes, or until "
        "an administrator unlocks it.",
        minutes,
    ) % {"minutes": minutes}
    return _refused(request, message)


def _address_key(address: str) -> str:
    return f"signin:address-failures:{address}"


@receiver(user_login_failed, dispatch_uid="signin-count-address-failures")
def _count_address_failure(sender, credentials=None, request=None, **kwargs):
    if request is None:
        return
    key = _address_key(client_ip(request))
    if cache.add(key, 1, settings.SIGN_IN_ADDRESS_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, settings.SIGN_IN_ADDRESS_WINDOW)


def address_blocked(request) -> bool:
    return (cache.get(_address_key(client_ip(request))) or 0) >= settings.SIGN_IN_ADDRESS_LIMIT


def address_blocked_response(request):
    minutes = _minutes(settings.SIGN_IN_ADDRESS_WINDOW)
    message = ngettext(
        "Too many failed sign-in attempts from your network address. Try again in %(minutes)d minute.",
        "Too many failed sign-in attempts from your network address. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    return _refused(request, message)


def _refused(request, message):
    if request.path.startswith("/api/"):
        return json_error(request, status_code=429, code="locked", message=message)
    context = {"form": LoginForm(request), "refusal": message, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)


# ------------------------------------------------------------------------------------------------
# Sessions
# ------------------------------------------------------------------------------------------------
@receiver(user_logged_in, dispatch_uid="signin-session-started")
def _session_started(sender, request, user, **kwargs):
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    if not request.session.session_key:
        request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "address": client_ip(request)[:45],
            "user_agent": request.headers.get("User-Agent", "")[:300],
        },
    )


@receiver(user_logged_out, dispatch_uid="signin-session-ended")
def _session_ended(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


def rotate_session(request) -> None:
    """A new session id for the same signed-in session (after a privilege is gained: the second factor)."""
    old = request.session.session_key
    request.session.cycle_key()
    UserSession.objects.filter(session_key=old).update(session_key=request.session.session_key)


def _session_store() -> type[SessionBase]:
    return import_module(settings.SESSION_ENGINE).SessionStore


def sign_out_everywhere(user, *, keep: str | None = None) -> int:
    """End every session of ``user`` (except ``keep``, the session asking); returns how many ended."""
    store = _session_store()
    keys = list(
        UserSession.objects.filter(user=user)
        .exclude(session_key=keep or "")
        .values_list("session_key", flat=True)
    )
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


@receiver(pre_save, sender=User, dispatch_uid="signin-privilege-change")
def _privilege_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """A change of role or status ends the person's sessions: they sign in again under the new rights."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(PRIVILEGES):
        return
    before = User.objects.filter(pk=instance.pk).values(*PRIVILEGES).first()
    if before and any(before[field] != getattr(instance, field) for field in PRIVILEGES):
        transaction.on_commit(lambda: sign_out_everywhere(instance))


class SessionLimitsMiddleware:
    """Ends a session idle for ``SESSION_IDLE_SECONDS`` or older than ``SESSION_ABSOLUTE_SECONDS``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            started = request.session.setdefault(
                SIGNED_IN_AT, now
            )  # sessions older than this rule count from now
            seen = request.session.get(SEEN_AT, now)
            if (
                now - seen > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_ABSOLUTE_SECONDS
            ):
                return self._ended(request, idle=now - started <= settings.SESSION_ABSOLUTE_SECONDS)
            if now - seen > SEEN_EVERY or SEEN_AT not in request.session:
                request.session[SEEN_AT] = now
        return self.get_response(request)

    def _ended(self, request, *, idle: bool):
        logout(request)
        message = (
            _("You were signed out after a time without activity. Sign in again to continue.")
            if idle
            else _("Your session reached its longest allowed time. Sign in again to continue.")
        )
        if request.path.startswith("/api/"):
            return json_error(request, status_code=401, code="not_authenticated", message=message)
        messages.info(request, message)
        return redirect_to_login(request.get_full_path())


def purge_stale_sessions() -> int:
    """Forget the records of sessions that no longer exist (expired and cleared)."""
    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS)
    deleted, _rest = UserSession.objects.filter(signed_in_at__lt=cutoff).delete()
    return deleted
