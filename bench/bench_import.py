"""Benchmark: importing a 1,000,000-row beneficiary roster.

Prints rows per second and peak memory for

* the import (``beneficiaries_import``: read, check, encrypt, de-duplicate, write, all in one
  batch) on the database named by DATABASE_URL (SQLite in a scratch folder by default);
* the comparison: django-import-export (the tool a Django shop would reach for) on the first
  20,000 rows of the same file, with the same checks and encryption in its hooks;
* the floor: reading the same file with python-calamine plus a bulk insert of ready rows
  (``executemany`` on SQLite, ``COPY`` on PostgreSQL) into the same table.

Each measurement runs in its own process (peak memory is per process: ru_maxrss) on a fresh
database with the demo city and the 2022 items.

Run:
  .venv/bin/python bench/make_roster.py --rows 1000000 --out bench/output/roster-1m.xlsx
  .venv/bin/python bench/bench_import.py bench/output/roster-1m.xlsx
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/minsheng_bench_import .venv/bin/python bench/bench_import.py bench/output/roster-1m.xlsx
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(var_dir: str) -> None:
    os.environ["MINSHENG_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def _fresh_database(var_dir: str) -> None:
    """Migrate a scratch database and load the demo city and items."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    _setup(var_dir)
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    data = Path(settings.DEMO_DATA_DIR)
    from minsheng.orgs.services import orgs_load_csv
    from minsheng.projects.services import items_import

    orgs_load_csv(actor=None, source=data / "demo_city.csv")
    orgs_load_csv(actor=None, source=data / "demo_departments.csv")
    items_import(actor=None, path=data / "livelihood_items_2022.csv", year=2022)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_import(path: Path, var_dir: str) -> dict[str, Any]:
    _setup(var_dir)
    from minsheng.beneficiaries.services import beneficiaries_import
    from minsheng.orgs.models import Org
    from minsheng.projects.models import LivelihoodItem

    item, org = LivelihoodItem.objects.get(code="2022-13"), Org.objects.get(code="349981000000")
    started = time.perf_counter()
    result = beneficiaries_import(actor=None, path=path, item=item, org=org)
    seconds = time.perf_counter() - started
    return {
        "rows": result.rows_total,
        "imported": result.rows_imported,
        "rejected": result.rows_rejected,
        "seconds": seconds,
        "phases": {k: round(v, 1) for k, v in result.seconds.items()},
        "peak_mb": _peak_mb(),
    }


def phase_floor(path: Path, var_dir: str) -> dict[str, Any]:
    """calamine read of the file + bulk insert of ready rows (prepared before the clock starts)."""
    _setup(var_dir)
    import os as _os

    from django.db import connection, transaction
    from django.utils import timezone
    from python_calamine import CalamineWorkbook

    from minsheng.beneficiaries import services
    from minsheng.orgs.models import Org

    village_ids = list(Org.objects.filter(kind__in=["village", "community"]).values_list("pk", flat=True))
    book = CalamineWorkbook.from_path(str(path))
    rows_in_file = book.get_sheet_by_index(0).height
    now = timezone.now()
    postgres = connection.vendor == "postgresql"
    stamp = now if postgres else connection.ops.adapt_datetimefield_value(now)
    birth = "1960-01-01" if not postgres else __import__("datetime").date(1960, 1, 1)
    ready = [
        (
            i + 1,
            stamp,
            stamp,
            "张三",
            _os.urandom(46),
            i.to_bytes(32, "big"),
            _os.urandom(39),
            "M",
            birth,
            village_ids[i % len(village_ids)],
        )
        for i in range(rows_in_file)
    ]
    started = time.perf_counter()
    count = 0
    for _row in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows():
        count += 1
    read_seconds = time.perf_counter() - started
    with transaction.atomic():
        connection.ensure_connection()
        cursor = connection.connection.cursor()
        services._insert(cursor, services.PERSON_TABLE, services.PERSON_COLUMNS, ready)
    seconds = time.perf_counter() - started
    return {"rows": count, "seconds": seconds, "read_seconds": read_seconds, "peak_mb": _peak_mb()}


