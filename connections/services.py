"""What the connective work's records do beyond being kept: a connection becomes direct, an event raises a
need, and at the exit review the connections still through the team are handed over to ministry owners.

Plain records (a trust note, a mentoring session, a reach measurement…) are created, changed and deleted
with the core's ``record_create`` / ``record_update`` / ``record_delete``: validated, versioned and kept
in the change history like every record.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from api_human.core.concurrency import locked
from api_human.core.models import User
from api_human.core.services import record_create, save_with_history
from initiatives.models import Need
from stages.models import ExitReview, HandoverItem

from .models import Connection, Event, TrustNote


def _refuse(field, message):
    raise ValidationError({field: [message]})


@transaction.atomic
def connection_make_direct(*, connection: Connection, actor: User, since: date, note: str = "") -> Connection:
    """Record that the parties work together without the team from ``since`` (with a breakthrough note
    when one is given)."""
    connection = locked(connection)
    if connection.direct_since is not None:
        _refuse("direct_since", _("This connection is already direct."))
    connection.direct_since = since
    save_with_history(connection, actor=actor)
    if note.strip():
        save_with_history(
            TrustNote(connection=connection, on=since, kind=TrustNote.Kind.BREAKTHROUGH, text=note.strip()),
            actor=actor,
        )
    return connection


@transaction.atomic
def event_raise_need(*, event: Event, actor: User, data: dict) -> Need:
    """A need raised at the event: created in the event's engagement and listed among what it raised."""
    event = locked(event)
    need = record_create(Need, actor=actor, data={**data, "engagement": event.engagement})
    event.needs.add(need)  # the event's history records the new member of its needs
    return need


@dataclass(frozen=True)
class HandoverOwner:
    """Who in the ministry takes over one connection, and by when."""

    connection_id: int
    ministry_owner: str
    due_on: date


def still_mediated(engagement) -> "models.QuerySet[Connection]":  # noqa: F821
    """The engagement's live connections that still pass through the team and are not yet handed over."""
    return Connection.objects.filter(
        engagement=engagement, direct_since__isnull=True, ended_on__isnull=True, handover_item__isnull=True
    ).select_related("welfare_party", "digital_party")


@transaction.atomic
def connections_hand_over(
    *, review: ExitReview, actor: User, owners: list[HandoverOwner]
) -> list[HandoverItem]:
    """At the exit review: each connection still through the team becomes a handover item with the
    ministry owner who keeps it from now on. All or nothing; a signed-off review is refused."""
    review = locked(review)
    if review.signed_off_at:
        _refuse("review", _("A signed-off exit review can no longer be changed."))
    waiting = {c.pk: c for c in still_mediated(review.engagement_id).select_for_update(of=("self",))}
    if not owners:
        _refuse("owners", _("Choose at least one connection to hand over."))
    if len({owner.connection_id for owner in owners}) != len(owners):
        _refuse("owners", _("Each connection is handed over once: it is named twice."))
    items = []
    for owner in owners:
        connection = waiting.get(owner.connection_id)
        if connection is None:
            _refuse(
                "owners",
                _("A connection of this list is no longer waiting for a handover: reload the page."),
            )
        if not owner.ministry_owner.strip():
            _refuse("owners", _("Name the ministry owner of every connection handed over."))
        if owner.due_on < review.reviewed_on:
            _refuse("owners", _("A handover cannot be due before the exit review."))
        item = save_with_history(
            HandoverItem(
                review=review,
                function=(_("Keep the connection %(connection)s") % {"connection": connection})[:300],
                ministry_role=owner.ministry_owner.strip(),
                due_on=owner.due_on,
            ),
            actor=actor,
        )
        connection.ministry_owner = owner.ministry_owner.strip()
        connection.handover_item = item
        save_with_history(connection, actor=actor)
        items.append(item)
    return items
