"""Browser pages of scoring: a subject's scores ("why is this 62?"), ratings with evidence, the live
progress of a recompute, the digital-maturity questionnaire, and the rubrics with their versions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views import View

from api_human.core.charts import line_chart
from api_human.core.models import Engagement, Organization, Role
from api_human.core.views import RoleRequiredMixin, editable_engagement_or_404, save_or_form_errors

from . import forms, services
from .models import Criterion, CurrentScore, Dimension, Rating, Rubric, ScoreRun, SubjectType
from .registry import SUBJECTS
from .selectors import bridging_score, current_scores, explain, next_actions, score_history, subject_of

TEAM = frozenset({Role.TEAM})
ADMINS = frozenset()


def breakdown(snapshot) -> dict:
    """A snapshot for people: dimensions, and criteria ordered by the points they lose."""
    if not hasattr(snapshot, "criterion_rows"):
        explain([snapshot])
    rows = sorted(
        snapshot.criterion_rows, key=lambda c: (-(c["points_lost"] or 0), c["status"] != "ok", c["key"])
    )
    return {
        "snapshot": snapshot,
        "dimensions": snapshot.dimension_rows,
        "criteria": rows,
        "actions": next_actions(snapshot),
        "points_lost": round(sum(c["points_lost"] for c in snapshot.criteria), 1),
    }


def engagement_bridging_section(request, engagement, can_edit):
    """On the engagement page: the connection between the worlds — the five parameters of the source,
    rated in both worlds — with its band and what to do next."""
    current = bridging_score(engagement.pk)
    actions = next_actions(current.snapshot)[:5] if current else []
    return {
        "template": "scoring/engagement_section.html",
        "current": current,
        "dimensions": current.snapshot.dimension_rows if current else [],
        "actions": actions,
        "anchor": reverse("score-subject", args=["engagement", engagement.pk]),
    }


def subject_title(subject_type: str, subject) -> tuple[str, str]:
    """(title, link) of a scored subject, as its app registered it."""
    return SUBJECTS[subject_type].title(subject)


def _subject_or_404(request, subject_type, subject_id):
    if subject_type not in SUBJECTS:
        raise Http404
    subject = subject_of(subject_type, subject_id, request.user)
    if subject is None:
        raise Http404
    return subject


def _engagement_of(subject_type, subject):
    return SUBJECTS[subject_type].engagement_of(subject)


def score_panel(subject_type: str, subject_id: int, *, with_history: bool = True) -> dict:
    """What a subject page shows of its scores: a badge, the breakdown and a history chart per rubric."""
    rtl = get_language_bidi()
    panels = []
    currents = current_scores(subject_type, [subject_id]).get(subject_id, [])
    explain([current.snapshot for current in currents])
    for current in currents:
        snapshot = current.snapshot
        history = score_history(subject_type, subject_id, current.rubric_key) if with_history else []
        points = [(s.computed_at, None if s.score is None else float(s.score)) for s in history]
        panels.append(
            {
                "current": current,
                "rubric": snapshot.rubric,
                "breakdown": breakdown(snapshot),
                "history": history,
                "chart": line_chart(points, rtl=rtl, guide=snapshot.rubric.threshold),
            }
        )
    return {"subject_type": subject_type, "subject_id": subject_id, "panels": panels}


class ScoreSubjectView(RoleRequiredMixin, View):
    """All scores of one stage, initiative, opportunity or organisation: why each is what it is, how it
    moved, and (for the team) the ratings of the criteria people judge, with their evidence."""

    allowed_roles = frozenset({Role.TEAM, Role.MANAGER})

    def get(self, request, subject_type, subject_id, forms_by_criterion=None, status=200):
        subject = _subject_or_404(request, subject_type, subject_id)
        title, link = subject_title(subject_type, subject)
        panel = score_panel(subject_type, subject_id)
        can_rate = subject_of(subject_type, subject_id, request.user, "editable_by") is not None and (
            request.user.is_admin or request.user.role == Role.TEAM
        )
        criteria = self._manual_criteria(subject_type, subject)
        forms_by_criterion = forms_by_criterion or {}
        latest = self._latest_ratings(subject_type, subject_id)
        for panel_item in panel["panels"]:
            rubric_key = panel_item["rubric"].key
            panel_item["rating_forms"] = [
                {
                    "criterion": criterion,
                    "form": forms_by_criterion.get(criterion.pk) or forms.RatingForm(criterion=criterion),
                    "latest": latest.get((rubric_key, criterion.key)),
                    "open": criterion.pk in forms_by_criterion,
                }
                for criterion in criteria.get(rubric_key, [])
            ]
        engagement_id = _engagement_of(subject_type, subject)
        can_recompute = (
            engagement_id is not None
            and (request.user.is_admin or request.user.role == Role.TEAM)
            and Engagement.objects.editable_by(request.user).filter(pk=engagement_id).exists()
        )
        run = None
        if request.GET.get("run", "").isdigit():
            run = ScoreRun.objects.filter(pk=request.GET["run"], engagement_id=engagement_id).first()
        context = {
            **panel,
            "subject": subject,
            "title": title,
            "link": link,
            "can_rate": can_rate,
            "engagement_id": engagement_id,
            "can_recompute": can_recompute,
            "run": run,
            "pending": services.is_dirty(subject_type, subject_id),
        }
        return render(request, "scoring/subject.html", context, status=status)

    @staticmethod
    def _manual_criteria(subject_type, subject) -> dict[str, list[Criterion]]:
        rubrics = Rubric.objects.published().filter(subject_type=subject_type)
        stage = getattr(subject, "stage", "")  # a stage's subject is scored by that stage's rubrics only
        if stage:
            rubrics = rubrics.filter(stage=stage)
        result = {}
        for criterion in (
            Criterion.objects.filter(dimension__rubric__in=rubrics, evidence=Criterion.Evidence.MANUAL)
            .select_related("dimension__rubric")
            .order_by("dimension__order", "order", "id")
        ):
            result.setdefault(criterion.dimension.rubric.key, []).append(criterion)
        return result

    @staticmethod
    def _latest_ratings(subject_type, subject_id) -> dict:
        latest = {}
        for rating in (
            Rating.objects.filter(subject_type=subject_type, subject_id=subject_id)
            .select_related("rated_by")
            .order_by("rated_on", "id")
        ):
            latest[(rating.rubric_key, rating.criterion_key)] = rating
        return latest


class RateView(ScoreSubjectView):
    """Record the team's rating of one manual criterion (a new rating; the latest valid one counts)."""

    allowed_roles = TEAM

    def get(self, request, subject_type, subject_id, criterion_pk=None, **kwargs):
        return redirect("score-subject", subject_type=subject_type, subject_id=subject_id)

    def post(self, request, subject_type, subject_id, criterion_pk):
        _subject_or_404(request, subject_type, subject_id)
        if subject_of(subject_type, subject_id, request.user, "editable_by") is None:
            raise Http404
        criterion = get_object_or_404(
            Criterion.objects.select_related("dimension__rubric").filter(
                dimension__rubric__status=Rubric.Status.PUBLISHED,
                dimension__rubric__subject_type=subject_type,
                evidence=Criterion.Evidence.MANUAL,
            ),
            pk=criterion_pk,
        )
        form = forms.RatingForm(request.POST, criterion=criterion)
        if form.is_valid():
            data = form.cleaned_data
            rating = save_or_form_errors(
                form,
                lambda: services.rating_record(
                    criterion=criterion,
                    subject_type=subject_type,
                    subject_id=subject_id,
                    actor=request.user,
                    value=data.get("value"),
                    not_applicable=data["not_applicable"],
                    evidence_note=data["evidence_note"],
                    evidence_links=data["evidence_links"],
                    rated_on=data["rated_on"],
                ),
            )
            if rating is not None:
                messages.success(request, _("The rating was recorded; the score is being recomputed."))
                url = reverse("score-subject", args=[subject_type, subject_id])
                return redirect(f"{url}#criterion-{criterion.key}")
        return super().get(
            request, subject_type, subject_id, forms_by_criterion={criterion.pk: form}, status=400
        )


