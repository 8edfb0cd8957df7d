"""Every read of callbacks, always through ``scope_for``.

Callers see the tasks assigned to their unit's subtree (a village's staff: their village's
tasks only); metrics and corrections are seen by whoever sees the record's village (or,
for a department, the records of its items).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from minsheng.orgs.models import Org, User
from minsheng.orgs.scoping import scope_for
from minsheng.projects.models import LivelihoodItem

from . import metrics
from .choices import CorrectionStatus, Reached, RoundKind, Satisfaction, TaskStatus
from .models import CallTask, Campaign, CorrectionRequest

# group → (the task's field, how a key is labelled)
GROUPS: dict[str, str] = {
    "item": "item_id",
    "town": "town_id",
    "village": "village_id",
    "caller": "caller_id",
    "unit": "assigned_org_id",
}


def call_tasks(*, user: Any) -> QuerySet[CallTask]:
    """The tasks ``user`` may call: those assigned to a unit in their subtree."""
    qs = CallTask.objects.select_related("campaign", "person", "item", "village", "town", "benefit")
    return scope_for(user).filter(qs, org_field="assigned_org")


def open_call_tasks(*, user: Any, campaign: Campaign | None = None) -> QuerySet[CallTask]:
    qs = call_tasks(user=user).filter(status__in=[TaskStatus.PENDING, TaskStatus.RETRY, TaskStatus.HOME_VISIT])
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.order_by("status", "village__path", "id")


def visible_tasks(*, user: Any) -> QuerySet[CallTask]:
    """Tasks whose records ``user`` may see (for metrics)."""
    return scope_for(user).filter(CallTask.objects.all(), org_field="village", department_field="item__lead_department")


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    scope = scope_for(user)
    if scope.everything:
        return Campaign.objects.all()
    tasks = visible_tasks(user=user).filter(campaign=OuterRef("pk"))
    owned = scope.filter(Campaign.objects.all(), org_field="owner").values("pk")
    return Campaign.objects.filter(Q(Exists(tasks)) | Q(pk__in=owned))


def _aggregates() -> dict[str, Any]:
    valid = Q(reached=Reached.REACHED, identity_confirmed=True)
    info = Q(address_ok=True, id_ok=True, phone_ok=True, item_ok=True, amount_ok=True)
    return {
        "n_tasks": Count("id"),
        "n_attempted": Count("id", filter=Q(attempts__gt=0)),
        "n_reached": Count("id", filter=Q(reached=Reached.REACHED)),
        "n_valid": Count("id", filter=valid),
        "n_knows": Count("id", filter=valid & Q(knows=True)),
        "n_satisfied": Count("id", filter=valid & Q(satisfaction=Satisfaction.SATISFIED)),
        "n_basic": Count("id", filter=valid & Q(satisfaction=Satisfaction.BASIC)),
        "n_unsatisfied": Count("id", filter=valid & Q(satisfaction=Satisfaction.UNSATISFIED)),
        "n_info_ok": Count("id", filter=valid & info),
        "n_done": Count("id", filter=Q(status=TaskStatus.DONE)),
    }


def _counts(row: dict[str, Any]) -> metrics.Counts:
    return metrics.Counts(**{k: row[f"n_{k}"] or 0 for k in metrics.Counts.__dataclass_fields__})


def _labels(by: str, keys: list[Any]) -> dict[Any, str]:
    """Names of the group keys, in one small query (the aggregate itself joins nothing)."""
    ids = [k for k in keys if k is not None]
    if by == "item":
        return {
            pk: f"{code} {name}"
            for pk, code, name in LivelihoodItem.objects.filter(pk__in=ids).values_list("pk", "code", "name")
        }
    if by == "caller":
        users = User.objects.filter(pk__in=ids).values_list("pk", "full_name", "username")
        return {pk: full or user for pk, full, user in users}
    if by == "village":
        villages = Org.objects.filter(pk__in=ids).values_list("pk", "parent__name", "name")
        return {pk: f"{town} {name}" for pk, town, name in villages}
    return dict(Org.objects.filter(pk__in=ids).values_list("pk", "name"))


def aggregate(qs: QuerySet[CallTask], by: str | None = None) -> list[dict[str, Any]]:
    """The counts (and rates) of ``qs``, overall or per group: one SQL aggregate with
    conditional counts, grouped by one integer column, plus one query for the labels."""
    if by is None:
        counts = _counts(qs.aggregate(**_aggregates()))
        return [{"key": None, "label": "", "counts": counts, "rates": metrics.rates(counts)}]
    field = GROUPS[by]
    rows = list(qs.order_by().values(field).annotate(**_aggregates()))
    labels = _labels(by, [row[field] for row in rows])
    out = []
    for row in rows:
        counts = _counts(row)
        label = labels.get(row[field], "")
        out.append({"key": row[field], "label": label, "counts": counts, "rates": metrics.rates(counts)})
    out.sort(key=lambda r: (r["label"] == "", r["label"]))
    return out


def campaign_metrics(*, user: Any, campaign: Campaign, by: str | None = None) -> list[dict[str, Any]]:
    return aggregate(visible_tasks(user=user).filter(campaign=campaign), by)


def round_comparison(*, user: Any, campaign: Campaign, threshold: float = 10.0) -> list[dict[str, Any]]:
    """Per town: the towns' own rounds (same year, same items) against this city re-check."""
    town_qs = visible_tasks(user=user).filter(
        campaign__round=RoundKind.TOWN, campaign__year=campaign.year, item__in=campaign.items.all()
    )
    town_rows = {r["key"]: r for r in aggregate(town_qs, "town")}
    out = []
    for city in campaign_metrics(user=user, campaign=campaign, by="town"):
        own = town_rows.get(city["key"])
        flag = bool(own) and metrics.gap_flag(own["rates"], city["rates"], threshold)  # type: ignore[index]
        out.append({"label": city["label"], "town": own, "city": city, "flag": flag})
    return out


def corrections(*, user: Any, status: str | None = None) -> QuerySet[CorrectionRequest]:
    qs = CorrectionRequest.objects.select_related("person", "village", "item", "task", "task__campaign")
    qs = scope_for(user).filter(qs, org_field="village", department_field="item__lead_department")
    if status:
        qs = qs.filter(status=status)
    return qs


def open_corrections(*, user: Any) -> QuerySet[CorrectionRequest]:
    return corrections(user=user, status=CorrectionStatus.OPEN)
