"""Rate limits.

* Anonymous callers are counted per client address — the address ``RequestContextMiddleware`` found
  behind ``TRUSTED_PROXY_COUNT`` proxies, never one a client wrote into ``X-Forwarded-For``.
* A partner is counted per organisation (``API_THROTTLE_PARTNER``), whichever of its keys or its
  browser session it calls with, so more keys never mean more calls. Its answers carry
  ``RateLimit-Limit``, ``RateLimit-Remaining`` and ``RateLimit-Reset`` (seconds until a slot frees).
* Other signed-in users are counted per user.

The limits fail open: the counters live in the cache (Redis); if it is unreachable the request goes
through (and a warning is logged) rather than the whole API answering 500.
"""

import logging

from rest_framework import throttling

from ..breaker import redis_breaker

logger = logging.getLogger(__name__)


class FailOpenMixin:
    def allow_request(self, request, view):
        if not redis_breaker.available():  # Redis failed a moment ago: do not wait on it again
            return True
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache backend is down: do not turn an outage into errors
            logger.warning("throttle %s: the cache is unreachable; request allowed", self.scope)
            redis_breaker.failed()
            return True


def _is_partner(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and getattr(user, "is_partner", False))


class AnonRateThrottle(FailOpenMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(FailOpenMixin, throttling.UserRateThrottle):
    """Signed-in users other than partners (partners have ``PartnerThrottle``)."""

    def get_cache_key(self, request, view):
        if _is_partner(request):
            return None
        return super().get_cache_key(request, view)


class PartnerThrottle(FailOpenMixin, throttling.SimpleRateThrottle):
    scope = "partner"

    def get_cache_key(self, request, view):
        if not _is_partner(request) or request.user.organization_id is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": f"org{request.user.organization_id}"}

    def allow_request(self, request, view):
        self.history = None
        allowed = super().allow_request(request, view)
        if self.history is not None and self.rate:  # counted (not failed open, not someone else)
            remaining = max(self.num_requests - len(self.history), 0)
            oldest = self.history[-1] if self.history else self.now
            reset = max(int(self.duration - (self.now - oldest)) + 1, 1) if self.history else 0
            request._request.ratelimit = (self.num_requests, remaining, reset)
        return allowed


RATELIMIT_HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")


def add_ratelimit_headers(request, response) -> None:
    counted = getattr(getattr(request, "_request", request), "ratelimit", None)
    if counted is not None:
        for name, value in zip(RATELIMIT_HEADERS, counted, strict=True):
            response[name] = str(value)
