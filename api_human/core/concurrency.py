"""Writes that stay exactly-once under concurrent requests: row locks, versions and named locks.

* A transition (submit, move, sign-off…) starts from ``locked(record)``: the row is locked until the
  transaction ends and read again, so the state it checks is the state it changes.
* An edit names the version it was made on (the API's ``If-Match``, a browser form's hidden field);
  ``check_version`` refuses it with ``StaleVersion`` when someone saved in between, and
  ``StaleVersion.changes()`` tells who changed what since.
* ``serialized(name)`` makes a periodic job run one at a time across processes.
"""

from django.db import connection

from .history import ChangeEntry, HistorySource, change_log


def locked(instance):
    """Lock the row of ``instance`` until the end of the current transaction and read it again into
    ``instance`` (the caller's object shows the state the write starts from); returns ``instance``."""
    fresh = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    for field in instance._meta.concrete_fields:
        setattr(instance, field.attname, getattr(fresh, field.attname))
    instance._state.fields_cache = {}
    return instance


def current_version(instance, *, lock: bool = False) -> int | None:
    """The version of ``instance``'s row as stored now (``lock``: and lock the row)."""
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    return (rows.select_for_update() if lock else rows).values_list("version", flat=True).first()


class StaleVersion(Exception):
    """The record changed since ``expected`` (the version the writer read); ``current`` is its version now."""

    def __init__(self, record, *, expected: int, current: int):
        super().__init__(f"{type(record).__name__} {record.pk}: version {expected} is stale (now {current})")
        self.record, self.expected, self.current = record, expected, current

    def baseline(self):
        """The record as it was at the version the writer read (from the change history), or None."""
        if not hasattr(type(self.record), "history"):
            return None
        row = self.record.history.filter(version=self.expected).order_by("-history_id").first()
        return row.instance if row is not None else None

    def changes(self) -> list[ChangeEntry]:
        """Who changed what since the version the writer read (newest first), from the change history."""
        if not hasattr(type(self.record), "history"):
            return []
        since = self.record.history.filter(version__gte=self.expected)  # the version read is the baseline
        return [entry for entry in change_log([HistorySource(since)]) if entry.changes]


def check_version(record, expected: int | None) -> None:
    """Lock ``record``'s row and refuse a write made on an older version of it than stored now."""
    if expected is None:
        return
    current = current_version(record, lock=True)
    if current != expected:
        raise StaleVersion(record, expected=expected, current=current)


def serialized(name: str) -> None:
    """Hold a lock named ``name`` until the current transaction ends (PostgreSQL advisory lock): jobs
    that must not overlap — a periodic scan started twice — run one after the other. Elsewhere (SQLite)
    writes are serialised by the database itself."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])
