"""Reads of orgs and users, always through the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .choices import TOWN_KINDS, VILLAGE_KINDS
from .models import Org, User
from .scoping import scope_for


def org_list(*, user: Any, kinds: tuple[str, ...] | None = None) -> QuerySet[Org]:
    qs = scope_for(user).orgs().select_related("parent")
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs


def town_list(*, user: Any) -> QuerySet[Org]:
    return org_list(user=user, kinds=TOWN_KINDS)


def village_list(*, user: Any, town: Org | None = None) -> QuerySet[Org]:
    qs = org_list(user=user, kinds=VILLAGE_KINDS)
    if town is not None:
        qs = qs.filter(path__startswith=town.path)
    return qs


def user_list(*, user: Any) -> QuerySet[User]:
    """Accounts a user may see: those whose unit lies in scope (supervisors: coordinator only)."""
    scope = scope_for(user)
    qs = User.objects.select_related("org")
    if scope.everything:
        return qs
    if scope.nothing:
        return qs.filter(pk=user.pk)
    if scope.department_id is not None:
        return qs.filter(org_id=scope.department_id)
    return qs.filter(scope.org_q("org__"))
