"""Every read of the registry, always through ``scope_for``.

A benefit record is seen by the units that own it: the town (and village) it belongs to,
the department that leads its item, the office. A person is seen by whoever sees one of
their benefit records (a department sees the people of its items, with those records only).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from minsheng.core.crypto import get_cipher
from minsheng.core.idcard import IdNumberError
from minsheng.core.idcard import parse as parse_id
from minsheng.orgs.choices import AREA_KINDS, Role
from minsheng.orgs.models import Org
from minsheng.orgs.scoping import scope_for
from minsheng.projects.models import LivelihoodItem

from .choices import BatchStatus
from .models import Benefit, ImportBatch, Person


def benefit_list(*, user: Any) -> QuerySet[Benefit]:
    qs = Benefit.objects.select_related("item", "village", "person")
    return scope_for(user).filter(qs, org_field="village", department_field="item__lead_department")


def person_list(*, user: Any, query: str = "") -> QuerySet[Person]:
    visible = benefit_list(user=user).filter(person=OuterRef("pk"))
    qs = Person.objects.filter(Exists(visible)).select_related("village", "village__parent")
    query = (query or "").strip()
    if query:
        try:
            number = parse_id(query).number
        except IdNumberError:
            qs = qs.filter(name__contains="".join(query.split()))
        else:  # a full ID number: found through the blind index, never compared in clear
            qs = qs.filter(id_index=get_cipher().blind_index(number))
    return qs.order_by("village__path", "name", "pk")


def person_benefits(*, user: Any, person: Person) -> QuerySet[Benefit]:
    return benefit_list(user=user).filter(person=person).order_by("-year", "item__seq")


def batch_list(*, user: Any) -> QuerySet[ImportBatch]:
    qs = ImportBatch.objects.select_related("item", "org", "created_by")
    scope = scope_for(user)
    if scope.everything:
        return qs
    if scope.department_id is not None:
        return qs.filter(Q(item__lead_department_id=scope.department_id) | Q(created_by=user))
    return scope.filter(qs, org_field="org")


def importable_items(*, user: Any) -> QuerySet[LivelihoodItem]:
    qs = LivelihoodItem.objects.filter(city_has_task=True).order_by("-year", "seq")
    if not getattr(user, "is_authenticated", False) or not user.has_perm("beneficiaries.add_importbatch"):
        return qs.none()
    scope = scope_for(user)
    if scope.everything:
        return qs
    if scope.department_id is not None:
        return qs.filter(lead_department_id=scope.department_id)
    if user.role == Role.TOWN_LIAISON:
        return qs
    return qs.none()


def importable_orgs(*, user: Any) -> QuerySet[Org]:
    """Units a roster may be imported for: the city, towns and villages the user may see
    (a department: any, for its own items)."""
    scope = scope_for(user)
    qs = Org.objects.filter(kind__in=AREA_KINDS, is_active=True).order_by("path")
    if not getattr(user, "is_authenticated", False) or not user.has_perm("beneficiaries.add_importbatch"):
        return qs.none()
    if scope.everything or scope.department_id is not None:
        return qs
    return qs.filter(scope.org_q()) if scope.paths else qs.none()


def can_import(*, user: Any, item: LivelihoodItem, org: Org) -> bool:
    return (
        importable_items(user=user).filter(pk=item.pk).exists()
        and importable_orgs(user=user).filter(pk=org.pk).exists()
    )


def can_rollback(*, user: Any, batch: ImportBatch) -> bool:
    return batch.status == BatchStatus.SUCCEEDED and user.has_perm("beneficiaries.rollback_importbatch")
