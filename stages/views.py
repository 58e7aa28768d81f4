"""Browser pages of the stages: the engagement page's stage section, stage moves, sign-offs, records."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from api_human.core.models import Role, Team, TeamMember, stage_code
from api_human.core.registry import STAGE_RECORD_KINDS
from api_human.core.views import (
    FilteredListView,
    RoleRequiredMixin,
    editable_engagement_or_404,
    save_or_form_errors,
)

from . import forms, models, services
from .filtersets import MechanismFilterSet
from .selectors import pending_sign_off_count, pending_sign_offs, stages_page

TEAM = frozenset({Role.TEAM})
MANAGERS = frozenset({Role.MANAGER})


def engagement_stages_section(request, engagement, can_edit):
    """The stages part of the engagement page (registered with the core in apps.py)."""
    return {
        "template": "stages/engagement_section.html",
        "can_edit": can_edit,
        "can_sign_off": services.is_engagement_manager(request.user, engagement.pk),
        "stage_choices": models.Stage.choices,
        **stages_page(engagement, rtl=get_language_bidi()),
    }


def _back(engagement, anchor):
    return reverse("engagement-detail", args=[engagement.pk]) + f"#{anchor}"


def _form_response(request, context, status):
    """The whole form page, or — asked by htmx from the engagement page — the form alone, in place."""
    if request.headers.get("HX-Request"):
        form = context["form"]
        first = next(iter(form.visible_fields()), None)
        if first is not None:
            first.field.widget.attrs["autofocus"] = True  # htmx moves the focus to the form it inserts
        context = {**context, "action": request.get_full_path()}
        return render(request, "stages/record_form_fragment.html", context, status=status)
    return render(request, "stages/record_form.html", context, status=status)


def _done(request, back):
    """After a save: an in-place edit reloads the engagement page where the user is (a redirect to
    the same page with only an #anchor would not reload it); a form page goes back to the section."""
    if request.headers.get("HX-Request"):
        return HttpResponse(status=200, headers={"HX-Refresh": "true"})
    return redirect(back)


# ------------------------------------------------------------------------------------------------
# Stage moves (team) and sign-offs (managers)
# ------------------------------------------------------------------------------------------------
class StageMoveView(RoleRequiredMixin, View):
    """Propose to start or complete a stage, reopen it, or set its intensity."""

    allowed_roles = TEAM
    template_name = "stages/stage_move.html"

    def _phase(self, request, pk, stage):
        engagement = editable_engagement_or_404(request, pk)
        return engagement, get_object_or_404(models.StagePhase, engagement=engagement, stage=stage)

    def _forms(self, move, phase, data=None):
        """The form of the move, asking for what the move needs (a go with actions: its actions)."""
        if move in models.GateDecision.Transition.values:
            decision = data.get("decision", "") if data is not None else ""
            return forms.GateProposalForm(data), forms.GateActionFormSet(
                data, prefix="actions", decision=decision
            )
        if move == "reopen":
            return forms.ReopenForm(data), None
        return forms.IntensityForm(data, phase=phase), None

    def _render(self, request, engagement, phase, move, form, actions, status=200):
        titles = {
            "start": _("Propose to start %(stage)s"),
            "complete": _("Propose to complete %(stage)s"),
            "reopen": _("Reopen %(stage)s"),
            "intensity": _("Set the intensity of %(stage)s"),
        }
        context = {
            "engagement": engagement,
            "phase": phase,
            "form": form,
            "actions": actions,
            "title": titles[move] % {"stage": phase},
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk, stage, move):
        engagement, phase = self._phase(request, pk, stage)
        form, actions = self._forms(move, phase)
        return self._render(request, engagement, phase, move, form, actions)

    def post(self, request, pk, stage, move):
        engagement, phase = self._phase(request, pk, stage)
        form, actions = self._forms(move, phase, request.POST)
        valid = form.is_valid() & (actions is None or actions.is_valid())  # both, to show all errors
        if valid and save_or_form_errors(form, lambda: self._save(request, phase, move, form, actions)):
            return redirect(_back(engagement, f"stage-{stage}"))
        return self._render(request, engagement, phase, move, form, actions, status=400)

    def _save(self, request, phase, move, form, actions):
        data = form.cleaned_data
        if move in models.GateDecision.Transition.values:
            services.gate_decision_propose(
                phase=phase, actor=request.user, transition=move, actions=actions.rows(), **data
            )
            messages.success(request, _("The decision was sent to the manager for sign-off."))
        elif move == "reopen":
            services.stage_reopen(phase=phase, actor=request.user, reason=data["reason"])
            messages.success(request, _("The stage was reopened."))
        else:
            services.stage_set_intensity(
                phase=phase, actor=request.user, intensity=data["intensity"], on=data["on"], note=data["note"]
            )
            messages.success(request, _("The intensity was recorded."))
        return True


def _reviewable_decision(request, pk) -> models.GateDecision:
    """A gate decision the user may sign off: one of an engagement they see (else 404) and manage
    (else 403). The service checks it again, under its lock, with the decision's state."""
    decision = get_object_or_404(
        models.GateDecision.objects.visible_to(request.user).select_related("phase__engagement"), pk=pk
    )
    if not services.is_engagement_manager(request.user, decision.phase.engagement_id):
        raise PermissionDenied
    return decision


def _review_errors(error: ValidationError) -> dict:
    """The service's refusal split for the card: what belongs to the comment box, and the rest."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    return {
        "comment": by_field.get("comment", []),
        "other": [text for field, texts in by_field.items() if field != "comment" for text in texts],
    }


class GateReviewView(RoleRequiredMixin, View):
    """A manager signs off a gate decision or returns it to the team (with a comment).

    From the engagement page it goes back to the stage's section. From the sign-off inbox
    (``from=inbox``) it stays in the inbox: with htmx the decision's card is replaced in place by a
    confirmation line and the menu's count is swapped out of band; without JavaScript the browser is
    sent back to the inbox with the confirmation at the top of the page (``#top``: the page starts
    at its header, not half-scrolled). A refusal (no comment to return, the stage cannot move) is
    shown on the card, in place.
    """

    allowed_roles = MANAGERS

    def get(self, request, pk, verdict):
        return redirect("pending-sign-offs")  # the address of an action, opened as a page

    def post(self, request, pk, verdict):
        decision = _reviewable_decision(request, pk)
        form = forms.ReviewForm(request.POST)
        form.is_valid()
        comment = form.cleaned_data.get("comment", "")
        in_inbox = request.POST.get("from") == "inbox"
        phase = decision.phase
        try:
            if verdict == "sign-off":
                services.gate_decision_sign_off(decision=decision, actor=request.user, comment=comment)
            else:
                services.gate_decision_return(decision=decision, actor=request.user, comment=comment)
        except ValidationError as error:
            if in_inbox:
                return self._refused_in_inbox(request, decision, comment, _review_errors(error))
            for text in error.messages:
                messages.error(request, text)
            return redirect(_back(phase.engagement, f"stage-{phase.stage}"))
        if not in_inbox:
            messages.success(
                request, _("Signed off.") if verdict == "sign-off" else _("Returned to the team.")
            )
            return redirect(_back(phase.engagement, f"stage-{phase.stage}"))
        done = _review_done(decision, phase)
        if request.headers.get("HX-Request"):
            return _render_review_done(request, decision, done)
        messages.success(request, done)
        return redirect(reverse("pending-sign-offs") + "#top")

    def _refused_in_inbox(self, request, decision, comment, errors):
        decision.refresh_from_db()
        still_waiting = decision.status == models.GateDecision.Status.PENDING
        if request.headers.get("HX-Request"):
            if not still_waiting:  # reviewed meanwhile (another manager): the card goes, with the reason
                text = " ".join(errors["other"])
                return _render_review_done(request, decision, text, error=True)
            decision = pending_sign_offs(request.user).get(pk=decision.pk)
            decision.review_errors, decision.draft_comment = errors, comment
            return render(request, "stages/sign_off_card.html", {"decision": decision}, status=400)
        if not still_waiting:
            for text in errors["other"]:
                messages.error(request, text)
            return redirect(reverse("pending-sign-offs") + "#top")
        return _inbox(request, refused=(decision.pk, errors, comment), status=400)


def _review_done(decision, phase) -> str:
    """The confirmation, with the engagement's name isolated (<bdi>: a Hebrew name in an English
    sentence, or the reverse, keeps its own direction)."""
    if decision.status == models.GateDecision.Status.SIGNED_OFF:
        text = _("Signed off: %(engagement)s, stage %(stage)s — %(move)s.")
    else:
        text = _("Returned to the team: %(engagement)s, stage %(stage)s — %(move)s.")
    values = {
        "engagement": format_html("<bdi>{}</bdi>", phase.engagement),
        "stage": stage_code(phase),
        "move": escape(decision.get_transition_display()),
    }
    return mark_safe(escape(text) % values)  # noqa: S308 - the sentence escaped, the values escaped


def _render_review_done(request, decision, text, *, error=False):
    """The confirmation line that replaces a card in the inbox, and the menu's and the page's counts."""
    context = {
        "decision": decision,
        "text": text,
        "error": error,
        "waiting_sign_offs": pending_sign_off_count(request.user),
    }
    return render(request, "stages/sign_off_done.html", context)


class ExitReviewSignOffView(RoleRequiredMixin, View):
    allowed_roles = MANAGERS

    def post(self, request, pk):
        review = get_object_or_404(models.ExitReview.objects.visible_to(request.user), pk=pk)
        try:
            services.exit_review_sign_off(review=review, actor=request.user)
            messages.success(request, _("The exit review was signed off."))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect(_back(review.engagement, "stage-D"))


def _inbox(request, *, refused=None, status=200):
    """The sign-off inbox; ``refused`` = (decision pk, errors, comment) shows a refusal on its card."""
    decisions = list(pending_sign_offs(request.user))
    if refused:
        pk, errors, comment = refused
        for decision in decisions:
            if decision.pk == pk:
                decision.review_errors, decision.draft_comment = errors, comment
    # the menu's count is the list's length here: no COUNT query on this page
    context = {"decisions": decisions, "waiting_sign_offs": len(decisions)}
    return render(request, "stages/pending.html", context, status=status)


class PendingSignOffsView(RoleRequiredMixin, View):
    """The manager's sign-off inbox: every decision waiting for them, signed off or returned in place."""

    allowed_roles = MANAGERS

    def get(self, request):
        return _inbox(request)


