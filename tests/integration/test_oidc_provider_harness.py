"""The test OpenID Connect provider (tests/oidc_provider.py) itself: discovery, the authorization-code
flow through its login form, signed ID tokens, userinfo, PKCE and RP-initiated logout — driven
with plain HTTP, so a browser test that builds on it only has the platform's side to worry about.
"""

import base64
import hashlib
import html
import json
import re
import secrets
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests

from api_human.settings.test import CI
from tests.oidc_provider import missing_requirement, run_oidc_provider

pytestmark = pytest.mark.integration

CLIENT_ID = "api-human-test"
CLIENT_SECRET = "not-a-real-secret"
REDIRECT_URI = "http://127.0.0.1:9/oidc/callback/"  # nothing listens there: only the Location is read
POST_LOGOUT_URI = "http://127.0.0.1:9/signed-out/"
ALICE = {
    "sub": "alice-1",
    "email": "alice@example.org",
    "email_verified": True,
    "name": "Alice Example",
    "groups": ["staff", "reviewers"],
}
BOB = {"sub": "bob-2", "email": "bob@example.org", "email_verified": True, "name": "Bob", "groups": []}
TIMEOUT = 5


@pytest.fixture(scope="module")
def provider():
    if reason := missing_requirement():
        if CI:
            pytest.fail(f"CI=true but the OIDC provider {reason}")
        pytest.skip(f"the OIDC provider {reason}")
    with run_oidc_provider(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uris=[REDIRECT_URI],
        post_logout_redirect_uris=[POST_LOGOUT_URI],
        accounts=[ALICE, BOB],
    ) as running:
        yield running


@pytest.fixture(scope="module")
def discovery(provider):
    response = requests.get(provider.discovery_url, timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()


def _form(page: str, form_id: str | None = None) -> tuple[str, dict[str, str]]:
    """A form's action and its hidden inputs' values (first form, or the one with ``form_id``)."""
    pattern = (
        r"<form\b[^>]*>.*?</form>"
        if form_id is None
        else rf'<form\b[^>]*id="{re.escape(form_id)}"[^>]*>.*?</form>'
    )
    form = re.search(pattern, page, re.S)
    assert form, page
    action = re.search(r'action="([^"]*)"', form[0])
    hidden = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[0])
    }
    return html.unescape(action[1]), hidden


def _follow_until(session: requests.Session, response: requests.Response, target: str) -> str:
    """Follow redirects on the provider until one points at ``target``; return that Location."""
    for _ in range(10):
        assert response.is_redirect, (response.status_code, response.text[:2000])
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(target):
            return location
        response = session.get(location, allow_redirects=False, timeout=TIMEOUT)
    pytest.fail("too many redirects")


