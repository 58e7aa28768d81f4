"""How deliveries are signed, and how a receiver checks them.

Each request carries ``Webhook-Id`` (the event's id, the same on every retry), ``Webhook-Timestamp``
(unix seconds, when this attempt was sent) and ``Webhook-Signature: v1=<hex>``, the lowercase hex
HMAC-SHA256 of ``"<timestamp>.<raw body>"`` keyed with the endpoint's whole secret (``whsec_…``).

A receiver recomputes it over the raw bytes it received (before any JSON parsing), compares in
constant time, and refuses timestamps further than ``tolerance`` seconds (5 minutes) from its clock,
so a recorded request cannot be replayed later. ``verify`` does exactly that; the README shows the
same in a few lines for partners.
"""

import hashlib
import hmac
import time

SCHEME = "v1"
DEFAULT_TOLERANCE = 300


def _bytes(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def signature(secret: str, timestamp: int | str, body: bytes | str) -> str:
    """The hex HMAC-SHA256 of ``"<timestamp>.<body>"`` under ``secret``."""
    message = f"{timestamp}.".encode() + _bytes(body)
    return hmac.new(_bytes(secret), message, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int | str, body: bytes | str) -> str:
    """The value of the ``Webhook-Signature`` header: ``v1=<hex>``."""
    return f"{SCHEME}={signature(secret, timestamp, body)}"


def verify(
    secret: str,
    timestamp: int | str,
    body: bytes | str,
    signature_header: str,
    tolerance: int = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> bool:
    """True when ``signature_header`` (``v1=<hex>``, possibly several separated by spaces) signs
    ``body`` at ``timestamp`` with ``secret``, and ``timestamp`` is within ``tolerance`` seconds."""
    try:
        sent_at = int(str(timestamp).strip())
    except (TypeError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - sent_at) > tolerance:
        return False
    expected = signature(secret, sent_at, body)
    for part in (signature_header or "").split():
        scheme, _sep, value = part.partition("=")
        if scheme == SCHEME and hmac.compare_digest(value.strip().lower(), expected):
            return True
    return False
