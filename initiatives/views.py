"""Browser pages of needs and initiatives: lists with filters, the board, the initiative page."""

from django.contrib import messages
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from api_human.core import services as core_services
from api_human.core.models import Engagement, Role
from api_human.core.registry import INITIATIVE_SECTIONS
from api_human.core.views import (
    FilteredListView,
    RoleRequiredMixin,
    apply_filters,
    board_columns,
    save_or_form_errors,
)
from api_human.scoring.views import score_panel

from . import filtersets, forms, services
from .models import Initiative, InitiativePartner, Need, Pilot, PilotKpi

TEAM = frozenset({Role.TEAM})


def engagement_for_new(request):
    """The engagement a new record goes into: ?engagement=, or the only one the user may change."""
    editable = Engagement.objects.editable_by(request.user)
    pk = request.POST.get("engagement") or request.GET.get("engagement")
    if pk:
        return get_object_or_404(editable, pk=pk), editable
    return (editable.first() if editable.count() == 1 else None), editable


def _partnerships():
    return Prefetch("partnerships", queryset=InitiativePartner.objects.select_related("organization"))


def _initiatives(queryset):
    return queryset.select_related("engagement").prefetch_related("needs", _partnerships())


# ------------------------------------------------------------------------------------------------
# Needs
# ------------------------------------------------------------------------------------------------
class NeedListView(FilteredListView):
    filterset_class = filtersets.NeedFilterSet
    template_name = "initiatives/need_list.html"

    def get_queryset(self):
        return (
            Need.objects.visible_to(self.request.user)
            .select_related("engagement", "subcategory")
            .order_by("engagement_id", "category", "title", "id")
        )

    def annotate_page(self, rows):
        """How many initiatives answer each need of the page (one query, for the page's rows only)."""
        through = Need.initiatives.through
        counts = dict(
            through.objects.filter(need_id__in=[need.pk for need in rows])
            .values_list("need_id")
            .annotate(n=Count("*"))
            .values_list("need_id", "n")
        )
        for need in rows:
            need.initiative_count = counts.get(need.pk, 0)


class RecordPage(RoleRequiredMixin, View):
    """Create or edit one record of an engagement through a form.

    Subclasses set ``form_class`` and ``title`` and define ``get_record``, ``save`` (which calls the
    record's service and returns it) and ``success_url``.
    """

    allowed_roles = TEAM
    form_class = None
    title = ""
    template = "initiatives/form.html"

    def get_record(self, request, pk):
        return None

    def _context(self, form, engagement, record):
        return {"form": form, "engagement": engagement, "record": record, "title": self.title}

    def _engagement(self, request, record):
        if record is not None:
            return record.engagement, None
        return engagement_for_new(request)

    def get(self, request, pk=None):
        record = self.get_record(request, pk)
        engagement, choices = self._engagement(request, record)
        if engagement is None:
            return render(
                request, "initiatives/choose_engagement.html", {"engagements": choices, "title": self.title}
            )
        form = self.form_class(instance=record, engagement=engagement)
        return render(request, self.template, self._context(form, engagement, record))

    def post(self, request, pk=None):
        record = self.get_record(request, pk)
        engagement, _choices = self._engagement(request, record)
        if engagement is None:
            return redirect(request.path)
        form = self.form_class(request.POST, instance=record, engagement=engagement)
        saved = form.is_valid() and save_or_form_errors(
            form, lambda: self.save(request, form, engagement, record)
        )
        if not saved:
            return render(
                request, "initiatives/form.html", self._context(form, engagement, record), status=400
            )
        messages.success(request, _("Saved."))
        return redirect(self.success_url(saved))


class NeedFormView(RecordPage):
    form_class = forms.NeedForm
    title = _("Need")

    def get_record(self, request, pk):
        return get_object_or_404(Need.objects.editable_by(request.user), pk=pk) if pk else None

    def save(self, request, form, engagement, record):
        data = {**form.cleaned_data, "engagement": engagement}
        if record is None:
            return core_services.record_create(Need, actor=request.user, data=data)
        return core_services.record_update(record, actor=request.user, data=data)

    def success_url(self, need):
        return f"/needs/?engagement={need.engagement_id}"


