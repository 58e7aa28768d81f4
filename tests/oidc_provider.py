"""A real OpenID Connect provider on 127.0.0.1 for end-to-end single sign-on tests.

``run_oidc_provider(...)`` starts ``node tests/oidc/provider.mjs`` (panva's ``oidc-provider``, a
dev dependency in package.json, so ``npm ci`` installs it) and yields a :class:`RunningProvider`
with ``issuer`` (``http://127.0.0.1:<port>``), ``discovery_url`` and ``port``. The node process
runs in a session of its own and its whole process group is killed on exit, also on errors.

What a browser test meets there
-------------------------------
Login page (``<issuer>/interaction/<uid>``, after the platform redirects to ``/auth``)::

    form#login-form
      input[name="login"]      (#login)     an account's ``sub`` or ``email``
      input[name="password"]   (#password)  anything (even empty) is accepted
      button[type="submit"]    (#login-submit)

An unknown login gets the same form again, with ``p.error`` ("Unknown user."). There is no
consent page: the client is granted ``openid email profile`` at once, so a successful login
redirects (303) straight back to the redirect URI with ``code``, ``state`` and ``iss``.

Claims, both in the ID token and from userinfo (``/me``): ``openid`` gives ``sub``; ``email`` gives
``email`` and ``email_verified``; ``profile`` gives ``name`` and **``groups``** (a list), plus
``given_name``, ``family_name`` and ``preferred_username`` when an account has them. So the
client must ask for ``openid email profile`` to see the groups.

Token endpoint (``/token``): ``client_secret_post`` and ``client_secret_basic`` are both accepted.
PKCE (``S256``) is optional: requests with and without ``code_challenge`` both work. ID tokens
are signed RS256 with a key generated at start-up (``/jwks``).

RP-initiated logout (``end_session_endpoint``, ``/session/end``) with ``id_token_hint`` and a
registered ``post_logout_redirect_uri``: the provider's confirmation page submits itself with a
script (``logout=yes``), so a browser just lands on the post-logout URI (with ``state`` if one was
sent). Without JavaScript (e.g. plain HTTP clients), POST ``form#op.logoutForm``'s hidden inputs
(``xsrf``, ``logout``) to its action, or click ``button#logout-confirm`` — the result is a 303
to the post-logout URI. With no provider session it is a self-submitting form as well.

Environment contract of provider.mjs (set here, documented there): ``OIDC_PORT``,
``OIDC_CLIENT_ID``, ``OIDC_CLIENT_SECRET``, ``OIDC_REDIRECT_URIS`` and
``OIDC_POST_LOGOUT_REDIRECT_URIS`` (comma-separated), ``OIDC_ACCOUNTS`` (JSON list).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
PACKAGE = ROOT / "node_modules" / "oidc-provider"
READY_TIMEOUT = 20.0


class OIDCProviderError(RuntimeError):
    """The provider could not be started (or died while starting); the message has its stderr."""


@dataclass
class RunningProvider:
    issuer: str
    port: int
    process: subprocess.Popen = field(repr=False)
    _stderr: IO[bytes] = field(repr=False)

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def stderr(self) -> str:
        """What the provider wrote to stderr so far (library notices, logged errors)."""
        return _read_all(self._stderr)


def missing_requirement() -> str | None:
    """Why the provider cannot run here (no ``node``, or npm packages not installed), else None."""
    if shutil.which("node") is None:
        return "needs Node.js (`node` on PATH)"
    if not (PACKAGE / "package.json").is_file():
        return "needs the npm package oidc-provider (`npm ci` in the repository root)"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _read_all(stream: IO[bytes]) -> str:
    """The file's whole content; pread leaves the offset, which the child shares, alone."""
    fd = stream.fileno()
    return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", "replace")


def _pump(stdout: IO[str], lines: queue.Queue) -> None:
    """Read the provider's stdout to the end (so it never blocks on a full pipe)."""
    for line in stdout:
        lines.put(line)
    lines.put(None)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the process group, then SIGKILL it if it lingers; always reap the child."""
    for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; make sure nothing else of its group is left either.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        return


@contextlib.contextmanager
def run_oidc_provider(
    *,
    client_id: str,
    client_secret: str,
    redirect_uris: Iterable[str],
    post_logout_redirect_uris: Iterable[str],
    accounts: Iterable[Mapping[str, Any]],
    port: int | None = None,
) -> Iterator[RunningProvider]:
    """Run the test OpenID provider on 127.0.0.1 (a free port unless ``port`` is given)."""
    node = shutil.which("node")
    if node is None:
        raise OIDCProviderError("node is not on PATH")
    if not (PACKAGE / "package.json").is_file():
        raise OIDCProviderError(f"{PACKAGE} is missing: run `npm ci` in {ROOT}")
    port = port or free_port()
    env = os.environ | {
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": client_id,
        "OIDC_CLIENT_SECRET": client_secret,
        "OIDC_REDIRECT_URIS": ",".join(redirect_uris),
        "OIDC_POST_LOGOUT_REDIRECT_URIS": ",".join(post_logout_redirect_uris),
        "OIDC_ACCOUNTS": json.dumps([dict(account) for account in accounts]),
        "NODE_ENV": "test",
    }
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [node, str(SCRIPT)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            start_new_session=True,
        )
        pump: threading.Thread | None = None
        try:
            lines: queue.Queue = queue.Queue()
            pump = threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True)
            pump.start()
            expected = f"READY http://127.0.0.1:{port}"
            deadline = time.monotonic() + READY_TIMEOUT
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise OIDCProviderError(
                        f"the OIDC provider was not ready within {READY_TIMEOUT:.0f} s; stderr:\n"
                        + _read_all(stderr)
                    )
                try:
                    line = lines.get(timeout=min(remaining, 0.5))
                except queue.Empty:
                    continue
                if line is None:
                    process.wait(timeout=5)
                    raise OIDCProviderError(
                        f"the OIDC provider exited ({process.returncode}) before it was ready; stderr:\n"
                        + _read_all(stderr)
                    )
                if line.strip() == expected:
                    break
            yield RunningProvider(
                issuer=f"http://127.0.0.1:{port}", port=port, process=process, _stderr=stderr
            )
        finally:
            _stop(process)
            if pump is not None:
                pump.join(timeout=5)  # the pipe is at its end once the process group is gone
            if (pump is None or not pump.is_alive()) and process.stdout is not None:
                process.stdout.close()
