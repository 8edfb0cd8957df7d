"""Reads of the catalogue: public lists and pages, progress roll-ups, late reports, and the
back office's scoped lists."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from minsheng.orgs.scoping import scope_for

from . import rollup
from .choices import ReportStatus, Weighting
from .models import (
    HighlightPage,
    ItemTarget,
    LivelihoodItem,
    Milestone,
    ProgressReport,
    ProgressSettings,
    ProgressValue,
)

# --- Public ---------------------------------------------------------------------------------


def item_years() -> list[int]:
    return list(
        LivelihoodItem.objects.filter(is_public=True).values_list("year", flat=True).distinct().order_by("-year")
    )


def current_year() -> int | None:
    years = item_years()
    today = timezone.localdate().year
    return today if today in years else (years[0] if years else None)


def public_item_list(
    *, year: int | None = None, category: str = "", department_code: str = "", city_only: bool = False
) -> QuerySet[LivelihoodItem]:
    """Items anyone may read on the portal, in catalogue order."""
    qs = LivelihoodItem.objects.filter(is_public=True).select_related("lead_department").order_by("year", "seq")
    if year is not None:
        qs = qs.filter(year=year)
    if category:
        qs = qs.filter(category=category)
    if department_code:
        qs = qs.filter(Q(lead_department__code=department_code) | Q(co_departments__code=department_code)).distinct()
    if city_only:
        qs = qs.filter(city_has_task=True)
    return qs


def public_item(*, code: str) -> LivelihoodItem | None:
    return (
        LivelihoodItem.objects.filter(is_public=True, code=code)
        .select_related("lead_department", "cover_image")
        .prefetch_related("co_departments", "steps", "faqs", "targets", "milestones")
        .first()
    )


def item_filter_choices(*, year: int | None) -> dict[str, list[Any]]:
    qs = public_item_list(year=year)
    categories = sorted({c for c in qs.values_list("category", flat=True) if c})
    departments = sorted(
        {(i.lead_department.code, i.lead_department.display_name) for i in qs},
        key=lambda pair: pair[0],
    )
    return {"categories": categories, "departments": departments}


# --- Progress roll-up -----------------------------------------------------------------------


@dataclass
class TargetProgress:
    target: ItemTarget
    value: Decimal
    percent: Decimal


@dataclass
class ItemProgress:
    item: LivelihoodItem
    targets: list[TargetProgress] = field(default_factory=list)
    percent: Decimal | None = None
    investment_wan: Decimal | None = None
    beneficiaries: int | None = None
    last_period: date | None = None


def progress_settings() -> ProgressSettings:
    return ProgressSettings.load()


def item_progress(items: Iterable[LivelihoodItem]) -> dict[int, ItemProgress]:
    """Progress of each item from confirmed reports, in three queries for any number of items."""
    items = list(items)
    ids = [i.pk for i in items]
    conf = progress_settings()
    use_target_weights = conf.target_weighting == Weighting.WEIGHTED
    targets: dict[int, list[ItemTarget]] = defaultdict(list)
    for t in ItemTarget.objects.filter(item_id__in=ids).order_by("sort_order", "pk"):
        targets[t.item_id].append(t)
    values: dict[int, list[rollup.ConfirmedValue]] = defaultdict(list)
    for v in ProgressValue.objects.filter(report__item_id__in=ids, report__status=ReportStatus.CONFIRMED).values(
        "report__item_id", "target_id", "report__period", "report__town_id", "value"
    ):
        values[v["report__item_id"]].append(
            rollup.ConfirmedValue(v["target_id"], v["report__period"], v["report__town_id"], v["value"])
        )
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    for r in ProgressReport.objects.filter(item_id__in=ids, status=ReportStatus.CONFIRMED).order_by("period"):
        reports[r.item_id].append(r)

    result: dict[int, ItemProgress] = {}
    for item in items:
        reached = rollup.target_values(values[item.pk], by_town=item.reports_by_town)
        progress = ItemProgress(item=item)
        parts = []
        for t in targets[item.pk]:
            share = rollup.ratio(reached.get(t.pk), t.quantity)
            progress.targets.append(
                TargetProgress(
                    target=t, value=reached.get(t.pk, Decimal(0)), percent=rollup.as_percent(share) or Decimal(0)
                )
            )
            parts.append((share, t.weight))
        progress.percent = rollup.as_percent(rollup.weighted_mean(parts, use_weights=use_target_weights))
        progress.investment_wan, progress.beneficiaries, progress.last_period = _latest_figures(item, reports[item.pk])
        result[item.pk] = progress
    return result


def _latest_figures(
    item: LivelihoodItem, reports: list[ProgressReport]
) -> tuple[Decimal | None, int | None, date | None]:
    """Investment and beneficiaries to date: the latest city report, or the sum of each town's latest."""
    if not reports:
        return None, None, None
    relevant = [r for r in reports if (r.town_id is not None) == item.reports_by_town]
    if not relevant:
        return None, None, None
    latest: dict[int | None, ProgressReport] = {}
    for r in relevant:  # ordered by period
        latest[r.town_id] = r
    inv = [r.investment_wan for r in latest.values() if r.investment_wan is not None]
    ben = [r.beneficiaries for r in latest.values() if r.beneficiaries is not None]
    return (
        sum(inv, Decimal(0)) if inv else None,
        sum(ben) if ben else None,
        max(r.period for r in latest.values()),
    )


