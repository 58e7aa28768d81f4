"""Browser pages of the connective work: the mediation map (with the exit review's handover of the
connections still through the team), a connection and how trust grew, the events that brought the
worlds together, and the sections this app adds to the engagement and initiative pages."""

from collections import defaultdict

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _
from django.views import View

from api_human.core import charts
from api_human.core.api.lists import count_of
from api_human.core.history import HistorySource, change_log
from api_human.core.models import Engagement, Role, World
from api_human.core.views import RoleRequiredMixin, editable_engagement_or_404, save_or_form_errors
from initiatives.forms import NeedForm
from stages.models import ExitReview

from . import services
from .forms import HandOverForm, MakeDirectForm
from .mediation import MediationMap, mediation_map
from .models import (
    Concern,
    Connection,
    Event,
    EventParticipation,
    LearningMilestone,
    MentoringSession,
    Pairing,
    ProcurementStep,
    ReachMeasurement,
    TrustNote,
)

TEAM = frozenset({Role.TEAM})
RECENT_SESSIONS = 5
SECTION_CONCERNS = 30


def _can_edit(request, engagement_id) -> bool:
    return Engagement.objects.editable_by(request.user).filter(pk=engagement_id).exists()


def _bad_request(request, message):
    return render(request, "error.html", {"status": 400, "message": message}, status=400)


# ------------------------------------------------------------------------------------------------
# The mediation map, drawn on the server
# ------------------------------------------------------------------------------------------------
WIDTH = 1000
ROW = 52  # the height of a party's row (two lines of label)
TOP = 70  # under the columns' headings
FONT = 16
LABEL = 290  # a label's width in the drawing's units
TEAM_R = 34
DIRECT_STROKE = "#0b5394"  # 7.6:1 on white
MEDIATED_STROKE = "#8a5a00"  # 5.9:1 on white
DASH = "9 6"


def _label_lines(label: str) -> list[str]:
    """A party's name on at most two lines of the drawing's text (measured as the charts measure)."""
    return charts.wrap(label, width=LABEL * charts.FONT_SIZE / FONT, lines=2).split("\n")


def _text(x: float, y: float, line: str, *, right_edge: bool) -> dict:
    """A line of text whose right (``right_edge``) or left edge is at ``x``, laid out in its own script's
    direction whatever the page's (``text-anchor`` counts from where the text starts)."""
    rtl = bool(charts.RTL_LETTERS.search(line))
    anchor = "start" if rtl == right_edge else "end"
    return {
        "x": round(x, 1),
        "y": round(y, 1),
        "text": line,
        "anchor": anchor,
        "dir": "rtl" if rtl else "ltr",
    }


def _curve_through(x1, y1, x2, y2, cy) -> str:
    return f"M{x1:.1f},{y1:.1f} Q{(x1 + x2) / 2:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"


