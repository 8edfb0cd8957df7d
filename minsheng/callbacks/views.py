"""Back-office views of callbacks: thin; reads through selectors, writes through services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from minsheng.orgs.models import Org

from . import selectors, services
from .choices import CorrectionStatus, RoundKind
from .exports import metrics_xlsx
from .forms import CallForm, CampaignForm, RejectForm

PAGE_SIZE = 50
BREAKDOWNS = ("town", "village", "item", "unit", "caller")


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def task_index(request: HttpRequest) -> HttpResponse:
    _require(request, "callbacks.call_calltask")
    tasks = selectors.open_call_tasks(user=request.user)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "callbacks/admin/task_index.html", {"page": page, "header_title": _("My callback tasks")}
    )


def task_call(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "callbacks.call_calltask")
    task = get_object_or_404(selectors.call_tasks(user=request.user), pk=pk)
    user: Any = request.user
    phone = None
    form = CallForm(campaign=task.campaign)
    if request.method == "POST" and request.POST.get("action") == "reveal":
        phone = services.task_reveal_phone(actor=user, task=task, request=request)
    elif request.method == "POST":
        form = CallForm(request.POST, campaign=task.campaign)
        if form.is_valid():
            try:
                services.call_record(actor=user, task=task, outcome=form.outcome())
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Call recorded."))
                following = selectors.open_call_tasks(user=user, campaign=task.campaign).exclude(pk=task.pk).first()
                return redirect("callbacks_call", pk=following.pk) if following else redirect("callbacks_tasks")
    context = {
        "task": task,
        "form": form,
        "phone": phone,
        "attempts": task.attempt_set.all()[:5],
        "header_title": _("Call"),
    }
    return TemplateResponse(request, "callbacks/admin/call.html", context)


def campaign_index(request: HttpRequest) -> HttpResponse:
    _require(request, "callbacks.view_campaign")
    campaigns = selectors.campaign_list(user=request.user).order_by("-starts_on", "-id")
    context = {
        "campaigns": campaigns,
        "can_add": request.user.has_perm("callbacks.add_campaign"),
        "header_title": _("Callback campaigns"),
    }
    return TemplateResponse(request, "callbacks/admin/campaign_index.html", context)


def campaign_create(request: HttpRequest) -> HttpResponse:
    _require(request, "callbacks.add_campaign")
    user: Any = request.user
    form = CampaignForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        owner = user.org or Org.objects.filter(parent__isnull=True).order_by("path").first()
        assert owner is not None
        try:
            campaign = services.campaign_create(
                actor=user,
                name=d["name"],
                year=d["year"],
                round=d["round"],
                owner=owner,
                items=d["items"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                share=Decimal(d["share"]) / 100 if d["round"] == RoundKind.CITY else None,
                seed=d["seed"],
                exclude_days=d["exclude_days"],
                assign_to=d["assign_to"] or None,
                extra_questions=d["extra_questions"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("callbacks_campaign", pk=campaign.pk)
    return TemplateResponse(
        request, "callbacks/admin/campaign_form.html", {"form": form, "header_title": _("New callback campaign")}
    )


def _metrics_context(request: HttpRequest, campaign: Any) -> dict[str, Any]:
    user = request.user
    overall = selectors.campaign_metrics(user=user, campaign=campaign)[0]
    tables = {by: selectors.campaign_metrics(user=user, campaign=campaign, by=by) for by in BREAKDOWNS}
    comparison = selectors.round_comparison(user=user, campaign=campaign) if campaign.round == RoundKind.CITY else []
    return {"overall": overall, "tables": tables, "comparison": comparison}


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "callbacks.view_campaign")
    campaign = get_object_or_404(selectors.campaign_list(user=request.user), pk=pk)
    context = _metrics_context(request, campaign)
    towns = context["tables"]["town"]
    chart = {
        "units": [r["label"] for r in towns],
        "awareness": [r["rates"].awareness for r in towns],
        "satisfaction": [r["rates"].satisfaction for r in towns],
        "progress": [r["rates"].progress for r in towns],
        "labels": {"awareness": _("Awareness rate"), "satisfaction": _("Satisfaction rate"), "progress": _("Progress")},
    }
    labels = {
        "town": _("Town"),
        "village": _("Village"),
        "item": _("Livelihood item"),
        "unit": _("Called by unit"),
        "caller": _("Caller"),
    }
    context.update(
        campaign=campaign,
        chart=chart,
        breakdowns=[(labels[by], context["tables"][by]) for by in BREAKDOWNS],
        header_title=campaign.name,
    )
    return TemplateResponse(request, "callbacks/admin/campaign_detail.html", context)


def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "callbacks.view_campaign")
    campaign = get_object_or_404(selectors.campaign_list(user=request.user), pk=pk)
    context = _metrics_context(request, campaign)
    data = metrics_xlsx(campaign, context["overall"], context["tables"], context["comparison"])
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="callbacks-{campaign.pk}.xlsx"'
    return response


def correction_index(request: HttpRequest) -> HttpResponse:
    _require(request, "callbacks.view_correctionrequest")
    status = request.GET.get("status", CorrectionStatus.OPEN)
    qs = selectors.corrections(user=request.user, status=status or None)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("p"))
    context = {
        "page": page,
        "status": status,
        "statuses": CorrectionStatus.choices,
        "can_decide": request.user.has_perm("callbacks.decide_correctionrequest"),
        "reject_form": RejectForm(),
        "header_title": _("Corrections from callbacks"),
    }
    return TemplateResponse(request, "callbacks/admin/correction_index.html", context)


def correction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "callbacks.decide_correctionrequest")
    if request.method != "POST":
        return redirect("callbacks_corrections")
    correction = get_object_or_404(selectors.corrections(user=request.user), pk=pk)
    user: Any = request.user
    try:
        if request.POST.get("action") == "approve":
            services.correction_approve(actor=user, correction=correction, value=request.POST.get("value") or None)
            messages.success(request, _("Correction approved and applied."))
        else:
            form = RejectForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give a reason."))
            services.correction_reject(actor=user, correction=correction, reason=form.cleaned_data["reason"])
            messages.success(request, _("Correction rejected."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("callbacks_corrections")
