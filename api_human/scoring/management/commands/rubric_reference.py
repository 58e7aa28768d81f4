from django.core.management.base import BaseCommand, CommandError

from api_human.scoring.reference import REFERENCE, current_reference


class Command(BaseCommand):
    help = "Write docs/rubrics.md from the rubric catalogue (--check: fail if it is out of date)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Only check that docs/rubrics.md is current."
        )

    def handle(self, *args, check=False, **options):
        text = current_reference()
        if check:
            if not REFERENCE.exists() or REFERENCE.read_text() != text:
                raise CommandError("docs/rubrics.md is out of date: run `python manage.py rubric_reference`.")
            self.stdout.write("docs/rubrics.md is current.")
            return
        REFERENCE.write_text(text)
        self.stdout.write(f"Wrote {REFERENCE}.")
