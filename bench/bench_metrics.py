"""Benchmark: every metric of one campaign with N call records (default 200,000).

Builds a scratch database with N benefit records and a campaign of N call tasks with
outcomes drawn at random (written with COPY / executemany), then times what the campaign
page computes — overall, by town, village, item, calling unit and caller, six aggregate
queries (``selectors.aggregate``) — against the obvious alternative (load every row and
count in a Python loop) and the floor (one bare ``COUNT(*)`` of the campaign's tasks).

Run:  .venv/bin/python bench/bench_metrics.py [N]
On PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/minsheng_bench_metrics …
"""

from __future__ import annotations

import random
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _callbacks_data import CHUNK, load_city, populate, timed
from django.db import connection, transaction
from django.test.utils import setup_databases, teardown_databases

from minsheng.callbacks import metrics, selectors
from minsheng.callbacks.models import CallTask, Campaign

REACHED = ["reached"] * 80 + ["no_answer"] * 10 + ["empty"] * 3 + ["suspended"] * 2 + ["wrong"] * 2 + ["refused"] * 3
SATISFACTION = ["satisfied"] * 70 + ["basic"] * 22 + ["unsatisfied"] * 8
UNDERSTANDING = ["clear", "partly", "not"]


def build(n: int) -> Campaign:
    from minsheng.beneficiaries.services import write_chunk

    item, villages = load_city()
    town_of = dict(villages)
    t = time.perf_counter()
    populate(n, item, villages)
    campaign = Campaign.objects.create(
        name="bench",
        year=2022,
        round="city",
        owner_id=villages[0][1],
        starts_on=date(2022, 10, 1),
        ends_on=date(2022, 10, 31),
        share=1,
    )
    rng = random.Random(9)
    cols: tuple[str, ...] = (
        "id",
        "campaign_id",
        "benefit_id",
        "person_id",
        "item_id",
        "village_id",
        "town_id",
        "assigned_org_id",
    )
    cols += ("status", "attempts", "reached", "identity_confirmed", "address_ok", "id_ok", "phone_ok", "item_ok")
    cols += ("amount_ok", "knows", "understanding", "satisfaction", "last_called_at", "caller_id")
    from minsheng.beneficiaries.models import Benefit

    village_of = dict(Benefit.objects.values_list("id", "village_id"))
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, n, CHUNK):
            rows = []
            for pk in range(start + 1, min(n, start + CHUNK) + 1):
                village = village_of[pk]
                reached = rng.choice(REACHED) if rng.random() < 0.9 else ""
                valid = reached == "reached" and rng.random() < 0.97
                checks = [rng.random() < 0.97 for _ in range(5)] if valid else [True] * 5
                rows.append(
                    (
                        pk,
                        campaign.pk,
                        pk,
                        pk,
                        item.pk,
                        village,
                        town_of[village],
                        town_of[village],
                        "done" if reached in ("reached", "refused") else ("pending" if not reached else "retry"),
                        1 if reached else 0,
                        reached,
                        valid,
                        *checks,
                        valid and rng.random() < 0.9,
                        rng.choice(UNDERSTANDING) if valid else "",
                        rng.choice(SATISFACTION) if valid else "",
                        None,
                        None,
                    )
                )
            write_chunk(cursor, CallTask._meta.db_table, cols, rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"database: {connection.vendor}; {n:,} benefit records and call tasks written in {time.perf_counter() - t:.1f} s"
    )
    return campaign


def python_loop(qs: Any) -> dict[Any, metrics.Counts]:
    """The obvious alternative: every row into Python, counted per town (and overall)."""
    fields: tuple[str, ...] = (
        "town_id",
        "attempts",
        "reached",
        "identity_confirmed",
        "knows",
        "satisfaction",
        "status",
    )
    fields += ("address_ok", "id_ok", "phone_ok", "item_ok", "amount_ok")
    out: dict[Any, metrics.Counts] = defaultdict(metrics.Counts)
    for town, attempts, reached, confirmed, knows, sat, status, *checks in qs.values_list(*fields).iterator(
        chunk_size=20_000
    ):
        for c in (out[None], out[town]):
            c.tasks += 1
            c.attempted += attempts > 0
            c.reached += reached == "reached"
            c.done += status == "done"
            if reached == "reached" and confirmed:
                c.valid += 1
                c.knows += knows
                c.satisfied += sat == "satisfied"
                c.basic += sat == "basic"
                c.unsatisfied += sat == "unsatisfied"
                c.info_ok += all(checks)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    old = setup_databases(verbosity=0, interactive=False)
    try:
        campaign = build(n)
        qs = CallTask.objects.filter(campaign=campaign)

        def ours() -> dict[str | None, Any]:
            return {by: selectors.aggregate(qs, by) for by in (None, "town", "village", "item", "unit", "caller")}

        def overall_only() -> Any:
            return selectors.aggregate(qs)

        ms, result = timed(ours)
        one_ms, _ = timed(overall_only)
        alt_ms, alt = timed(lambda: python_loop(qs), repeat=1)
        floor_ms, count = timed(qs.count)
        assert result[None][0]["counts"] == alt[None] and count == n
        towns: dict[Any, Any] = {r["key"]: r["counts"] for r in result["town"]}
        assert all(towns[k] == alt[k] for k in towns)
        print(
            f"all metrics (6 aggregate queries) {ms:,.0f} ms; overall alone {one_ms:,.0f} ms; "
            f"python loop (overall + towns only) {alt_ms:,.0f} ms; floor COUNT(*) {floor_ms:,.0f} ms"
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