class RecomputeView(RoleRequiredMixin, View):
    """'Recompute now': mark the engagement's subjects dirty and start a run; the page shows its progress."""

    allowed_roles = TEAM

    def post(self, request, pk):
        engagement = editable_engagement_or_404(request, pk)
        run = services.recompute_request(engagement=engagement, actor=request.user)
        back = request.POST.get("next", "")
        if request.headers.get("HX-Request"):
            return render(request, "scoring/run_progress.html", {"run": run, "polling": True})
        if not back.startswith("/") or back.startswith("//"):
            back = reverse("engagement-detail", args=[engagement.pk])
        separator = "&" if "?" in back else "?"
        return redirect(f"{back}{separator}run={run.pk}#recompute")


class RunProgressView(RoleRequiredMixin, View):
    """The live progress bar of a run (htmx asks every second until it is finished)."""

    def get(self, request, pk):
        engagements = Engagement.objects.visible_to(request.user)
        runs = (
            ScoreRun.objects.all()
            if request.user.is_admin
            else ScoreRun.objects.filter(engagement__in=engagements)
        )
        run = get_object_or_404(runs, pk=pk)
        return render(request, "scoring/run_progress.html", {"run": run, "polling": not run.is_finished})


# ------------------------------------------------------------------------------------------------
# The digital-maturity diagnostic (stage A): a questionnaire on the EU DMA dimensions
# ------------------------------------------------------------------------------------------------
MATURITY_KEY = "organization-maturity"


