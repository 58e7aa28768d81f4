"""Rate limits that fail open: the counters live in the cache (Redis); if it is unreachable the
request goes through (and a warning is logged) rather than the whole API answering 500."""

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


class AnonRateThrottle(FailOpenMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(FailOpenMixin, throttling.UserRateThrottle):
    pass
