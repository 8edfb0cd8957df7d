"""The rates on hand-checked counts."""

from __future__ import annotations

from minsheng.callbacks.metrics import Counts, gap_flag, rates


def test_rates_by_hand() -> None:
    # 10 tasks, 8 attempted, 6 reached, 5 valid; 4 know; 2 满意 + 2 基本满意 + 1 不满意; 3 all checks ok
    c = Counts(
        tasks=10, attempted=8, reached=6, valid=5, knows=4, satisfied=2, basic=2, unsatisfied=1, info_ok=3, done=7
    )
    r = rates(c, {"satisfied": 100, "basic": 80, "unsatisfied": 0})
    assert r.reach_rate == 75.0  # 6 / 8
    assert r.awareness == 80.0  # 4 / 5
    assert r.satisfaction == 80.0  # (2 + 2) / 5
    assert r.score == 72.0  # (200 + 160 + 0) / 5
    assert r.accuracy == 60.0  # 3 / 5
    assert r.progress == 70.0
    assert rates(c, {"satisfied": 100, "basic": 60, "unsatisfied": 20}).score == 68.0  # (200+120+20)/5


def test_no_valid_calls_gives_no_rate() -> None:
    r = rates(Counts(tasks=3, attempted=2, reached=0))
    assert r.reach_rate == 0.0 and r.awareness is None and r.score is None


def test_gap_flag() -> None:
    town = rates(Counts(attempted=10, reached=10, valid=10, knows=10, satisfied=10))
    city = rates(Counts(attempted=10, reached=10, valid=10, knows=9, satisfied=10))
    far = rates(Counts(attempted=10, reached=10, valid=10, knows=8, satisfied=10))
    assert gap_flag(town, city, 10) is False  # 100 vs 90: exactly 10 points is not more than 10
    assert gap_flag(town, far, 10) is True  # 100 vs 80 in 知晓率
    assert gap_flag(town, far, 25) is False
