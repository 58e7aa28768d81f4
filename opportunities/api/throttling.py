from rest_framework.throttling import SimpleRateThrottle

from api_human.core.api.throttling import FailOpenMixin
from api_human.core.models import PartnerKey


class PartnerKeyThrottle(FailOpenMixin, SimpleRateThrottle):
    """A rate per API key (``API_THROTTLE_PARTNER_KEY``); a 429 says when to retry (Retry-After)."""

    scope = "partner_key"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, PartnerKey):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.prefix}
        return None
