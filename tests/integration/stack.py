"""The production stack's processes, started for real by integration tests.

gunicorn under production settings with the repository's ``gunicorn.conf.py``, and nginx with the
repository's ``deploy/nginx/default.conf.template`` rendered as the official image renders it — the
same files docker-compose.yml runs, without Docker. Every process is a :class:`Service`: a context
manager that stops it (and anything it forked) on exit, with its output kept on ``.output``.

    with start_gunicorn(production_env(tmp_path), workers=2) as web, start_nginx(tmp_path, web.port) as proxy:
        get(f"{proxy.base_url}/health/")
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from api_human.settings.test import CI
from tests.integration.conftest import _database_url

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "default.conf.template"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """The environment docker-compose.yml gives the app, pointed at the test database and Redis."""
    return (
        os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "api_human.settings.production",
            "SECRET_KEY": "stack-test-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(tmp_path / "static"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
            "TRUSTED_PROXY_COUNT": compose_environment("web")["TRUSTED_PROXY_COUNT"],
        }
        | overrides
    )


def collectstatic(env: dict[str, str]) -> None:
    """What the image does at build time: the hashed, compressed static files WhiteNoise serves."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )


_collected: dict[Path, Path] = {}


def collected_static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A STATIC_ROOT collected once per test run (minutes on a busy machine) and shared by every
    test that serves pages; pass it as ``production_env(tmp_path, STATIC_ROOT=str(root))``."""
    base = tmp_path_factory.getbasetemp()
    if base not in _collected:
        root = tmp_path_factory.mktemp("static")
        collectstatic(production_env(root, STATIC_ROOT=str(root)))
        _collected[base] = root
    return _collected[base]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def get(url: str, *, timeout: float = 5, **headers: str) -> tuple[int, dict, bytes]:
    """(status, headers, body) of a GET as the server answered it: an error status or a redirect is
    an answer too (never followed), not an exception. ``timeout`` bounds each wait for the server."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def compose_environment(service: str) -> dict[str, str]:
    """A service's environment in docker-compose.yml, with ``${VAR:-default}`` at its default."""
    environment = yaml.safe_load(COMPOSE_FILE.read_text())["services"][service].get("environment", {})
    default = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}")
    return {name: default.sub(r"\1", str(value)) for name, value in environment.items()}


# ------------------------------------------------------------------------------------------------
# A started process
# ------------------------------------------------------------------------------------------------
class Service:
    """A process of the stack listening on 127.0.0.1:``port``; its output (stdout and stderr) is
    drained in the background into ``output`` so it never blocks on a full pipe."""

    def __init__(self, name: str, command: list[str], *, port: int, stop_signal=signal.SIGTERM, **popen):
        self.name, self.port, self.stop_signal = name, port, stop_signal
        self.base_url = f"http://127.0.0.1:{port}"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # its own process group: stop() reaches the workers it forks
            **popen,
        )
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def log(self) -> str:
        return "".join(self.output)

    def wait_until(self, ready, *, timeout: float, what: str) -> None:
        """Poll ``ready()`` until it is true; fail the test with the output if it never is."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                pytest.fail(f"{self.name} exited ({self.process.returncode}) before {what}:\n{self.log()}")
            try:
                if ready():
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"{self.name} did not {what} within {timeout} s:\n{self.log()}")

    def stop(self, timeout: float = 30) -> None:
        if self.process.poll() is None:
            self.process.send_signal(self.stop_signal)
            # A loaded machine: do not turn a slow shutdown into a failure.
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # workers left behind by a master that died
        self.process.wait()


def _accepts_connections(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


# ------------------------------------------------------------------------------------------------
# gunicorn
# ------------------------------------------------------------------------------------------------
def start_gunicorn(env: dict[str, str], *, workers: int = 1, extra_args: tuple[str, ...] = ()) -> Service:
    """``gunicorn api_human.wsgi -c gunicorn.conf.py`` as the web service runs it, on a free local
    port, started and answering ``/health/``. Collect static files first (:func:`collectstatic`)."""
    port = free_port()
    web = Service(
        "gunicorn",
        [
            sys.executable,
            "-m",
            "gunicorn",
            "api_human.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            *extra_args,
        ],
        port=port,
        cwd=ROOT,
        env=env,
    )
    web.wait_until(
        lambda: get(f"{web.base_url}/health/", timeout=2)[0] == 200, timeout=60, what="answer /health/"
    )
    return web


# ------------------------------------------------------------------------------------------------
# nginx
# ------------------------------------------------------------------------------------------------
def nginx_binary() -> str:
    """Debian's nginx (scripts/ensure-chromium.sh installs it); missing: a failure under CI, else a skip."""
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)), None
    )
    if found is None:
        reason = "needs nginx (Debian package nginx; `make test` installs it as root)"
        if CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return found


def render_template(template: str, variables: dict[str, str]) -> str:
    """What the official image's envsubst does: ``$NAME`` and ``${NAME}`` of the variables that are
    set become their values; anything else (nginx's own ``$host``, an unset name) stays as written."""
    return re.sub(
        r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)",
        lambda match: variables.get(match[1] or match[2], match[0]),
        template,
    )


def proxy_variables(upstream_port: int, **overrides: str) -> dict[str, str]:
    """The proxy service's environment in docker-compose.yml, pointed at a local gunicorn."""
    return compose_environment("proxy") | {
        "NGINX_PORT": str(free_port()),
        "UPSTREAM": f"127.0.0.1:{upstream_port}",
        **overrides,
    }


# The official image's /etc/nginx/nginx.conf around conf.d/ (same http-level directives, so a
# directive the template repeats at http level fails here as it would there), with its files in
# the test's directory and nginx in the foreground.
MAIN_CONF = """\
{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log stderr notice;
events {{
    worker_connections 1024;
}}
http {{
    {mime_types}
    default_type application/octet-stream;
    log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                    '$status $body_bytes_sent "$http_referer" '
                    '"$http_user_agent" "$http_x_forwarded_for"';
    access_log {prefix}/access.log main;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/conf.d/*.conf;
}}
"""


def start_nginx(tmp_path: Path, upstream_port: int, **variables: str) -> Service:
    """nginx with deploy/nginx/default.conf.template in front of ``127.0.0.1:upstream_port``, with
    the proxy service's variables from docker-compose.yml (``variables`` override them)."""
    binary = nginx_binary()
    prefix = tmp_path / f"nginx-{free_port()}"
    (prefix / "conf.d").mkdir(parents=True)
    values = proxy_variables(upstream_port, **variables)
    (prefix / "conf.d" / "default.conf").write_text(render_template(NGINX_TEMPLATE.read_text(), values))
    mime_types = Path("/etc/nginx/mime.types")
    (prefix / "nginx.conf").write_text(
        MAIN_CONF.format(
            prefix=prefix,
            # As root, nginx's workers would otherwise switch to `nobody`, who cannot use tmp_path.
            user="user root;\n" if os.geteuid() == 0 else "",
            mime_types=f"include {mime_types};" if mime_types.exists() else "types {}",
        )
    )
    port = int(values["NGINX_PORT"])
    proxy = Service(
        "nginx",
        [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        port=port,
    )
    proxy.wait_until(lambda: _accepts_connections(port), timeout=15, what="listen")
    return proxy
