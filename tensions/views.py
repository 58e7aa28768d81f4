"""The tensions board and the page of one tension, with its workflow."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from api_human.core.models import Engagement, Role
from api_human.core.services import record_update
from api_human.core.views import RoleRequiredMixin, apply_filters, board_columns, save_or_form_errors
from initiatives.views import RecordPage

from . import forms, services
from .filtersets import TensionFilterSet
from .models import Tension

TEAM = frozenset({Role.TEAM})


class TensionBoardView(RoleRequiredMixin, View):
    """Tensions by workflow state, filtered by type and origin, with their age and blockers: each column
    its first cards (blocking first, then the oldest) and ``?state=`` one column page by page."""

    def get(self, request):
        queryset = Tension.objects.visible_to(request.user).order_by("-blocking", "raised_on", "id")
        filterset, rows, valid = apply_filters(request, TensionFilterSet, queryset)
        can_create = request.user.role == Role.TEAM or request.user.is_admin
        context = {
            "filter": filterset,
            "can_create": can_create,
            **board_columns(request, filterset, rows, "state", Tension.State.choices, valid=valid),
        }
        return render(request, "tensions/board.html", context, status=200 if valid else 400)


class TensionDetailView(RoleRequiredMixin, View):
    def _tension(self, request, pk):
        return get_object_or_404(
            Tension.objects.visible_to(request.user)
            .select_related("engagement")
            .prefetch_related("criteria", "initiatives", "events__actor"),
            pk=pk,
        )

    def _render(self, request, tension, move_form=None, close_form=None, criterion_form=None, status=200):
        """The page, with one move form for the next step (asking for what it needs) and one to close
        the tension without resolving it; a form that failed is shown back with its errors."""
        following = forms.next_state(tension)
        if move_form is None and following:
            move_form = forms.move_form_class(following, tension)(tension=tension)
        context = {
            "tension": tension,
            "can_edit": Tension.objects.editable_by(request.user).filter(pk=tension.pk).exists(),
            "next_state": following and Tension.State(following),
            "move_form": move_form,
            "close_form": close_form or forms.CloseForm(tension=tension),
            "criterion_form": criterion_form or forms.CriterionForm(),
        }
        return render(request, "tensions/detail.html", context, status=status)

    def get(self, request, pk):
        return self._render(request, self._tension(request, pk))


class TensionActionView(TensionDetailView):
    """The team moves the tension, adds a decision criterion, or marks it blocking."""

    allowed_roles = TEAM

    def get(self, request, pk, verb):
        return redirect("tension-detail", pk=pk)

    def post(self, request, pk, verb):
        tension = self._tension(request, pk)
        if not Tension.objects.editable_by(request.user).filter(pk=pk).exists():
            return self._render(request, tension, status=403)
        if verb == "move":
            return self._move(request, tension)
        if verb == "criteria":
            form = forms.CriterionForm(request.POST)
            ok = form.is_valid() and save_or_form_errors(
                form,
                lambda: services.criterion_add(
                    tension=tension,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    order=tension.criteria.count() + 1,
                ),
            )
            if not ok:
                return self._render(request, tension, criterion_form=form, status=400)
        else:
            services.tension_set_blocking(tension=tension, actor=request.user, blocking=not tension.blocking)
        messages.success(request, _("Saved."))
        return redirect("tension-detail", pk=pk)

    def _move(self, request, tension):
        """The move and what its target state needs, saved together (``services.tension_move``)."""
        form = forms.move_form_class(request.POST.get("state", ""), tension)(request.POST, tension=tension)
        ok = form.is_valid() and save_or_form_errors(
            form, lambda: services.tension_move(tension=tension, actor=request.user, **form.move_data())
        )
        if ok:
            messages.success(request, _("Saved."))
            return redirect("tension-detail", pk=tension.pk)
        # The form keeps the person's input; the page shows the tension as it is now.
        fresh = self._tension(request, tension.pk)
        if isinstance(form, forms.CloseForm) and fresh.is_open:
            return self._render(request, fresh, close_form=form, status=400)
        if form.target == forms.next_state(fresh):
            return self._render(request, fresh, move_form=form, status=400)
        messages.error(request, _("Someone else moved this tension meanwhile; here it is as it is now."))
        return self._render(request, fresh, status=400)


class TensionFormView(RecordPage):
    form_class = forms.TensionForm
    title = _("Tension")

    def get_record(self, request, pk):
        return get_object_or_404(Tension.objects.editable_by(request.user), pk=pk) if pk else None

    def save(self, request, form, engagement, record):
        data = dict(form.cleaned_data)
        initiatives = data.pop("initiatives")
        if record is None:
            return services.tension_create(
                actor=request.user, data={**data, "engagement": engagement}, initiatives=initiatives
            )
        return record_update(record, actor=request.user, data=data, many={"initiatives": initiatives})

    def success_url(self, tension):
        return f"/tensions/{tension.pk}/"


def engagement_work_section(request, engagement, can_edit):
    """The engagement page's summary of its needs, initiatives and open tensions, with links to the lists
    (the tensions app sits above the needs and initiatives it counts)."""
    counts = Engagement.objects.filter(pk=engagement.pk).aggregate(
        needs=Count("needs", distinct=True),
        initiatives=Count("initiatives", distinct=True),
        open_tensions=Count("tensions", filter=Q(tensions__state__in=Tension.OPEN_STATES), distinct=True),
    )
    return {"template": "tensions/engagement_section.html", "can_edit": can_edit, **counts}
