"""The stratified sample: exact total, every stratum within one row of its share, the same
sample from the same seed, exclusion honoured."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from minsheng.callbacks.sampling import quotas, stratified_sample


def _rows(sizes: dict[tuple[int, int], int]) -> list[tuple[int, int, int]]:
    rows = []
    n = 1
    for (town, village), size in sizes.items():
        for _ in range(size):
            rows.append((n, town, village))
            n += 1
    random.Random(5).shuffle(rows)
    return rows


SIZES = {(1, 11): 7, (1, 12): 13, (1, 13): 1, (2, 21): 50, (2, 22): 3, (3, 31): 26, (3, 32): 0}


@pytest.mark.parametrize("share", [0.2, 0.1, 0.33, 0.5, 0.05, 1.0])
def test_each_stratum_within_one_row_of_its_share_and_the_total_is_exact(share: float) -> None:
    rows = _rows(SIZES)
    picked = stratified_sample(rows, share=share, seed=42)
    stratum = {b: (t, v) for b, t, v in rows}
    got = Counter(stratum[b] for b in picked)
    total = sum(SIZES.values())
    assert len(picked) == round(share * total) == len(set(picked))
    for key, size in SIZES.items():
        assert abs(got[key] - share * size) < 1, (key, got[key], share * size)


def test_largest_remainder_by_hand() -> None:
    # 20% of 7, 13, 1 = 1.4, 2.6, 0.2 (total 4.2 → 4): floors 1, 2, 0; the one left goes to 2.6
    assert quotas({(1, 1): 7, (1, 2): 13, (1, 3): 1}, 0.2) == {(1, 1): 1, (1, 2): 3, (1, 3): 0}


def test_same_seed_same_sample_other_seed_other_sample() -> None:
    rows = _rows(SIZES)
    first = stratified_sample(rows, share=0.2, seed=2022)
    again = stratified_sample(list(reversed(rows)), share=0.2, seed=2022)  # input order does not matter
    assert first == again
    assert stratified_sample(rows, share=0.2, seed=2023) != first


def test_exclusion_is_honoured() -> None:
    rows = _rows(SIZES)
    excluded = {b for b, _t, _v in rows[::3]}
    picked = stratified_sample(rows, share=0.5, seed=1, exclude=excluded)
    assert not excluded & set(picked)
    assert len(picked) == round(0.5 * (len(rows) - len(excluded)))
    assert set(stratified_sample(rows, share=1.0, seed=1, exclude=excluded)) == {b for b, _t, _v in rows} - excluded


def test_share_out_of_range() -> None:
    with pytest.raises(ValueError):
        quotas({(1, 1): 3}, 1.5)
