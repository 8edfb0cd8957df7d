"""Stratified random sampling of benefit records (pure: no database).

A stratum is a (town, village) pair. The total is ``round(share × N)`` over the records
left after exclusion; each stratum gets ``floor(share × size)`` and the rows still missing
go to the strata with the largest remainders (ties: the stratum order), so every stratum is
within one row of its exact share and the total is exact. The same rows, share and seed
always give the same sample (``random.Random(seed)``, strata and ids visited in order).
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Iterable
from decimal import Decimal

Row = tuple[int, int, int]  # (benefit id, town id, village id)
Stratum = tuple[int, int]


def group(rows: Iterable[Row], exclude: Collection[int] = ()) -> dict[Stratum, list[int]]:
    strata: dict[Stratum, list[int]] = {}
    excluded = exclude if isinstance(exclude, set | frozenset) else set(exclude)
    for benefit_id, town_id, village_id in rows:
        if benefit_id in excluded:
            continue
        key = (town_id, village_id)
        bucket = strata.get(key)
        if bucket is None:
            strata[key] = [benefit_id]
        else:
            bucket.append(benefit_id)
    return strata


def quotas(sizes: dict[Stratum, int], share: float | Decimal) -> dict[Stratum, int]:
    """Largest-remainder apportionment of ``round(share × total)`` over the strata."""
    share_f = float(share)
    if not 0 <= share_f <= 1:
        raise ValueError("share must be between 0 and 1")
    total = sum(sizes.values())
    target = math.floor(share_f * total + 0.5)
    exact = {key: share_f * size for key, size in sizes.items()}
    result = {key: min(sizes[key], math.floor(value)) for key, value in exact.items()}
    missing = target - sum(result.values())
    if missing > 0:
        order = sorted(exact, key=lambda k: (-(exact[k] - result[k]), k))
        for key in order[:missing]:
            result[key] += 1
    return result


def stratified_sample(
    rows: Iterable[Row], *, share: float | Decimal, seed: int, exclude: Collection[int] = ()
) -> list[int]:
    """The sampled benefit ids, in stratum order."""
    strata = group(rows, exclude)
    wanted = quotas({key: len(ids) for key, ids in strata.items()}, share)
    rng = random.Random(seed)
    picked: list[int] = []
    for key in sorted(strata):
        count = wanted[key]
        if count == 0:
            continue
        ids = strata[key]
        ids.sort()
        picked.extend(ids if count == len(ids) else rng.sample(ids, count))
    return picked
