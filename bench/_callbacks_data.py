"""Shared set-up of the callback benchmarks: a scratch database with the demo city, one
item, N people with one benefit record each over the 102 villages (uneven sizes), written
with COPY (PostgreSQL) or executemany (SQLite) through the registry's own ``write_chunk``."""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("MINSHENG_VAR_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))

import django

django.setup()

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

CHUNK = 50_000


def timed(func: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Median milliseconds of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def load_city() -> tuple[Any, list[tuple[int, int]]]:
    """The demo city and one item; returns (item, [(village id, town id)])."""
    from minsheng.orgs.choices import VILLAGE_KINDS
    from minsheng.orgs.models import Org
    from minsheng.orgs.services import orgs_load_csv
    from minsheng.projects.models import LivelihoodItem

    data = Path(settings.DEMO_DATA_DIR)
    orgs_load_csv(actor=None, source=data / "demo_city.csv")
    orgs_load_csv(actor=None, source=data / "demo_departments.csv")
    dept = Org.objects.get(code="D05")
    item = LivelihoodItem.objects.create(year=2022, seq=1, name="老年助餐服务", lead_department=dept)
    villages = list(Org.objects.filter(kind__in=VILLAGE_KINDS).values_list("pk", "parent_id"))
    return item, villages


def populate(n: int, item: Any, villages: list[tuple[int, int]], seed: int = 1) -> None:
    """N people and N benefit records (ids 1..N), villages weighted 1–10."""
    from minsheng.beneficiaries.models import Benefit, Person
    from minsheng.beneficiaries.services import write_chunk

    rng = random.Random(seed)
    weights = [rng.randint(1, 10) for _ in villages]
    chosen = rng.choices(villages, weights=weights, k=n)
    now = timezone.now()
    born = date(1960, 1, 1)
    person_cols: tuple[str, ...] = ("id", "created_at", "updated_at", "name", "id_number_enc", "id_index")
    person_cols += ("phone_enc", "gender", "birth_date", "village_id")
    benefit_cols: tuple[str, ...] = ("id", "created_at", "updated_at", "person_id", "item_id", "year", "amount")
    benefit_cols += ("paid_on", "village_id", "source_org_id", "batch_id")
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, n, CHUNK):
            people, benefits = [], []
            for i in range(start, min(n, start + CHUNK)):
                pk = i + 1
                village, _town = chosen[i]
                blob = pk.to_bytes(8, "big")
                people.append((pk, now, now, "测试", blob, blob.rjust(32, b"\0"), None, "M", born, village))
                benefits.append((pk, now, now, pk, item.pk, 2022, 600, None, village, village, None))
            write_chunk(cursor, Person._meta.db_table, person_cols, people)
            write_chunk(cursor, Benefit._meta.db_table, benefit_cols, benefits)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
