"""The audit listing: coordinators (view permission on audit events) read it; nobody edits it."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import AuditEvent
from .selectors import notice_list


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):  # type: ignore[misc]
    """Audit events are append-only: not even a superuser adds, edits or deletes them here."""

    def user_has_permission(self, user: object, action: str) -> bool:
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: list[str]):  # type: ignore[no-untyped-def]
        return super().users_with_any_permission([a for a in actions if a == "view"])


AUDIT_POLICY = ReadOnlyPermissionPolicy(AuditEvent)
register_permission_policy(AuditEvent, AUDIT_POLICY)


class AuditEventViewSet(ModelViewSet):  # type: ignore[misc]
    model = AuditEvent
    permission_policy = AUDIT_POLICY
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 950
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["created_at", "actor_label", "action", "target_type", "target_label", "org", "ip_address"]
    list_filter = ["action", "created_at"]
    list_export = [
        "created_at",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "org",
        "ip_address",
        "data",
    ]
    export_filename = "audit-events"
    search_fields = ["actor_label", "action", "target_label"]
    form_fields = ["action"]  # never editable: nobody is granted add/change
    list_per_page = 50


@hooks.register("register_admin_viewset")
def register_audit_viewset() -> AuditEventViewSet:
    return AuditEventViewSet("audit")


@hooks.register("register_admin_urls")
def register_notice_urls() -> list[Any]:
    return [
        path("notices/", admin_views.notice_index, name="minsheng_notices"),
        path("notices/<int:pk>/", admin_views.notice_open, name="minsheng_notice_open"),
        path("notices/read-all/", admin_views.notice_read_all, name="minsheng_notices_read_all"),
    ]


class NoticeMenuItem(MenuItem):  # type: ignore[misc]
    """消息通知, with the number of unread notices."""

    def render_component(self, request: Any) -> Any:
        component = super().render_component(request)
        unread = notice_list(user=request.user, unread_only=True).count()
        if unread:
            component.label = gettext("%(label)s (%(count)d)") % {"label": self.label, "count": unread}
        return component


@hooks.register("register_admin_menu_item")
def register_notice_menu_item() -> MenuItem:
    return NoticeMenuItem(_("Notices"), reverse("minsheng_notices"), icon_name="mail", order=10)
