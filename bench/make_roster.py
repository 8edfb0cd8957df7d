"""Write a realistic, messy beneficiary roster for the import benchmark.

Title rows, a unit line, Chinese headings, ID numbers as text with valid checksums spread
over the villages of 青河市 (../shared/data/demo_city.csv), phones, village names with the
usual suffix variants and codes, amounts like ``1,200元``/``￥600``, dates in every common
spelling, a signature line, and a few per cent of bad rows of every kind.

Run:  .venv/bin/python bench/make_roster.py --rows 1000000 --out bench/output/roster-1m.xlsx
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minsheng.beneficiaries.fake import Village, roster_rows, write_roster

CITY_CSV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "demo_city.csv"


def demo_villages(city_csv: Path = CITY_CSV, town: str | None = None) -> list[Village]:
    with city_csv.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [
        Village(r["code"], r["name"])
        for r in rows
        if r["kind"] in ("village", "community") and (town is None or r["parent_code"] == town)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    parser.add_argument("--bad", type=float, default=0.03, help="share of bad rows (default 0.03)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    write_roster(args.out, roster_rows(demo_villages(), args.rows, seed=args.seed, bad_share=args.bad))
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {args.rows:,} rows, {size:.1f} MB in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
