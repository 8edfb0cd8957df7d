"""Back-office views of the registry: thin; reads through selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import ImportForm
from .reports import error_report_bytes

PAGE_SIZE = 50
SHOWN_ERRORS = 500


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def person_index(request: HttpRequest) -> HttpResponse:
    _require(request, "beneficiaries.view_person")
    query = request.GET.get("q", "")
    page = Paginator(selectors.person_list(user=request.user, query=query), PAGE_SIZE).get_page(request.GET.get("p"))
    context = {"page": page, "query": query, "header_title": _("Beneficiaries")}
    return TemplateResponse(request, "beneficiaries/admin/person_index.html", context)


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "beneficiaries.view_person")
    person = get_object_or_404(selectors.person_list(user=request.user), pk=pk)
    revealed = None
    if request.method == "POST":
        revealed = services.person_reveal(actor=request.user, person=person, request=request)  # type: ignore[arg-type]
    context = {
        "person": person,
        "benefits": selectors.person_benefits(user=request.user, person=person),
        "revealed": revealed,
        "can_reveal": request.user.has_perm("beneficiaries.reveal_person"),
        "header_title": person.masked_name,
    }
    return TemplateResponse(request, "beneficiaries/admin/person_detail.html", context)


def import_upload(request: HttpRequest) -> HttpResponse:
    _require(request, "beneficiaries.add_importbatch")
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch = services.batch_submit_upload(
            actor=request.user,  # type: ignore[arg-type]
            upload=data["file"],
            item=data["item"],
            org=data["org"],
            sheet=data["sheet"] or None,
            on_duplicate=data["on_duplicate"],
            mapping=data["mapping"] or None,
        )
        return redirect("beneficiaries_batch", pk=batch.pk)
    context = {"form": form, "header_title": _("Import a roster")}
    return TemplateResponse(request, "beneficiaries/admin/import_form.html", context)


def batch_index(request: HttpRequest) -> HttpResponse:
    _require(request, "beneficiaries.view_importbatch")
    page = Paginator(selectors.batch_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "beneficiaries/admin/batch_index.html", {"page": page, "header_title": _("Import batches")}
    )


def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "beneficiaries.view_importbatch")
    batch = get_object_or_404(selectors.batch_list(user=request.user), pk=pk)
    if request.method == "POST" and request.POST.get("action") == "rollback":
        removed = services.batch_rollback(actor=request.user, batch=batch)  # type: ignore[arg-type]
        messages.success(request, _("The import was rolled back: %(n)d benefit records removed.") % {"n": removed})
        return redirect("beneficiaries_batch", pk=batch.pk)
    context = {
        "batch": batch,
        "errors": batch.errors[:SHOWN_ERRORS],
        "more_errors": max(len(batch.errors) - SHOWN_ERRORS, 0),
        "can_rollback": selectors.can_rollback(user=request.user, batch=batch),
        "header_title": _("Import batch %(n)d") % {"n": batch.pk},
    }
    return TemplateResponse(request, "beneficiaries/admin/batch_detail.html", context)


def batch_status(request: HttpRequest, pk: int) -> JsonResponse:
    _require(request, "beneficiaries.view_importbatch")
    batch = get_object_or_404(selectors.batch_list(user=request.user), pk=pk)
    return JsonResponse(
        {
            "status": batch.effective_status,
            "status_label": batch.effective_status_label,
            "rows_done": batch.rows_done,
            "rows_total": batch.rows_total,
            "percent": batch.percent,
            "finished": batch.effective_status != "running",
        }
    )


def batch_error_report(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "beneficiaries.view_importbatch")
    batch = get_object_or_404(selectors.batch_list(user=request.user), pk=pk)
    header, rows = services.batch_rejected_rows(batch)
    response = HttpResponse(
        error_report_bytes(header, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="rejected-rows-batch-{batch.pk}.xlsx"'
    return response