def phase_iie(path: Path, var_dir: str, rows: int) -> dict[str, Any]:
    """django-import-export on the first ``rows`` rows: a Resource whose hooks do the same
    checks, encryption and village look-up, importing into the same tables."""
    _setup(var_dir)
    import tablib
    from import_export import fields, resources
    from python_calamine import CalamineWorkbook

    from minsheng.beneficiaries.models import Person
    from minsheng.beneficiaries.roster import VillageIndex, find_header
    from minsheng.core import idcard
    from minsheng.core.crypto import get_cipher
    from minsheng.core.tabular import cell_text, read_rows
    from minsheng.orgs.models import Org

    cipher = get_cipher()
    villages = VillageIndex.build(
        Org.objects.filter(kind__in=["village", "community"]).values_list("pk", "code", "name")
    )
    it = read_rows(path, fill_merged=True)
    header, it = find_header(it)
    cols = header.columns
    data = tablib.Dataset(headers=["name", "id_number", "phone", "village"])
    for _n, cells in it:
        if len(data) >= rows:
            break
        data.append(
            [
                cell_text(cells[cols["name"]]),
                cells[cols["id_number"]],
                cell_text(cells[cols["phone"]]),
                cell_text(cells[cols["village"]]),
            ]
        )
    del CalamineWorkbook

    class PersonResource(resources.ModelResource):
        id_index = fields.Field(attribute="id_index")

        class Meta:
            model = Person
            fields = ("name", "id_index", "id_number_enc", "phone_enc", "gender", "birth_date", "village")
            import_id_fields = ("id_index",)
            skip_unchanged = False
            use_bulk = False

        def before_import_row(self, row: Any, **kwargs: Any) -> None:
            try:
                parsed = idcard.parse(row["id_number"])
            except idcard.IdNumberError:
                row["id_index"] = None
                return
            row["id_index"] = cipher.blind_index(parsed.number)
            row["id_number_enc"] = cipher.encrypt(parsed.number)
            row["phone_enc"] = cipher.encrypt(row["phone"]) if row["phone"] else None
            row["gender"], row["birth_date"] = parsed.gender, parsed.birth_date
            row["village"] = villages.find(row["village"])

        def skip_row(self, instance: Any, original: Any, row: Any, import_validation_errors: Any = None) -> bool:
            return row.get("id_index") is None or row.get("village") is None

    started = time.perf_counter()
    result = PersonResource().import_data(data, dry_run=False, use_transactions=True, raise_errors=False)
    seconds = time.perf_counter() - started
    return {"rows": len(data), "imported": result.totals.get("new", 0), "seconds": seconds, "peak_mb": _peak_mb()}


def _child(phase: str, path: Path, rows: int) -> dict[str, Any]:
    var_dir = tempfile.mkdtemp(prefix="minsheng-bench-import-")
    env = {**os.environ, "MINSHENG_VAR_DIR": var_dir}
    setup = [sys.executable, __file__, str(path), "--phase", "setup", "--var", var_dir]
    subprocess.run(setup, check=True, env=env)
    cmd = [sys.executable, __file__, str(path), "--phase", phase, "--var", var_dir, "--iie-rows", str(rows)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{phase} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--phase", choices=["setup", "import", "floor", "iie"])
    parser.add_argument("--var")
    parser.add_argument("--iie-rows", type=int, default=20_000)
    parser.add_argument("--skip", action="append", default=[], choices=["import", "floor", "iie"])
    args = parser.parse_args()
    if args.phase == "setup":
        _fresh_database(args.var)
        return
    if args.phase == "import":
        print(json.dumps(phase_import(args.file, args.var)))
        return
    if args.phase == "floor":
        print(json.dumps(phase_floor(args.file, args.var)))
        return
    if args.phase == "iie":
        print(json.dumps(phase_iie(args.file, args.var, args.iie_rows)))
        return
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"{args.file} on {db}")
    for phase, label in (
        ("import", "minsheng import"),
        ("iie", "django-import-export"),
        ("floor", "floor (calamine + bulk insert)"),
    ):
        if phase in args.skip:
            continue
        r = _child(phase, args.file, args.iie_rows)
        rate = r["rows"] / r["seconds"]
        extra = f", read {r['read_seconds']:.1f} s" if "read_seconds" in r else ""
        extra += "".join(f", {k} {v:.1f} s" for k, v in r.get("phases", {}).items())
        print(
            f"  {label:<32} {r['rows']:>9,} rows  {r['seconds']:7.1f} s  {rate:>9,.0f} rows/s  "
            f"peak {r['peak_mb']:,.0f} MB{extra}"
            + (f"  (1,000,000 rows ≈ {1_000_000 / rate / 60:.0f} min)" if phase == "iie" else "")
        )


if __name__ == "__main__":
    main()
