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
from django.utils.translation import pgettext_lazy

from minsheng.orgs.choices import TOWN_KINDS, VILLAGE_KINDS, OrgKind
from minsheng.orgs.models import Org
from minsheng.orgs.scoping import scope_for
from minsheng.projects.selectors import reference_date

from . import scoring
from .choices import LEVEL_ORDER, Placement, PlacementStatus, QuotaPeriod, SubmissionStatus, UnitGroup
from .models import (
    ExternalPlacement,
    Penalty,
    PointRule,
    PointScheme,
    Quota,
    ReviewOutcome,
    Submission,
    SubmissionSettings,
)


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


def placement_units(*, user: Any, including: int | None = None) -> QuerySet[Org]:
    """Units a placement may be recorded for: the office picks any submitting unit (active
    departments and towns, villages too when they may submit; ``including`` keeps the unit a
    placement already has); anyone else only its own unit."""
    if not scope_for(user).everything:
        own: int | None = getattr(user, "org_id", None)
        return Org.objects.filter(pk=own) if own is not None else Org.objects.none()
    kinds: list[str] = [OrgKind.DEPARTMENT, *TOWN_KINDS]
    if SubmissionSettings.load().villages_may_submit:
        kinds += VILLAGE_KINDS
    units = Q(kind__in=kinds, is_active=True)
    if including is not None:
        units |= Q(pk=including)
    return Org.objects.filter(units).order_by("path")


# --- Scores -----------------------------------------------------------------------------


QUOTA_MET = "met"
QUOTA_MISSED = "missed"
QUOTA_IN_PROGRESS = "in_progress"
QUOTA_STATUS_LABELS = {
    QUOTA_MET: pgettext_lazy("quota", "Met"),
    QUOTA_MISSED: pgettext_lazy("quota", "Missed"),
    QUOTA_IN_PROGRESS: pgettext_lazy("quota", "In progress"),
}


@dataclass
class ScoreRow:
    unit: Org
    submitted: int = 0
    adopted: int = 0
    by_level: dict[str, int] = field(default_factory=lambda: {str(lv): 0 for lv in LEVEL_ORDER})
    headlines: int = 0
    points: Decimal = Decimal(0)
    # Quota periods that have ended: these alone are judged (and cost points when missed).
    quota_required: int = 0
    quota_achieved: int = 0
    quota_ended: int = 0
    # The quota period still running: shown as in progress, never a penalty yet.
    quota_open_required: int = 0
    quota_open_achieved: int = 0
    quota_open: int = 0
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
    def quota_status(self) -> str:
        """``missed`` (an ended period fell short), ``in_progress`` (a period is still
        running), ``met`` (every period judged so far was met), or "" (no quota, or none of
        its periods has started)."""
        if not self.has_quota:
            return ""
        if not self.quota_ended_met:
            return QUOTA_MISSED
        if self.quota_open:
            return QUOTA_IN_PROGRESS
        if self.quota_ended:
            return QUOTA_MET
        return ""

    @property
    def quota_status_label(self) -> str:
        return str(QUOTA_STATUS_LABELS.get(self.quota_status, "—"))

    @property
    def quota_met(self) -> bool | None:
        """True or False once judged; None without a quota or while it is in progress."""
        return {QUOTA_MET: True, QUOTA_MISSED: False}.get(self.quota_status)

    @property
    def quota_ended_met(self) -> bool:
        """The ended periods (if any) were all met."""
        return self.quota_achieved >= self.quota_required

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


def ranking_today() -> date:
    """ "Today" for quotas and the default ranking period: the reporting date of the progress
    settings when one is set (training or demonstration data), else the real date."""
    return reference_date()


def unit_scores(*, user: Any, period: scoring.Period, today: date | None = None) -> list[ScoreRow]:
    """One row per submitting unit for ``period``, ranked by total points (best first).

    Everything is computed from the records: submissions (first submitted in the period),
    adoptions (decided in the period, at their level and placement), confirmed external
    placements, quotas and penalties. A quota month or quarter is judged only once it has
    ended by ``today`` (default: the reporting date of the progress settings, else the
    real date); the one still running is in progress. The office sees every row; a unit
    its own (with its rank among all)."""
    scope = scope_for(user)
    if scope.nothing:
        return []
    today = today or ranking_today()
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

    _apply_quotas(rows, monthly, period, table.factor, today=today)

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
    rows: dict[int, ScoreRow],
    monthly: dict[int, dict[int, int]],
    period: scoring.Period,
    factor: Decimal,
    *,
    today: date,
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
                start, end = scoring.months_span(period.year, months)
                state = scoring.span_state(start=start, end=end, today=today)
                achieved = sum(monthly[unit_id].get(m, 0) for m in months)
                if state == scoring.ENDED:
                    row.quota_ended += 1
                    row.quota_required += required
                    row.quota_achieved += min(achieved, required)
                    row.quota_penalty += scoring.quota_penalty(required=required, achieved=achieved, factor=factor)
                elif state == scoring.IN_PROGRESS:
                    row.quota_open += 1
                    row.quota_open_required += required
                    row.quota_open_achieved += min(achieved, required)


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
