"""A circuit breaker for Redis, per process: after Redis failed to answer, the web tier stops asking it
for ``REDIS_RETRY_SECONDS`` — rate limits fail open and outbox messages wait for the dispatcher — so an
outage costs one request at most a socket timeout, not every request."""

import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)


class Breaker:
    def __init__(self, name: str):
        self.name = name
        self._closed_until = 0.0

    def available(self) -> bool:
        return time.monotonic() >= self._closed_until

    def failed(self) -> None:
        if self.available():
            logger.warning(
                "%s is unreachable; not asked again for %ss", self.name, settings.REDIS_RETRY_SECONDS
            )
        self._closed_until = time.monotonic() + settings.REDIS_RETRY_SECONDS

    def reset(self) -> None:
        self._closed_until = 0.0


redis_breaker = Breaker("Redis")
