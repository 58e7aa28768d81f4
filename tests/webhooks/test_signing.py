"""The signature partners check: HMAC-SHA256 of "<timestamp>.<body>", and a 5-minute replay window."""

import hashlib
import hmac

from webhooks.signing import sign, verify

SECRET = "whsec_test-secret"
BODY = b'{"data":{"n":1},"id":"x","type":"ping"}'
NOW = 1_760_000_000


def test_the_signature_is_hex_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, NOW, BODY) == f"v1={expected}"


def test_verify_accepts_the_signature_within_the_window():
    header = sign(SECRET, NOW, BODY)
    assert verify(SECRET, str(NOW), BODY, header, now=NOW)
    assert verify(SECRET, NOW, BODY.decode(), header, now=NOW + 299)  # str bodies too
    assert verify(SECRET, NOW, BODY, f"v1=deadbeef {header}", now=NOW)  # any of several signatures


def test_verify_refuses_replays_and_tampering():
    header = sign(SECRET, NOW, BODY)
    assert not verify(SECRET, NOW, BODY, header, now=NOW + 301)  # too old: a replay
    assert not verify(SECRET, NOW, BODY, header, now=NOW - 301)  # from the future
    assert verify(SECRET, NOW, BODY, header, tolerance=600, now=NOW + 301)
    assert not verify(SECRET, NOW, BODY + b" ", header, now=NOW)  # the body changed
    assert not verify(SECRET, NOW + 1, BODY, header, now=NOW)  # the timestamp changed
    assert not verify("whsec_other", NOW, BODY, header, now=NOW)  # another secret
    assert not verify(SECRET, "not-a-number", BODY, header, now=NOW)
    assert not verify(SECRET, NOW, BODY, "", now=NOW)
    assert not verify(SECRET, NOW, BODY, header.replace("v1=", "v0="), now=NOW)


def test_the_app_depends_only_on_the_core():
    """webhooks/ may use api_human.core, never the domain apps (they publish to it, not the reverse)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "webhooks"
    forbidden = {"opportunities", "initiatives", "stages", "tensions", "dashboards"}
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in forbidden]
    assert offenders == []
