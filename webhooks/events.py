"""The catalogue: the events a partner's endpoint may subscribe to, and what each one carries.

Names are ASCII and never change (partners code against them). ``ping`` is not subscribable: it is
the test event an endpoint receives when its owner asks for one.

The ``example`` of each event is the ``data`` documented for partners (README, OpenAPI examples);
the code that publishes the event decides the real ``data``.
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _


class EventSpec(NamedTuple):
    label: str
    audience: str  # "organization": the organisations the event concerns; "partners": every partner
    example: dict


PING = "ping"
OPPORTUNITY_PIPELINE_CHANGED = "opportunity.pipeline_changed"
OPPORTUNITY_FEEDBACK_ADDED = "opportunity.feedback_added"
OPPORTUNITY_MATCHED = "opportunity.matched"
BROADCAST_PUBLISHED = "broadcast.published"
BROADCAST_CLOSING = "broadcast.closing"

CATALOGUE: dict[str, EventSpec] = {
    OPPORTUNITY_PIPELINE_CHANGED: EventSpec(
        _("An opportunity profile of yours moved in the team's pipeline"),
        "organization",
        {"opportunity": {"id": 12, "title": "Remote day centre", "revision": 2}, "pipeline": "screening"},
    ),
    OPPORTUNITY_FEEDBACK_ADDED: EventSpec(
        _("The team wrote feedback on an opportunity profile of yours"),
        "organization",
        {"opportunity": {"id": 12, "title": "Remote day centre", "revision": 2}, "feedback": "…"},
    ),
    OPPORTUNITY_MATCHED: EventSpec(
        _("An opportunity profile of yours was matched to a need"),
        "organization",
        {"opportunity": {"id": 12, "title": "Remote day centre", "revision": 2}, "matches": 3},
    ),
    BROADCAST_PUBLISHED: EventSpec(
        _("A new broadcast (a need published to partners) is open"),
        "partners",
        {
            "broadcast": {
                "id": 4,
                "title_he": "בדידות של אזרחים ותיקים",
                "title_en": "Loneliness of older people",
                "closes_on": "2026-03-31",
            }
        },
    ),
    BROADCAST_CLOSING: EventSpec(
        _("An open broadcast closes soon"),
        "partners",
        {
            "broadcast": {
                "id": 4,
                "title_he": "בדידות של אזרחים ותיקים",
                "title_en": "Loneliness of older people",
                "closes_on": "2026-03-31",
            }
        },
    ),
}

SUBSCRIBABLE: tuple[str, ...] = tuple(CATALOGUE)
# The API's enum (names only) and the browser form's checkboxes (name, translated label).
SUBSCRIBABLE_CHOICES = [(name, name) for name in SUBSCRIBABLE]
LABELLED_CHOICES = [(name, spec.label) for name, spec in CATALOGUE.items()]
