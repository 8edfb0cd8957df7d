"""Roll-up arithmetic on hand-checked cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from minsheng.projects import rollup
from minsheng.projects.rollup import ConfirmedValue as V


def test_latest_city_value_wins_and_town_rows_are_ignored() -> None:
    values = [
        V(1, date(2022, 1, 1), None, D("10")),
        V(1, date(2022, 3, 1), None, D("30")),
        V(1, date(2022, 2, 1), None, D("25")),
        V(1, date(2022, 4, 1), 7, D("99")),  # a town row: not used for a city-reported item
        V(2, date(2022, 2, 1), None, D("5")),
    ]
    assert rollup.target_values(values, by_town=False) == {1: D("30"), 2: D("5")}


def test_by_town_sums_each_towns_latest() -> None:
    values = [
        V(1, date(2022, 1, 1), 7, D("4")),
        V(1, date(2022, 2, 1), 7, D("6")),  # town 7 latest: 6
        V(1, date(2022, 1, 1), 8, D("3")),  # town 8 latest: 3
        V(1, date(2022, 2, 1), None, D("50")),  # city row ignored when reported by town
    ]
    assert rollup.target_values(values, by_town=True) == {1: D("9")}


def test_ratio_is_capped_and_never_negative() -> None:
    assert rollup.ratio(D("45"), D("60")) == D("0.75")
    assert rollup.ratio(D("80"), D("60")) == D("1")
    assert rollup.ratio(None, D("60")) == D("0")
    assert rollup.ratio(D("5"), D("0")) == D("0")


def test_item_percent_equal_and_weighted() -> None:
    # targets: 45/60 = 75 %, 1/4 = 25 %, weights 3 and 1
    parts = [(rollup.ratio(D("45"), D("60")), D("3")), (rollup.ratio(D("1"), D("4")), D("1"))]
    assert rollup.as_percent(rollup.weighted_mean(parts, use_weights=False)) == D("50.0")
    assert rollup.as_percent(rollup.weighted_mean(parts, use_weights=True)) == D("62.5")  # (225 + 25) / 4


def test_rounding_half_up_to_one_decimal() -> None:
    assert rollup.as_percent(D("2") / D("3")) == D("66.7")
    assert rollup.as_percent(D("0.00125")) == D("0.1")
    assert rollup.as_percent(None) is None


def test_no_targets_no_percent() -> None:
    assert rollup.weighted_mean([], use_weights=False) is None
    assert rollup.weighted_mean([(D("1"), D("0"))], use_weights=True) is None
