"""Back-office views for items and progress reports: Wagtail's generic views wired to our
scoped selectors and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic

from minsheng.orgs.scoping import scope_for

from . import selectors, services
from .models import LivelihoodItem, ProgressReport


class ItemIndexView(generic.IndexView):  # type: ignore[misc]
    def get_base_queryset(self) -> QuerySet[LivelihoodItem]:
        return selectors.item_list_for_editing(user=self.request.user)


class ItemCreateView(generic.CreateView):  # type: ignore[misc]
    def save_instance(self) -> LivelihoodItem:
        return services.item_save(actor=self.request.user, item=self.form.save(commit=False))


class ItemEditView(generic.EditView):  # type: ignore[misc]
    def get_object(self, queryset: Any = None) -> LivelihoodItem:
        return get_object_or_404(selectors.item_list_for_editing(user=self.request.user), pk=self.kwargs["pk"])

    def save_instance(self) -> LivelihoodItem:
        return services.item_save(actor=self.request.user, item=self.form.save(commit=False))


class ReportIndexView(generic.IndexView):  # type: ignore[misc]
    def get_base_queryset(self) -> QuerySet[ProgressReport]:
        return selectors.report_list(user=self.request.user)


def _limit_items(form: Any, user: Any) -> None:
    if "item" in form.fields:
        form.fields["item"].queryset = selectors.item_list_for_editing(user=user).filter(city_has_task=True)


class ReportCreateView(generic.CreateView):  # type: ignore[misc]
    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        _limit_items(form, self.request.user)
        return form

    def save_instance(self) -> ProgressReport:
        return _save_report(self)


class ReportEditView(generic.EditView):  # type: ignore[misc]
    def get_object(self, queryset: Any = None) -> ProgressReport:
        report = get_object_or_404(selectors.report_list(user=self.request.user), pk=self.kwargs["pk"])
        if not report.editable:
            raise PermissionDenied(_("A submitted or confirmed report cannot be changed."))
        return report

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        _limit_items(form, self.request.user)
        return form

    def save_instance(self) -> ProgressReport:
        return _save_report(self)


def _save_report(view: Any) -> ProgressReport:
    report: ProgressReport = view.form.save(commit=False)
    try:
        return services.report_save(actor=view.request.user, report=report)
    except ValidationError as exc:
        raise PermissionDenied("; ".join(exc.messages)) from exc


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reason for return"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    """One report: its figures, and the actions the user may take (submit; confirm or return)."""
    report = get_object_or_404(
        selectors.report_list(user=request.user).prefetch_related("values__target", "photos__image"), pk=pk
    )
    is_coordinator = scope_for(request.user).everything
    can_edit = report.editable and (
        is_coordinator or scope_for(request.user).department_id == report.item.lead_department_id
    )
    return_form = ReturnForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit" and can_edit:
                services.report_submit(actor=request.user, report=report)  # type: ignore[arg-type]
                messages.success(request, _("The report was submitted to the livelihood office."))
            elif action == "confirm" and is_coordinator:
                services.report_confirm(actor=request.user, report=report)  # type: ignore[arg-type]
                messages.success(request, _("The report was confirmed."))
            elif action == "return" and is_coordinator:
                if not return_form.is_valid():
                    raise ValidationError(_("Say why the report is returned."))
                services.report_return(actor=request.user, report=report, reason=return_form.cleaned_data["reason"])  # type: ignore[arg-type]
                messages.success(request, _("The report was returned to the department."))
            else:
                raise PermissionDenied
            return redirect("progress_review", pk=report.pk)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    context = {
        "report": report,
        "values": list(report.values.all()),
        "photos": list(report.photos.all()),
        "is_coordinator": is_coordinator,
        "can_edit": can_edit,
        "submitted_late": selectors.is_submitted_late(report),
        "return_form": return_form,
        "header_title": str(report),
    }
    return TemplateResponse(request, "projects/admin/report_review.html", context)


def late_report_list(request: HttpRequest) -> HttpResponse:
    context = {"late": selectors.late_reports(user=request.user), "header_title": _("Late progress reports")}
    return TemplateResponse(request, "projects/admin/late_reports.html", context)
