"""Partners call the API with ``Authorization: Api-Key <key>``."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework_api_key.permissions import KeyParser

from ..models import PartnerKey
from ..prepared import Prepared

# Writing last_used_at on every call would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = timezone.timedelta(minutes=1)
# The usable key of a prefix, with its user (``PartnerKey.objects.get_from_key``'s query), compiled once.
USABLE_KEY = Prepared(lambda prefix: PartnerKey.objects.get_usable_keys().filter(prefix=prefix))


def usable_key(raw_key: str) -> PartnerKey:
    """``PartnerKey.objects.get_from_key``: the key, not revoked, of an active user, whose hash
    matches ``raw_key``; ``PartnerKey.DoesNotExist`` otherwise."""
    key = USABLE_KEY.get(raw_key.partition(".")[0])
    if key is None or not key.is_valid(raw_key):
        raise PartnerKey.DoesNotExist
    return key


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    keyword = KeyParser.keyword

    def authenticate(self, request):
        raw_key = KeyParser().get(request)
        if raw_key is None:
            if request.META.get("HTTP_AUTHORIZATION", "").strip():
                # "Bearer …", "Token …", a bare key: say how to send it rather than "no credentials".
                raise exceptions.AuthenticationFailed(
                    _("The Authorization header must be “Api-Key <key>”, with the key you were given.")
                )
            return None
        try:
            key = usable_key(raw_key)
        except PartnerKey.DoesNotExist:
            raise exceptions.AuthenticationFailed(
                _("The API key is not valid or has been revoked.")
            ) from None
        if key.has_expired:
            raise exceptions.AuthenticationFailed(_("The API key has expired."))
        now = timezone.now()
        if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
            PartnerKey.objects.filter(pk=key.pk).update(last_used_at=now)
        return key.user, key

    def authenticate_header(self, request):
        return self.keyword


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = PartnerKeyAuthentication
    name = "PartnerApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>` — the key a partner receives once when it is issued.",
        }
