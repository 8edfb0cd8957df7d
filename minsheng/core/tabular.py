"""Read the rows of a spreadsheet or CSV file as text, whatever Chinese offices send.

xlsx/xls/ods through python-calamine (fast, holds the sheet); CSV as UTF-8 (with or without
a BOM) or GB18030, as Excel on a Chinese Windows saves it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


class TableError(Exception):
    """The file cannot be read at all; the message says why, in the user's language."""


def decode_text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(_("The file is neither UTF-8 nor GB18030 text."))


def cell_text(value: Any) -> str:
    """A cell as the text a person would read in it (numbers without a spurious .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_rows(path: Path | str, *, sheet: str | None = None) -> Iterator[tuple[int, list[Any]]]:
    """Yield (row number as the user sees it, raw cell values) for every row of the file."""
    path = Path(path)
    if not path.exists():
        raise TableError(_("File not found: %(path)s") % {"path": path})
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        yield from _read_spreadsheet(path, sheet=sheet)
    else:
        text = decode_text(path.read_bytes())
        for lineno, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            yield lineno, list(row)


def _read_spreadsheet(path: Path, *, sheet: str | None) -> Iterator[tuple[int, list[Any]]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several error types for unreadable files
        raise TableError(_("The spreadsheet cannot be read: %(error)s") % {"error": exc}) from exc
    names = book.sheet_names
    if not names:
        raise TableError(_("The spreadsheet has no sheets."))
    if sheet is not None and sheet not in names:
        raise TableError(
            _("No sheet named “%(sheet)s”; the sheets are: %(names)s") % {"sheet": sheet, "names": "、".join(names)}
        )
    data = book.get_sheet_by_name(sheet or names[0])
    start = data.start[0] if data.start else 0
    for offset, row in enumerate(data.iter_rows()):
        yield start + offset + 1, list(row)
