from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from api_human.core.backup import BackupError, backup_create

# Operator-facing messages are English and not marked for translation (a console, not the interface).


class Command(BaseCommand):
    help = (
        "Write one archive (api-human-<UTC time>.tar) with the database and the partners' private files, "
        "then keep only the newest BACKUP_KEEP archives. See api_human/core/backup.py for what it holds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", type=Path, help="where to write the archive (default: the BACKUP_DIR setting)"
        )

    def handle(self, *args, **options):
        output_dir = options["output_dir"] or Path(settings.BACKUP_DIR)
        try:
            result = backup_create(output_dir=output_dir, keep=settings.BACKUP_KEEP)
        except (BackupError, DatabaseError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        files = result.manifest["files"]
        self.stdout.write(
            f"Database ({result.manifest['database']['vendor']}): "
            + ", ".join(f"{label} {n}" for label, n in result.manifest["row_counts"].items())
        )
        self.stdout.write(f"Files: {len(files)} ({sum(f['size'] for f in files)} bytes)")
        for archive in result.pruned:
            self.stdout.write(f"Deleted old archive {archive.name} (BACKUP_KEEP={settings.BACKUP_KEEP})")
        self.stdout.write(self.style.SUCCESS(str(result.path)))