# ------------------------------------------------------------------------------------------------
# Stage records: one form page for every kind, returning to its stage section
# ------------------------------------------------------------------------------------------------
MANY_FIELDS = {"change_foci", "initiatives", "organizations", "needs"}
# The stages' own kinds of record, registered as stage record kinds in apps.py (other apps add theirs).
OWN_RECORD_KINDS = {
    # slug: (model, form, stage section, title)
    "change-foci": (models.ChangeFocus, forms.ChangeFocusForm, "A", gettext_lazy("Change focus")),
    "logic-model-items": (
        models.LogicModelItem,
        forms.LogicModelItemForm,
        "A",
        gettext_lazy("Logic-model item"),
    ),
    "goals": (models.Goal, forms.GoalForm, "A", gettext_lazy("Goal")),
    "success-metrics": (models.SuccessMetric, forms.SuccessMetricForm, "A", gettext_lazy("Success metric")),
    "measurements": (models.Measurement, forms.MeasurementForm, "A", gettext_lazy("Measurement")),
    "role-holders": (models.RoleHolder, forms.RoleHolderForm, "A", gettext_lazy("Role holder")),
    "teams": (Team, forms.TeamForm, "A", gettext_lazy("Team")),
    "team-members": (TeamMember, forms.TeamMemberForm, "A", gettext_lazy("Team member")),
    "working-principles": (
        models.WorkingPrinciple,
        forms.WorkingPrincipleForm,
        "B1",
        gettext_lazy("Working principle"),
    ),
    "mechanisms": (models.Mechanism, forms.MechanismForm, "C", gettext_lazy("Mechanism")),
    "change-signals": (models.ChangeSignal, forms.ChangeSignalForm, "D", gettext_lazy("Change signal")),
    "publications": (models.Publication, forms.PublicationForm, "D", gettext_lazy("Publication")),
    "exit-reviews": (models.ExitReview, forms.ExitReviewForm, "D", gettext_lazy("Exit review")),
    "handover-items": (models.HandoverItem, forms.HandoverItemForm, "D", gettext_lazy("Handover item")),
}


