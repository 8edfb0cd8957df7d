from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from minsheng.core.admin_menu import PermissionMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_disclosure_urls() -> list[Any]:
    return [
        path("disclosures/", admin_views.disclosure_index, name="disclosures_admin_index"),
        path("disclosures/new/", admin_views.disclosure_create, name="disclosures_admin_create"),
        path("disclosures/<int:pk>/", admin_views.disclosure_detail, name="disclosures_admin_detail"),
        path("disclosures/<int:pk>/edit/", admin_views.disclosure_edit, name="disclosures_admin_edit"),
        path("disclosures/<int:pk>/delete/", admin_views.disclosure_delete, name="disclosures_admin_delete"),
        path("disclosures/<int:pk>/sheet/<str:kind>/", admin_views.disclosure_sheet, name="disclosures_admin_sheet"),
        path("disclosures/objections/", admin_views.objection_index, name="disclosures_admin_objections"),
        path("disclosures/objections/<int:pk>/", admin_views.objection_detail, name="disclosures_admin_objection"),
    ]


@hooks.register("register_admin_menu_item")
def register_disclosures_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Disclosures"),
        reverse("disclosures_admin_index"),
        icon_name="list-ul",
        order=240,
        perm="disclosures.view_disclosure",
    )


@hooks.register("register_admin_menu_item")
def register_objections_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Objections"),
        reverse("disclosures_admin_objections"),
        icon_name="warning",
        order=241,
        perm="disclosures.view_objection",
    )
