"""The team's pages of stage B2: the opportunity pipeline, broadcasts, partner approvals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from api_human.core.models import Organization, PartnerStatus, Role, World
from api_human.core.views import (
    FilteredListView,
    RoleRequiredMixin,
    apply_filters,
    board_columns,
    save_or_form_errors,
)
from api_human.scoring.views import score_panel
from initiatives.views import RecordPage

from . import forms, services
from .downloads import attachment_response
from .filtersets import BroadcastFilterSet, OpportunityFilterSet
from .models import Attachment, Broadcast, Match, Opportunity

TEAM = frozenset({Role.TEAM})


class PipelineBoardView(RoleRequiredMixin, View):
    """Submitted opportunities by pipeline status, newest submitted first; each card moves with a form
    (keyboard friendly). A column shows its first cards and how many there are; its own page
    (``?pipeline=<status>``) shows the rest, page by page. The order is the one the index
    ``opportunity_submitted_order`` keeps, so a column reads a few index entries, not the table."""

    def get(self, request):
        queryset = (
            Opportunity.objects.visible_to(request.user)
            .select_related("organization")
            .only(
                "title",
                "maturity",
                "pipeline",
                "organization__name",
                "submitted_at",
                "revision",
            )
            .order_by("-submitted_at", "-id")
        )
        filterset, rows, valid = apply_filters(request, OpportunityFilterSet, queryset)
        choices = Opportunity.Pipeline.choices
        context = {
            "filter": filterset,
            "can_move": request.user.role == Role.TEAM or request.user.is_admin,
            "pipelines": choices,
            **board_columns(request, filterset, rows, "pipeline", choices, valid=valid),
        }
        return render(request, "opportunities/board.html", context, status=200 if valid else 400)


class OpportunityDetailView(RoleRequiredMixin, View):
    """A submitted profile as the team reads it: the latest submitted revision and the files sent with
    it (a partner's unsubmitted draft stays with the partner)."""

    def _opportunity(self, request, pk):
        return get_object_or_404(
            Opportunity.objects.visible_to(request.user)
            .select_related("organization", "broadcast", "initiative")
            .prefetch_related(
                Prefetch("attachments", queryset=Attachment.objects.filter(submitted_in__isnull=False)),
                "revisions",
                Prefetch("matches", queryset=Match.objects.select_related("need", "initiative")),
            ),
            pk=pk,
        )

    def _render(
        self, request, opportunity, pipeline_form=None, initiative_form=None, decline_form=None, status=200
    ):
        from .services import REASON_LABELS

        can_edit = request.user.role == Role.TEAM or request.user.is_admin
        context = {
            "opportunity": opportunity,
            "can_edit": can_edit,
            "reason_labels": {k: str(v) for k, v in REASON_LABELS.items()},
            "pipeline_form": pipeline_form
            or forms.PipelineForm(
                initial={"pipeline": opportunity.pipeline, "feedback": opportunity.feedback}
            ),
            "decline_form": decline_form or forms.DeclineForm(),
            "initiative_form": initiative_form or forms.InitiativeFromOpportunityForm(user=request.user),
            **score_panel("opportunity", opportunity.pk),
        }
        return render(request, "opportunities/detail.html", context, status=status)

    def get(self, request, pk):
        return self._render(request, self._opportunity(request, pk))


class OpportunityActionView(OpportunityDetailView):
    allowed_roles = TEAM

    def get(self, request, pk, verb):
        return redirect("opportunity-detail", pk=pk)

    def post(self, request, pk, verb):
        opportunity = self._opportunity(request, pk)
        if verb == "pipeline":
            # One form per target: declining asks why; any other move needs nothing more.
            form_class = forms.pipeline_form_class(request.POST.get("pipeline", ""))
            form = form_class(request.POST)
            ok = form.is_valid() and save_or_form_errors(
                form,
                lambda: services.opportunity_set_pipeline(
                    opportunity=opportunity, actor=request.user, **form.cleaned_data
                ),
            )
            if not ok:
                which = "decline_form" if form_class is forms.DeclineForm else "pipeline_form"
                return self._render(request, opportunity, status=400, **{which: form})
            if request.POST.get("next") == "/opportunities/":
                return redirect("opportunity-board")
        elif verb == "initiative":
            form = forms.InitiativeFromOpportunityForm(request.POST, user=request.user)
            ok = form.is_valid() and save_or_form_errors(
                form,
                lambda: services.opportunity_to_initiative(
                    opportunity=opportunity,
                    actor=request.user,
                    engagement=form.cleaned_data["engagement"],
                    initiative=form.cleaned_data["initiative"],
                ),
            )
            if not ok:
                return self._render(request, opportunity, initiative_form=form, status=400)
            return redirect("initiative-detail", pk=ok.pk)
        else:
            match_pk = request.POST.get("match", "")
            if not (match_pk.isascii() and match_pk.isdigit()):
                raise Http404
            match = get_object_or_404(Match.objects.filter(opportunity=opportunity), pk=match_pk)
            services.match_confirm(match=match, actor=request.user)
        messages.success(request, _("Saved."))
        return redirect("opportunity-detail", pk=pk)


class AttachmentDownloadView(View):
    """Serves an attachment only to someone who may see its opportunity: a partner its own, drafts
    too; the team only files submitted with a revision (a draft's file is a 404 until submitted)."""

    def get(self, request, pk):
        if not request.user.is_authenticated:
            raise Http404
        attachments = Attachment.objects.filter(opportunity__in=Opportunity.objects.visible_to(request.user))
        if not request.user.is_partner:
            attachments = attachments.filter(submitted_in__isnull=False)
        return attachment_response(get_object_or_404(attachments, pk=pk))


class BroadcastListView(FilteredListView):
    filterset_class = BroadcastFilterSet
    template_name = "opportunities/broadcast_list.html"

    def get_queryset(self):
        return (
            Broadcast.objects.visible_to(self.request.user)
            .select_related("engagement")
            .prefetch_related("criteria", "needs")
            .order_by("-opens_on", "id")
        )


class BroadcastFormView(RecordPage):
    """The broadcast editor: texts in Hebrew and English, dates, needs, and weighted criteria."""

    form_class = forms.BroadcastForm
    title = _("Broadcast")
    template = "opportunities/broadcast_form.html"

    def get_record(self, request, pk):
        return get_object_or_404(Broadcast.objects.editable_by(request.user), pk=pk) if pk else None

    def _context(self, form, engagement, record):
        criteria = getattr(self, "criteria", None)
        if criteria is None:
            initial = [{"name": c.name, "weight": c.weight} for c in record.criteria.all()] if record else []
            criteria = forms.CriterionFormSet(initial=initial, prefix="criteria")
        return {
            **super()._context(form, engagement, record),
            "criteria": criteria,
            "criteria_locked": bool(record and record.status != Broadcast.Status.DRAFT),
        }

    def post(self, request, pk=None):
        self.criteria = forms.CriterionFormSet(request.POST, prefix="criteria")
        return super().post(request, pk)

    def save(self, request, form, engagement, record):
        if not self.criteria.is_valid():
            raise ValidationError(_("Check the evaluation criteria."))
        data = dict(form.cleaned_data)
        needs = data.pop("needs")
        rows = [c for c in self.criteria.cleaned_data if c.get("name")]
        locked = record is not None and record.status != Broadcast.Status.DRAFT
        return services.broadcast_save(
            actor=request.user,
            data={**data, "engagement": engagement},
            needs=needs,
            criteria=None if locked else rows,
            broadcast=record,
        )

    def success_url(self, broadcast):
        return "/broadcasts/"


class PartnerApprovalsView(RoleRequiredMixin, View):
    """Registrations waiting for approval, and invitations of organisations the team met."""

    allowed_roles = TEAM

    def get(self, request, invite_form=None, status=200):
        # An organisation of the same name (compared without case; names are stored NFKC-normalised)
        # elsewhere in the directory, welfare bodies included: the page warns before approval.
        same_name = (
            Organization.objects.exclude(pk=OuterRef("pk"))
            .annotate(lower_name=Lower("name"))
            .filter(lower_name=Lower(OuterRef("name")))
        )
        pending = (
            Organization.objects.filter(partner_status=PartnerStatus.PENDING)
            .annotate(
                has_namesake=Exists(same_name),
                namesake_name=Subquery(same_name.order_by("pk").values("name")[:1]),
                namesake_world=Subquery(same_name.order_by("pk").values("world")[:1]),
                namesake_status=Subquery(same_name.order_by("pk").values("partner_status")[:1]),
            )
            .prefetch_related("people")
        )
        pending = list(pending)
        for organization in pending:
            if organization.has_namesake:
                organization.namesake_world_label = World(organization.namesake_world).label
                organization.namesake_status_label = PartnerStatus(organization.namesake_status).label
        context = {"pending": pending, "invite_form": invite_form or forms.InviteForm()}
        return render(request, "opportunities/approvals.html", context, status=status)

    @method_decorator(never_cache)
    def post(self, request):
        verb = request.POST.get("verb")
        if verb == "invite":
            form = forms.InviteForm(request.POST)
            result = form.is_valid() and save_or_form_errors(
                form, lambda: services.partner_invite(actor=request.user, **form.cleaned_data)
            )
            if not result:
                return self.get(request, invite_form=form, status=400)
            organization = form.cleaned_data["organization"]
        else:
            organization = get_object_or_404(
                Organization, pk=request.POST.get("organization"), partner_status=PartnerStatus.PENDING
            )
            if verb == "reject":
                services.partner_reject(organization=organization, actor=request.user)
                messages.success(request, _("The registration was declined."))
                return redirect("partner-approvals")
            try:
                with transaction.atomic():
                    result = services.partner_approve(organization=organization, actor=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(
                        request,
                        _("“%(name)s” was not approved: %(reason)s")
                        % {"name": organization.name, "reason": message},
                    )
                return self.get(request, status=400)
        key, raw = result
        return render(
            request,
            "opportunities/key_issued.html",
            {"organization": organization, "key": key, "raw_key": raw},
        )


def engagement_scouting_section(request, engagement, can_edit):
    """Stage B2 on the engagement page: scouting in the digital world and the knowledge flowing both ways."""
    from .models import KnowledgeFlow, ScoutingActivity

    return {
        "template": "opportunities/engagement_section.html",
        "can_edit": can_edit,
        "scouting": list(
            ScoutingActivity.objects.filter(engagement=engagement).prefetch_related("organizations")
        ),
        "flows": list(KnowledgeFlow.objects.filter(engagement=engagement)),
    }
