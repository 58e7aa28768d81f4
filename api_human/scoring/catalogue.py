"""The published rubrics, as data, in Hebrew, English and Arabic — each criterion grounded in a passage of
the source document (docs/rubrics.md lists them; the formula is docs/scoring.md).

``sync_catalogue()`` loads them (after every ``migrate``, see apps.py): a rubric whose definition here
changed gets a new published version and the old one is retired; a version an administrator
published from the browser is left alone until the definition here changes again.

Automatic criteria name a metric registered in an app's ``metrics.py`` and are normalised between
``floor`` (0) and ``target`` (1); manual criteria are rated by the team on the anchors given, and a
rating stays valid ``validity_days``.
"""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from .definitions import RUBRICS


def _digest(definition: dict) -> str:
    return hashlib.sha256(json.dumps(definition, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def sync_catalogue(definitions=None) -> int:
    """Publish every catalogue rubric whose definition is new or changed; returns how many were published."""
    from .models import Rubric
    from .services import rubric_create_version, rubric_publish

    published = 0
    for definition in definitions or RUBRICS:
        digest = _digest(definition)
        if Rubric.objects.filter(key=definition["key"], source_digest=digest).exists():
            continue
        version = rubric_create_version(
            definition=definition, actor=None, source_digest=digest, status=Rubric.Status.PUBLISHED
        )
        rubric_publish(rubric=version, actor=None, now=timezone.now())
        published += 1
    return published