class MaturityView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.TEAM, Role.MANAGER})

    def _rubric(self):
        criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("order", "id"))
        return get_object_or_404(
            Rubric.objects.published().prefetch_related(
                Prefetch(
                    "dimensions",
                    queryset=Dimension.objects.order_by("order", "id").prefetch_related(criteria),
                )
            ),
            key=MATURITY_KEY,
        )

    def _page(self, request, organization, form, status=200):
        can_answer = request.user.is_admin or request.user.role == Role.TEAM
        context = {
            "organization": organization,
            "form": form,
            "can_answer": can_answer,
            **score_panel(SubjectType.ORGANIZATION, organization.pk),
        }
        return render(request, "scoring/maturity.html", context, status=status)

    def _current(self, organization) -> dict:
        answers = {}
        for rating in Rating.objects.filter(
            subject_type=SubjectType.ORGANIZATION, subject_id=organization.pk, rubric_key=MATURITY_KEY
        ).order_by("rated_on", "id"):
            answers[rating.criterion_key] = None if rating.value is None else float(rating.value)
        return answers

    def get(self, request, pk):
        organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
        form = forms.MaturityForm(rubric=self._rubric(), current=self._current(organization))
        return self._page(request, organization, form)

    def post(self, request, pk):
        organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
        if not (request.user.is_admin or request.user.role == Role.TEAM):
            raise Http404
        rubric = self._rubric()
        form = forms.MaturityForm(request.POST, rubric=rubric, current=self._current(organization))
        if form.is_valid():

            def save():
                with transaction.atomic():
                    for criterion, value in form.answers():
                        criterion.dimension.rubric = rubric
                        services.rating_record(
                            criterion=criterion,
                            subject_type=SubjectType.ORGANIZATION,
                            subject_id=organization.pk,
                            actor=request.user,
                            value=value,
                            evidence_note=form.cleaned_data["evidence_note"],
                            rated_on=form.cleaned_data["rated_on"],
                        )
                return True

            if save_or_form_errors(form, save):
                messages.success(
                    request, _("The diagnostic was saved; the maturity score is being recomputed.")
                )
                return redirect("organization-maturity", pk=organization.pk)
        return self._page(request, organization, form, status=400)


