"""The audit listing: coordinators (view permission on audit events) read it; nobody edits it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AuditEvent


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
