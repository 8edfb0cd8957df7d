from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from minsheng.core.admin_menu import PermissionMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_callback_urls() -> list[Any]:
    return [
        path("callbacks/", views.task_index, name="callbacks_tasks"),
        path("callbacks/tasks/<int:pk>/", views.task_call, name="callbacks_call"),
        path("callbacks/campaigns/", views.campaign_index, name="callbacks_campaigns"),
        path("callbacks/campaigns/add/", views.campaign_create, name="callbacks_campaign_add"),
        path("callbacks/campaigns/<int:pk>/", views.campaign_detail, name="callbacks_campaign"),
        path("callbacks/campaigns/<int:pk>/metrics.xlsx", views.campaign_export, name="callbacks_campaign_export"),
        path("callbacks/corrections/", views.correction_index, name="callbacks_corrections"),
        path("callbacks/corrections/<int:pk>/", views.correction_decide, name="callbacks_correction_decide"),
    ]


@hooks.register("register_admin_menu_item")
def register_tasks_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("My callback tasks"),
        reverse("callbacks_tasks"),
        icon_name="mobile-alt",
        order=240,
        perm="callbacks.call_calltask",
    )


@hooks.register("register_admin_menu_item")
def register_campaigns_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Callback campaigns"),
        reverse("callbacks_campaigns"),
        icon_name="table",
        order=241,
        perm="callbacks.view_campaign",
    )


@hooks.register("register_admin_menu_item")
def register_corrections_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Callback corrections"),
        reverse("callbacks_corrections"),
        icon_name="edit",
        order=242,
        perm="callbacks.view_correctionrequest",
    )
