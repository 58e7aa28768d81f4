"""Who is asking, and which request this is: the client's address behind trusted proxies, and a
request id on every answer and every log line.

* ``TRUSTED_PROXY_COUNT`` (default 0) says how many proxies stand in front of Django. Each appends
  the address it saw to ``X-Forwarded-For``, so the client is the entry that many places from the
  end; whatever a client wrote before that is ignored. With 0, ``X-Forwarded-For`` is ignored
  altogether. ``REMOTE_ADDR`` is set to the result, so the throttles, the logs and the admin all
  see the same address. (nginx in ``deploy/`` is one proxy: docker-compose.yml sets 1.)
* ``X-Request-ID``: the client's (or nginx's) id when it is a sane token (8–128 characters of
  letters, digits and ``._:-``), otherwise a new one; answered in the response header and added to
  every log record written while the request runs (``%(request_id)s``).
"""

import contextvars
import logging
import re
import uuid

from django.conf import settings

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
_current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _current_request_id.get()


def client_address(meta: dict, trusted_proxies: int) -> str:
    remote = meta.get("REMOTE_ADDR", "")
    if trusted_proxies <= 0:
        return remote
    chain = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(chain) < trusted_proxies:
        return remote  # it did not come through all the proxies: believe only the socket
    return chain[-trusted_proxies]


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(
            request.META, getattr(settings, "TRUSTED_PROXY_COUNT", 0)
        )
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        # Not reset afterwards: Django logs a 4xx/5xx (django.request) after the middleware returned,
        # and that line must carry the id too. The next request in this thread or task sets its own.
        _current_request_id.set(request.request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id()
        return True