# ------------------------------------------------------------------------------------------------
# Rubrics and their versions
# ------------------------------------------------------------------------------------------------
class RubricListView(RoleRequiredMixin, View):
    def get(self, request):
        rubrics = Rubric.objects.visible_to(request.user).order_by(
            "subject_type", "stage", "kind", "key", "-version"
        )
        groups = {}
        for rubric in rubrics:
            groups.setdefault(rubric.key, []).append(rubric)
        return render(request, "scoring/rubric_list.html", {"groups": list(groups.values())})


class RubricDetailView(RoleRequiredMixin, View):
    def get(self, request, pk, rubric_form=None, status=200):
        criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("order", "id"))
        rubric = get_object_or_404(
            Rubric.objects.visible_to(request.user).prefetch_related(
                Prefetch(
                    "dimensions",
                    queryset=Dimension.objects.order_by("order", "id").prefetch_related(criteria),
                )
            ),
            pk=pk,
        )
        versions = Rubric.objects.filter(key=rubric.key).order_by("-version")
        in_use = CurrentScore.objects.filter(snapshot__rubric=rubric).count()
        can_edit = request.user.is_admin and rubric.is_editable
        context = {
            "rubric": rubric,
            "versions": versions,
            "in_use": in_use,
            "is_admin": request.user.is_admin,
            "can_edit": can_edit,
            "rubric_form": rubric_form or (forms.RubricForm(instance=rubric) if can_edit else None),
        }
        return render(request, "scoring/rubric_detail.html", context, status=status)

    def post(self, request, pk):
        if not request.user.is_admin:
            raise Http404
        rubric = get_object_or_404(Rubric, pk=pk)
        form = forms.RubricForm(request.POST, instance=rubric)
        if form.is_valid() and save_or_form_errors(
            form, lambda: services.rubric_update(rubric=rubric, actor=request.user, data=form.cleaned_data)
        ):
            messages.success(request, _("The draft was saved."))
            return redirect("rubric-detail", pk=rubric.pk)
        return self.get(request, pk, rubric_form=form, status=400)


class RubricActionView(RoleRequiredMixin, View):
    """Administrators: start a new draft from a version, or publish a draft."""

    allowed_roles = ADMINS

    def post(self, request, pk, verb):
        rubric = get_object_or_404(Rubric, pk=pk)
        if verb == "draft":
            draft = services.rubric_draft(rubric=rubric, actor=request.user)
            messages.success(request, _("A new draft version was started."))
            return redirect("rubric-detail", pk=draft.pk)
        if verb == "publish":
            try:
                services.rubric_publish(rubric=rubric, actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("rubric-detail", pk=rubric.pk)
            messages.success(request, _("The version was published; scores move to it."))
            return redirect("rubric-detail", pk=rubric.pk)
        raise Http404


class CriterionEditView(RoleRequiredMixin, View):
    allowed_roles = ADMINS

    def _criterion(self, pk):
        return get_object_or_404(Criterion.objects.select_related("dimension__rubric"), pk=pk)

    def get(self, request, pk, form=None, status=200):
        criterion = self._criterion(pk)
        if not criterion.dimension.rubric.is_editable:
            raise Http404
        form = form or forms.CriterionForm(instance=criterion)
        return render(
            request, "scoring/criterion_form.html", {"criterion": criterion, "form": form}, status=status
        )

    def post(self, request, pk):
        criterion = self._criterion(pk)
        if not criterion.dimension.rubric.is_editable:
            raise Http404
        form = forms.CriterionForm(request.POST, instance=criterion)
        if form.is_valid() and save_or_form_errors(
            form,
            lambda: services.criterion_update(
                criterion=criterion, actor=request.user, data=form.cleaned_data
            ),
        ):
            messages.success(request, _("The criterion was saved."))
            return redirect("rubric-detail", pk=criterion.dimension.rubric_id)
        return self.get(request, pk, form=form, status=400)