def drawing(the_map: MediationMap, *, rtl: bool) -> dict:
    """Where everything goes: welfare parties on the side the page starts from (the right in Hebrew and
    Arabic), digital parties on the other, the team in the middle. A connection through the team is a
    dashed line bent into the team's node; a direct one a solid line between the parties, bowed around
    the node when it would otherwise cross it."""
    rows = max(len(the_map.welfare), len(the_map.digital), 1)
    height = TOP + rows * ROW + 16
    middle = WIDTH / 2
    team_y = TOP + rows * ROW / 2 - ROW / 2 + 14
    welfare_dot = WIDTH - 330 if rtl else 330
    digital_dot = 330 if rtl else WIDTH - 330

    def column(parties, dot_x):
        on_left = dot_x < middle
        offset = (rows - len(parties)) * ROW / 2  # a shorter column is centred
        nodes, where = [], {}
        for i, party in enumerate(parties):
            y = TOP + offset + i * ROW + 14
            lines = _label_lines(party.name)
            first = y - (len(lines) - 1) * (FONT + 2) / 2 + FONT * 0.35
            label_x = dot_x - 12 if on_left else dot_x + 12
            texts = [
                _text(label_x, first + n * (FONT + 2), line, right_edge=on_left)
                for n, line in enumerate(lines)
            ]
            nodes.append(
                {
                    "x": dot_x,
                    "y": round(y, 1),
                    "square_x": dot_x - 7,  # a digital party is a square, a welfare one a dot
                    "square_y": round(y - 7, 1),
                    "texts": texts,
                    "name": party.name,
                    "count": party.count,
                }
            )
            where[party.id] = (dot_x, y)
        return nodes, where

    welfare, welfare_at = column(the_map.welfare, welfare_dot)
    digital, digital_at = column(the_map.digital, digital_dot)
    lines = []
    for connection in the_map.connections:
        (x1, y1), (x2, y2) = welfare_at[connection.welfare_id], digital_at[connection.digital_id]
        if connection.direct:
            mid = (y1 + y2) / 2
            clearance = TEAM_R + 18
            if abs(mid - team_y) < clearance:  # bow around the team's node: it does not pass through it
                target = team_y - clearance if mid <= team_y else team_y + clearance
                path = _curve_through(x1, y1, x2, y2, (4 * target - y1 - y2) / 2)
            else:
                path = f"M{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f}"
        else:
            path = (
                f"M{x1:.1f},{y1:.1f} C{(x1 + middle) / 2:.1f},{y1:.1f} {(x1 + middle) / 2:.1f},{team_y:.1f} "
                f"{middle:.1f},{team_y:.1f} C{(x2 + middle) / 2:.1f},{team_y:.1f} {(x2 + middle) / 2:.1f},{y2:.1f} "
                f"{x2:.1f},{y2:.1f}"
            )
        lines.append({"path": path, "direct": connection.direct, "id": connection.id})
    headings_y = 30
    team_lines = _label_lines(_("The Human API team"))
    return {
        "width": WIDTH,
        "height": round(height),
        "welfare": welfare,
        "digital": digital,
        # mediated lines first: the direct ones, fewer and the point of the story, are drawn on top
        "lines": sorted(lines, key=lambda line: line["direct"]),
        "team": {
            "x": middle,
            "y": round(team_y, 1),
            "r": TEAM_R,
            "texts": [
                {
                    **_text(middle, team_y + TEAM_R + 20 + n * (FONT + 2), line, right_edge=False),
                    "anchor": "middle",
                }
                for n, line in enumerate(team_lines)
            ],
        },
        "headings": [
            {
                **_text(welfare_dot, headings_y, str(World.WELFARE.label), right_edge=False),
                "anchor": "middle",
            },
            {
                **_text(digital_dot, headings_y, str(World.DIGITAL.label), right_edge=False),
                "anchor": "middle",
            },
        ],
        "direct_stroke": DIRECT_STROKE,
        "mediated_stroke": MEDIATED_STROKE,
        "dash": DASH,
    }


