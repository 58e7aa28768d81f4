"""`manage.py backup` and `restore`: one archive with the database and the private files, checked on restore.

The database must see committed rows (pg_dump runs in its own session), hence ``transactional_db``.
"""

import hashlib
import io
import json
import re
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils.functional import empty

from api_human.core.backup import tables_with_data
from api_human.core.models import Role, User
from api_human.core.storage import private_storage
from opportunities.models import Attachment, Opportunity
from opportunities.services import attachment_add
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.usefixtures("transactional_db")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _needs_pg_dump_on_postgresql():
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("needs the PostgreSQL client programs (pg_dump, pg_restore)")


def point_private_media_at(settings, path: Path) -> Path:
    """The private storage is built once, lazily: rebuild it on the new root."""
    settings.PRIVATE_MEDIA_ROOT = str(path)
    private_storage._wrapped = empty
    return path


@pytest.fixture
def private_media(settings, tmp_path):
    yield point_private_media_at(settings, tmp_path / "private-media")
    private_storage._wrapped = empty  # the settings fixture restores the root after this


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path / "backups")
    return Path(settings.BACKUP_DIR)


@pytest.fixture
def partner():
    organization = OrganizationFactory(name="Care Bridge")
    return UserFactory(username="carebridge", role=Role.PARTNER, organization=organization)


def draft_with_attachment(partner, title: str, content: bytes) -> Attachment:
    opportunity = Opportunity.objects.create(organization=partner.organization, title=title)
    upload = SimpleUploadedFile(f"{title}.pdf", content)
    return attachment_add(opportunity=opportunity, actor=partner, upload=upload)


def backup() -> Path:
    out = io.StringIO()
    call_command("backup", stdout=out)
    return Path(out.getvalue().strip().splitlines()[-1])


def restore(archive: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("restore", str(archive), *args, stdout=out)
    return out.getvalue()


def test_backup_writes_the_database_then_the_files_then_the_manifest(partner, private_media, backup_dir):
    attachment = draft_with_attachment(partner, "deck", PDF + b"deck")

    archive = backup()

    assert archive.parent == backup_dir and archive.name.startswith("api-human-") and archive.suffix == ".tar"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    dump = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}[connection.vendor]
    assert names == [dump, f"private-media/{attachment.file.name}", "manifest.json"]
    assert manifest["format"] == 1 and manifest["database"]["vendor"] == connection.vendor
    assert manifest["migrations"]["opportunities"].startswith("00")
    assert manifest["row_counts"]["opportunities.Attachment"] == 1
    assert manifest["files"] == [
        {
            "path": attachment.file.name,
            "size": len(PDF) + 4,
            "sha256": hashlib.sha256(PDF + b"deck").hexdigest(),
        }
    ]
    assert not [p for p in backup_dir.iterdir() if p != archive]  # no partial or working files left


def test_restore_brings_back_the_rows_and_files_of_the_backup_and_nothing_later(
    partner, private_media, backup_dir, settings, tmp_path
):
    kept = draft_with_attachment(partner, "kept", PDF + b"kept")
    archive = backup()
    later = draft_with_attachment(partner, "later", PDF + b"later")
    Opportunity.objects.filter(pk=kept.opportunity_id).delete()
    media = point_private_media_at(settings, tmp_path / "new-private-media")  # the old files are gone

    report = restore(archive, "--force")

    assert list(Opportunity.objects.values_list("pk", flat=True)) == [kept.opportunity_id]
    restored = Attachment.objects.get()
    assert restored.pk == kept.pk and not Attachment.objects.filter(pk=later.pk).exists()
    assert (media / restored.file.name).read_bytes() == PDF + b"kept"
    assert "opportunities.Attachment: 1" in report and "Files: 1" in report


def test_restore_refuses_a_database_that_already_holds_data(partner, private_media, backup_dir):
    draft_with_attachment(partner, "deck", PDF)
    archive = backup()
    Opportunity.objects.create(organization=partner.organization, title="Written after the backup")

    with pytest.raises(CommandError, match=r"already holds data.*--force"):
        restore(archive)

    assert Opportunity.objects.filter(title="Written after the backup").exists()


def test_a_freshly_migrated_database_counts_as_empty():
    """What ``migrate`` writes by itself (need sub-categories, the scoring catalogue) is not data to
    protect, so a restore into a database the web container has just migrated needs no --force."""
    assert tables_with_data() == []
    UserFactory(username="someone")
    assert User._meta.db_table in tables_with_data()


def rewritten(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` whose members' bytes went through ``change(name, content)``."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source.getmembers():
            content = change(member.name, source.extractfile(member).read())
            member.size = len(content)
            copy.addfile(member, io.BytesIO(content))
    return target


def test_restore_refuses_an_archive_whose_file_was_altered(partner, private_media, backup_dir, tmp_path):
    attachment = draft_with_attachment(partner, "deck", PDF + b"original")
    tampered = rewritten(
        backup(),
        tmp_path / "tampered.tar",
        lambda name, content: (
            content.replace(b"original", b"ORIGINAL")  # same size, other bytes
            if name.startswith("private-media/")
            else content
        ),
    )
    Opportunity.objects.create(organization=partner.organization, title="Written after the backup")
    private_storage.delete(attachment.file.name)

    with pytest.raises(CommandError, match="does not match its manifest"):
        restore(tampered, "--force")

    assert Opportunity.objects.filter(title="Written after the backup").exists()  # nothing was touched
    assert not private_storage.exists(attachment.file.name)


def test_restore_refuses_an_archive_made_by_a_newer_version(partner, private_media, backup_dir, tmp_path):
    def from_the_future(name, content):
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        manifest["migrations"]["opportunities"] = "9999_from_the_future"
        return json.dumps(manifest).encode()

    newer = rewritten(backup(), tmp_path / "newer.tar", from_the_future)

    with pytest.raises(CommandError, match=r"newer version.*opportunities\.9999_from_the_future"):
        restore(newer, "--force")


def test_backup_fails_when_a_file_named_by_the_database_is_missing(partner, private_media, backup_dir):
    attachment = draft_with_attachment(partner, "deck", PDF)
    private_storage.delete(attachment.file.name)

    with pytest.raises(CommandError, match=rf"missing .*{re.escape(attachment.file.name)}"):
        backup()

    assert not list(backup_dir.iterdir())  # no archive, complete-looking or not


def test_backup_keeps_the_newest_backup_keep_archives(partner, private_media, backup_dir, settings):
    settings.BACKUP_KEEP = 2
    backup_dir.mkdir()
    (backup_dir / "notes.txt").write_text("not an archive: left alone")

    archives = [backup() for _ in range(3)]

    assert sorted(backup_dir.iterdir()) == sorted([*archives[1:], backup_dir / "notes.txt"])
