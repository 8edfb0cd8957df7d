"""Every read of submissions, placements and scores, always scoped through ``scope_for``.

A unit sees only its own pieces and placements (a town never sees another town's, nor its
villages' drafts); the office sees every piece that was ever submitted, never another
unit's drafts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from minsheng.orgs.choices import TOWN_KINDS, OrgKind
from minsheng.orgs.models import Org
from minsheng.orgs.scoping import scope_for

from . import scoring
from .choices import LEVEL_ORDER, Placement, PlacementStatus, QuotaPeriod, SubmissionStatus, UnitGroup
from .models import ExternalPlacement, Penalty, PointRule, PointScheme, Quota, ReviewOutcome, Submission


def submission_list(*, user: Any) -> QuerySet[Submission]:
    scope = scope_for(user)
    qs = scope.filter(Submission.objects.select_related("unit"), org_field="unit")
    if scope.everything:
        own = getattr(user, "org_id", None)
        return qs.exclude(Q(status=SubmissionStatus.DRAFT) & ~Q(unit_id=own))
    return qs.filter(unit_id=getattr(user, "org_id", None))


def review_queue(*, user: Any) -> QuerySet[Submission]:
    """Submitted pieces waiting for the office, oldest first (the office only)."""
    if not scope_for(user).everything:
        return Submission.objects.none()
    return submission_list(user=user).filter(status=SubmissionStatus.SUBMITTED).order_by("last_submitted_at", "pk")


def submission_outcomes(*, user: Any, submission: Submission) -> QuerySet[ReviewOutcome]:
    if not submission_list(user=user).filter(pk=submission.pk).exists():
        return ReviewOutcome.objects.none()
    return submission.outcomes.select_related("reviewer").order_by("round", "decided_at")


def placement_list(*, user: Any) -> QuerySet[ExternalPlacement]:
    scope = scope_for(user)
    qs = scope.filter(ExternalPlacement.objects.select_related("unit", "submission"), org_field="unit")
    if scope.everything:
        return qs
    return qs.filter(unit_id=getattr(user, "org_id", None))


# --- Scores -----------------------------------------------------------------------------


@dataclass
class ScoreRow:
    unit: Org
    submitted: int = 0
    adopted: int = 0
    by_level: dict[str, int] = field(default_factory=lambda: {str(lv): 0 for lv in LEVEL_ORDER})
    headlines: int = 0
    points: Decimal = Decimal(0)
    quota_required: int = 0
    quota_achieved: int = 0
    has_quota: bool = False
    quota_penalty: Decimal = Decimal(0)
    penalty: Decimal = Decimal(0)
    rank: int = 0

    @property
    def rate(self) -> Decimal | None:
        return scoring.adoption_rate(adopted=self.adopted, submitted=self.submitted)

    @property
    def rate_percent(self) -> str:
        rate = self.rate
        return "—" if rate is None else f"{rate * 100:.1f}%"

    @property
    def quota_met(self) -> bool | None:
        if not self.has_quota:
            return None
        return self.quota_penalty == 0

    @property
    def total(self) -> Decimal:
        return self.points - self.quota_penalty - self.penalty


@dataclass
class PointTable:
    rules: dict[tuple[str, str], Decimal]
    multiplier: Decimal
    bonus: Decimal
    factor: Decimal

    def base(self, level: str, kind: str) -> Decimal:
        return self.rules.get((level, kind), scoring.DEFAULT_LEVEL_POINTS.get(level, Decimal(0)))


def point_table(year: int) -> PointTable:
    scheme = PointScheme.objects.filter(year=year).first()
    rules = {(r.level, r.kind): r.points for r in PointRule.objects.filter(year=year)}
    return PointTable(
        rules=rules,
        multiplier=scheme.headline_multiplier if scheme else scoring.DEFAULT_HEADLINE_MULTIPLIER,
        bonus=scheme.leader_instruction_bonus if scheme else scoring.DEFAULT_LEADER_BONUS,
        factor=scheme.quota_penalty_factor if scheme else scoring.DEFAULT_QUOTA_FACTOR,
    )


def _in(period: scoring.Period, prefix: str) -> dict[str, date]:
    return {f"{prefix}__gte": period.start, f"{prefix}__lte": period.end}


def unit_scores(*, user: Any, period: scoring.Period) -> list[ScoreRow]:
    """One row per submitting unit for ``period``, ranked by total points (best first).

    Everything is computed from the records: submissions (first submitted in the period),
    adoptions (decided in the period, at their level and placement), confirmed external
    placements, quotas and penalties. The office sees every row; a unit its own (with its
    rank among all)."""
    scope = scope_for(user)
    if scope.nothing:
        return []
    table = point_table(period.year)
    units = {
        o.pk: o for o in Org.objects.filter(kind__in=(OrgKind.DEPARTMENT, *TOWN_KINDS), is_active=True).order_by("path")
    }
    submitted_qs = Submission.objects.filter(**_in(period, "submitted_at__date")).values_list("unit_id", flat=True)
    adopted_qs = Submission.objects.filter(status=SubmissionStatus.ADOPTED, **_in(period, "decided_at__date"))
    placements = ExternalPlacement.objects.filter(status=PlacementStatus.CONFIRMED, **_in(period, "date"))
    penalties = Penalty.objects.filter(**_in(period, "date"))
    extra = (
        set(submitted_qs)
        | set(adopted_qs.values_list("unit_id", flat=True))
        | set(placements.values_list("unit_id", flat=True))
    )
    missing = extra - units.keys()
    if missing:
        units.update({o.pk: o for o in Org.objects.filter(pk__in=missing)})
    rows = {pk: ScoreRow(unit=org) for pk, org in units.items()}

    # adoptions per unit per month, for quotas
    monthly: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for unit_id in submitted_qs:
        rows[unit_id].submitted += 1
    for sub in adopted_qs.only("unit_id", "column", "level", "placement", "decided_at"):
        row = rows[sub.unit_id]
        row.adopted += 1
        level = sub.level or "city"
        row.by_level[level] = row.by_level.get(level, 0) + 1
        headline = sub.placement == Placement.HEADLINE
        row.headlines += int(headline)
        row.points += scoring.piece_points(
            base=table.base(level, sub.kind), headline=headline, multiplier=table.multiplier
        )
        assert sub.decided_at is not None
        monthly[sub.unit_id][_local_date(sub.decided_at).month] += 1
    for placement in placements:
        row = rows[placement.unit_id]
        row.by_level[placement.level] = row.by_level.get(placement.level, 0) + 1
        headline = placement.placement == Placement.HEADLINE
        row.headlines += int(headline)
        row.points += scoring.piece_points(
            base=table.base(placement.level, placement.kind),
            headline=headline,
            multiplier=table.multiplier,
            leader_instruction=placement.leader_instruction,
            bonus=table.bonus,
        )
        monthly[placement.unit_id][placement.date.month] += 1
    for penalty in penalties:
        if penalty.unit_id in rows:
            rows[penalty.unit_id].penalty += penalty.points

    _apply_quotas(rows, monthly, period, table.factor)

    ordered = sorted(rows.values(), key=lambda r: (-r.total, -r.adopted, r.unit.path))
    for row, rank in zip(ordered, scoring.competition_ranks(ordered, key=lambda r: r.total), strict=True):
        row.rank = rank
    if scope.everything:
        return ordered
    own = getattr(user, "org_id", None)
    return [r for r in ordered if r.unit.pk == own and scope.can_see_org(r.unit)]


def _local_date(value: Any) -> date:
    from django.utils import timezone

    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def _apply_quotas(
    rows: dict[int, ScoreRow], monthly: dict[int, dict[int, int]], period: scoring.Period, factor: Decimal
) -> None:
    quotas = list(Quota.objects.filter(year=period.year))
    for unit_id, row in rows.items():
        group = UnitGroup.TOWN if row.unit.kind in TOWN_KINDS else UnitGroup.DEPARTMENT
        for kind, spans in (
            (QuotaPeriod.MONTH, [[m] for m in period.months()]),
            (QuotaPeriod.QUARTER, [list(scoring.month_of_quarter(q)) for q in period.quarters()]),
        ):
            own = [q for q in quotas if q.period == kind and q.unit_id == unit_id]
            applicable = own or [q for q in quotas if q.period == kind and not q.unit_id and q.unit_group == group]
            if not applicable:
                continue
            required = max(q.required for q in applicable)
            row.has_quota = True
            for months in spans:
                achieved = sum(monthly[unit_id].get(m, 0) for m in months)
                row.quota_required += required
                row.quota_achieved += min(achieved, required)
                row.quota_penalty += scoring.quota_penalty(required=required, achieved=achieved, factor=factor)


def ranking_totals(rows: list[ScoreRow]) -> dict[str, Any]:
    submitted = sum(r.submitted for r in rows)
    adopted = sum(r.adopted for r in rows)
    rate = scoring.adoption_rate(adopted=adopted, submitted=submitted)
    return {
        "submitted": submitted,
        "adopted": adopted,
        "headlines": sum(r.headlines for r in rows),
        "placements": sum(sum(r.by_level.values()) - r.adopted for r in rows),
        "rate_percent": "—" if rate is None else f"{rate * 100:.1f}%",
        "units": sum(1 for r in rows if r.submitted or r.adopted),
    }
