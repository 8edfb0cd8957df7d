"""Writes to the catalogue."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from minsheng.core.services import audit_event
from minsheng.orgs.models import Org, User

from .choices import ItemStatus
from .models import LivelihoodItem


class ItemImportError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def items_load_basic_csv(*, actor: User | None, path: Path | str, year: int) -> tuple[int, int]:
    """Load ``livelihood_items_2022.csv`` (seq,name,status,category,lead_dept,co_dept,city_has_task)
    as basic records. All or nothing; returns (created, updated)."""
    text = Path(path).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    depts = {o.code: o for o in Org.objects.filter(kind__in=["department", "coordinator"])}
    errors: list[str] = []
    for lineno, row in enumerate(rows, start=2):
        if not (row.get("seq") or "").strip().isdigit():
            errors.append(
                _("line %(line)d: number “%(seq)s” is not a whole number") % {"line": lineno, "seq": row.get("seq")}
            )
        if row.get("lead_dept", "").strip() not in depts:
            errors.append(
                _("line %(line)d: unknown lead department %(code)s") % {"line": lineno, "code": row.get("lead_dept")}
            )
        if row.get("status", "").strip() not in ItemStatus.values:
            errors.append(_("line %(line)d: unknown status %(status)s") % {"line": lineno, "status": row.get("status")})
    if errors:
        raise ItemImportError(errors)
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            seq = int(row["seq"])
            item = LivelihoodItem.objects.filter(year=year, seq=seq).first()
            fields = {
                "name": row["name"].strip(),
                "category": row.get("category", "").strip(),
                "status": row["status"].strip(),
                "city_has_task": row.get("city_has_task", "1").strip() in {"1", "true", "是"},
                "lead_department": depts[row["lead_dept"].strip()],
            }
            if item is None:
                item = LivelihoodItem(year=year, seq=seq, **fields)
                item.save()
                created += 1
                audit_event(actor=actor, action="item.create", target=item, org=item.lead_department)
            elif any(getattr(item, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(item, k, v)
                item.save()
                updated += 1
                audit_event(actor=actor, action="item.update", target=item, org=item.lead_department)
            co = [depts[c] for c in (row.get("co_dept") or "").split(";") if c.strip() in depts]
            if set(item.co_departments.all()) != set(co):
                item.co_departments.set(co)
    return created, updated
