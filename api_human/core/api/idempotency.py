"""``Idempotency-Key`` on every API write (Stripe's contract and the IETF draft's).

* A key belongs to a partner organisation (``org:<id>``) or, for the ministry side, to one person.
* It is bound to the request: the same key with another method, path or body is a 422
  (``idempotency_key_reused``); keys longer than 255 characters are a 400, never cut.
* The key's row is inserted before the handler runs, in the request's transaction. A twin sent at the
  same moment waits on the unique index until the first commits — then it gets the first answer,
  marked ``Idempotent-Replayed: true`` — or rolls back, and then runs itself. A twin that waits longer
  than ``IDEMPOTENCY_WAIT_SECONDS`` gets a 409 (``idempotency_in_progress``) and may retry.
* Only successful answers are kept (for ``IDEMPOTENCY_KEY_TTL`` seconds, 24 h by default); an error
  rolls the key back with the rest of the request, so the same key can be sent again.
"""

import functools
import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, OperationalError, connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

from ..models import IdempotencyKey

HEADER = "HTTP_IDEMPOTENCY_KEY"
MAX_LENGTH = 255
REPLAYED_HEADERS = ("Location", "ETag", "Content-Language")


class IdempotencyKeyInvalid(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "idempotency_key_invalid"
    default_detail = _("The Idempotency-Key header must be 1 to 255 visible characters.")


class IdempotencyInProgress(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_in_progress"
    default_detail = _("A request with this Idempotency-Key is still being handled; try again in a moment.")


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"
    default_detail = _(
        "This Idempotency-Key was already used for another request (another method, path or body). "
        "Use a new key for a new request."
    )


class Replay(Exception):
    def __init__(self, response: HttpResponse):
        self.response = response


@dataclass
class Reservation:
    pk: int


def scope_of(user) -> str | None:
    if not user or not user.is_authenticated:
        return None
    if user.is_partner:
        return f"org:{user.organization_id}"
    return f"user:{user.pk}"


def _update_with_value(digest, value) -> None:
    if isinstance(value, UploadedFile):
        digest.update(b"file:" + (value.name or "").encode() + b":")
        for chunk in value.chunks():
            digest.update(chunk)
        value.seek(0)
    else:
        digest.update(json.dumps(value, sort_keys=True, default=str).encode())
    digest.update(b"\0")


def fingerprint(request) -> str:
    """SHA-256 of the parsed body: JSON as canonical JSON, forms field by field, files by content
    (DRF puts a multipart request's files into ``request.data`` too)."""
    digest = hashlib.sha256()
    data = request.data
    if isinstance(data, MultiValueDict):
        for name in sorted(data):
            for value in data.getlist(name):
                digest.update(name.encode() + b"=")
                _update_with_value(digest, value)
    else:
        _update_with_value(digest, data)
    return digest.hexdigest()


def _requested_key(request) -> str | None:
    raw = request.META.get(HEADER)
    if raw is None:
        return None
    key = raw.strip()
    if not key or len(key) > MAX_LENGTH or not key.isprintable():
        raise IdempotencyKeyInvalid()
    return key


# Where the request's own lock_timeout is kept while the key's INSERT waits under a shorter one (a
# custom setting, local to the transaction like the timeout itself).
SAVED_LOCK_TIMEOUT = "api_human.saved_lock_timeout"


def _restore_lock_timeout() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', current_setting(%s), true)", [SAVED_LOCK_TIMEOUT])


def _is_lock_timeout(error: OperationalError) -> bool:
    return getattr(error.__cause__, "pgcode", None) == "55P03"


@functools.cache  # names only: the same text for every request
def _insert_sql() -> str:
    """One round trip: keep the request's lock_timeout aside and set the wait's (a first statement),
    then the key's row unless the key is taken: ``INSERT … ON CONFLICT DO NOTHING`` (no savepoint, no
    exception); its RETURNING clause puts lock_timeout back once the row is in (a twin in flight is
    waited for inside the INSERT, under the timeout)."""
    quote = connection.ops.quote_name
    table = IdempotencyKey._meta.db_table
    columns = ", ".join(
        quote(IdempotencyKey._meta.get_field(name).column)
        for name in (
            "scope",
            "key",
            "method",
            "path",
            "fingerprint",
            "status_code",
            "content_type",
            "headers",
            "body",
            "created_at",
            "expires_at",
        )
    )
    wait = (
        "SELECT set_config(%s, current_setting('lock_timeout'), true), set_config('lock_timeout', %s, true); "
    )
    return wait + (
        f"INSERT INTO {quote(table)} ({columns}) "  # noqa: S608 - names, not input
        "VALUES (%s, %s, %s, %s, %s, 0, '', '{}'::jsonb, ''::bytea, %s, %s) "
        f"ON CONFLICT ({quote('scope')}, {quote('key')}) DO NOTHING "
        f"RETURNING {quote(IdempotencyKey._meta.pk.column)}, "
        "set_config('lock_timeout', current_setting(%s), true)"
    )


def reserve(request) -> Reservation | None:
    """Reserve the request's key (inside the request's transaction), or raise ``Replay`` with the first
    answer, ``IdempotencyKeyReused`` or ``IdempotencyInProgress``. None: no key, or nobody to scope it to."""
    key = _requested_key(request)
    scope = scope_of(request.user)
    if key is None or scope is None:
        return None
    now = timezone.now()
    bound = {
        "method": request.method,
        "path": request.get_full_path()[:500],
        "fingerprint": fingerprint(request),
    }
    if connection.vendor == "postgresql":
        return _reserve_postgresql(scope, key, bound, now)
    try:
        with transaction.atomic():
            row = IdempotencyKey.objects.create(
                scope=scope,
                key=key,
                status_code=0,
                expires_at=now + timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL),
                **bound,
            )
        return Reservation(row.pk)
    except IntegrityError:
        pass  # the key was used before (and that request committed): replay, refuse, or take it over
    return _existing(scope, key, bound, now)


def _reserve_postgresql(scope: str, key: str, bound: dict, now) -> Reservation:
    """One round trip when the key is new (set lock_timeout, insert and put it back). A twin sent at the
    same moment waits in the INSERT on the unique index for at most ``IDEMPOTENCY_WAIT_SECONDS``: a
    time-out is a 409 and the request's transaction, aborted, is rolled back with the answer."""
    wait = f"{int(settings.IDEMPOTENCY_WAIT_SECONDS * 1000)}ms"
    expires_at = now + timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                _insert_sql(),
                [
                    SAVED_LOCK_TIMEOUT,
                    wait,
                    *(scope, key, bound["method"], bound["path"], bound["fingerprint"], now, expires_at),
                    SAVED_LOCK_TIMEOUT,
                ],
            )
            row = cursor.fetchone()
    except OperationalError as error:
        if _is_lock_timeout(error):
            raise IdempotencyInProgress() from error
        raise
    if row is not None:
        return Reservation(row[0])
    _restore_lock_timeout()
    # the key was used before (and that request committed): replay, refuse, or take it over
    return _existing(scope, key, bound, now)


def _existing(scope: str, key: str, bound: dict, now) -> Reservation:
    row = IdempotencyKey.objects.select_for_update().get(scope=scope, key=key)
    if row.expires_at <= now:  # an expired key starts afresh
        row.status_code, row.body, row.headers, row.content_type = 0, b"", {}, ""
        row.created_at, row.expires_at = now, now + timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL)
        for name, value in bound.items():
            setattr(row, name, value)
        row.save()
        return Reservation(row.pk)
    if any(getattr(row, name) != value for name, value in bound.items()):
        raise IdempotencyKeyReused()
    if not row.status_code:
        raise IdempotencyInProgress()
    response = HttpResponse(bytes(row.body), status=row.status_code, content_type=row.content_type or None)
    for name, value in row.headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    raise Replay(response)


def store(reservation: Reservation, response) -> None:
    """Keep the answer with the key, in the same transaction as the write it answers."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    IdempotencyKey.objects.filter(pk=reservation.pk).update(
        status_code=response.status_code,
        content_type=response.get("Content-Type", ""),
        headers={name: response[name] for name in REPLAYED_HEADERS if name in response},
        body=response.content,
    )


def purge_expired() -> int:
    deleted, _ = IdempotencyKey.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