def overall_percent(progress: dict[int, ItemProgress]) -> Decimal | None:
    conf = progress_settings()
    use_weights = conf.item_weighting == Weighting.WEIGHTED
    parts = [(p.percent / 100, p.item.weight) for p in progress.values() if p.percent is not None]
    return rollup.as_percent(rollup.weighted_mean(parts, use_weights=use_weights))


# --- Timeline, related content ------------------------------------------------------------


@dataclass
class TimelineEntry:
    day: date
    kind: str  # "milestone" | "report"
    title: str
    text: str = ""
    done: bool = True
    photos: list[Any] = field(default_factory=list)


def item_timeline(*, item: LivelihoodItem) -> list[TimelineEntry]:
    """Milestones and confirmed city-wide (or town) reports, newest first."""
    entries: list[TimelineEntry] = []
    for m in Milestone.objects.filter(item=item):
        entries.append(
            TimelineEntry(
                day=m.achieved_on or m.planned_on,
                kind="milestone",
                title=m.title,
                text=m.description,
                done=m.achieved_on is not None,
            )
        )
    for r in (
        ProgressReport.objects.filter(item=item, status=ReportStatus.CONFIRMED)
        .select_related("town")
        .prefetch_related("photos__image")
        .order_by("-period")
    ):
        last_day = r.period.replace(day=calendar.monthrange(r.period.year, r.period.month)[1])
        title = f"{r.period:%Y-%m}" + (f" {r.town.name}" if r.town_id and r.town else "")
        entries.append(
            TimelineEntry(day=last_day, kind="report", title=title, text=r.narrative, photos=list(r.photos.all()))
        )
    entries.sort(key=lambda e: e.day, reverse=True)
    return entries


def related_pieces(*, item: LivelihoodItem, limit: int = 6) -> list[Any]:
    """Live portal pieces tagged with the item, newest first."""
    from minsheng.portal.models import ArticlePage, PhotoStoryPage, VideoPage

    pieces: list[Any] = []
    for model in (ArticlePage, PhotoStoryPage, VideoPage):
        pieces.extend(model.objects.live().public().filter(related_items=item).order_by("-date")[:limit])
    pieces.sort(key=lambda p: p.date, reverse=True)
    return pieces[:limit]


def highlight_list(*, parent: Any = None, item: LivelihoodItem | None = None) -> QuerySet[HighlightPage]:
    qs = HighlightPage.objects.live().public().order_by("-date", "-pk")
    if parent is not None:
        qs = qs.child_of(parent)
    if item is not None:
        qs = qs.filter(related_items=item)
    return qs


# --- Back office ----------------------------------------------------------------------------


def item_list_for_editing(*, user: Any) -> QuerySet[LivelihoodItem]:
    """Items a back-office user may edit: all for the coordinator, its own for a department."""
    scope = scope_for(user)
    qs = LivelihoodItem.objects.select_related("lead_department")
    if scope.everything:
        return qs
    if scope.department_id is None:
        return qs.none()
    return qs.filter(lead_department_id=scope.department_id)


def report_list(*, user: Any) -> QuerySet[ProgressReport]:
    """Reports a user may see: the coordinator all, a department those of its items,
    a town those about itself."""
    qs = ProgressReport.objects.select_related("item", "item__lead_department", "town", "submitted_by", "reviewed_by")
    return scope_for(user).filter(qs, org_field="town", department_field="item__lead_department")


def reference_date() -> date:
    conf = progress_settings()
    return conf.reference_date or timezone.localdate()


def report_deadline(period: date, *, due_day: int) -> date:
    """A month's report is due by ``due_day`` of the next month."""
    year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
    return date(year, month, min(due_day, 28))


@dataclass(frozen=True)
class LateReport:
    item: LivelihoodItem
    period: date
    deadline: date
    days_late: int


def late_reports(*, user: Any, today: date | None = None) -> list[LateReport]:
    """Late reports of the items the user may edit."""
    return late_reports_of(items=item_list_for_editing(user=user), today=today)


def late_reports_of(*, items: QuerySet[LivelihoodItem], today: date | None = None) -> list[LateReport]:
    """Months whose report was not submitted by the deadline (the city's items only: items
    the city has no task in report nothing)."""
    today = today or reference_date()
    due_day = progress_settings().report_due_day
    candidates = list(items.filter(city_has_task=True, year__lte=today.year))
    submitted = set(
        ProgressReport.objects.filter(item__in=candidates, submitted_at__isnull=False).values_list("item_id", "period")
    )
    late: list[LateReport] = []
    for item in candidates:
        for month in range(1, 13):
            period = date(item.year, month, 1)
            deadline = report_deadline(period, due_day=due_day)
            if deadline >= today:
                break
            if (item.pk, period) not in submitted:
                late.append(LateReport(item=item, period=period, deadline=deadline, days_late=(today - deadline).days))
    late.sort(key=lambda r: (r.period, r.item.seq))
    return late


def is_submitted_late(report: ProgressReport) -> bool:
    if report.submitted_at is None:
        return False
    deadline = report_deadline(report.period, due_day=progress_settings().report_due_day)
    return timezone.localtime(report.submitted_at).date() > deadline
