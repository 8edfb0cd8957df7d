"""Back-office views: Wagtail's snippet views wired to our scoped selectors and services,
the review page and queue, external placements, the point tables, and the rankings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView

from minsheng.orgs.scoping import scope_for

from . import exports, selectors, services
from .choices import EDITABLE_STATUSES, LEVEL_ORDER, Level, PlacementStatus, SubmissionStatus
from .forms import AdoptForm, RankingPeriodForm, ReasonForm
from .models import ExternalPlacement, Submission, SubmissionSettings
from .scoring import Period


class ScopedSubmissionMixin:
    """Any snippet view of one submission: 404 unless the user's selector holds it."""

    request: HttpRequest

    def get_object(self, *args: Any, **kwargs: Any) -> Any:
        obj = super().get_object(*args, **kwargs)  # type: ignore[misc]
        pk = getattr(obj, "pk", None)
        if pk is None or not selectors.submission_list(user=self.request.user).filter(pk=pk).exists():
            raise Http404
        return obj


class SubmissionIndexView(IndexView):  # type: ignore[misc]
    def get_base_queryset(self) -> QuerySet[Submission]:
        return selectors.submission_list(user=self.request.user)


class SubmissionCreateView(CreateView):  # type: ignore[misc]
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not services.can_submit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[no-any-return]

    def save_instance(self) -> Submission:
        return services.submission_create(
            actor=self.request.user,  # type: ignore[arg-type]
            submission=self.form.instance,
            save=super().save_instance,
        )


class SubmissionEditView(ScopedSubmissionMixin, EditView):  # type: ignore[misc]
    def get_available_actions(self) -> list[str]:
        # Publishing is adoption (through the review task), never the bare button.
        return [a for a in super().get_available_actions() if a != "publish"]

    def save_instance(self) -> Submission:
        return services.submission_edit(
            actor=self.request.user,  # type: ignore[arg-type]
            submission=self.form.instance,
            save=super().save_instance,
        )


def _reason_or_error(form: ReasonForm) -> str:
    if not form.is_valid():
        raise ValidationError(_("Give a reason."))
    return str(form.cleaned_data["reason"])


def submission_review(request: HttpRequest, pk: int) -> HttpResponse:
    """One piece with its rounds, and the actions the user may take: submit or withdraw (the
    unit); adopt, return or decline (the office)."""
    submission = get_object_or_404(selectors.submission_list(user=request.user), pk=pk)
    reviewer = services.is_reviewer(request.user)
    owner = services.can_submit(request.user) and request.user.org_id == submission.unit_id  # type: ignore[union-attr]
    adopt_form = AdoptForm(request.POST if request.POST.get("action") == "adopt" else None)
    reason_form = ReasonForm(request.POST if request.POST.get("action") in ("return", "decline") else None)
    if request.method == "POST":
        action = request.POST.get("action")
        user: Any = request.user
        try:
            if action == "submit" and owner:
                services.submission_submit(actor=user, submission=submission)
                messages.success(request, _("The piece was submitted to the livelihood office."))
            elif action == "withdraw" and owner:
                services.submission_withdraw(actor=user, submission=submission)
                messages.success(request, _("The piece was withdrawn."))
            elif action == "adopt" and reviewer:
                if not adopt_form.is_valid():
                    raise ValidationError(_("Choose a placement and a level."))
                services.submission_adopt(actor=user, submission=submission, **adopt_form.cleaned_data)
                messages.success(request, _("The piece was adopted and published."))
            elif action == "return" and reviewer:
                services.submission_return(actor=user, submission=submission, reason=_reason_or_error(reason_form))
                messages.success(request, _("The piece was returned to the unit."))
            elif action == "decline" and reviewer:
                services.submission_decline(actor=user, submission=submission, reason=_reason_or_error(reason_form))
                messages.success(request, _("The piece was declined."))
            else:
                raise PermissionDenied
            if reviewer and action in ("adopt", "return", "decline"):
                return redirect("submission_queue")
            return redirect("submission_review", pk=submission.pk)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    latest = submission.get_latest_revision_as_object()
    context = {
        "submission": submission,
        "piece": latest,
        "images": list(submission.images.select_related("image")),
        "outcomes": list(selectors.submission_outcomes(user=request.user, submission=submission)),
        "reviewer": reviewer,
        "can_edit": owner and submission.status in EDITABLE_STATUSES,
        "can_withdraw": owner and submission.status == SubmissionStatus.SUBMITTED,
        "can_review": reviewer and submission.status == SubmissionStatus.SUBMITTED,
        "adopt_form": adopt_form,
        "reason_form": reason_form,
        "header_title": submission.title,
    }
    return TemplateResponse(request, "submissions/admin/review.html", context)


