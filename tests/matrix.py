"""The permission matrix: one expected status per role for one request.

    check_matrix(cast, "get", url, {"anonymous": 401, "partner_a": 200, ...})

Every role of ``Cast.ROLES`` must have an expectation. Staff roles sign in with a session; partners
call the API with a real API key (the way partners do); browser pages use a session for everyone.
``data`` may be a callable taking the role, so each role can send its own (e.g. a unique name).
Roles run in ``Cast.ROLES`` order, so the admin, who may delete, goes last.
"""

from django.test import Client
from rest_framework.test import APIClient

from api_human.core import services


def client_for(cast, role, *, api: bool):
    user = cast.users[role]
    if api:
        client = APIClient()
        if user is None:
            return client
        if user.is_partner:
            # one key per partner for the whole cast: an organisation holds at most
            # PARTNER_MAX_ACTIVE_KEYS active keys, and partners reuse their key anyway
            keys = cast.__dict__.setdefault("_matrix_keys", {})
            if role not in keys:
                keys[role] = services.partner_key_issue(user=user, name=f"matrix {role}")[1]
            client.credentials(HTTP_AUTHORIZATION=f"Api-Key {keys[role]}")
        else:
            client.force_login(user)
        return client
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def check_matrix(cast, method, url, expected, *, data=None, api=True):
    assert set(expected) == set(cast.ROLES), f"the matrix for {method.upper()} {url} must name every role"
    failures = []
    for role in cast.ROLES:
        client = client_for(cast, role, api=api)
        payload = data(role) if callable(data) else data
        kwargs = {"format": "json"} if api and payload is not None else {}
        response = (
            getattr(client, method)(url, payload, **kwargs)
            if payload is not None
            else getattr(client, method)(url)
        )
        if response.status_code != expected[role]:
            body = response.content[:300].decode(errors="replace")
            failures.append(f"{role}: expected {expected[role]}, got {response.status_code} {body}")
    assert not failures, f"{method.upper()} {url}\n" + "\n".join(failures)


def statuses(anonymous, partner_a, partner_b, manager, other_team_member, team_member, admin):
    """A row of the matrix in the fixed role order, so tables read left to right."""
    return {
        "anonymous": anonymous,
        "partner_a": partner_a,
        "partner_b": partner_b,
        "manager": manager,
        "other_team_member": other_team_member,
        "team_member": team_member,
        "admin": admin,
    }
