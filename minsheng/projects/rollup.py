"""Progress arithmetic, on plain values so that it can be checked by hand.

* A target's value is the latest confirmed cumulative value (city-wide reports), or, for an
  item reported by town, the sum over towns of each town's latest confirmed value.
* A target's percent is value ÷ target, capped at 100 %.
* An item's percent is the weighted mean of its targets' percents (equal weights unless the
  settings say to use each target's weight); an item without targets has no percent.
* The overall percent is the weighted mean of the items' percents (items without a percent
  are left out).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ONE = Decimal(1)


@dataclass(frozen=True)
class ConfirmedValue:
    target_id: int
    period: date
    town_id: int | None
    value: Decimal


def target_values(values: Iterable[ConfirmedValue], *, by_town: bool) -> dict[int, Decimal]:
    """The value reached for each target from confirmed report values."""
    latest: dict[tuple[int, int | None], tuple[date, Decimal]] = {}
    for v in values:
        if by_town and v.town_id is None:
            continue
        if not by_town and v.town_id is not None:
            continue
        key = (v.target_id, v.town_id)
        if key not in latest or v.period > latest[key][0]:
            latest[key] = (v.period, v.value)
    totals: dict[int, Decimal] = {}
    for (target_id, _town), (_period, value) in latest.items():
        totals[target_id] = totals.get(target_id, Decimal(0)) + value
    return totals


def ratio(value: Decimal | None, quantity: Decimal) -> Decimal:
    """value ÷ quantity in [0, 1]."""
    if value is None or quantity <= 0:
        return Decimal(0)
    return min(max(value / quantity, Decimal(0)), ONE)


def weighted_mean(parts: Iterable[tuple[Decimal, Decimal]], *, use_weights: bool) -> Decimal | None:
    """Mean of (ratio, weight) pairs; ``None`` when there is nothing to average."""
    total = Decimal(0)
    weights = Decimal(0)
    for value, weight in parts:
        w = weight if use_weights else ONE
        total += value * w
        weights += w
    if weights == 0:
        return None
    return total / weights


def as_percent(value: Decimal | None) -> Decimal | None:
    """A ratio as a percent with one decimal (half up)."""
    if value is None:
        return None
    return (value * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
