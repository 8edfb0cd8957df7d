from __future__ import annotations

from typing import Any

from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from minsheng.core.admin_labels import YesNoColumn, field_label
from minsheng.core.admin_menu import PermissionMenuItem

from . import admin_views, selectors, services
from .choices import PlacementStatus
from .models import ExternalPlacement, Penalty, PointRule, PointScheme, Quota, Submission


class OpenColumn(Column):  # type: ignore[misc]
    def get_value(self, instance: Submission) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("submission_review", args=[instance.pk]), _("Open"))


class WaitingColumn(Column):  # type: ignore[misc]
    def get_value(self, instance: Submission) -> Any:
        days = instance.waiting_days
        return "" if days is None else days


class SubmissionViewSet(SnippetViewSet):  # type: ignore[misc]
    model = Submission
    icon = "mail"
    menu_label = _("Submissions")
    menu_name = "submissions"
    menu_order = 220
    add_to_admin_menu = True
    index_view_class = admin_views.SubmissionIndexView
    add_view_class = admin_views.SubmissionCreateView
    edit_view_class = admin_views.SubmissionEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["title", "unit", "column", "status", "round", "summary", "author", "placement", "level"]
    list_display = [
        "title",
        "unit",
        "column",
        "status",
        WaitingColumn("waiting", label=_("Days waiting")),
        "updated_at",
        OpenColumn("open", label=_("Review")),
    ]
    list_filter = ["status", "column"]
    search_fields = ["title", "summary"]
    list_per_page = 50


# Every other view of one submission goes through the scoped selector too (404 otherwise).
for _attr in (
    "delete_view_class",
    "usage_view_class",
    "history_view_class",
    "inspect_view_class",
    "revisions_view_class",
    "revisions_compare_view_class",
    "revisions_unschedule_view_class",
    "unpublish_view_class",
    "preview_on_edit_view_class",
    "lock_view_class",
    "unlock_view_class",
    "workflow_action_view_class",
    "collect_workflow_action_data_view_class",
    "confirm_workflow_cancellation_view_class",
    "workflow_preview_view_class",
    "workflow_history_view_class",
    "workflow_history_detail_view_class",
):
    _base = getattr(SnippetViewSet, _attr)
    setattr(SubmissionViewSet, _attr, type(f"Scoped{_base.__name__}", (admin_views.ScopedSubmissionMixin, _base), {}))

register_snippet(SubmissionViewSet)


class PlacementStatusColumn(Column):  # type: ignore[misc]
    """待确认 / 已确认 / 不予确认, with the reason of a rejection."""

    def get_value(self, instance: ExternalPlacement) -> Any:
        label = instance.get_status_display()
        if instance.status == PlacementStatus.REJECTED and instance.rejection_reason:
            return format_html("{}<br><small>{}</small>", label, instance.rejection_reason)
        return label


class PlacementDecisionColumn(BaseColumn):  # type: ignore[misc]
    """The office's confirm button and reject link on each pending placement (the index
    view drops the column for everyone else)."""

    cell_template_name = "submissions/admin/placement_decision_cell.html"

    def get_cell_context_data(self, instance: ExternalPlacement, parent_context: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        user = getattr(request, "user", None)
        pending = instance.status == PlacementStatus.PENDING
        context["can_decide"] = request is not None and pending and services.can_decide_placement(user, instance)
        if context["can_decide"]:
            assert request is not None
            url = reverse("placement_confirm", args=[instance.pk])
            here = request.get_full_path()
            context.update(
                confirm_url=url,
                reject_url=f"{url}?{urlencode({'next': here})}",
                next=here,
                csrf_token=get_token(request),
            )
        return context


class PlacementViewSet(ModelViewSet):  # type: ignore[misc]
    """External placements; the form is the model's panels (the unit field the office's only)."""

    model = ExternalPlacement
    icon = "link-external"
    menu_label = _("External placements")
    menu_order = 10
    index_view_class = admin_views.PlacementIndexView
    add_view_class = admin_views.PlacementCreateView
    edit_view_class = admin_views.PlacementEditView
    copy_view_enabled = False
    list_display = [
        "title",
        "unit",
        "outlet",
        "level",
        "placement",
        "date",
        YesNoColumn(
            "leader_instruction",
            label=field_label(ExternalPlacement, "leader_instruction"),
            sort_key="leader_instruction",
        ),
        PlacementStatusColumn("status", label=_("status")),
        PlacementDecisionColumn(admin_views.DECISION_COLUMN, label=_("Confirmation")),
    ]
    list_filter = ["status", "level", "outlet"]
    search_fields = ["title", "outlet_name"]


def _scoring_viewset(model_: Any, name: str, label: Any, fields: list[str], order: int) -> ModelViewSet:
    class ScoringViewSet(ModelViewSet):  # type: ignore[misc]
        model = model_
        icon = "tasks"
        menu_label = label
        menu_order = order
        add_view_class = admin_views.ScoringCreateView
        edit_view_class = admin_views.ScoringEditView
        copy_view_enabled = False
        list_display = fields
        form_fields = fields

    return ScoringViewSet(name)


class SubmissionToolsGroup(ViewSetGroup):  # type: ignore[misc]
    menu_label = _("Placements and points")
    menu_icon = "tasks"
    menu_order = 225

    def __init__(self) -> None:
        self.items = (
            PlacementViewSet("placements"),
            _scoring_viewset(
                PointScheme,
                "point_schemes",
                _("Point schemes"),
                ["year", "headline_multiplier", "leader_instruction_bonus", "quota_penalty_factor"],
                20,
            ),
            _scoring_viewset(PointRule, "point_rules", _("Point rules"), ["year", "level", "kind", "points"], 30),
            _scoring_viewset(Quota, "quotas", _("Quotas"), ["year", "unit", "unit_group", "period", "required"], 40),
            _scoring_viewset(
                Penalty, "penalties", _("Penalties"), ["unit", "date", "points", "reason", "submission"], 50
            ),
        )
        super().__init__()


@hooks.register("register_admin_viewset")
def register_tools() -> SubmissionToolsGroup:
    return SubmissionToolsGroup()


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("submission-review/<int:pk>/", admin_views.submission_review, name="submission_review"),
        path("submission-queue/", admin_views.submission_queue, name="submission_queue"),
        path("submission-rankings/", admin_views.rankings, name="submission_rankings"),
        path("placements/<int:pk>/confirm/", admin_views.placement_confirm, name="placement_confirm"),
    ]


class ReviewerMenuItem(MenuItem):  # type: ignore[misc]
    def is_shown(self, request: Any) -> bool:
        return services.is_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item() -> MenuItem:
    return ReviewerMenuItem(_("Review queue"), reverse("submission_queue"), icon_name="tasks", order=221)


@hooks.register("register_admin_menu_item")
def register_rankings_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Submission rankings"),
        reverse("submission_rankings"),
        icon_name="list-ol",
        order=222,
        perm="submissions.view_submission",
    )


class QueuePanel(Component):  # type: ignore[misc]
    name = "submission_queue"
    template_name = "submissions/admin/queue_panel.html"
    order = 60

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        request = parent_context["request"]
        queue = selectors.review_queue(user=request.user)
        return {"queue": list(queue[:8]), "count": queue.count(), "request": request}


@hooks.register("construct_homepage_panels")
def add_queue_panel(request: Any, panels: list[Any]) -> None:
    if services.is_reviewer(request.user):
        panels.append(QueuePanel())
