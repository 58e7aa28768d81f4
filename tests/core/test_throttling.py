"""The API's rate limits keep DRF's rule — at most N calls in any window of the rate's duration, refused
calls not counted — in a Redis sorted set, one script call per request (api_human/core/api/throttling.py)."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.throttling import SimpleRateThrottle

from api_human.core.api.throttling import UserRateThrottle

pytestmark = pytest.mark.skipif(
    not isinstance(caches["default"], RedisCache), reason="the sorted-set limit needs Redis (REDIS_URL)"
)


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def _throttle(clock, rate="3/minute"):
    throttle = UserRateThrottle()
    throttle.rate = rate
    throttle.num_requests, throttle.duration = throttle.parse_rate(rate)
    throttle.timer = clock
    return throttle


def _ask(clock, at, user):
    clock.now = 1_000_000.0 + at
    throttle = _throttle(clock)
    allowed = throttle.allow_request(SimpleNamespace(user=user), None)
    return allowed, throttle


def test_at_most_n_calls_in_any_window_and_refusals_are_not_counted():
    clock, user = Clock(), SimpleNamespace(is_authenticated=True, pk=987_654, is_partner=False)
    # what DRF's own throttle left under the key (a release before this one): replaced, not an error
    cache.set(_throttle(clock).get_cache_key(SimpleNamespace(user=user), None), [1.0, 2.0], 60)
    assert [_ask(clock, t, user)[0] for t in (0, 1, 2)] == [True, True, True]
    allowed, throttle = _ask(clock, 3, user)
    assert not allowed
    key = caches["default"].make_and_validate_key(throttle.key)
    assert caches["default"]._cache.get_client(key).type(key) == b"zset"  # the sorted set, not DRF's list
    assert throttle.wait() == pytest.approx(57)  # when the call at 0 leaves the window
    assert len(throttle.history) == 3 and throttle.history[-1] == pytest.approx(1_000_000.0)
    assert not _ask(clock, 59.9, user)[0]  # refused calls did not push the window on
    assert _ask(clock, 60, user)[0]  # the call at 0 has left
    assert not _ask(clock, 60.5, user)[0]  # 1, 2 and 60 are in the window
    assert _ask(clock, 61, user)[0]
    allowed, throttle = _ask(clock, 62, user)
    assert allowed and len(throttle.history) == 3 and throttle.history[-1] == pytest.approx(1_000_060.0)


def test_the_same_answers_as_drfs_own_throttle():
    """Both ways over one sequence of calls (DRF's keeps its list in the same cache)."""
    clock = Clock()
    ours_user = SimpleNamespace(is_authenticated=True, pk=987_655, is_partner=False)
    drfs_user = SimpleNamespace(is_authenticated=True, pk=987_656, is_partner=False)

    class DRFs(SimpleRateThrottle):
        scope = "user"
        cache_format = "drf_%(scope)s_%(ident)s"

        def get_cache_key(self, request, view):
            return self.cache_format % {"scope": self.scope, "ident": request.user.pk}

    for key in (
        _throttle(clock).get_cache_key(SimpleNamespace(user=ours_user), None),
        DRFs.cache_format % {"scope": "user", "ident": drfs_user.pk},
    ):
        cache.delete(key)
    times = [0, 0.5, 1, 1.5, 2, 20, 30, 59.9, 60, 60.4, 60.6, 61, 80, 90, 120.5, 121, 200]
    ours, drfs = [], []
    for at in times:
        clock.now = 1_000_000.0 + at
        ours.append(_throttle(clock).allow_request(SimpleNamespace(user=ours_user), None))
        drf = DRFs()
        drf.rate, drf.timer = "3/minute", clock
        drf.num_requests, drf.duration = 3, 60
        drfs.append(drf.allow_request(SimpleNamespace(user=drfs_user), None))
    assert ours == drfs
    assert ours.count(True) >= 6 and ours.count(False) >= 6