@dataclass
class RecordTarget:
    engagement: object
    model: type
    form_class: type
    stage: str
    title: str
    record: object = None
    back_to: object = None  # StageRecordKind.back: where a kind of record returns (None: its stage)

    @property
    def back(self):
        if self.back_to is not None:
            return self.back_to(self.engagement, self.record)
        return _back(self.engagement, f"stage-{self.stage}")


class RecordFormView(RoleRequiredMixin, View):
    allowed_roles = TEAM

    def _load(self, request, pk, kind, record_pk) -> RecordTarget:
        record_kind = STAGE_RECORD_KINDS.get(kind)
        if record_kind is None:
            raise Http404
        target = RecordTarget(
            editable_engagement_or_404(request, pk),
            record_kind.model,
            record_kind.form_class,
            record_kind.stage,
            record_kind.title,
            back_to=record_kind.back,
        )
        if record_pk:
            queryset = target.model.objects.editable_by(request.user)
            target.record = get_object_or_404(
                queryset.filter(**{queryset.engagement_lookup: target.engagement}), pk=record_pk
            )
        if isinstance(target.record, models.ExitReview) and target.record.signed_off_at:
            raise PermissionDenied
        return target

    def _render(self, request, target, form, status=200):
        context = {
            "engagement": target.engagement,
            "form": form,
            "title": target.title,
            "record": target.record,
            "back": target.back,
        }
        return _form_response(request, context, status)

    def get(self, request, pk, kind, record_pk=None):
        target = self._load(request, pk, kind, record_pk)
        initial = {key: value for key, value in request.GET.items() if key in target.form_class.base_fields}
        form = target.form_class(instance=target.record, engagement=target.engagement, initial=initial)
        return self._render(request, target, form)

    def post(self, request, pk, kind, record_pk=None):
        target = self._load(request, pk, kind, record_pk)
        form = target.form_class(request.POST, instance=target.record, engagement=target.engagement)

        def save():
            data = dict(form.cleaned_data)
            many = {name: data.pop(name) for name in list(data) if name in MANY_FIELDS}
            if any(f.name == "engagement" for f in target.model._meta.fields):
                data["engagement"] = target.engagement
            if target.record is None:
                target.record = services.record_create(target.model, actor=request.user, data=data, many=many)
            else:
                target.record = services.record_update(
                    target.record, actor=request.user, data=data, many=many
                )
            return target.record

        if not (form.is_valid() and save_or_form_errors(form, save)):
            return self._render(request, target, form, status=400)
        messages.success(request, _("Saved."))
        return _done(request, target.back)


