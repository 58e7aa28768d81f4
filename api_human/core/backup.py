"""Backup and restore: one archive holds the database and the partners' private files that its rows name.

An archive ``api-human-<UTC time>.tar`` holds, in this order:

* ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite, a copy
  through the ``sqlite3`` backup API);
* ``private-media/<path>``: every file on the private storage that a row of that database refers to;
* ``manifest.json``: format version, creation time, database vendor, the latest applied migration of
  each app, row counts of the main tables, and size and SHA-256 of the database and of every file.

Why the database comes first: its snapshot is the truth. The platform writes an attachment's file
before the row that names it commits (``opportunities.services.attachment_add``) and never changes or
deletes a file afterwards, so every file a snapshot's rows name is already complete on disk when the
snapshot is taken and is still there when the files are copied just after. Files copied the other way
round could miss those of rows committed in between. On PostgreSQL the names are read in the very
snapshot ``pg_dump`` dumps (an exported snapshot), so the archive holds exactly the dump's files, no
more; a named file that is missing (deleted by hand) fails the backup instead of being left out.

The archive is a plain tar: the custom dump is compressed already, and so are PDF, PNG and JPEG.
"""

import dataclasses
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from api_human.core.storage import private_storage

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES_DIR = "private-media"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ARCHIVE_NAME = re.compile(r"api-human-\d{8}T\d{6}\.\d{3}Z\.tar(\.gz)?")
# Counted into the manifest at backup time and again after a restore: the two must agree.
MAIN_MODELS = [
    "core.User",
    "core.Organization",
    "core.Engagement",
    "initiatives.Need",
    "initiatives.Initiative",
    "tensions.Tension",
    "opportunities.Opportunity",
    "opportunities.Attachment",
]
# Reference rows that ``migrate`` writes by itself (a data migration; the scoring catalogue, loaded after
# every migrate): a freshly migrated database holds them and still counts as empty.
SEEDED_BY_MIGRATE = {
    "initiatives.NeedSubcategory",
    "scoring.Rubric",
    "scoring.HistoricalRubric",
    "scoring.Dimension",
    "scoring.Criterion",
}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message tells the operator why."""


@dataclasses.dataclass
class Snapshot:
    """What one database snapshot holds besides the dump itself."""

    migrations: dict[str, str]
    row_counts: dict[str, int]
    private_files: list[str]


@dataclasses.dataclass
class BackupResult:
    path: Path
    manifest: dict
    pruned: list[Path]


@dataclasses.dataclass
class RestoreResult:
    manifest: dict
    row_counts: dict[str, int]
    files: int
    unapplied_migrations: int


# ------------------------------------------------------------------------------------------------
# Backup
# ------------------------------------------------------------------------------------------------
def backup_create(*, output_dir: Path, keep: int, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write a new archive into ``output_dir`` under a temporary name, rename it when complete, then
    keep only the newest ``keep`` archives there (``keep`` < 1 keeps them all)."""
    connection = connections[using]
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    output_dir.mkdir(parents=True, exist_ok=True)
    created_at = timezone.now()
    path = output_dir / f"api-human-{created_at:%Y%m%dT%H%M%S}.{created_at.microsecond // 1000:03d}Z.tar"
    if path.exists():
        raise BackupError(f"{path} exists already.")
    partial = output_dir / f".{path.name}.partial"  # never matches ARCHIVE_NAME, so never looks complete
    try:
        with tempfile.TemporaryDirectory(dir=output_dir, prefix=".api-human-work-") as work:
            dump = Path(work) / DUMP_NAMES[connection.vendor]
            snapshot = _dump_database(connection, dump)  # 1. the database: it decides which files
            manifest = _write_archive(partial, dump, snapshot, connection.vendor, created_at)  # 2. files
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=path, manifest=manifest, pruned=archives_prune(directory=output_dir, keep=keep))