def _year(request):
    """``?year=``: a year (brought into the map's range by ``mediation_map``); None when absent; raises
    ValueError when it is not a year."""
    value = request.GET.get("year", "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise ValueError(value)
    return int(value)


def _open_review(engagement):
    """The engagement's latest exit review not signed off yet, if any."""
    return (
        ExitReview.objects.filter(engagement=engagement, signed_off_at__isnull=True)
        .order_by("-reviewed_on", "-id")
        .first()
    )


class MediationMapView(RoleRequiredMixin, View):
    """The engagement's connections in a year, direct and through the team; the share of direct ones per
    year; the connections still through the team and — at an open exit review — their handover."""

    template_name = "connections/mediation_map.html"

    def get(self, request, pk):
        engagement = get_object_or_404(Engagement.objects.visible_to(request.user), pk=pk)
        try:
            year = _year(request)
        except ValueError:
            return _bad_request(request, _("Choose a year from the list (four digits, such as 2016)."))
        if year is None and engagement.end_date and engagement.end_date < timezone.localdate():
            year = engagement.end_date.year  # an engagement that ended opens on its last year
        return self.render_map(request, engagement, year)

    def render_map(self, request, engagement, year, *, form=None, review=None, status=200):
        the_map = mediation_map(engagement, year)
        can_edit = _can_edit(request, engagement.pk)
        if review is None and can_edit and the_map.waiting:
            review = _open_review(engagement)
        if review is not None and form is None:
            form = HandOverForm(waiting=the_map.waiting)
        rtl = get_language_bidi()
        series = the_map.series
        share_chart = charts.bar_chart(
            charts.Bars(
                [(str(s.year), round(100 * s.share)) for s in series if s.share is not None],
                empty=_("No connection has become direct yet."),
            )
        )
        context = {
            "engagement": engagement,
            "map": the_map,
            "drawing": drawing(the_map, rtl=rtl) if the_map.connections else None,
            "share_chart": share_chart,
            "share_percent": None
            if the_map.share is None or the_map.share.share is None
            else round(100 * the_map.share.share),
            "can_edit": can_edit,
            "review": review,
            "form": form,
            "url": reverse("mediation-map", args=[engagement.pk]),
        }
        return render(request, self.template_name, context, status=status)


class HandOverView(MediationMapView):
    """At an open exit review the team hands each connection still through the team to a ministry owner."""

    allowed_roles = TEAM

    def get(self, request, pk):
        return redirect("mediation-map", pk=pk)

    def post(self, request, pk):
        engagement = editable_engagement_or_404(request, pk)
        review_pk = request.POST.get("review", "")
        if not (review_pk.isascii() and review_pk.isdigit()):
            return _bad_request(request, _("Choose the exit review the connections are handed over at."))
        review = get_object_or_404(ExitReview.objects.filter(engagement=engagement), pk=review_pk)
        the_map = mediation_map(engagement)
        form = HandOverForm(request.POST, waiting=the_map.waiting)
        done = form.is_valid() and save_or_form_errors(
            form,
            lambda: services.connections_hand_over(
                review=review, actor=request.user, owners=form.owners(services.HandoverOwner)
            ),
        )
        if not done:
            return self.render_map(request, engagement, None, form=form, review=review, status=400)
        text = ngettext(
            "Handed over: %(count)s connection, now kept by its ministry owner.",
            "Handed over: %(count)s connections, now kept by their ministry owners.",
            len(done),
        )
        messages.success(request, text % {"count": len(done)})
        return redirect(reverse("mediation-map", args=[engagement.pk]) + "#waiting")


# ------------------------------------------------------------------------------------------------
# A connection
# ------------------------------------------------------------------------------------------------
class ConnectionDetailView(RoleRequiredMixin, View):
    template_name = "connections/connection_detail.html"

    def _connection(self, request, pk):
        return get_object_or_404(
            Connection.objects.visible_to(request.user)
            .select_related(
                "engagement", "welfare_party", "digital_party", "event", "introduced_by", "handover_item"
            )
            .prefetch_related("trust_notes"),
            pk=pk,
        )

    def _render(self, request, connection, form=None, status=200):
        can_edit = _can_edit(request, connection.engagement_id)
        if form is None and can_edit and not connection.is_direct:
            form = MakeDirectForm(initial={"direct_since": timezone.localdate()})
        sources = [
            HistorySource(Connection.history.filter(id=connection.pk), label=lambda r: str(connection)),
            HistorySource(
                TrustNote.history.filter(connection_id=connection.pk),
                label=lambda r: f"{r.get_kind_display()} ({charts.short_date(r.on)})",
            ),
        ]
        context = {
            "connection": connection,
            "engagement": connection.engagement,
            "can_edit": can_edit,
            "form": form,
            "change_log": change_log(sources),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(request, self._connection(request, pk))


class MakeDirectView(ConnectionDetailView):
    """The parties work together without the team from a date."""

    allowed_roles = TEAM

    def get(self, request, pk):
        return redirect("connection-detail", pk=pk)

    def post(self, request, pk):
        connection = self._connection(request, pk)
        editable_engagement_or_404(request, connection.engagement_id)
        form = MakeDirectForm(request.POST)
        done = form.is_valid() and save_or_form_errors(
            form,
            lambda: services.connection_make_direct(
                connection=connection,
                actor=request.user,
                since=form.cleaned_data["direct_since"],
                note=form.cleaned_data["note"],
            ),
        )
        if not done:
            return self._render(request, self._connection(request, pk), form=form, status=400)
        messages.success(request, _("The connection is direct now."))
        return redirect("connection-detail", pk=pk)


# ------------------------------------------------------------------------------------------------
# Events that bring the worlds together
# ------------------------------------------------------------------------------------------------
WORLD_ORDER = [World.WELFARE, World.DIGITAL, World.BRIDGE]


def _participants(participations) -> dict:
    """Participants by world (welfare, digital, the team between them) and division, with totals."""
    by_world = defaultdict(list)
    for participation in participations:
        by_world[participation.world].append(participation)
    worlds = [
        {
            "world": world,
            "label": world.label,
            "rows": by_world[world.value],
            "total": sum(p.count for p in by_world[world.value]),
        }
        for world in WORLD_ORDER
    ]
    return {"worlds": worlds, "total": sum(w["total"] for w in worlds)}


def _events(queryset):
    return queryset.prefetch_related(
        Prefetch("participants", queryset=EventParticipation.objects.select_related("organization")),
        "needs",
        "initiatives",
        "mechanisms",
        Prefetch("connections", queryset=Connection.objects.select_related("welfare_party", "digital_party")),
    )


class EventListView(RoleRequiredMixin, View):
    def get(self, request, pk):
        engagement = get_object_or_404(Engagement.objects.visible_to(request.user), pk=pk)
        events = list(_events(Event.objects.filter(engagement=engagement)).order_by("-starts_on", "id"))
        for event in events:
            event.by_world = _participants(event.participants.all())
        context = {
            "engagement": engagement,
            "events": events,
            "worlds": WORLD_ORDER,
            "can_edit": _can_edit(request, engagement.pk),
        }
        return render(request, "connections/event_list.html", context)


class EventDetailView(RoleRequiredMixin, View):
    def _event(self, request, pk):
        return get_object_or_404(
            _events(Event.objects.visible_to(request.user).select_related("engagement")), pk=pk
        )

    def _render(self, request, event, need_form=None, status=200):
        can_edit = _can_edit(request, event.engagement_id)
        if need_form is None and can_edit:
            need_form = NeedForm(engagement=event.engagement)
        context = {
            "event": event,
            "engagement": event.engagement,
            "participants": _participants(event.participants.all()),
            "can_edit": can_edit,
            "need_form": need_form,
        }
        return render(request, "connections/event_detail.html", context, status=status)

    def get(self, request, pk):
        return self._render(request, self._event(request, pk))


class RaiseNeedView(EventDetailView):
    """A need raised at the event, created from its page."""

    allowed_roles = TEAM

    def get(self, request, pk):
        return redirect("event-detail", pk=pk)

    def post(self, request, pk):
        event = self._event(request, pk)
        editable_engagement_or_404(request, event.engagement_id)
        form = NeedForm(request.POST, engagement=event.engagement)
        need = form.is_valid() and save_or_form_errors(
            form, lambda: services.event_raise_need(event=event, actor=request.user, data=form.cleaned_data)
        )
        if not need:
            return self._render(request, self._event(request, pk), need_form=form, status=400)
        messages.success(request, _("The need was added to the engagement and to what the event raised."))
        return redirect(reverse("event-detail", args=[pk]) + "#needs")


# ------------------------------------------------------------------------------------------------
# The sections of the engagement and initiative pages (registered in apps.py)
# ------------------------------------------------------------------------------------------------
def engagement_connective_section(request, engagement, can_edit):
    """Counts and links: connections (direct and through the team), the map, events, mentoring sessions
    (the recent ones), and the parties' concerns with what the team did."""
    today = timezone.localdate()
    live = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    counts = (
        Engagement.objects.filter(pk=engagement.pk)
        .values("pk")
        .annotate(
            total=count_of(Connection, "engagement", live),
            direct=count_of(Connection, "engagement", live, direct_since__lte=today),
            events=count_of(Event, "engagement"),
            sessions=count_of(MentoringSession, "engagement"),
        )
        .get()
    )  # one query for the four counts
    sessions = MentoringSession.objects.filter(engagement=engagement)
    concerns = list(
        Concern.objects.filter(engagement=engagement)
        .select_related("initiative", "organization")
        .order_by("party", "-raised_on", "id")[:SECTION_CONCERNS]
    )
    by_party = defaultdict(list)
    for concern in concerns:
        by_party[concern.party].append(concern)
    return {
        "template": "connections/engagement_section.html",
        "can_edit": can_edit,
        "connections": counts["total"],
        "direct": counts["direct"],
        "mediated": counts["total"] - counts["direct"],
        "events": counts["events"],
        "session_count": counts["sessions"],
        "sessions": list(
            sessions.select_related("mentor", "mentee_organization").order_by("-held_on", "-id")[
                :RECENT_SESSIONS
            ]
        ),
        "concerns": [
            {"party": Concern.Party(party).label, "items": items}
            for party, items in sorted(by_party.items(), key=lambda kv: Concern.Party.values.index(kv[0]))
        ],
    }


def initiative_connective_section(request, initiative, can_edit):
    """Two in a box, the procurement path, the learning milestones, the reach over time and the current
    phase, and the concerns of the initiative (one query each)."""

    def rows(model, *order):
        records = list(model.objects.filter(initiative=initiative).order_by(*order, "id"))
        for record in records:
            record.initiative = initiative  # a record's name may say its initiative: no query per row
        return records

    reach = rows(ReachMeasurement, "measured_on")
    users = [(m.measured_on, m.users) for m in reach if m.users is not None]
    return {
        "template": "connections/initiative_section.html",
        "can_edit": can_edit,
        "engagement": initiative.engagement,
        "pairings": rows(Pairing, "started_on"),
        "procurement": rows(ProcurementStep, "on"),
        "milestones": rows(LearningMilestone, "due_on"),
        "reach": reach,
        "phase": reach[-1] if reach else None,
        "reach_chart": charts.trend_chart(charts.Trend(users, decimals=0, name=_("Users"))) if users else "",
        "concerns": list(
            Concern.objects.filter(initiative=initiative)
            .select_related("organization")
            .order_by("-raised_on", "id")
        ),
    }