class RecordDeleteView(RecordFormView):
    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, pk, kind, record_pk):
        target = self._load(request, pk, kind, record_pk)
        services.record_delete(target.record, actor=request.user)
        messages.success(request, _("Deleted. The change history keeps what it was."))
        return redirect(target.back)


class ChangeDesignView(RoleRequiredMixin, View):
    """Stage A's desired reality, diagnosis, theory of change and maturity diagnostic (one per engagement)."""

    allowed_roles = TEAM

    def _render(self, request, engagement, form, status=200):
        context = {
            "engagement": engagement,
            "form": form,
            "title": models.ChangeDesign._meta.verbose_name,
            "back": _back(engagement, "stage-A"),
        }
        return _form_response(request, context, status)

    def get(self, request, pk):
        engagement = editable_engagement_or_404(request, pk)
        design = models.ChangeDesign.objects.filter(engagement=engagement).first()
        return self._render(
            request, engagement, forms.ChangeDesignForm(instance=design, engagement=engagement)
        )

    @transaction.atomic
    def post(self, request, pk):
        engagement = editable_engagement_or_404(request, pk)
        design = models.ChangeDesign.objects.filter(engagement=engagement).first()
        form = forms.ChangeDesignForm(request.POST, instance=design, engagement=engagement)
        saved = form.is_valid() and save_or_form_errors(
            form,
            lambda: services.change_design_save(
                engagement=engagement, actor=request.user, data=form.cleaned_data
            ),
        )
        if not saved:
            return self._render(request, engagement, form, status=400)
        messages.success(request, _("Saved."))
        return _done(request, _back(engagement, "stage-A"))


class MechanismListView(FilteredListView):
    """The mechanisms of the engagements one sees, by world, category and status (dashboard drill-down)."""

    filterset_class = MechanismFilterSet
    template_name = "stages/mechanism_list.html"

    def get_queryset(self):
        return (
            models.Mechanism.objects.visible_to(self.request.user)
            .select_related("engagement", "owner")
            .order_by("engagement", "category", "world", "title")
        )
