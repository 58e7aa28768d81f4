"""The second factor (django-otp): codes from an authenticator app (TOTP) and one-time recovery codes.

Required for the roles in ``MFA_REQUIRED_ROLES`` (administrators and managers by default; superusers
count as administrators); offered to everyone on their security page. After the password (or the ministry's account),
a person with a second factor is asked for a code before anything else; one who must have a factor and
has none is sent to set one up. Wrong codes count as failed sign-ins: they lock the account like wrong
passwords do (django-axes). A code accepted rotates the session id.

Whether a session still owes a second factor is decided once, at sign-in, and kept in the session — so
pages cost no extra query for people who have nothing to show.
"""

from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .api.errors import json_error
from .context_processors import SECOND_FACTOR_OWED
from .signin import lockout_response, rotate_session

OWED = SECOND_FACTOR_OWED  # session key: "verify" (has one: enter a code) or "enrol" (must set one up)
VERIFY, ENROL = "verify", "enrol"
RECOVERY = "recovery"


def second_factor_required(user) -> bool:
    """Whether the person's role must sign in with a second factor (superusers count as administrators)."""
    roles = settings.MFA_REQUIRED_ROLES
    return bool(user.is_authenticated and (user.role in roles or (user.is_superuser and "admin" in roles)))


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def owed(user) -> str | None:
    if has_second_factor(user):
        return VERIFY
    return ENROL if second_factor_required(user) else None


@receiver(user_logged_in, dispatch_uid="mfa-owed-at-sign-in")
def _decide_at_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    state = owed(user)
    if state:
        request.session[OWED] = state
    else:
        request.session.pop(OWED, None)


# ------------------------------------------------------------------------------------------------
# Services
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def totp_start(user) -> TOTPDevice:
    """A new, unconfirmed authenticator for ``user`` (an earlier unconfirmed one is dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def recovery_codes_generate(user) -> list[str]:
    """New recovery codes (the old ones stop working); shown once, kept only as one-time tokens."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(settings.MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def totp_confirm(user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the new authenticator with a code from it; it replaces any earlier one. Returns fresh
    recovery codes, or None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_generate(user)


@transaction.atomic
def second_factor_reset(user) -> None:
    """Remove every second factor of ``user`` (an administrator's reset, or the person's own choice)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def qr_svg(url: str) -> str:
    """The authenticator's set-up link as a QR code, an inline SVG (nothing loaded from elsewhere)."""
    return segno.make(url, error="m").svg_inline(
        scale=5, border=2, dark="#000", light="#fff", title=_("QR code for your authenticator app")
    )


def secret_groups(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four — for typing into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def clean_code(value: str) -> str:
    return "".join((value or "").split()).replace("-", "").lower()


def second_factor_verify(request, code: str) -> tuple[bool, object | None]:
    """Check a code for the signed-in person. Returns (accepted, response): a locked-out account gets
    its response (and is signed out); a wrong code counts as a failed sign-in."""
    user = request.user
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return False, lockout_response(request, None, credentials)
    with transaction.atomic():
        # One check at a time per person: two requests with the same recovery code (or the same TOTP
        # step) cannot both match before it is used up.
        list(TOTPDevice.objects.select_for_update().filter(user=user).values_list("pk", flat=True))
        list(StaticDevice.objects.select_for_update().filter(user=user).values_list("pk", flat=True))
        device = match_token(user, clean_code(code))
    if device is None:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False) or AxesProxyHandler.is_locked(request, credentials):
            logout(request)
            return False, lockout_response(request, None, credentials)
        return False, None
    otp_login(request, device)
    request.session.pop(OWED, None)
    rotate_session(request)
    axes_reset(username=user.get_username())
    return True, None


def second_factor_verified(request, device) -> None:
    """After a new authenticator is confirmed: the session counts as verified with it."""
    otp_login(request, device)
    request.session.pop(OWED, None)
    rotate_session(request)


# ------------------------------------------------------------------------------------------------
# Enforcement
# ------------------------------------------------------------------------------------------------
OPEN_PATHS = ("/static/", "/health/", "/i18n/", "/accounts/logout/", "/accounts/second-factor/", "/oidc/")


class SecondFactorMiddleware:
    """Nothing but the second-factor pages (and sign-out) until the session has its second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = request.session.get(OWED) if hasattr(request, "session") else None
        if state and request.user.is_authenticated and not request.path.startswith(OPEN_PATHS):
            if request.path.startswith("/api/"):
                detail = _("Enter your second factor in the browser before using the API with this session.")
                return json_error(request, status_code=403, code="second_factor_required", message=detail)
            target = reverse("second-factor" if state == VERIFY else "second-factor-setup")
            return redirect(f"{target}?next={request.get_full_path()}")
        return self.get_response(request)
