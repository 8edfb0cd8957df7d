"""Benchmark: a 20% sample stratified by town and village over 1,000,000 benefit records.

1. In memory: ``stratified_sample`` over 1,000,000 (id, town, village) tuples; the floor is
   ``random.sample`` of 20% of all ids (no strata at all).
2. In a scratch database with N benefit records (default 200,000; pass 1000000 for the
   million): loading the tuples with one query plus the sampling (what ``campaign_create``
   does), against the obvious alternative — one ORM query per village with
   ``order_by('?')[:quota]`` — and the floor, loading the bare ids.

Run:  .venv/bin/python bench/bench_sampling.py [N]
On PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/minsheng_bench_sampling …
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _callbacks_data import load_city, populate, timed
from django.db import connection
from django.test.utils import setup_databases, teardown_databases

from minsheng.callbacks.sampling import quotas, stratified_sample

SHARE = 0.2
MILLION = 1_000_000


def in_memory() -> None:
    rng = random.Random(3)
    strata = [(town, town * 100 + v) for town in range(10) for v in range(rng.randint(6, 14))]
    rows = [(i, *strata[rng.randrange(len(strata))]) for i in range(1, MILLION + 1)]
    ms, picked = timed(lambda: stratified_sample(rows, share=SHARE, seed=2022))
    ids = [r[0] for r in rows]
    floor_ms, floor = timed(lambda: random.Random(2022).sample(ids, round(SHARE * len(ids))))
    assert len(picked) == len(floor) == 200_000
    print(
        f"in memory, {MILLION:,} rows, {len(strata)} strata: stratified_sample {ms:,.0f} ms; "
        f"floor random.sample {floor_ms:,.0f} ms"
    )


def in_database(n: int) -> None:
    from minsheng.beneficiaries.models import Benefit

    item, villages = load_city()
    t = time.perf_counter()
    populate(n, item, villages)
    print(f"database: {connection.vendor}; {n:,} benefit records written in {time.perf_counter() - t:.1f} s")
    qs = Benefit.objects.filter(item=item, year=2022)

    def ours() -> list[int]:
        rows = [(b, t or 0, v) for b, t, v in qs.values_list("id", "village__parent_id", "village_id").iterator(2000)]
        return stratified_sample(rows, share=SHARE, seed=2022)

    def per_stratum_random() -> list[int]:
        sizes = {(t, v): c for t, v, c in _sizes(qs)}
        wanted = quotas(sizes, SHARE)
        picked: list[int] = []
        for (_town, village), count in wanted.items():
            picked += list(qs.filter(village_id=village).order_by("?").values_list("id", flat=True)[:count])
        return picked

    ms, picked = timed(ours)
    alt_ms, alt = timed(per_stratum_random, repeat=1)
    floor_ms, ids = timed(lambda: list(qs.values_list("id", flat=True).iterator(chunk_size=20_000)))
    assert len(picked) == len(alt) == round(SHARE * n) and len(ids) == n
    print(
        f"load + stratified_sample {ms:,.0f} ms; per-village order_by('?') {alt_ms:,.0f} ms; "
        f"floor (load the ids) {floor_ms:,.0f} ms"
    )


def _sizes(qs: object) -> list[tuple[int, int, int]]:
    from django.db.models import Count

    rows = qs.values("village__parent_id", "village_id").annotate(n=Count("id"))  # type: ignore[attr-defined]
    return [(r["village__parent_id"], r["village_id"], r["n"]) for r in rows]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    in_memory()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        in_database(n)
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
