"""The callback rates (DESIGN: Callbacks), as pure functions over counts.

valid = reached (接通) and identity confirmed; 接通率 = reached ÷ attempted tasks;
知晓率 = knows ÷ valid; 满意率 = (满意 + 基本满意) ÷ valid; score = weighted satisfaction
(100/80/0 by default, ``settings.CALLBACK_SCORE_WEIGHTS``) averaged over valid;
信息准确率 = valid calls with every info check passed ÷ valid.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings

DEFAULT_WEIGHTS = {"satisfied": 100, "basic": 80, "unsatisfied": 0}


def weights() -> dict[str, float]:
    return {**DEFAULT_WEIGHTS, **getattr(settings, "CALLBACK_SCORE_WEIGHTS", {})}


@dataclass
class Counts:
    tasks: int = 0
    attempted: int = 0
    reached: int = 0
    valid: int = 0
    knows: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    info_ok: int = 0
    done: int = 0


def _rate(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


@dataclass
class Rates:
    reach_rate: float | None
    awareness: float | None
    satisfaction: float | None
    score: float | None
    accuracy: float | None
    progress: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def rates(c: Counts, score_weights: dict[str, float] | None = None) -> Rates:
    w = score_weights or weights()
    score = None
    if c.valid:
        total = w["satisfied"] * c.satisfied + w["basic"] * c.basic + w["unsatisfied"] * c.unsatisfied
        score = round(total / c.valid, 1)
    return Rates(
        reach_rate=_rate(c.reached, c.attempted),
        awareness=_rate(c.knows, c.valid),
        satisfaction=_rate(c.satisfied + c.basic, c.valid),
        score=score,
        accuracy=_rate(c.info_ok, c.valid),
        progress=_rate(c.done, c.tasks),
    )


def gap_flag(town: Rates, city: Rates, threshold: float) -> bool:
    """A town whose own round differs from the city's re-check by more than ``threshold`` points."""
    for a, b in ((town.awareness, city.awareness), (town.satisfaction, city.satisfaction)):
        if a is not None and b is not None and abs(a - b) > threshold:
            return True
    return False