# ------------------------------------------------------------------------------------------------
# Initiatives
# ------------------------------------------------------------------------------------------------
class InitiativeListView(FilteredListView):
    filterset_class = filtersets.InitiativeFilterSet
    template_name = "initiatives/initiative_list.html"

    def get_queryset(self):
        return _initiatives(Initiative.objects.visible_to(self.request.user)).order_by("title", "id")


class InitiativeBoardView(FilteredListView):
    """Initiatives by status; each card moves with a form, so the board works from the keyboard."""

    filterset_class = filtersets.InitiativeFilterSet
    template_name = "initiatives/board.html"

    def get_queryset(self):
        return Initiative.objects.visible_to(self.request.user).order_by("title", "id")

    def get(self, request):
        """A column shows its first cards and how many there are; ``?status=`` shows one column page by
        page (``board_columns``). Only the cards shown are asked whether the user may move them."""
        filterset, rows, valid = apply_filters(request, self.filterset_class, self.get_queryset())
        choices = Initiative.Status.choices
        board = board_columns(request, filterset, rows, "status", choices, valid=valid)
        cards = [initiative for column in board["columns"] for initiative in column.items]
        prefetch_related_objects(cards, _partnerships())  # once for every column
        shown = [initiative.pk for initiative in cards]
        can_move = request.user.role == Role.TEAM or request.user.is_admin
        editable = (
            set(
                Initiative.objects.editable_by(request.user)
                .filter(pk__in=shown)
                .order_by()
                .values_list("pk", flat=True)
            )
            if can_move and shown
            else set()
        )
        context = {
            "filter": filterset,
            "editable": editable,
            "statuses": choices,
            "list_query": request.GET.urlencode(),
            **board,
        }
        return render(request, self.template_name, context, status=200 if valid else 400)


class InitiativeDetailView(RoleRequiredMixin, View):
    def get(self, request, pk):
        initiative = get_object_or_404(
            _initiatives(Initiative.objects.visible_to(request.user))
            .select_related("joint_team")
            .prefetch_related(
                "steps",
                "intensity_changes",
                Prefetch("pilots", queryset=Pilot.objects.prefetch_related("kpis")),
                "joint_team__members",
                "tensions",
            ),
            pk=pk,
        )
        can_edit = Initiative.objects.editable_by(request.user).filter(pk=pk).exists()
        context = {
            "initiative": initiative,
            "can_edit": can_edit,
            # What higher apps add to the page (the connective work's pairs, procurement path, reach…).
            "sections": [section(request, initiative, can_edit) for section in INITIATIVE_SECTIONS.values()],
            "move_form": forms.MoveForm(initial={"status": initiative.status}),
            "intensity_form": forms.IntensityForm(),
            **score_panel("initiative", initiative.pk),
        }
        return render(request, "initiatives/initiative_detail.html", context)


class InitiativeFormView(RecordPage):
    form_class = forms.InitiativeForm
    title = _("Initiative")

    def get_record(self, request, pk):
        return get_object_or_404(Initiative.objects.editable_by(request.user), pk=pk) if pk else None

    def save(self, request, form, engagement, record):
        data = dict(form.cleaned_data)
        needs = data.pop("needs")
        ventures = data.pop("partner_organizations")
        data["methods"] = list(data["methods"])
        if record is None:
            partners = [(org, InitiativePartner.Role.VENTURE) for org in ventures]
            return services.initiative_create(
                actor=request.user, data={**data, "engagement": engagement}, needs=needs, partners=partners
            )
        others = [
            (p.organization, p.role)
            for p in record.partnerships.all()
            if p.role != InitiativePartner.Role.VENTURE
        ]
        partners = others + [(org, InitiativePartner.Role.VENTURE) for org in ventures]
        return services.initiative_update(
            initiative=record, actor=request.user, data=data, needs=needs, partners=partners
        )

    def success_url(self, initiative):
        return f"/initiatives/{initiative.pk}/"


