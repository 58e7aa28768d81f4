"""Single sign-on with OpenID Connect for ministry staff (mozilla-django-oidc, configured by discovery).

Three settings are enough: ``OIDC_DISCOVERY_URL`` (the provider's ``/.well-known/openid-configuration``),
``OIDC_RP_CLIENT_ID`` and ``OIDC_RP_CLIENT_SECRET``. The provider's endpoints are read from its discovery
document (cached for an hour), never typed in.

Who a person is: the provider's subject (``sub``) kept on the user; the first time, an existing account
with the same verified e-mail is linked to it. A person nobody knows yet is created — with the role the
configured group claim maps to (``OIDC_ROLE_GROUPS``), or inactive until an administrator gives them a
role and engagements. Signing out ends the platform's session and, when the provider offers it, the
provider's session too (RP-initiated logout).
"""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import Role

logger = logging.getLogger(__name__)
DISCOVERY_CACHE_SECONDS = 3600
PENDING, NO_EMAIL, UNAVAILABLE = "pending", "no-email", "unavailable"


class ProviderUnavailable(Exception):
    """The identity provider's discovery document could not be read."""


def sso_enabled() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET)


def discovery() -> dict:
    """The provider's discovery document (cached; a provider that does not answer raises)."""
    key = f"sso:discovery:{settings.OIDC_DISCOVERY_URL}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(settings.OIDC_DISCOVERY_URL, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
            for field in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not document.get(field):
                    raise ValueError(f"the discovery document has no {field}")
        except (requests.RequestException, ValueError) as error:
            logger.warning("sso: discovery at %s failed: %s", settings.OIDC_DISCOVERY_URL, error)
            raise ProviderUnavailable(str(error)) from error
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def role_from_groups(claims: dict) -> str | None:
    """The platform role the person's groups map to (the strongest one), or None."""
    claim = settings.OIDC_GROUPS_CLAIM
    mapping = settings.OIDC_ROLE_GROUPS  # role → group name
    if not claim or not mapping:
        return None
    groups = claims.get(claim) or []
    groups = {groups} if isinstance(groups, str) else set(groups)
    for role in (Role.ADMIN, Role.MANAGER, Role.TEAM):  # partners never sign in through the ministry
        if mapping.get(role) and mapping[role] in groups:
            return role
    return None


class SSOBackend(OIDCAuthenticationBackend):
    """The OpenID Connect backend, with endpoints from discovery and users matched by subject."""

    def __init__(self, *args, **kwargs):
        # The parent reads every endpoint here; Django builds every backend for each password sign-in,
        # so the endpoints are read only when an OpenID sign-in needs them (properties below).
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):
        return discovery()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self):
        return discovery().get("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):
        return discovery()["jwks_uri"]

    def authenticate(self, request, **kwargs):
        if not sso_enabled() or request is None or "code" not in request.GET:
            return None  # a password sign-in: not this backend's
        try:
            return super().authenticate(request, **kwargs)
        except (ProviderUnavailable, requests.RequestException) as error:
            logger.warning("sso: sign-in failed: %s", error)
            request.sso_refusal = UNAVAILABLE
            return None

    def get_userinfo(self, access_token, id_token, payload):
        claims = dict(payload)  # what the ID token says, completed by the userinfo endpoint
        if self.OIDC_OP_USER_ENDPOINT:
            claims.update(super().get_userinfo(access_token, id_token, payload))
        return claims

    def verify_claims(self, claims):
        if not claims.get("sub"):
            return False
        if not claims.get("email"):
            self.request.sso_refusal = NO_EMAIL
            return False
        return True

    def filter_users_by_claims(self, claims):
        users = self.UserModel.objects.filter(oidc_subject=claims["sub"])
        if users.exists():
            return users
        if claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        # The first ministry sign-in of someone the platform knows by e-mail: linked by update_user.
        return self.UserModel.objects.filter(
            email__iexact=claims["email"], oidc_subject__isnull=True
        ).exclude(role=Role.PARTNER)

    def _username(self, claims) -> str:
        base = (claims.get("preferred_username") or claims["email"].split("@")[0])[:120]
        username = base
        while self.UserModel.objects.filter(username=username).exists():
            username = f"{base}-{get_random_string(4).lower()}"
        return username

    def create_user(self, claims):
        role = role_from_groups(claims)
        user = self.UserModel(
            username=self._username(claims),
            email=claims["email"],
            first_name=(claims.get("given_name") or claims.get("name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
            oidc_subject=claims["sub"],
            role=role or Role.TEAM,
            is_active=role is not None,  # nobody knows their role yet: an administrator maps them
        )
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as error:  # the same person signing in twice at once
            raise SuspiciousOperation("user created concurrently") from error
        if not user.is_active:
            self.request.sso_refusal = PENDING
            logger.info("sso: new user %s waits for an administrator", user.username)
        return user

    def update_user(self, user, claims):
        changed = []
        if not user.oidc_subject:
            user.oidc_subject = claims["sub"]
            changed.append("oidc_subject")
        role = role_from_groups(claims)
        if role and role != user.role and not user.is_superuser:
            user.role = role  # the group claim is the source of the role when it is configured
            changed.append("role")
        if changed:
            user.save(update_fields=changed)
        if not user.is_active:
            self.request.sso_refusal = PENDING
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


class SSORequestView(OIDCAuthenticationRequestView):
    """Sends the person to the provider's sign-in page."""

    def __init__(self, *args, **kwargs):
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        if not sso_enabled():
            return redirect("login")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = discovery()["authorization_endpoint"]
        except ProviderUnavailable:
            messages.error(request, refusal_message(UNAVAILABLE))
            return redirect("login")
        return super().get(request)


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: signed in, or on the sign-in page with the reason why not."""

    def login_failure(self):
        messages.error(self.request, refusal_message(getattr(self.request, "sso_refusal", "")))
        return redirect("login")


def refusal_message(reason: str) -> str:
    return {
        PENDING: _(
            "Your ministry account is known to the platform now. An administrator must give you a role "
            "before you can sign in; try again once they tell you it is done."
        ),
        NO_EMAIL: _("The identity provider did not tell us your e-mail address, so you cannot sign in."),
        UNAVAILABLE: _("The ministry's sign-in service does not answer. Try again in a few minutes."),
    }.get(reason, _("Sign-in with the ministry's account did not succeed. Try again."))


def provider_logout_url(request) -> str | None:
    """Where to send a person signed in through the provider so that its session ends too (None: the
    provider offers no RP-initiated logout, or the person signed in with a password)."""
    id_token = request.session.get("oidc_id_token")
    if not (sso_enabled() and id_token):
        return None
    try:
        endpoint = discovery().get("end_session_endpoint")
    except ProviderUnavailable:
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
