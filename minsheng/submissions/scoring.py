"""Pure arithmetic of points, quotas and rankings: no database, checkable by hand.

* a piece adopted at ``level`` scores the year's rule for that level and kind of piece;
  a headline (头条, front-page lead) multiplies it (default 2×);
* a leader's written instruction (领导批示) on a placement adds a bonus (default 10);
* a missed quota costs ``factor`` (default 2) points per missing adoption, once its month
  or quarter has ended (the one still running is in progress, later ones do not count yet);
* penalties (false information …) are subtracted as recorded.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

# Defaults of DESIGN.md: city 4, provincial 6, national 20, county 2 (the same for every kind).
DEFAULT_LEVEL_POINTS: dict[str, Decimal] = {
    "national": Decimal("20"),
    "provincial": Decimal("6"),
    "city": Decimal("4"),
    "county": Decimal("2"),
}
DEFAULT_HEADLINE_MULTIPLIER = Decimal("2")
DEFAULT_LEADER_BONUS = Decimal("10")
DEFAULT_QUOTA_FACTOR = Decimal("2")


def piece_points(
    *,
    base: Decimal,
    headline: bool,
    multiplier: Decimal = DEFAULT_HEADLINE_MULTIPLIER,
    leader_instruction: bool = False,
    bonus: Decimal = DEFAULT_LEADER_BONUS,
) -> Decimal:
    """Points of one adoption or placement: ``base``, doubled for a headline, plus the bonus."""
    points = base * multiplier if headline else base
    if leader_instruction:
        points += bonus
    return points


def quota_shortfall(*, required: int, achieved: int) -> int:
    return max(0, required - achieved)


def quota_penalty(*, required: int, achieved: int, factor: Decimal = DEFAULT_QUOTA_FACTOR) -> Decimal:
    """A missed quota costs ``factor`` × the shortfall (2 × 1 missing = 2 points)."""
    return factor * quota_shortfall(required=required, achieved=achieved)


def adoption_rate(*, adopted: int, submitted: int) -> Decimal | None:
    """采用率 = adopted ÷ submitted, as a fraction (None when nothing was submitted)."""
    if submitted <= 0:
        return None
    return Decimal(adopted) / Decimal(submitted)


T = TypeVar("T")


def competition_ranks(rows: Sequence[T], key: Callable[[T], object]) -> list[int]:
    """1-based ranks of ``rows`` (already sorted best first); equal keys share a rank (1, 2, 2, 4)."""
    ranks: list[int] = []
    previous: object = object()
    for index, row in enumerate(rows):
        value = key(row)
        if index and value == previous:
            ranks.append(ranks[-1])
        else:
            ranks.append(index + 1)
        previous = value
    return ranks


# --- Periods ---------------------------------------------------------------------------

QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


@dataclass(frozen=True)
class Period:
    """A month, a quarter or a year."""

    kind: str  # month / quarter / year
    year: int
    number: int = 0  # month 1–12 or quarter 1–4; 0 for a year

    @property
    def start(self) -> date:
        if self.kind == "month":
            return date(self.year, self.number, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        if self.kind == "month":
            return date(self.year, self.number, calendar.monthrange(self.year, self.number)[1])
        if self.kind == "quarter":
            month = 3 * self.number
            return date(self.year, month, calendar.monthrange(self.year, month)[1])
        return date(self.year, 12, 31)

    def months(self) -> list[int]:
        if self.kind == "month":
            return [self.number]
        if self.kind == "quarter":
            return [3 * self.number - 2, 3 * self.number - 1, 3 * self.number]
        return list(range(1, 13))

    def quarters(self) -> list[int]:
        """Quarters lying wholly inside the period."""
        if self.kind == "quarter":
            return [self.number]
        if self.kind == "year":
            return [1, 2, 3, 4]
        return []

    @property
    def label(self) -> str:
        """Chinese label, as in a 通报 title: 2022年6月, 2022年第二季度, 2022年."""
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{QUARTER_NAMES[self.number]}季度"
        return f"{self.year}年"

    @property
    def slug(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @classmethod
    def parse(cls, kind: str, year: int, number: int | None) -> Period:
        if kind == "month" and number and 1 <= number <= 12:
            return cls("month", year, number)
        if kind == "quarter" and number and 1 <= number <= 4:
            return cls("quarter", year, number)
        return cls("year", year, 0)


def month_of_quarter(quarter: int) -> Iterable[int]:
    return range(3 * quarter - 2, 3 * quarter + 1)


ENDED = "ended"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"


def span_state(*, start: date, end: date, today: date) -> str:
    """Whether the span ``start``–``end`` (inclusive) has ended by ``today``, is still running,
    or has not started. A quota period is judged only once it has ended."""
    if end < today:
        return ENDED
    if start <= today:
        return IN_PROGRESS
    return NOT_STARTED


def months_span(year: int, months: Sequence[int]) -> tuple[date, date]:
    """First and last day of consecutive ``months`` of ``year``."""
    first, last = min(months), max(months)
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
