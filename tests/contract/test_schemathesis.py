"""Schemathesis over every operation of the schema, as every role, with every one of its checks.

One test per (operation, role): a handful of cases drawn from the schema's examples and generated
(valid and invalid) data, each sent in-process to the WSGI application and validated with all of
schemathesis' checks — every status returned is documented, every body matches its schema, every
content type is the documented one, no 5xx, valid data is accepted and invalid data rejected,
authentication is not ignored, and the rest (``schemathesis.specs.openapi.checks``).

The demo data is loaded once for the module, inside a transaction that is rolled back at the end;
each test runs inside a savepoint of its own (pytest-django's ``db``), so what one test writes or
deletes is gone before the next. Valid cases are made to refer to records that exist (path ids and
the body's references; the role's own records where it has any), so detail routes answer with real
bodies, not only 404s, and a valid case carries no made-up ``cursor``: which ids exist and which
cursors the server issued is what a schema cannot say.

Bounds: ``MAX_EXAMPLES`` generated cases per test plus the schema's explicit examples, no shrinking,
no example database, a fixed seed (reproducible runs; the same cases for each role).

A failure names the operation, the role, the checks that failed and a curl command that reproduces
it (credentials masked: send the role's own). With ``CONTRACT_FAILURES_JSONL=<file>`` each failure
is also appended to that file as one JSON line, to group many failures by cause; with
``CONTRACT_STATUSES_JSONL=<file>``, every request's operation, role, mode, status and path (coverage).
"""

import copy
import json
import os
import zlib
from functools import cache
from types import SimpleNamespace

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection, transaction
from django.test import TestCase
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase, settings
from schemathesis import AuthContext, Case
from schemathesis.auths import AuthStorage
from schemathesis.core.failures import FailureGroup

from tests.contract.conftest import session_credentials

MAX_EXAMPLES = 4
SEED = 20_240_601

CONFIG = schemathesis.Config.from_str(
    f"""
seed = {SEED}

[generation]
mode = "all"
# PostgreSQL cannot store a NUL character and DRF refuses it (400 null_characters_not_allowed) in every
# string; JSON Schema has no word for "no NUL" short of a pattern on every string.
allow-x00 = false
max-examples = {MAX_EXAMPLES}
no-shrink = true
database = "none"
# Credentials are the role's (below); schemathesis must not invent Authorization headers or cookies.
with-security-parameters = false

[checks]
enabled = true

[checks.positive_data_acceptance]
# Schemathesis' default list, and 400, 409 and 422. The API answers 400 for every rule it enforces —
# also rules a schema cannot state (one field's allowed values depending on another's, a transition
# the record's current state does not allow) — and v1 keeps those statuses (README, *Deprecation
# policy*). That a 400 is never a rule the schema could have stated is checked by
# ``no_schema_rule_refused`` below: a valid case refused with a field code such as ``required``,
# ``unknown_field`` or ``max_value`` means the schema lies, and fails.
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429", "5xx"]

[phases.examples]
enabled = true

[phases.fuzzing]
enabled = true

[phases.coverage]
enabled = false

[phases.stateful]
enabled = false
"""
)

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application(), config=CONFIG)

ROLES = ("anonymous", "partner", "team_member", "manager", "administrator")
# The demo logins (api_human/core/demo.py): one per platform role.
DEMO_USERNAMES = {"partner": "partner", "team_member": "team", "manager": "manager", "administrator": "admin"}
# Path parameters that name a record of another model than the view's.
PATH_PARAMETER_MODELS = {
    "engagement_pk": "core.Engagement",
    "match_pk": "opportunities.Match",
    "attachment_pk": "opportunities.Attachment",
}


