"""Reads of orgs and users, always through the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When

from .choices import TOWN_KINDS, VILLAGE_KINDS, OrgKind
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


def can_manage_user(*, user: Any, target: User) -> bool:
    """Whether ``user`` may edit ``target`` in the admin: only a superuser touches a superuser's
    account (whether ``user`` manages accounts at all is the ``orgs.change_user`` permission)."""
    return bool(getattr(user, "is_superuser", False)) or not target.is_superuser


def user_manageable_list(*, user: Any) -> QuerySet[User]:
    """Accounts ``user`` may open for editing: those it sees, less superusers unless it is one."""
    qs = user_list(user=user)
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(is_superuser=False)
    return qs


def unit_choices(*, user: Any, current: Org | None = None) -> QuerySet[Org]:
    """Units an account can be put in, in the order people look for them: the city and the
    office, the departments, then each town followed by its villages (``current`` is kept
    even if it was deactivated since)."""
    active = Q(is_active=True) | Q(pk=current.pk) if current is not None else Q(is_active=True)
    rank = Case(
        When(kind=OrgKind.CITY, then=Value(0)),
        When(kind=OrgKind.COORDINATOR, then=Value(1)),
        When(kind=OrgKind.DEPARTMENT, then=Value(2)),
        default=Value(3),
    )
    return scope_for(user).orgs().filter(active).annotate(rank=rank).order_by("rank", "path")
