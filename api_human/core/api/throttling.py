"""Rate limits.

* Anonymous callers are counted per client address — the address ``RequestContextMiddleware`` found
  behind ``TRUSTED_PROXY_COUNT`` proxies, never one a client wrote into ``X-Forwarded-For``.
* A partner is counted per organisation (``API_THROTTLE_PARTNER``), whichever of its keys or its
  browser session it calls with, so more keys never mean more calls. Its answers carry
  ``RateLimit-Limit``, ``RateLimit-Remaining`` and ``RateLimit-Reset`` (seconds until a slot frees).
* Other signed-in users are counted per user.

The limits fail open: the counters live in the cache (Redis); if it is unreachable the request goes
through (and a warning is logged) rather than the whole API answering 500.

Each limit is DRF's — at most N calls in any window of the rate's duration, refused calls not counted —
but kept in Redis as a sorted set of the window's calls, checked and added to by one script in one round
trip (``SlidingLogMixin``). DRF's own throttle reads the whole list of timestamps, unpickles it, adds one
and writes it back on every call: at 1,200 calls a minute that is some 10 KB each way per call. Without
Redis (the embedded set-up's local-memory cache) DRF's own way is used.
"""

import logging
import os

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from django.core.cache.backends.redis import RedisCache
from rest_framework import throttling

from ..breaker import redis_breaker

logger = logging.getLogger(__name__)

# KEYS[1]: the caller's set; ARGV: now, the window's length, the limit, this call's member (unique).
# Answers whether the call is allowed, the calls in the window (this one included if allowed) and the
# time of the oldest of them.
SLIDING_LOG = """
local key = KEYS[1]
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local kind = redis.call('TYPE', key)
if kind.ok ~= 'zset' and kind.ok ~= 'none' then
  redis.call('DEL', key)  -- DRF's list of an earlier release, or anything else: start afresh
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  redis.call('ZADD', key, now, ARGV[4])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', key, math.ceil(window * 1000))
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {allowed, count, oldest[2] or ARGV[1]}
"""


class SlidingLogMixin:
    """DRF's sliding window in a Redis sorted set: one script call per request, whatever the rate."""

    _script = None  # the script's digest, registered once; called through each request's client

    def allow_request(self, request, view):
        backend = caches[DEFAULT_CACHE_ALIAS] if self.cache is default_cache else self.cache
        if not isinstance(backend, RedisCache):
            return super().allow_request(request, view)
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        key = backend.make_and_validate_key(self.key)
        client = backend._cache.get_client(key, write=True)
        script = SlidingLogMixin._script
        if script is None:
            script = SlidingLogMixin._script = client.register_script(SLIDING_LOG)
        member = f"{self.now:.6f}:{os.urandom(4).hex()}"
        allowed, count, oldest = script(
            keys=[key], args=[repr(self.now), self.duration, self.num_requests, member], client=client
        )
        # what DRF's throttle keeps in ``history`` (newest first), as far as its readers need it
        self.history = _Window(int(count), float(oldest))
        return bool(allowed)

    def wait(self):
        if not isinstance(getattr(self, "history", None), _Window):
            return super().wait()
        return max(self.duration - (self.now - self.history.oldest), 0.001)


class _Window:
    """The calls of the window, counted, with the time of the oldest: ``len()`` and ``[-1]`` as DRF's
    list of timestamps answers them."""

    __slots__ = ("count", "oldest")

    def __init__(self, count: int, oldest: float):
        self.count, self.oldest = count, oldest

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        if index == -1 and self.count:
            return self.oldest
        raise IndexError(index)


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


class AnonRateThrottle(FailOpenMixin, SlidingLogMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(FailOpenMixin, SlidingLogMixin, throttling.UserRateThrottle):
    """Signed-in users other than partners (partners have ``PartnerThrottle``)."""

    def get_cache_key(self, request, view):
        if _is_partner(request):
            return None
        return super().get_cache_key(request, view)


class PartnerThrottle(FailOpenMixin, SlidingLogMixin, throttling.SimpleRateThrottle):
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
