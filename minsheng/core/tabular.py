"""Read the rows of a spreadsheet or CSV file as text, whatever Chinese offices send.

xlsx/xls/ods through python-calamine (fast, holds the sheet); CSV as UTF-8 (with or without
a BOM) or GB18030, as Excel on a Chinese Windows saves it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


class TableError(Exception):
    """The file cannot be read at all; the message says why, in the user's language."""


def decode_text(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's “Unicode text” (UTF-16, tab-separated)
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise TableError(_("The file is neither UTF-8 nor GB18030 text.")) from None
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


def read_rows(
    path: Path | str,
    *,
    sheet: str | None = None,
    fill_merged: bool = False,
    on_size: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, list[Any]]]:
    """Yield (row number as the user sees it, raw cell values) for every row of the file.

    With ``fill_merged``, every cell covered by a merged range holds the range's value (a
    village name merged down a block of rows reads on each of them). ``on_size`` is told the
    number of rows once it is known (for a progress bar)."""
    path = Path(path)
    if not path.exists():
        raise TableError(_("File not found: %(path)s") % {"path": path})
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        yield from _read_spreadsheet(path, sheet=sheet, fill_merged=fill_merged, on_size=on_size)
    else:
        text = decode_text(path.read_bytes())
        if on_size is not None:
            on_size(text.count("\n") + (0 if text.endswith("\n") else 1))
        for lineno, row in enumerate(csv.reader(io.StringIO(text), delimiter=_delimiter(text)), start=1):
            yield lineno, list(row)


def _delimiter(text: str) -> str:
    """Comma, or tab / semicolon when the first lines use that instead (“Unicode text”, or a
    CSV from a European-locale Excel)."""
    head = text[:20_000].splitlines()[:30]
    counts = {d: sum(line.count(d) for line in head) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def sheet_names(path: Path | str) -> list[str]:
    """The sheets of a spreadsheet (none for CSV and text files)."""
    path = Path(path)
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return []
    from python_calamine import CalamineWorkbook

    try:
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception as exc:  # calamine raises several error types for unreadable files
        raise TableError(_("The spreadsheet cannot be read: %(error)s") % {"error": exc}) from exc


def _read_spreadsheet(
    path: Path, *, sheet: str | None, fill_merged: bool, on_size: Callable[[int], None] | None
) -> Iterator[tuple[int, list[Any]]]:
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
    # calamine's iter_rows() starts at the sheet's first row (leading empty rows included) but
    # at its first used column: rows are numbered from 1, columns are shifted by ``start_col``.
    start_col = data.start[1] if data.start else 0
    if on_size is not None:
        on_size(data.height)
    # merged ranges: {first row: [(last row, first col, last col)]}, in sheet coordinates
    merged: dict[int, list[tuple[int, int, int]]] = {}
    if fill_merged:
        ranges = data.merged_cell_ranges
        if ranges is None and path.suffix.lower() == ".ods":  # calamine gives none for ODS
            ranges = ods_merged_ranges(path, sheet or names[0])
        for (r0, c0), (r1, c1) in ranges or ():
            if r1 > r0 or c1 > c0:
                merged.setdefault(r0, []).append((r1, c0, c1))
    active: list[tuple[int, int, int, Any]] = []  # (last row, first col, last col, value)
    for offset, raw in enumerate(data.iter_rows()):
        row = list(raw)
        if merged or active:
            absolute = offset
            active = [m for m in active if m[0] >= absolute]
            for last, c0, c1 in merged.pop(absolute, ()):
                idx = c0 - start_col
                if 0 <= idx < len(row):
                    active.append((last, c0, c1, row[idx]))
            for _last, c0, c1, value in active:
                for col in range(max(c0 - start_col, 0), min(c1 - start_col + 1, len(row))):
                    row[col] = value
        yield offset + 1, row


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def ods_merged_ranges(path: Path, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The merged ranges of one sheet of an ODS file, ((first row, first col), (last row,
    last col)) 0-based, read from its content.xml as a stream (a sheet can be large)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            return list(_ods_ranges(content, sheet))
    except (zipfile.BadZipFile, KeyError, OSError):
        return []


def _ods_ranges(content: IO[bytes], sheet: str) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    from defusedxml.ElementTree import iterparse

    inside, row, col = False, 0, 0
    for event, elem in iterparse(content, events=("start", "end")):
        tag = elem.tag
        if tag == f"{_TABLE}table":
            if event == "start":
                inside = elem.get(f"{_TABLE}name") == sheet
            elif inside:
                return
            continue
        if not inside:
            if event == "end":
                elem.clear()
            continue
        if tag == f"{_TABLE}table-row":
            if event == "start":
                col = 0
            else:
                row += int(elem.get(f"{_TABLE}number-rows-repeated", "1"))
                elem.clear()
        elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell") and event == "start":
            rows = int(elem.get(f"{_TABLE}number-rows-spanned", "1"))
            cols = int(elem.get(f"{_TABLE}number-columns-spanned", "1"))
            if rows > 1 or cols > 1:
                yield (row, col), (row + rows - 1, col + cols - 1)
            col += int(elem.get(f"{_TABLE}number-columns-repeated", "1"))
