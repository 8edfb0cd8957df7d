"""The one scoping function. Every selector in every app narrows its query through it.

* coordinator (and superuser): everything;
* town liaison: the town's subtree (the town and its villages);
* village staff: the village;
* department liaison: its own items' data across all towns, so it sees the whole
  area tree plus itself, and item-bound data is narrowed to items it leads;
* supervisor, or a user without a role: no unit data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db.models import Model, Q, QuerySet

from .choices import TOWN_KINDS, Role
from .models import Org

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Scope:
    """What one user may see. ``everything`` wins; otherwise ``paths`` are subtrees
    the user may see and ``department_id`` (for a department) narrows item-bound data."""

    everything: bool = False
    paths: tuple[str, ...] = ()
    department_id: int | None = None
    own_org_id: int | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and not self.paths and self.department_id is None

    def org_q(self, prefix: str = "") -> Q:
        """A Q over an Org relation (``prefix`` like ``"village__"``) that keeps visible orgs."""
        if self.everything:
            return Q()
        q = Q(pk__in=[])
        for path in self.paths:
            q |= Q(**{f"{prefix}path__startswith": path})
        if self.own_org_id is not None:
            q |= Q(**{f"{prefix}pk": self.own_org_id})
        return q

    def orgs(self) -> QuerySet[Org]:
        return Org.objects.filter(self.org_q())

    def filter(
        self, qs: QuerySet[M], *, org_field: str | None = None, department_field: str | None = None
    ) -> QuerySet[M]:
        """Narrow ``qs`` to this scope.

        ``org_field`` names the relation to the Org a row belongs to (a village, a
        town, the submitting unit); ``department_field`` names the relation to the
        department that owns the row's item. A department user sees rows of its own
        items wherever they are, and rows its own unit owns; an area user sees rows
        inside its subtree.
        """
        if self.everything:
            return qs
        if self.department_id is not None:
            cond = Q(pk__in=[])
            for field in (department_field, org_field):
                if field:
                    cond |= Q(**{field: self.department_id})
            return qs.filter(cond)
        if org_field is None or self.nothing:
            return qs.none()
        return qs.filter(self.org_q(f"{org_field}__"))

    def can_see_org(self, org: Org | None) -> bool:
        if org is None:
            return self.everything
        if self.everything:
            return True
        if self.own_org_id == org.pk:
            return True
        return any(org.path.startswith(p) for p in self.paths)


def scope_for(user: User | AnonymousUser | Any | None) -> Scope:
    """The orgs and data ``user`` may see. The only place the rules above live."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    user = cast("User", user)
    if user.is_superuser or user.role == Role.COORDINATOR:
        return Scope(everything=True)
    org: Org | None = user.org
    if org is None:
        return Scope()
    if user.role == Role.DEPARTMENT_LIAISON:
        towns = tuple(Org.objects.filter(kind__in=TOWN_KINDS).values_list("path", flat=True))
        return Scope(paths=towns, department_id=org.pk, own_org_id=org.pk)
    if user.role in (Role.TOWN_LIAISON, Role.VILLAGE_STAFF):
        return Scope(paths=(org.path,), own_org_id=org.pk)
    return Scope()
