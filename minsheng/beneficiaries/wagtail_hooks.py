from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from minsheng.core.admin_menu import PermissionMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_beneficiary_urls() -> list[Any]:
    return [
        path("beneficiaries/", admin_views.person_index, name="beneficiaries_index"),
        path("beneficiaries/<int:pk>/", admin_views.person_detail, name="beneficiaries_person"),
        path("beneficiaries/import/", admin_views.import_upload, name="beneficiaries_import"),
        path("beneficiaries/batches/", admin_views.batch_index, name="beneficiaries_batches"),
        path("beneficiaries/batches/<int:pk>/", admin_views.batch_detail, name="beneficiaries_batch"),
        path("beneficiaries/batches/<int:pk>/status/", admin_views.batch_status, name="beneficiaries_batch_status"),
        path(
            "beneficiaries/batches/<int:pk>/errors.xlsx",
            admin_views.batch_error_report,
            name="beneficiaries_batch_errors",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_people_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Beneficiaries"),
        reverse("beneficiaries_index"),
        icon_name="group",
        order=230,
        perm="beneficiaries.view_person",
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Roster imports"),
        reverse("beneficiaries_batches"),
        icon_name="upload",
        order=235,
        perm="beneficiaries.view_importbatch",
    )
