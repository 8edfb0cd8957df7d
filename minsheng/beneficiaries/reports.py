"""The error report: the rejected rows as they were, plus what is wrong with each, ready
to fix and import again (XlsxWriter; every cell written as text, so ID numbers stay whole)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import xlsxwriter
from django.utils.translation import gettext as _


def write_error_report(
    target: Path | str | IO[bytes], header: Sequence[str], rows: Sequence[tuple[int, Sequence[str], str]]
) -> None:
    book = xlsxwriter.Workbook(target if not isinstance(target, Path) else str(target), {"in_memory": True})
    sheet = book.add_worksheet(_("Rejected rows")[:31])
    bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    text = book.add_format({"num_format": "@"})
    wrong = book.add_format({"font_color": "#C00000", "text_wrap": True})
    width = max([len(header), *(len(cells) for _row, cells, _msg in rows)], default=0)
    heading = [*header, *[""] * (width - len(header))]
    sheet.write_row(0, 0, heading, bold)
    sheet.write(0, width, _("Row in the original file"), bold)
    sheet.write(0, width + 1, _("What is wrong"), bold)
    for r, (rownum, cells, message) in enumerate(rows, start=1):
        for c, value in enumerate(cells):
            sheet.write_string(r, c, value, text)
        sheet.write_number(r, width, rownum)
        sheet.write_string(r, width + 1, message, wrong)
    sheet.set_column(0, max(width - 1, 0), 16, text)
    sheet.set_column(width + 1, width + 1, 60)
    sheet.freeze_panes(1, 0)
    book.close()


def error_report_bytes(header: Sequence[str], rows: Sequence[tuple[int, Sequence[str], str]]) -> bytes:
    buffer = io.BytesIO()
    write_error_report(buffer, header, rows)
    return buffer.getvalue()
