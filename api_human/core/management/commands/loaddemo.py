from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from api_human.core.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo
from api_human.core.registry import DEMO_LOADERS


def load_all_demo():
    """The core's demo and every app's, in one transaction (so scores are computed once, at the end)."""
    with transaction.atomic():
        result = load_demo()
        for loader in DEMO_LOADERS.values():  # the apps' parts, in their registered order
            loader()
    return result


class Command(BaseCommand):
    help = _(
        "Load the demo data: the 'Digital Welfare' engagement, its organisations, teams and demo logins."
    )

    def handle(self, *args, **options):
        result = load_all_demo()
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo data loaded: %(created)d records created, %(updated)d updated.")
                % {"created": result.created, "updated": result.updated}
            )
        )
        if settings.DEMO_LOGINS_ENABLED:
            logins = ", ".join(username for username, *_rest in DEMO_LOGINS)
            self.stdout.write(
                _("Demo logins: %(logins)s — password “%(password)s”.")
                % {"logins": logins, "password": DEMO_PASSWORD}
            )
