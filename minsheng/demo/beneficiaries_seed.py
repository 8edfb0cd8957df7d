"""Demo beneficiaries: rosters for the 16 city items over every village of 青河市, imported
through the real import service (so the demo shows batches, rejected rows and all).

About 21,000 people; item k takes a slice of the people that overlaps item k+1's, so some
people benefit from several items. Rosters are CSV files made in a temporary folder, and
deterministic: a rerun finds each item's demo batch and imports nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from minsheng.beneficiaries.choices import BatchStatus
from minsheng.beneficiaries.fake import Village, roster_rows, write_roster
from minsheng.beneficiaries.models import ImportBatch
from minsheng.beneficiaries.services import beneficiaries_import
from minsheng.orgs.choices import VILLAGE_KINDS
from minsheng.orgs.models import Org
from minsheng.projects.models import LivelihoodItem

PEOPLE = 21_000
STEP = 1_300
PER_ITEM = 1_600
BAD_SHARE = 0.01


def demo_file_name(item: LivelihoodItem) -> str:
    return f"demo-roster-{item.code}.csv"


def seed_beneficiaries() -> int:
    """Import the missing demo rosters; returns the number of batches imported."""
    items = list(LivelihoodItem.objects.filter(city_has_task=True, year=2022).order_by("seq"))
    city = Org.objects.filter(kind="city").order_by("path").first()
    if city is None or not items:
        return 0
    done = set(
        ImportBatch.objects.filter(status=BatchStatus.SUCCEEDED, file_name__startswith="demo-roster-").values_list(
            "file_name", flat=True
        )
    )
    villages = [
        Village(code, name)
        for code, name in Org.objects.filter(kind__in=VILLAGE_KINDS).order_by("path").values_list("code", "name")
    ]
    imported = 0
    with tempfile.TemporaryDirectory(prefix="minsheng-demo-rosters-") as tmp:
        for k, item in enumerate(items):
            name = demo_file_name(item)
            if name in done:
                continue
            people = [(k * STEP + n) % PEOPLE for n in range(PER_ITEM)]
            path = Path(tmp) / name
            rows = roster_rows(villages, PER_ITEM, people=people, seed=100 + k, bad_share=BAD_SHARE, year=item.year)
            write_roster(path, rows, title=f"青河市{item.year}年{item.name}受益对象花名册")
            beneficiaries_import(actor=None, path=path, item=item, org=city)
            imported += 1
    return imported
