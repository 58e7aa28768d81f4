"""One HTTP attempt: POST the signed JSON body, no redirects, a short time-out, and a short account of
what happened. Never raises for anything the receiver or the network does."""

import ipaddress
import json
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from .models import is_local_host, validate_endpoint_url
from .signing import sign

USER_AGENT = "HumanAPI-Webhooks/1"
ERROR_LENGTH = 300
BODY_SNIPPET = 120


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None = None
    error: str = ""


def encode(payload: dict) -> bytes:
    """The request body: compact UTF-8 JSON, keys sorted (the same bytes on every attempt)."""
    return json.dumps(
        payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode("utf-8")


def headers(*, secret: str, event_id: str, body: bytes, timestamp: int | None = None) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Webhook-Id": str(event_id),
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": sign(secret, timestamp, body),
    }


def _short(text: str, limit: int = ERROR_LENGTH) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def address_problem(url: str) -> str:
    """Why ``url`` may not be called now (empty when it may): the rules of registration again (the
    settings may have changed), and every address its host name resolves to must be public, so an
    endpoint cannot reach the platform's own network. Loopback is allowed only with
    ``WEBHOOKS_ALLOW_HTTP_LOCALHOST``."""
    try:
        with translation.override("en"):  # the log's technical texts are in English
            validate_endpoint_url(url)
    except ValidationError as error:
        with translation.override("en"):
            return _short(" ".join(str(message) for message in error.messages))
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        return _short(f"DNS: could not resolve {host} ({error})")
    allow_loopback = settings.WEBHOOKS_ALLOW_HTTP_LOCALHOST and is_local_host(host)
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if address.is_loopback and allow_loopback:
            continue
        if not address.is_global:
            return _short(f"{host} resolves to a non-public address ({address}); not sent")
    return ""


def post(url: str, *, body: bytes, headers: dict) -> Outcome:
    problem = address_problem(url)
    if problem:
        return Outcome(ok=False, error=problem)
    timeout = settings.WEBHOOKS_TIMEOUT_SECONDS
    try:
        with requests.Session() as session:
            session.trust_env = False  # no proxy or .netrc credentials from the environment
            proxy = settings.WEBHOOKS_PROXY_URL
            response = session.post(
                url,
                data=body,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
                stream=True,
                proxies={"http": proxy, "https": proxy} if proxy else None,
            )
            try:
                status = response.status_code
                if 200 <= status < 300:
                    return Outcome(ok=True, status_code=status)
                if 300 <= status < 400:
                    where = response.headers.get("Location", "")
                    return Outcome(
                        ok=False,
                        status_code=status,
                        error=_short(f"HTTP {status}: redirects are not followed {where}"),
                    )
                snippet = response.raw.read(BODY_SNIPPET, decode_content=True) or b""
                text = snippet.decode("utf-8", errors="replace")
                return Outcome(ok=False, status_code=status, error=_short(f"HTTP {status} {text}".strip()))
            finally:
                response.close()
    except requests.Timeout:
        return Outcome(ok=False, error=f"No answer within {timeout:g} s")
    except requests.ConnectionError as error:
        return Outcome(ok=False, error=_short(f"Could not connect: {_reason(error)}"))
    except requests.RequestException as error:
        return Outcome(ok=False, error=_short(f"Request failed: {_reason(error)}"))


def _reason(error: Exception) -> str:
    """The innermost cause of a requests error, without the long wrapper text."""
    cause = error
    while cause.__context__ is not None and cause.__context__ is not cause:
        cause = cause.__context__
    return f"{type(cause).__name__}: {cause}"
