"""Every API view's writes: one transaction, idempotency keys, locked rows, ETag and If-Match.

``WriteSafetyMixin`` is the first base of every API view (a test walks the URL configuration to keep
it so). For a write (POST, PUT, PATCH, DELETE):

* the whole request is one transaction; an answer of 400 or more rolls back whatever was written;
* an ``Idempotency-Key`` is reserved before the handler runs (``idempotency.py``);
* the record a detail route acts on is locked and read again, so a transition checks the state it
  changes and a PATCH changes only the fields it names (the others are as they are now, not as they
  were when the request began); a view with ``lock_on_read`` reads it under the lock at once;
* ``If-Match`` is compared with the record's version under that lock: a stale one is a 412 (``stale``);
* a body field the serializer does not know is a 400 (``unknown_field``, see ``strict.py``).

For a read of one record, the answer carries ``ETag: "<version>"``, and ``If-None-Match`` with the
current version is answered 304.
"""

from django.core.exceptions import RequestDataTooBig
from django.db import connection, transaction
from django.http.request import RawPostDataException
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from ..concurrency import current_version
from . import idempotency
from .strict import reject_unknown_fields
from .throttling import add_ratelimit_headers

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
ETAG_ACTIONS = frozenset({"retrieve", "update", "partial_update"})
STRICT_ACTIONS = frozenset({"create", "update", "partial_update"})


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"
    default_detail = _(
        "Someone changed this record after you read it. Read it again (its ETag is its current "
        "version) and send your change with the new ETag in If-Match."
    )


def etag(version: int) -> str:
    return f'"{version}"'


def _tags(header: str) -> set[str]:
    """The entity tags of an If-Match / If-None-Match header (a weak tag compares by its value)."""
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}


def _read_body(request) -> None:
    """Read the request body before the transaction opens, so a slow client never holds one open
    (nginx buffers bodies in production; this is for everything else). DRF then parses what was read."""
    try:
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST  # noqa: B018 - Django parses the form (files go to temporary files)
        else:
            request.body  # noqa: B018
    except (RequestDataTooBig, RawPostDataException):
        pass  # left to DRF's parser, which answers it as before


class WriteSafetyMixin:
    """See the module's docstring. Put it before DRF's classes in a view's bases."""

    _reservation = None
    _versioned = None
    # A view whose queryset can take FOR UPDATE (no DISTINCT, no aggregate) may read the record of a
    # write under its lock at once: one query, where the default reads it, locks it and reads it again.
    lock_on_read = False
    # Actions whose answer must never be stored for an Idempotency-Key replay: it holds a secret
    # (a raw API key, a signing secret). For them the header is not documented and is ignored.
    unkept_actions: frozenset = frozenset()

    def keeps_answers(self) -> bool:
        """False for an action in ``unkept_actions`` (``"*"``: every action of the view)."""
        return not ({"*", getattr(self, "action", None)} & self.unkept_actions)

    def dispatch(self, request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)
        _read_body(request)
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if response.status_code >= 400:
                transaction.set_rollback(True)
            elif self._reservation is not None:
                idempotency.store(self._reservation, response)
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if getattr(self, "action", None) in STRICT_ACTIONS:
            # Strict input (strict.py): a body field the record's serializer does not know is a 400.
            reject_unknown_fields(self.get_serializer(), request.data)
        if request.method not in SAFE_METHODS and self.keeps_answers():
            self._reservation = idempotency.reserve(request)

    def handle_exception(self, exc):
        if isinstance(exc, idempotency.Replay):
            return exc.response
        response = super().handle_exception(exc)
        if isinstance(exc, PreconditionFailed) and self._versioned is not None:
            response["ETag"] = etag(self._versioned.version)
        return response

    def get_object(self):
        # (an OPTIONS answer asks for the object as a PUT would, outside any transaction: not locked)
        if self.lock_on_read and self.request.method not in SAFE_METHODS and connection.in_atomic_block:
            obj = self._get_locked_object()
            self._versioned = obj
            self._check_if_match(obj)
            return obj
        obj = super().get_object()
        if self.request.method not in SAFE_METHODS:
            type(obj)._base_manager.select_for_update().filter(pk=obj.pk).exists()
            obj = super().get_object()  # read again under the lock: the state now, not at the start
            self._versioned = obj
            self._check_if_match(obj)
        self._versioned = obj
        return obj

    def _get_locked_object(self):
        """DRF's ``get_object`` with the row read under its lock in the same query (``FOR UPDATE OF``
        the record's own table), then the object permissions: what the write checks is what it changes."""
        queryset = self.filter_queryset(self.get_queryset()).select_for_update(of=("self",))
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        obj = get_object_or_404(queryset, **{self.lookup_field: self.kwargs[lookup_url_kwarg]})
        self.check_object_permissions(self.request, obj)
        return obj

    def _check_if_match(self, obj):
        header = self.request.headers.get("If-Match")
        if header is None or not hasattr(obj, "version"):
            return
        tags = _tags(header)
        if "*" not in tags and etag(obj.version) not in tags:
            raise PreconditionFailed()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_ratelimit_headers(request, response)
        obj = self._versioned
        if (
            obj is None
            or not hasattr(obj, "version")
            or getattr(self, "action", None) not in ETAG_ACTIONS
            or not 200 <= response.status_code < 300
        ):
            return response
        version = obj.version if request.method in SAFE_METHODS else current_version(obj)
        if version is None:
            return response
        response["ETag"] = etag(version)
        if request.method in {"GET", "HEAD"} and etag(version) in _tags(
            request.headers.get("If-None-Match", "")
        ):
            not_modified = Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag(version)})
            return super().finalize_response(request, not_modified, *args, **kwargs)
        return response