# ------------------------------------------------------------------------------------------------
# Data: the demo, once for the module, rolled back at its end
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data, loaded inside a transaction that stays open for the module and is rolled back
    after its last test; each test nests a savepoint in it (pytest-django's ``db``)."""
    from api_human.core.management.commands.loaddemo import load_all_demo
    from api_human.core.models import Notification, User

    # Like Django's test client: a request must not close the connection (and with it the transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            # What the demo sends to the outbox after commit (matching, scores) runs here and now.
            with TestCase.captureOnCommitCallbacks(execute=True):
                load_all_demo()
            users = {role: User.objects.get(username=name) for role, name in DEMO_USERNAMES.items()}
            for role in ("team_member", "manager"):
                Notification.objects.create(
                    user=users[role],
                    kind=Notification.Kind.INITIATIVE_STALE,
                    subject_key="initiative:1",
                    link="/initiatives/",
                )
        yield users
    finally:
        try:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                assert not connection.in_atomic_block, "a test left a transaction open"
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


@pytest.fixture
def credentials(role, demo_data, db):
    """``(user, headers, cookies)`` of the role: nothing, a partner's API key, or a signed-in session
    (its cookie, and the CSRF cookie and header the team's pages send)."""
    from api_human.core import services as core_services

    if role == "anonymous":
        return None, {}, {}
    user = demo_data[role]
    if role == "partner":
        _key, raw = core_services.partner_key_issue(user=user, name="schemathesis")
        return user, {"Authorization": f"Api-Key {raw}"}, {}
    cookies, headers = session_credentials(user)
    return user, headers, cookies


def _sign_in(case, headers: dict, cookies: dict) -> None:
    """Put the role's credentials on the case the way a schemathesis auth provider does, so that its
    checks know them for real ones (``ignored_auth`` then probes the operation without them and with
    made-up ones, and expects 401/403)."""
    if not headers and not cookies:
        return
    storage = AuthStorage()

    @storage.auth(refresh_interval=None)
    class RoleCredentials:
        def get(self, case, context):
            return True

        def set(self, case, data, context):
            case.headers = {**(case.headers if isinstance(case.headers, dict) else {}), **headers}
            case.cookies = {**(case.cookies if isinstance(case.cookies, dict) else {}), **cookies}

    storage.set(case, AuthContext(operation=case.operation, app=case.operation.app))


# ------------------------------------------------------------------------------------------------
# Valid cases that refer to records that exist
# ------------------------------------------------------------------------------------------------
@cache
def _view_class(path_template: str):
    """The view class that answers ``path_template``, if it is a class-based view."""
    concrete = path_template
    for parameter in ("{id}", "{engagement_pk}", "{match_pk}", "{attachment_pk}"):
        concrete = concrete.replace(parameter, "1")
    concrete = concrete.replace("{stage}", "diagnosis").replace("{token}", "x")
    try:
        return getattr(resolve(concrete).func, "cls", None)
    except Resolver404:
        return None


def _view_model(path_template: str):
    """The model of the view that answers ``path_template`` (from its ``queryset``), if it has one."""
    queryset = getattr(_view_class(path_template), "queryset", None)
    return queryset.model if queryset is not None else None


def _filter_queryset(path_template: str, name: str, user):
    """The records a query parameter may refer to, when it is a model-choice filter of the view's
    FilterSet (a queryset, or a callable of the request), or a relation of the view's model."""
    filterset = getattr(_view_class(path_template), "filterset_class", None)
    queryset = getattr(getattr(filterset, "base_filters", {}).get(name), "queryset", None)
    if callable(queryset):
        queryset = queryset(SimpleNamespace(user=user)) if user is not None else None
    if queryset is not None:
        return queryset
    model = _view_model(path_template)
    related = _related_model(model, name) if model is not None else None
    return related._default_manager.all() if related is not None else None


def _parameter_model(path_template: str, name: str):
    from django.apps import apps

    if name in PATH_PARAMETER_MODELS:
        return apps.get_model(PATH_PARAMETER_MODELS[name])
    return _view_model(path_template) if name == "id" else None


@cache
def _related_model(model, name: str):
    """The model a body property refers to, when it is a relation of the view's model of that name."""
    try:
        field = model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or no model at all
        return None
    return field.related_model if field.is_relation else None


def _existing_ids(records, user) -> list:
    """A few ids of ``records`` (a model or a queryset): the user's own where the model says which."""
    queryset = records._default_manager.all() if isinstance(records, type) else records.all()
    if user is not None and hasattr(queryset, "visible_to"):
        own = list(queryset.visible_to(user).order_by("pk").values_list("pk", flat=True)[:4])
        if own:
            return own
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:4])