def archives_prune(*, directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` archives; names sort by their UTC time."""
    if keep < 1:
        return []
    archives = sorted(p for p in directory.iterdir() if ARCHIVE_NAME.fullmatch(p.name) and p.is_file())
    doomed = archives[:-keep]
    for archive in doomed:
        archive.unlink()
    return doomed


def _dump_database(connection, target: Path) -> Snapshot:
    if connection.vendor == "postgresql":
        pg_dump = _binary("pg_dump")
        with _exported_snapshot(connection.alias) as (snapshot_id, cursor):
            snapshot = _read_snapshot(cursor, connection.ops.quote_name)
            # pg_dump reads the same snapshot, which stays valid while our transaction stays open.
            _run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot_id}", f"--file={target}"],
                connection.settings_dict,
            )
        return snapshot
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)  # consistent: the copy is one state of the database
        return _read_snapshot(copy.cursor(), connection.ops.quote_name)


@contextmanager
def _exported_snapshot(alias: str) -> Iterator[tuple[str, object]]:
    """A read-only REPEATABLE READ transaction on a connection of its own, with its snapshot exported."""
    db = connections.create_connection(alias)
    try:
        db.ensure_connection()
        db.set_autocommit(False)
        with db.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            yield cursor.fetchone()[0], cursor
    finally:
        db.close()


def _read_snapshot(cursor, quote) -> Snapshot:
    """Migrations, main row counts and the private files named by the rows, as the snapshot sees them."""
    migrations_table = quote(MigrationRecorder.Migration._meta.db_table)
    cursor.execute(f"SELECT app, name FROM {migrations_table} ORDER BY applied, id")  # noqa: S608
    latest = {app: name for app, name in cursor.fetchall()}  # the last applied wins
    counts = {}
    for label in MAIN_MODELS:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(apps.get_model(label)._meta.db_table)}")  # noqa: S608
        counts[label] = cursor.fetchone()[0]
    names = set()
    for model, field in private_file_fields():
        table, column = quote(model._meta.db_table), quote(field.column)
        cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
        names.update(name for (name,) in cursor.fetchall())
    return Snapshot(migrations=latest, row_counts=counts, private_files=sorted(names))


def private_file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    """Every file field whose files live on the private storage (today: ``Attachment.file``)."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.storage is private_storage:
                yield model, field


def _write_archive(partial: Path, dump: Path, snapshot: Snapshot, vendor: str, created_at) -> dict:
    with tarfile.open(partial, "w") as tar:
        database = {"vendor": vendor, "path": dump.name} | _add_file(tar, dump, dump.name)
        files, missing = [], []
        for name in snapshot.private_files:
            try:
                files.append(
                    {"path": name} | _add_file(tar, Path(private_storage.path(name)), f"{FILES_DIR}/{name}")
                )
            except FileNotFoundError:
                missing.append(name)
        if missing:
            raise BackupError(
                f"{len(missing)} file(s) named by the database are missing from {private_storage.location}: "
                + ", ".join(missing[:20])
                + ". The backup would be incomplete; put these files back (or delete their rows) and retry."
            )
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": created_at.isoformat().replace("+00:00", "Z"),
            "database": database,
            "migrations": snapshot.migrations,
            "row_counts": snapshot.row_counts,
            "files": files,
        }
        content = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime = len(content), int(created_at.timestamp())
        tar.addfile(info, io.BytesIO(content))
    with partial.open("rb") as written:
        os.fsync(written.fileno())
    return manifest


class _HashingReader:
    """Hands tarfile a file's bytes and hashes them on the way, so each file is read once."""

    def __init__(self, raw):
        self.raw, self.digest = raw, hashlib.sha256()

    def read(self, size=-1):
        chunk = self.raw.read(size)
        self.digest.update(chunk)
        return chunk


def _add_file(tar: tarfile.TarFile, path: Path, arcname: str) -> dict:
    with path.open("rb") as raw:
        info = tar.gettarinfo(arcname=arcname, fileobj=raw)
        reader = _HashingReader(raw)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.digest.hexdigest()}


# ------------------------------------------------------------------------------------------------
# Restore
# ------------------------------------------------------------------------------------------------
def backup_restore(*, archive: Path, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Restore an archive into the configured database and private storage.

    Nothing is touched until the whole archive has been checked against its manifest. Then the files
    go first and the database last — the platform's own order (a file is on disk before its row
    commits), so at no moment does a row name a file that is not there.
    """
    connection = connections[using]
    if not archive.is_file():
        raise BackupError(f"No archive at {archive}.")
    with tarfile.open(archive, "r:*") as tar:
        members = {member.name: member for member in tar.getmembers()}
        manifest = _read_manifest(tar, members)
        _check_compatible(manifest, connection)
        _verify_archive(tar, members, manifest)
        if not force and (tables := tables_with_data(using=using)):
            raise BackupError(
                f"The database {connection.settings_dict['NAME']} already holds data (in {', '.join(tables[:5])}"
                + (", …" if len(tables) > 5 else "")
                + "). Restore into an empty database, or pass --force to replace its content."
            )
        files = _restore_files(tar, members, manifest)
        with tempfile.TemporaryDirectory(prefix="api-human-restore-") as work:
            dump = Path(work) / manifest["database"]["path"]
            _extract(tar, members[manifest["database"]["path"]], dump)
            _restore_database(connection, dump)
    counts = _check_restored(manifest, using=using)
    executor = MigrationExecutor(connection)
    unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return RestoreResult(manifest=manifest, row_counts=counts, files=files, unapplied_migrations=unapplied)


def tables_with_data(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The tables of the user model and of the project's apps that hold a row (``migrate``'s own aside)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    project = [config for config in apps.get_app_configs() if config.name in settings.LOCAL_APPS]
    candidates = {get_user_model()} | {
        model for config in project for model in config.get_models(include_auto_created=True)
    }
    return sorted(
        model._meta.db_table
        for model in candidates
        if model._meta.db_table in existing
        and model._meta.label not in SEEDED_BY_MIGRATE
        and model._base_manager.using(using).exists()
    )


def _read_manifest(tar: tarfile.TarFile, members: dict) -> dict:
    if MANIFEST not in members:
        raise BackupError("This is not a backup of this platform: the archive has no manifest.json.")
    try:
        manifest = json.loads(tar.extractfile(members[MANIFEST]).read())
        version = manifest.get("format")
    except (ValueError, AttributeError) as exc:
        raise BackupError(f"The archive's manifest.json cannot be read ({exc}).") from exc
    if version != FORMAT_VERSION:
        raise BackupError(f"Archive format {version!r} is not supported (only {FORMAT_VERSION}).")
    try:
        database = manifest["database"]
        paths = [PurePosixPath(entry["path"]) for entry in manifest["files"]]
        well_formed = isinstance(manifest["migrations"], dict) and isinstance(manifest["row_counts"], dict)
    except (KeyError, TypeError) as exc:
        raise BackupError(f"The archive's manifest.json lacks {exc}.") from exc
    if not well_formed or database.get("path") != DUMP_NAMES.get(database.get("vendor")):
        raise BackupError("The archive's manifest.json is not one this platform writes.")
    for path in paths:
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise BackupError(f"The manifest names an unsafe path: {str(path)!r}.")
    return manifest


def _check_compatible(manifest: dict, connection) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"The archive holds a {vendor} database; the configured one is {connection.vendor}."
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = sorted(
        f"{app}.{name}"
        for app, name in manifest["migrations"].items()
        if app in loader.migrated_apps and (app, name) not in loader.disk_migrations
    )
    if unknown:
        raise BackupError(
            "The archive comes from a newer version of the platform (migrations unknown here: "
            + ", ".join(unknown)
            + "). Restore it with the version that made it."
        )


def _verify_archive(tar: tarfile.TarFile, members: dict, manifest: dict) -> None:
    """Every member the manifest lists is there with its size and SHA-256, and nothing else is."""
    expected = {manifest["database"]["path"]: manifest["database"]} | {
        f"{FILES_DIR}/{entry['path']}": entry for entry in manifest["files"]
    }
    unexpected = sorted(set(members) - set(expected) - {MANIFEST})
    if unexpected:
        raise BackupError(
            f"The archive holds members its manifest does not list: {', '.join(unexpected[:10])}."
        )
    for name, entry in expected.items():
        member = members.get(name)
        if member is None or not member.isfile():
            raise BackupError(f"The archive lacks {name}, which its manifest lists.")
        sha256 = _sha256(tar.extractfile(member))
        if (member.size, sha256) != (entry["size"], entry["sha256"]):
            raise BackupError(
                f"{name} in the archive does not match its manifest (size {member.size}, SHA-256 {sha256}; "
                f"expected {entry['size']}, {entry['sha256']}): the archive is damaged or was altered. "
                "Nothing was restored."
            )


def _restore_files(tar: tarfile.TarFile, members: dict, manifest: dict) -> int:
    """Write every file under the private storage (via a temporary name), then check it on disk."""
    root = Path(private_storage.location).resolve()
    for entry in manifest["files"]:
        target = (root / entry["path"]).resolve()
        if root not in target.parents:
            raise BackupError(f"The manifest names a path outside {root}: {entry['path']!r}.")
        _extract(tar, members[f"{FILES_DIR}/{entry['path']}"], target)
        with target.open("rb") as written:
            sha256 = _sha256(written)
        if sha256 != entry["sha256"]:
            raise BackupError(
                f"{target} does not match the manifest after it was written (SHA-256 {sha256}, expected "
                f"{entry['sha256']}): check the disk, then restore again."
            )
    return len(manifest["files"])


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.restoring")
    try:
        with tar.extractfile(member) as source, partial.open("wb") as sink:
            shutil.copyfileobj(source, sink, CHUNK)
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _sha256(source) -> str:
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _restore_database(connection, dump: Path) -> None:
    if connection.vendor == "postgresql":
        pg_restore = _binary("pg_restore")
        connection.close()  # pg_restore drops and recreates the tables: hold no session on them
        _run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            connection.settings_dict,
        )
        return
    connection.ensure_connection()
    with closing(sqlite3.connect(dump)) as source:
        source.backup(connection.connection)  # replaces the whole database, pages and schema


def _check_restored(manifest: dict, *, using: str) -> dict[str, int]:
    """The restored rows are the archived ones, and every file they name is on disk."""
    counts = {label: apps.get_model(label)._base_manager.using(using).count() for label in MAIN_MODELS}
    differing = {label: (n, manifest["row_counts"].get(label)) for label, n in counts.items()}
    differing = {label: pair for label, pair in differing.items() if pair[0] != pair[1]}
    if differing:
        raise BackupError(f"Restored row counts differ from the manifest (restored, archived): {differing}.")
    missing = []
    for model, field in private_file_fields():
        names = (
            model._base_manager.using(using).exclude(**{field.name: ""}).values_list(field.attname, flat=True)
        )
        missing += [name for name in names if not private_storage.exists(name)]
    if missing:
        raise BackupError(
            f"{len(missing)} restored row(s) name files that are not on disk: {', '.join(missing[:20])}."
        )
    return counts


# ------------------------------------------------------------------------------------------------
# PostgreSQL client programs
# ------------------------------------------------------------------------------------------------
def _binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client programs (Debian: postgresql-client), "
            "the same major version as the server or newer."
        )
    return path


def _libpq_env(settings_dict: dict) -> dict[str, str]:
    """The connection settings as libpq's environment variables: the password never shows in ``ps``."""
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
    }
    return {key: str(value) for key, value in values.items() if value}


def _run(args: list[str], settings_dict: dict) -> None:
    result = subprocess.run(  # noqa: S603  (our own arguments, no shell)
        args, env=os.environ | _libpq_env(settings_dict), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"{Path(args[0]).name} failed (exit {result.returncode}): {result.stderr.strip() or result.stdout.strip()}"
        )
