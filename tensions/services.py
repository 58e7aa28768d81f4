"""The workflow of a tension, in the source's order, with the reason for every refused move.

What each target state needs (``check_move``), and where the browser's move form asks for it:

* legitimised — nothing;
* classified — the origin: inherent, or caused by the change process (``origin``);
* decision criteria defined — at least one decision criterion (``criteria``);
* resolved — the both-and resolution (``resolution``), and decision criteria (``criteria``);
* jumped into the water, dissolved — the decision recorded (``note``).

``tension_move`` takes that data with the move and saves both in one transaction, so a move never
sends the person elsewhere to fill something in first.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api_human.core.alerts import Alert
from api_human.core.concurrency import locked
from api_human.core.models import Engagement, Notification, User
from api_human.core.services import save_with_history

from .models import DecisionCriterion, Tension, TensionEvent

State = Tension.State

# Refusals the move forms say too (tensions/forms.py), so the page and the service word them alike.
ONE_STEP_AT_A_TIME = gettext_lazy(
    "A tension moves one step at a time: raised, legitimised, classified, decision criteria defined, resolved."
)
ORIGIN_NEEDED = gettext_lazy(
    "To classify the tension, say whether it is inherent or caused by the change process."
)


def _refuse(field, message):
    raise ValidationError({field: [message]})


def check_move(
    tension: Tension,
    to_state: str,
    *,
    note: str = "",
    resolution: str = "",
    origin: str = "",
    criteria: Iterable[str] = (),
):
    """Raise ValidationError with the reason if the tension may not move to ``to_state`` now; ``origin``,
    ``resolution`` and ``criteria`` are the data given with the move (saved with it)."""
    if not tension.is_open:
        _refuse("state", _("This tension is closed; it cannot move any more."))
    if to_state in (State.JUMPED, State.DISSOLVED):
        if not note.strip():
            _refuse("note", _("Record the decision: why the team stops dealing with this tension."))
        return
    order = Tension.ORDER
    if to_state not in order or order.index(to_state) != order.index(tension.state) + 1:
        _refuse(
            "state",
            ONE_STEP_AT_A_TIME,
        )
    has_criteria = any(text.strip() for text in criteria) or tension.criteria.exists()
    if to_state == State.CLASSIFIED and (origin or tension.origin) == Tension.Origin.UNKNOWN:
        _refuse(
            "origin",
            ORIGIN_NEEDED,
        )
    if to_state == State.CRITERIA_DEFINED and not has_criteria:
        _refuse("criteria", _("Add at least one decision criterion first."))
    if to_state == State.RESOLVED:
        if not (resolution or tension.resolution).strip():
            _refuse("resolution", _("Write the both-and resolution."))
        if not has_criteria:
            _refuse("criteria", _("A tension is resolved against its decision criteria: add them first."))


@transaction.atomic
def tension_create(*, actor: User, data: dict, initiatives=()) -> Tension:
    tension = save_with_history(Tension(**data), actor=actor)
    tension.initiatives.set(initiatives)
    TensionEvent.objects.create(
        tension=tension, to_state=tension.state, actor=actor, happened_at=_moment(tension.raised_on)
    )
    return tension


def _moment(on: date):
    """Now, or noon of a past day when a step is recorded afterwards."""
    if on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(on, time(12, 0)))


@transaction.atomic
def tension_move(
    *,
    tension: Tension,
    actor: User,
    to_state: str,
    note: str = "",
    resolution: str = "",
    origin: str = "",
    criteria: Iterable[str] = (),
    on: date | None = None,
) -> Tension:
    """Move the tension one step (or close it); ``on`` dates the step when it is recorded afterwards.

    What the target state needs may come with the move — the ``origin`` (to classify), new decision
    ``criteria`` (texts, added after the existing ones), the ``resolution`` — and is saved with it, in
    the same transaction: if the move is refused, none of it is saved."""
    tension = locked(tension)
    on = on or timezone.localdate()
    if on < tension.raised_on:
        _refuse("on", _("A step cannot be dated before the tension was raised."))
    if origin and origin not in Tension.Origin.values:
        _refuse(
            "origin",
            ORIGIN_NEEDED,
        )
    criteria = [text.strip() for text in criteria if text.strip()]
    check_move(tension, to_state, note=note, resolution=resolution, origin=origin, criteria=criteria)
    from_state = tension.state
    tension.state = to_state
    if origin:
        tension.origin = origin
    if resolution:
        tension.resolution = resolution
    if to_state in (State.JUMPED, State.DISSOLVED):
        tension.closing_note = note
    if to_state not in Tension.OPEN_STATES:
        tension.closed_on = on
        tension.blocking, tension.blocking_since = False, None
    save_with_history(tension, actor=actor)
    order = tension.criteria.count()
    for number, text in enumerate(criteria, start=order + 1):
        save_with_history(DecisionCriterion(tension=tension, text=text, order=number), actor=actor)
    TensionEvent.objects.create(
        tension=tension,
        from_state=from_state,
        to_state=to_state,
        note=note,
        actor=actor,
        happened_at=_moment(on),
    )
    return tension


@transaction.atomic
def tension_set_blocking(
    *, tension: Tension, actor: User, blocking: bool, since: date | None = None
) -> Tension:
    tension = locked(tension)
    if blocking and not tension.is_open:
        _refuse("blocking", _("A closed tension no longer blocks anything."))
    tension.blocking = blocking
    tension.blocking_since = (since or timezone.localdate()) if blocking else None
    return save_with_history(tension, actor=actor)


@transaction.atomic
def criterion_add(*, tension: Tension, actor: User, text: str, order: int = 0) -> DecisionCriterion:
    tension = locked(tension)
    if not tension.is_open:
        _refuse("state", _("This tension is closed; it cannot move any more."))
    return save_with_history(DecisionCriterion(tension=tension, text=text, order=order), actor=actor)


# ------------------------------------------------------------------------------------------------
# Alerts (the scan is the core's, api_human/core/alerts.py): tensions that block too long
# ------------------------------------------------------------------------------------------------
def blocking_tension_alerts(today: date) -> list[Alert]:
    """Open tensions of active engagements blocking since ``TENSION_BLOCKING_ALERT_DAYS`` or longer; the
    cause is the day the block began (a new block is a new cause)."""
    blocking = Tension.objects.filter(
        engagement__status=Engagement.Status.ACTIVE,
        blocking=True,
        state__in=Tension.OPEN_STATES,
        blocking_since__lte=today - timedelta(days=settings.TENSION_BLOCKING_ALERT_DAYS),
    )
    return [
        Alert(
            kind=Notification.Kind.TENSION_BLOCKING,
            subject=tension,
            params={"title": tension.title, "days": (today - tension.blocking_since).days},
            link=f"/tensions/?engagement={tension.engagement_id}#tension-{tension.pk}",
            cause=tension.blocking_since.isoformat(),
        )
        for tension in blocking
    ]