def _pick(ids: list, generated):
    return ids[zlib.crc32(json.dumps(generated, default=str).encode()) % len(ids)]


def _make_invalid_query_objects_visible(case) -> None:
    """An invalid case whose query holds an empty object or list (``engagement={}`` for an integer), or
    None, reaches the server as no parameter at all — a valid request. Send it as its JSON text, which is
    what a client that put an object there would send, so the case stays invalid on the wire."""
    if case.meta is None or case.meta.generation.mode.is_positive or not isinstance(case.query, dict):
        return
    for name, value in list(case.query.items()):
        if (isinstance(value, dict | list) and not value) or value is None:
            case.query[name] = json.dumps(value)  # a None would be left out of the query altogether


def _make_valid_cases_refer_to_records(case, user) -> None:
    """What a schema cannot say — which ids exist, which cursors the server issued — made true of
    valid cases: path ids and the body's references point at records that exist (the role's own
    where it has any; chosen by the generated value, so runs are reproducible), and no valid case
    carries a made-up ``cursor``. Invalid (negative) cases are sent as generated."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    for name, value in list((case.path_parameters or {}).items()):
        model = _parameter_model(case.operation.path, name)
        ids = _existing_ids(model, user) if model is not None else []
        if ids:
            case.path_parameters[name] = _pick(ids, value)
    if isinstance(case.query, dict):
        case.query.pop("cursor", None)
        _refer_to_records(case.query, lambda name: _filter_queryset(case.operation.path, name, user), user)
    model = _view_model(case.operation.path)
    if model is not None and isinstance(case.body, dict):
        _refer_to_records(case.body, lambda name: _related_model(model, name), user)


def _refer_to_records(container: dict, records_of, user) -> None:
    """Integer references (one or a list) in ``container`` replaced by ids of records that exist."""
    for name, value in list(container.items()):
        records = records_of(name)
        ids = _existing_ids(records, user) if records is not None else []
        if not ids:
            continue
        if isinstance(value, list) and all(isinstance(item, int) for item in value):
            container[name] = list(dict.fromkeys(_pick(ids, item) for item in value))
        elif isinstance(value, int) and not isinstance(value, bool):
            container[name] = _pick(ids, value)


# ------------------------------------------------------------------------------------------------
# Failures that say what, who and how to reproduce
# ------------------------------------------------------------------------------------------------
def _record(case, role, response, group: FailureGroup) -> None:
    target = os.environ.get("CONTRACT_FAILURES_JSONL")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as out:
        for failure in group.exceptions:
            record = {
                "operation": case.operation.label,
                "role": role,
                "checks": list(type(failure).checks),
                "failure": type(failure).__name__,
                "title": failure.title,
                "message": failure.message[:2000],
                "mode": case.meta.generation.mode.value if case.meta else None,
                "phase": case.meta.phase.name.value if case.meta else None,
                "path": case.formatted_path,
                "query": case.query,
                "body": case.body
                if isinstance(case.body, dict | list | str | int | float | None)
                else repr(case.body),
                "status": response.status_code,
                "response": response.content[:600].decode(errors="replace"),
            }
            out.write(json.dumps(record, ensure_ascii=False, default=repr) + "\n")


def _log_status(case, role, response) -> None:
    target = os.environ.get("CONTRACT_STATUSES_JSONL")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            mode = case.meta.generation.mode.value if case.meta else None
            out.write(
                json.dumps([case.operation.label, role, mode, response.status_code, case.formatted_path])
                + "\n"
            )


def _with_who(case, role, group: FailureGroup) -> FailureGroup:
    """The group again, its message headed by the operation, the role and what failed (each failure's
    title, and the checks that report it)."""
    what = sorted(
        {f"{failure.title} ({'/'.join(type(failure).checks) or 'custom'})" for failure in group.exceptions}
    )
    title = f"{case.operation.label} as {role}: {'; '.join(what)}\n\n"
    return FailureGroup(list(group.exceptions), title + group.message)


def _own_copy(case: Case) -> Case:
    """Hypothesis hands the same explicit-example case to the test of every role; each test changes a
    copy of its own (``Case.derive`` would share the generation metadata, which sending updates)."""
    return Case(
        operation=case.operation,
        method=case.method,
        path=case.path,
        path_parameters=copy.deepcopy(case.path_parameters),
        headers=copy.deepcopy(case.headers),
        cookies=copy.deepcopy(case.cookies),
        query=copy.deepcopy(case.query),
        body=copy.deepcopy(case.body),
        media_type=case.media_type,
        multipart_content_types=case.multipart_content_types,
        meta=copy.deepcopy(case.meta),
    )


# ------------------------------------------------------------------------------------------------
# The test
# ------------------------------------------------------------------------------------------------
BOUNDS = settings(
    max_examples=MAX_EXAMPLES,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@BOUNDS
def test_every_operation_keeps_its_contract(case, role, credentials):
    _keeps_its_contract(case, role, credentials)


def _keeps_its_contract(case, role, credentials):
    case = _own_copy(case)
    user, headers, cookies = credentials
    _make_valid_cases_refer_to_records(case, user)
    _make_invalid_query_objects_visible(case)
    _sign_in(case, headers, cookies)
    # What ``case.call_and_validate()`` does, keeping the response for the report.
    response = case.call()
    _log_status(case, role, response)
    try:
        case.validate_response(response)
    except FailureGroup as group:
        _record(case, role, response, group)
        raise _with_who(case, role, group) from None
    no_schema_rule_refused(case, role, response)


# v2's schema: the operations v2 changes (its lists of records with collections, README *Versions*);
# the rest of v2 is v1's code at another path, checked above.
schema_v2 = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json&version=v2", get_wsgi_application(), config=CONFIG
).include(path_regex=r"^/api/v2/(engagements|initiatives|tensions|opportunities|events)/$", method="GET")


@pytest.mark.parametrize("role", ROLES)
@schema_v2.parametrize()
@BOUNDS
def test_every_list_v2_changes_keeps_its_contract(case, role, credentials):
    _keeps_its_contract(case, role, credentials)


# Field codes of rules a schema states (types, required, choices, lengths, bounds, known fields). A
# case schemathesis drew as valid and the server refused with one of them means the schema lies.
SCHEMA_RULE_CODES = frozenset(
    {
        "unknown_field",
        "read_only",
        "required",
        "null",
        "blank",
        "invalid_choice",
        "max_length",
        "min_length",
        "max_value",
        "min_value",
        "max_digits",
        "max_decimal_places",
        "max_whole_digits",
        "not_a_list",
        "not_a_dict",
        "empty",
        "incorrect_type",
        "invalid_cursor",
        "parse_error",
        "too_deep",
        "too_long",
    }
)


def no_schema_rule_refused(case, role, response) -> None:
    if response.status_code != 400 or case.meta is None or not case.meta.generation.mode.is_positive:
        return
    try:
        body = response.json()
    except ValueError:
        body = {}
    codes = {body.get("code")} | {error.get("code") for error in body.get("errors", [])}
    stated = sorted(codes & SCHEMA_RULE_CODES)
    assert not stated, (
        f"{case.operation.label} as {role}: a case valid by the schema was refused for a rule the schema "
        f"could state ({', '.join(stated)}): {response.content[:600].decode(errors='replace')}\n"
        f"query={case.query!r} body={case.body!r}"
    )