def _login_page(session, discovery, **extra) -> tuple[requests.Response, dict[str, str]]:
    params = {
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "response_type": "code",
        "scope": "openid email profile",
        "state": secrets.token_urlsafe(8),
        "nonce": secrets.token_urlsafe(8),
        **extra,
    }
    response = session.get(
        f"{discovery['authorization_endpoint']}?{urlencode(params)}", allow_redirects=True, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text[:2000]
    assert 'name="login"' in response.text and 'name="password"' in response.text
    return response, params


def _sign_in(session, discovery, login: str, **extra) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The whole front channel: authorization request, login form, back to the redirect URI."""
    page, params = _login_page(session, discovery, **extra)
    action, hidden = _form(page.text)
    response = session.post(
        urljoin(page.url, action),
        data={**hidden, "login": login, "password": "whatever"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    callback = _follow_until(session, response, REDIRECT_URI)
    query = parse_qs(urlsplit(callback).query)
    assert query["state"] == [params["state"]]
    return query, params


def _verified_id_token(provider, discovery, id_token: str) -> dict:
    try:
        import jwt
    except ImportError:  # PyJWT comes with mozilla-django-oidc; without it, read the claims only
        payload = id_token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    jwks = requests.get(discovery["jwks_uri"], timeout=TIMEOUT).json()
    key = jwt.PyJWKSet.from_dict(jwks)[jwt.get_unverified_header(id_token)["kid"]]
    return jwt.decode(id_token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=provider.issuer)


def test_discovery_lists_the_endpoints(provider, discovery):
    assert discovery["issuer"] == provider.issuer == f"http://127.0.0.1:{provider.port}"
    for endpoint in ("authorization", "token", "userinfo", "end_session"):
        assert discovery[f"{endpoint}_endpoint"].startswith(provider.issuer + "/")
    assert discovery["jwks_uri"].startswith(provider.issuer + "/")
    assert "RS256" in discovery["id_token_signing_alg_values_supported"]
    assert {"client_secret_post", "client_secret_basic"} <= set(
        discovery["token_endpoint_auth_methods_supported"]
    )


def test_authorization_code_flow_with_client_secret_post(provider, discovery):
    session = requests.Session()
    query, params = _sign_in(session, discovery, ALICE["email"])
    tokens = requests.post(
        discovery["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "redirect_uri": REDIRECT_URI,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
        },
        timeout=TIMEOUT,
    )
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()

    claims = _verified_id_token(provider, discovery, body["id_token"])
    assert claims["sub"] == ALICE["sub"]
    assert claims["email"] == ALICE["email"]
    assert claims["email_verified"] is True
    assert claims["nonce"] == params["nonce"]
    assert claims["groups"] == ALICE["groups"]

    userinfo = requests.get(
        discovery["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {body['access_token']}"},
        timeout=TIMEOUT,
    )
    assert userinfo.status_code == 200, userinfo.text
    assert userinfo.json() == ALICE


def test_pkce_and_client_secret_basic(provider, discovery):
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query, _ = _sign_in(
        requests.Session(), discovery, BOB["sub"], code_challenge=challenge, code_challenge_method="S256"
    )
    exchange = {"grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT_URI}
    wrong = requests.post(
        discovery["token_endpoint"],
        data={**exchange, "code_verifier": "x" * 43},
        auth=(CLIENT_ID, CLIENT_SECRET),
        timeout=TIMEOUT,
    )
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    # A failed PKCE check consumes the code: sign in again for a fresh one.
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query, _ = _sign_in(
        requests.Session(), discovery, BOB["sub"], code_challenge=challenge, code_challenge_method="S256"
    )
    tokens = requests.post(
        discovery["token_endpoint"],
        data={**exchange, "code": query["code"][0], "code_verifier": verifier},
        auth=(CLIENT_ID, CLIENT_SECRET),
        timeout=TIMEOUT,
    )
    assert tokens.status_code == 200, tokens.text
    assert _verified_id_token(provider, discovery, tokens.json()["id_token"])["sub"] == BOB["sub"]


def test_unknown_user_gets_the_form_again(provider, discovery):
    session = requests.Session()
    page, _ = _login_page(session, discovery)
    action, hidden = _form(page.text)
    again = session.post(
        urljoin(page.url, action),
        data={**hidden, "login": "mallory@example.org", "password": "x"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert again.status_code == 200
    assert 'class="error"' in again.text and 'name="login"' in again.text


def test_rp_initiated_logout_returns_to_the_client(provider, discovery):
    session = requests.Session()
    query, _ = _sign_in(session, discovery, ALICE["sub"])
    tokens = requests.post(
        discovery["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "redirect_uri": REDIRECT_URI,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
        },
        timeout=TIMEOUT,
    ).json()

    confirm = session.get(
        discovery["end_session_endpoint"],
        params={
            "id_token_hint": tokens["id_token"],
            "post_logout_redirect_uri": POST_LOGOUT_URI,
            "state": "bye",
        },
        timeout=TIMEOUT,
    )
    assert confirm.status_code == 200, confirm.text[:2000]
    action, hidden = _form(confirm.text, "op.logoutForm")
    assert hidden.get("logout") == "yes"  # the page submits itself; a browser needs no click
    done = session.post(urljoin(confirm.url, action), data=hidden, allow_redirects=False, timeout=TIMEOUT)
    assert done.status_code == 303, done.text[:2000]
    assert done.headers["Location"] == f"{POST_LOGOUT_URI}?state=bye"

    # The provider's session is gone: the next authorization request asks for the login again.
    _login_page(session, discovery)
