from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from minsheng.core.admin_labels import YesNoColumn, field_label
from minsheng.core.admin_menu import PermissionMenuItem
from minsheng.core.selectors import notice_list

from . import admin_views, selectors
from .models import LivelihoodItem, ProgressReport


class ItemViewSet(ModelViewSet):  # type: ignore[misc]
    model = LivelihoodItem
    icon = "list-ul"
    menu_label = _("Livelihood items")
    menu_order = 200
    add_to_admin_menu = True
    index_view_class = admin_views.ItemIndexView
    add_view_class = admin_views.ItemCreateView
    edit_view_class = admin_views.ItemEditView
    copy_view_enabled = False
    list_display = [
        "code",
        "name",
        "category",
        "lead_department",
        "status",
        YesNoColumn("city_has_task", label=field_label(LivelihoodItem, "city_has_task"), sort_key="city_has_task"),
    ]
    list_filter = ["year", "status", "category", "city_has_task"]
    list_export = ["code", "name", "category", "status", "lead_department", "city_has_task", "consultation_phone"]
    export_filename = "livelihood-items"
    search_fields = ["name", "code", "category"]
    list_per_page = 50


class ReviewLinkColumn(Column):  # type: ignore[misc]
    def get_value(self, instance: ProgressReport) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("progress_review", args=[instance.pk]), _("Open"))


class ReportViewSet(ModelViewSet):  # type: ignore[misc]
    model = ProgressReport
    icon = "doc-full"
    menu_label = _("Progress reports")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = admin_views.ReportIndexView
    add_view_class = admin_views.ReportCreateView
    edit_view_class = admin_views.ReportEditView
    copy_view_enabled = False
    list_display = ["item", "period", "town", "status", "submitted_at", ReviewLinkColumn("review", label=_("Review"))]
    list_filter = ["status", "period"]
    search_fields = ["item__name", "item__code"]
    list_per_page = 50


@hooks.register("register_admin_viewset")
def register_item_viewset() -> ItemViewSet:
    return ItemViewSet("items")


@hooks.register("register_admin_viewset")
def register_report_viewset() -> ReportViewSet:
    return ReportViewSet("progress")


@hooks.register("register_admin_urls")
def register_progress_urls() -> list[Any]:
    return [
        path("progress/<int:pk>/review/", admin_views.report_review, name="progress_review"),
        path("progress/late/", admin_views.late_report_list, name="progress_late"),
    ]


@hooks.register("register_admin_menu_item")
def register_late_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Late reports"), reverse("progress_late"), icon_name="warning", order=215, perm="projects.view_progressreport"
    )


class DashboardPanel(Component):  # type: ignore[misc]
    name = "minsheng_dashboard"
    template_name = "projects/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        request = parent_context["request"]
        late = selectors.late_reports(user=request.user)
        return {
            "late": late[:10],
            "late_count": len(late),
            "notices": list(notice_list(user=request.user, unread_only=True)[:10]),
            "request": request,
        }


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request: Any, panels: list[Any]) -> None:
    panels.insert(0, DashboardPanel())