def submission_queue(request: HttpRequest) -> HttpResponse:
    if not services.is_reviewer(request.user):
        raise PermissionDenied
    context = {
        "queue": list(selectors.review_queue(user=request.user)),
        "header_title": _("Submissions waiting for review"),
        "waiting_days": SubmissionSettings.load().waiting_days,
    }
    return TemplateResponse(request, "submissions/admin/queue.html", context)


# --- External placements ----------------------------------------------------------------


class PlacementIndexView(generic.IndexView):  # type: ignore[misc]
    def get_base_queryset(self) -> QuerySet[ExternalPlacement]:
        return selectors.placement_list(user=self.request.user)

    @cached_property
    def columns(self) -> list[Any]:
        # The confirm / reject column is the office's alone.
        columns: list[Any] = super().columns
        if services.is_reviewer(self.request.user):
            return columns
        return [c for c in columns if getattr(c, "name", "") != DECISION_COLUMN]


DECISION_COLUMN = "decision"


def _placement_form(form: Any, user: Any) -> Any:
    """The office chooses the unit; a unit's form shows its own unit, fixed."""
    if "submission" in form.fields:
        form.fields["submission"].queryset = selectors.submission_list(user=user)
    if "unit" in form.fields:
        field = form.fields["unit"]
        if services.is_reviewer(user):
            field.queryset = selectors.placement_units(user=user, including=form.instance.unit_id)
        else:
            field.queryset = selectors.placement_units(user=user)
            field.disabled = True
            field.help_text = _("A unit records its own placements; the livelihood office may record one for any unit.")
            form.initial["unit"] = getattr(user, "org_id", None)
    return form


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class PlacementFormMixin:
    request: HttpRequest
    form: Any
    produced_error_message: str | None

    def get_form(self, form_class: Any = None) -> Any:
        return _placement_form(super().get_form(form_class), self.request.user)  # type: ignore[misc]

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc,no-any-return]
        except ValidationError as exc:  # the service's own checks (the unit of the piece …)
            _add_errors(form, exc)
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]

    def save_instance(self) -> ExternalPlacement:
        placement: ExternalPlacement = self.form.save(commit=False)
        if not services.is_reviewer(self.request.user):
            placement.unit = self.request.user.org  # type: ignore[union-attr,assignment]
        return services.external_placement_save(actor=self.request.user, placement=placement)  # type: ignore[arg-type]


class PlacementCreateView(PlacementFormMixin, generic.CreateView):  # type: ignore[misc]
    pass


class PlacementEditView(PlacementFormMixin, generic.EditView):  # type: ignore[misc]
    def get_object(self, queryset: Any = None) -> ExternalPlacement:
        return get_object_or_404(selectors.placement_list(user=self.request.user), pk=self.kwargs["pk"])

    @cached_property
    def header_buttons(self) -> list[Any]:
        """The office's confirm and reject, next to the title of the placement."""
        buttons: list[Any] = list(super().header_buttons)
        placement: ExternalPlacement = self.object
        if not services.can_decide_placement(self.request.user, placement):
            return buttons
        url = reverse("placement_confirm", args=[placement.pk])
        if placement.status != PlacementStatus.CONFIRMED:
            buttons.append(
                HeaderButton(
                    _("Confirm"),
                    icon_name="check",
                    attrs={
                        "data-controller": "w-action",
                        "data-action": "w-action#post",
                        "data-w-action-url-value": url,
                    },
                    priority=10,
                )
            )
        if placement.status != PlacementStatus.REJECTED:
            buttons.append(
                HeaderButton(
                    pgettext("placement", "Reject"),
                    url=f"{url}?{urlencode({'next': self.request.get_full_path()})}",
                    icon_name="cross",
                    priority=20,
                )
            )
        return buttons


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("placements:index")


