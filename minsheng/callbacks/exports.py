"""The campaign metrics as an xlsx workbook (XlsxWriter, in memory)."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

from .models import Campaign


def _headers() -> list[str]:
    return [
        _("Unit"),
        _("Tasks"),
        _("Attempted"),
        _("Reached"),
        _("Valid"),
        _("Reach rate %"),
        _("Awareness rate %"),
        _("Satisfaction rate %"),
        _("Satisfaction score"),
        _("Info accuracy %"),
        _("Progress %"),
    ]


def _row(row: dict[str, Any]) -> list[Any]:
    c, r = row["counts"], row["rates"]
    return [
        row["label"] or _("All"),
        c.tasks,
        c.attempted,
        c.reached,
        c.valid,
        r.reach_rate,
        r.awareness,
        r.satisfaction,
        r.score,
        r.accuracy,
        r.progress,
    ]


def metrics_xlsx(
    campaign: Campaign, overall: dict[str, Any], tables: dict[str, list[dict[str, Any]]], comparison: list[Any]
) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True})
    names = {
        "town": _("Towns"),
        "village": _("Villages"),
        "item": _("Items"),
        "unit": _("Units"),
        "caller": _("Callers"),
    }
    sheet = book.add_worksheet(_("Overall"))
    sheet.write_row(0, 0, [campaign.name], bold)
    sheet.write_row(1, 0, _headers(), bold)
    sheet.write_row(2, 0, _row(overall))
    for by, rows in tables.items():
        ws = book.add_worksheet(str(names.get(by, by)))
        ws.write_row(0, 0, _headers(), bold)
        for i, row in enumerate(rows, start=1):
            ws.write_row(i, 0, _row(row))
        ws.set_column(0, 0, 24)
    if comparison:
        ws = book.add_worksheet(_("Town vs city"))
        ws.write_row(
            0,
            0,
            [
                _("Town"),
                _("Town round: awareness %"),
                _("City re-check: awareness %"),
                _("Town round: satisfaction %"),
                _("City re-check: satisfaction %"),
                _("Large gap"),
            ],
            bold,
        )
        for i, row in enumerate(comparison, start=1):
            own = row["town"]["rates"] if row["town"] else None
            ws.write_row(
                i,
                0,
                [
                    row["label"],
                    own.awareness if own else None,
                    row["city"]["rates"].awareness,
                    own.satisfaction if own else None,
                    row["city"]["rates"].satisfaction,
                    _("Yes") if row["flag"] else "",
                ],
            )
    book.close()
    return out.getvalue()
