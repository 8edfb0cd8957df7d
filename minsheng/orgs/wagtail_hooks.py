from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, SetActiveStateBulkAction

from .forms import ExtraGroupForm
from .models import Org, User
from .selectors import can_manage_user
from .services import users_set_active
from .views import OrgCreateView, OrgEditView, OrgIndexView


class OrgViewSet(ModelViewSet):  # type: ignore[misc]
    model = Org
    icon = "site"
    menu_label = _("Units")
    menu_order = 900
    add_to_admin_menu = True
    index_view_class = OrgIndexView
    add_view_class = OrgCreateView
    edit_view_class = OrgEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "short_name"]
    form_fields = ["code", "name", "short_name", "kind", "parent", "is_active"]
    list_per_page = 50


@hooks.register("register_admin_viewset")
def register_org_viewset() -> OrgViewSet:
    return OrgViewSet("orgs")


# The users listing's bulk actions, replacing Wagtail's (same action type, registered after them).


class ExtraGroupBulkAction(AssignRoleBulkAction):  # type: ignore[misc]
    """Wagtail's bulk "assign role" puts users in any group. Groups follow the role here, so
    only a superuser may use it, and only for groups beyond the role groups."""

    form_class = ExtraGroupForm

    def check_perm(self, obj: User) -> bool:
        return bool(self.request.user.is_superuser)


class ActiveStateBulkAction(SetActiveStateBulkAction):  # type: ignore[misc]
    """Wagtail's bulk (de)activation, through ``users_set_active`` (audited), and never on a
    superuser's account by someone who is not one."""

    def check_perm(self, obj: User) -> bool:
        return bool(super().check_perm(obj)) and can_manage_user(user=self.request.user, target=obj)

    @classmethod
    def execute_action(
        cls, objects: list[User], mark_as_active: bool = False, user: Any = None, **kwargs: Any
    ) -> tuple[int, int]:
        return users_set_active(actor=user, users=objects, active=mark_as_active), 0


hooks.register("register_bulk_action", ExtraGroupBulkAction, order=1)
hooks.register("register_bulk_action", ActiveStateBulkAction, order=1)