def placement_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The office confirms a placement (one click) or rejects it with a reason (this page)."""
    placement = get_object_or_404(selectors.placement_list(user=request.user), pk=pk)
    if not services.can_decide_placement(request.user, placement):
        raise PermissionDenied
    form = ReasonForm(request.POST if request.POST.get("action") == "reject" else None)
    if request.method == "POST":
        confirm = request.POST.get("action", "confirm") != "reject"
        try:
            if not confirm and not form.is_valid():
                raise ValidationError({"reason": _("Say why the placement is not confirmed.")})
            services.external_placement_confirm(
                actor=request.user,  # type: ignore[arg-type]
                placement=placement,
                confirm=confirm,
                reason="" if confirm else form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("Placement confirmed.") if confirm else _("Placement not confirmed."))
            return redirect(_next_url(request))
    context = {
        "placement": placement,
        "form": form,
        "next": _next_url(request),
        "header_title": _("Confirm or reject: %(title)s") % {"title": placement.title},
    }
    return TemplateResponse(request, "submissions/admin/placement_decide.html", context)


class ScoringCreateView(generic.CreateView):  # type: ignore[misc]
    def save_instance(self) -> Any:
        return services.scoring_record_save(actor=self.request.user, instance=self.form.save(commit=False))  # type: ignore[arg-type]


class ScoringEditView(generic.EditView):  # type: ignore[misc]
    def save_instance(self) -> Any:
        return services.scoring_record_save(actor=self.request.user, instance=self.form.save(commit=False))  # type: ignore[arg-type]


# --- Rankings ---------------------------------------------------------------------------


def _period_from(request: HttpRequest) -> tuple[Period, RankingPeriodForm]:
    today = selectors.ranking_today()
    initial = {"kind": "month", "year": today.year, "number": today.month}
    form = RankingPeriodForm(request.GET or None, initial=initial)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        return Period.parse(data["kind"], data["year"], data.get("number")), form
    return Period.parse("month", today.year, today.month), RankingPeriodForm(initial=initial)


def rankings(request: HttpRequest) -> HttpResponse:
    """The ranked table per month, quarter or year, with a chart and xlsx / Word exports."""
    if scope_for(request.user).nothing:
        raise PermissionDenied
    period, form = _period_from(request)
    rows = selectors.unit_scores(user=request.user, period=period)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        response = HttpResponse(
            exports.ranking_xlsx(rows=rows, period=period),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="ranking-{period.slug}.xlsx"'
        return response
    if fmt == "docx":
        if not services.is_reviewer(request.user):
            raise PermissionDenied
        data = exports.ranking_docx(
            rows=rows, period=period, office=SubmissionSettings.load().issuing_office, issued=timezone.localdate()
        )
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = f'attachment; filename="bulletin-{period.slug}.docx"'
        return response
    chart_rows = [r for r in rows if r.submitted or r.adopted or r.total][:20]
    chart = {
        "units": [r.unit.display_name for r in chart_rows],
        "total": [float(r.total) for r in chart_rows],
        "adopted": [r.adopted for r in chart_rows],
        "labels": {"total": _("Total"), "adopted": _("Adopted")},
    }
    context = {
        "rows": rows,
        "period": period,
        "form": form,
        "totals": selectors.ranking_totals(rows),
        "levels": [Level(lv).label for lv in LEVEL_ORDER],
        "chart_json": chart,
        "query": request.GET.urlencode(),
        "reviewer": services.is_reviewer(request.user),
        "quota_labels": selectors.QUOTA_STATUS_LABELS,
        "header_title": _("Submission rankings"),
    }
    return TemplateResponse(request, "submissions/admin/rankings.html", context)