class InitiativePartPage(RoleRequiredMixin, View):
    """A form about one initiative (a step, a pilot, a KPI, a move, the intensity)."""

    allowed_roles = TEAM
    form_class = None
    title = ""

    def _initiative(self, request, pk):
        return get_object_or_404(Initiative.objects.editable_by(request.user), pk=pk)

    def get(self, request, pk):
        initiative = self._initiative(request, pk)
        context = {
            "form": self.form_class(),
            "engagement": initiative.engagement,
            "initiative": initiative,
            "title": self.title,
        }
        return render(request, "initiatives/form.html", context)

    def post(self, request, pk):
        initiative = self._initiative(request, pk)
        form = self.form_class(request.POST)
        if not (
            form.is_valid()
            and save_or_form_errors(form, lambda: self.save(request, form, initiative) or True)
        ):
            context = {
                "form": form,
                "engagement": initiative.engagement,
                "initiative": initiative,
                "title": self.title,
            }
            return render(request, "initiatives/form.html", context, status=400)
        messages.success(request, _("Saved."))
        return redirect(
            request.POST.get("next")
            if request.POST.get("next") == "/initiatives/board/"
            else f"/initiatives/{initiative.pk}/"
        )


class StepFormView(InitiativePartPage):
    form_class = forms.StepForm
    title = _("Process step")

    def save(self, request, form, initiative):
        services.step_add(initiative=initiative, actor=request.user, data=form.cleaned_data)


class PilotFormView(InitiativePartPage):
    form_class = forms.PilotForm
    title = _("Pilot")

    def save(self, request, form, initiative):
        core_services.record_create(
            Pilot, actor=request.user, data={**form.cleaned_data, "initiative": initiative}
        )


class MoveView(InitiativePartPage):
    """One form per target: a move that needs nothing more, or stopping, which asks why in the same form.
    A refused form comes back with its errors (400) and the person's input."""

    title = _("Move the initiative")

    def _render(self, request, initiative, *, move_form=None, stop_form=None, status=200):
        context = {
            "engagement": initiative.engagement,
            "initiative": initiative,
            "title": self.title,
            "move_form": move_form or forms.MoveForm(initial={"status": initiative.status}),
            "stop_form": stop_form or forms.StopForm(),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        }
        return render(request, "initiatives/move.html", context, status=status)

    def get(self, request, pk):
        return self._render(request, self._initiative(request, pk))

    def post(self, request, pk):
        initiative = self._initiative(request, pk)
        form_class = forms.move_form_class(request.POST.get("status", ""))
        form = form_class(request.POST)
        ok = form.is_valid() and save_or_form_errors(
            form,
            lambda: services.initiative_move(initiative=initiative, actor=request.user, **form.move_data()),
        )
        if not ok:
            which = "stop_form" if form_class is forms.StopForm else "move_form"
            return self._render(request, initiative, status=400, **{which: form})
        messages.success(request, _("Saved."))
        if request.POST.get("next") == "/initiatives/board/":
            return redirect("/initiatives/board/")
        return redirect(f"/initiatives/{initiative.pk}/")


class IntensityView(InitiativePartPage):
    form_class = forms.IntensityForm
    title = _("Intensity")

    def save(self, request, form, initiative):
        services.initiative_set_intensity(initiative=initiative, **form.cleaned_data)


class KpiFormView(InitiativePartPage):
    form_class = forms.KpiForm
    title = _("Pilot KPI")

    def _initiative(self, request, pk):
        self.pilot = get_object_or_404(
            Pilot.objects.editable_by(request.user).select_related("initiative"), pk=pk
        )
        return self.pilot.initiative

    def save(self, request, form, initiative):
        core_services.record_create(
            PilotKpi, actor=request.user, data={**form.cleaned_data, "pilot": self.pilot}
        )
