from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Org
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
