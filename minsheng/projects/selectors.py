from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from minsheng.orgs.scoping import scope_for

from .models import LivelihoodItem


def public_item_list(*, year: int | None = None) -> QuerySet[LivelihoodItem]:
    """Items anyone may read on the portal."""
    qs = LivelihoodItem.objects.select_related("lead_department")
    if year is not None:
        qs = qs.filter(year=year)
    return qs


def item_list_for_editing(*, user: Any) -> QuerySet[LivelihoodItem]:
    """Items a back-office user may edit: all for the coordinator, its own for a department."""
    scope = scope_for(user)
    qs = LivelihoodItem.objects.select_related("lead_department")
    if scope.everything:
        return qs
    if scope.department_id is None:
        return qs.none()
    return qs.filter(lead_department_id=scope.department_id)
