from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from api_human.core.backup import BackupError, backup_restore

# Operator-facing messages are English and not marked for translation (a console, not the interface).


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into the configured database and PRIVATE_MEDIA_ROOT. "
        "Refuses a database that already holds data unless --force. Stop the web, worker and beat first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the archive file (api-human-<UTC time>.tar)")
        parser.add_argument(
            "--force", action="store_true", help="replace the content of a database that already holds data"
        )

    def handle(self, *args, **options):
        try:
            result = backup_restore(archive=options["archive"], force=options["force"])
        except (BackupError, DatabaseError) as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        self.stdout.write(
            f"Restored {options['archive']} (made {result.manifest['created_at']}) "
            f"into the {connection.vendor} database {connection.settings_dict['NAME']}:"
        )
        for label, count in result.row_counts.items():
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(f"Files: {result.files}, each checked against its SHA-256")
        if result.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"This code has {result.unapplied_migrations} migration(s) the archive had not applied: "
                    "run `python manage.py migrate` next."
                )
            )
        self.stdout.write(self.style.SUCCESS("Restore complete."))
