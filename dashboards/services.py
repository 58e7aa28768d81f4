"""The morning digest by e-mail (the page itself is in views.py)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from api_human.core.models import Role, User

from .models import DigestEmail
from .selectors import digest

logger = logging.getLogger(__name__)


def digests_send(*, now=None) -> int:
    """E-mail each active manager with an address their digest since yesterday; returns how many were
    sent. Nothing is sent while ``DIGEST_EMAILS`` is off, nor to a manager with nothing new."""
    if not settings.DIGEST_EMAILS:
        return 0
    now = now or timezone.now()
    since, today = now - timedelta(days=1), timezone.localdate(now)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for manager in User.objects.filter(role=Role.MANAGER, is_active=True).exclude(email=""):
            data = digest(manager, since=since)
            if not data["count"]:
                continue
            body = render_to_string("dashboards/digest_email.txt", {**data, "person": manager})
            try:
                with transaction.atomic():  # the day's record and the e-mail: both, or neither
                    DigestEmail.objects.create(user=manager, sent_on=today)
                    send_mail(
                        _("Good morning: what changed in your engagements"), body, None, [manager.email]
                    )
            except IntegrityError:  # already e-mailed today (a second run of the task)
                continue
            except OSError:  # a mail server that does not answer: the next morning tries again
                logger.warning("digest: could not e-mail %s", manager.pk, exc_info=True)
                continue
            sent += 1
    return sent
