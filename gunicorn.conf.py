"""gunicorn's settings for the web service (read from the working directory, or ``-c gunicorn.conf.py``).

gunicorn runs behind nginx (deploy/nginx/default.conf.template), which reads every request body
whole and takes every response at once: the workers only ever talk to a fast local peer. Never
publish gunicorn itself to clients — a few slow uploads hold all its workers.
"""

import os


def _seconds(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Loopback unless told otherwise (the image sets GUNICORN_BIND=0.0.0.0:8000 for the compose network):
# run from a checkout, gunicorn must not face clients without nginx in front.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY", 3))

# Sync workers, the kind gunicorn's documentation prescribes behind a buffering proxy: a request
# reaches a worker complete, and its work is short database and Redis calls or CPU (the PDF report,
# exports), where threads would add nothing under the GIL but more database connections
# (CONN_MAX_AGE keeps one per thread). One request per process also keeps a stuck request's damage
# to one worker, which `timeout` then replaces. Scale with WEB_CONCURRENCY (about 2 × CPU + 1).
worker_class = "sync"

# A worker silent this long is killed and replaced; nginx's proxy_read_timeout (35 s) is a little
# longer, so the client gets nginx's 502 only once the worker is already gone.
timeout = _seconds("GUNICORN_TIMEOUT", 30)
# On SIGTERM (a deploy, `docker compose stop`) requests in progress get this long to finish;
# docker-compose.yml's stop_grace_period for web is longer, so Docker does not kill them first.
graceful_timeout = _seconds("GUNICORN_GRACEFUL_TIMEOUT", 20)
# Ignored by sync workers (one request per connection; nginx opens a new one each time); it
# applies if the worker class is ever changed, and then only nginx holds the connection open.
keepalive = _seconds("GUNICORN_KEEPALIVE", 5)

# The same limits as nginx's large_client_header_buffers (4 × 8k): 8190 is gunicorn's maximum line.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Whose X-Forwarded-Proto gunicorn believes: only the proxy's. docker-compose.yml sets it for the
# compose network; the default suits nginx on the same host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on stdout, with the client's address as nginx saw it and the request id nginx set,
# so one request can be followed from nginx's log to gunicorn's (the id Django answered with).
accesslog = "-"
access_log_format = (
    '%(h)s "%({x-forwarded-for}i)s" %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" '
    "request_id=%({x-request-id}o)s duration_ms=%(M)s"
)
errorlog = "-"
