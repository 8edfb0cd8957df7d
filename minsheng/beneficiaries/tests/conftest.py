from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from minsheng.beneficiaries.fake import person_id
from minsheng.orgs.choices import Role
from minsheng.projects.models import LivelihoodItem
from minsheng.projects.services import items_import

ID_X = person_id(1)  # ends in X
FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
HEADINGS = ["序号", "受益人姓名", "公民身份号码", "手机号码", "村（居）", "补助标准（元）", "发放日期"]
FIRST_DATA_ROW = 4  # title row, unit line, header row


class Numeric(float):
    """A cell written as a number in xlsx (an ID typed into a numeric cell)."""


def _bad_birth() -> str:
    from minsheng.core.idcard import check_char

    first17 = "34998119991332001"
    return first17 + check_char(first17)


# (cells, expected error codes, expected warning code); None cells are blank rows
MESSY: list[tuple[list[Any] | None, list[str], str | None]] = [
    (["1", "张伟", person_id(0), "13800138000", "张庄村", "1,200元", "2022-06-05"], [], None),
    (["2", "李娜", person_id(2).translate(FULLWIDTH), Numeric(13912345678), "张庄", "￥600", "2022/6/5"], [], None),
    (["3", "王芳", "'" + ID_X.lower(), "", "李洼村委会", Numeric(800), "2022.6.5"], [], None),
    (["4", "赵强", "349981500101123", "", "王集村民委员会", "", "2022年6月5日"], [], None),
    (["5", "刘敏", " 349981\t" + person_id(3)[6:], "0550-7654321", "349981101204", "1500", "20220605"], [], None),
    (["6", "陈静", person_id(4), "12345", "青山社区居委会", "600", Numeric(44717)], [], "phone_invalid"),
    (["7", "杨洋", person_id(5), "", "茶岭村", "", dt.date(2022, 6, 5)], [], None),
    (["8", "黄磊", person_id(6), "", "石门村", "", ""], [], None),
    (
        ["9", "周杰", person_id(7)[:17] + ("0" if person_id(7)[17] != "0" else "1"), "", "张庄村", "", ""],
        ["id_checksum"],
        None,
    ),
    (["10", "吴娟", _bad_birth(), "", "张庄村", "", ""], ["id_birthdate"], None),
    (["11", "徐涛", "34998119", "", "张庄村", "", ""], ["id_format"], None),
    (["12", "孙明", Numeric(float(person_id(8))), "", "张庄村", "", ""], ["id_precision_lost"], None),
    (["13", "马超", person_id(9), "", "塔下村", "", ""], ["unknown_place"], None),
    (["14", "朱霞", person_id(10), "", "张庄村", "-500", ""], ["bad_amount"], None),
    (["15", "胡平", person_id(11), "", "张庄村", "abc元", ""], ["bad_amount"], None),
    (["16", "郭刚", person_id(12), "", "张庄村", "", "2099-01-01"], ["bad_date"], None),
    (["17", "何红", person_id(13), "", "张庄村", "", "1989-12-31"], ["bad_date"], None),
    (["18", "", person_id(14), "", "张庄村", "", ""], ["missing_required"], None),
    (["19", "林梅", person_id(15), "", "", "", ""], ["missing_required"], None),
    (["20", "罗飞", person_id(0), "", "张庄村", "", ""], ["duplicate_in_file"], None),
    (None, [], None),
    (HEADINGS, [], None),  # the header repeated (a printed roster's second page)
    (["21", "梁华", person_id(16), "", "杨柳村", "2000", "2022-06-05"], [], None),  # village merged over 2 rows
    (["22", "谢兰", person_id(17), "", "杨柳村", "2000", "2022-06-05"], [], None),
]
MERGED_FIRST = 22  # index in MESSY of the first row of the merged village block
FOOTERS = [["合计", "", "", "", "", "7,900", ""], ["制表人：张三", "", "审核人：李四", "", "负责人：王五", "", ""]]
EXPECTED_TOTAL = sum(1 for cells, _e, _w in MESSY if cells is not None and cells is not HEADINGS)
EXPECTED_REJECTED = sum(1 for cells, e, _w in MESSY if cells is not None and e)
EXPECTED_IMPORTED = EXPECTED_TOTAL - EXPECTED_REJECTED


def expected_codes() -> dict[int, list[str]]:
    return {FIRST_DATA_ROW + i: e for i, (_c, e, _w) in enumerate(MESSY) if e}


def _csv_value(value: Any) -> str:
    if isinstance(value, Numeric):
        if value > 1e15:
            return f"{value:.5E}".replace("E+", "E+")  # how Excel saves a long number: 3.49981E+17
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_messy(path: Path, encoding: str = "utf-8") -> Path:
    """The messy roster as xlsx (numeric ID cell, title and merged cells) or CSV."""
    if path.suffix == ".xlsx":
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("花名册")
        sheet.merge_range(0, 0, 0, 6, "青山镇2022年困难群众救助对象花名册")
        sheet.write_row(1, 0, ["填报单位：青山镇民政办", "", "", "", "填报日期：2022年6月"])
        sheet.write_row(2, 0, HEADINGS)
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        r = FIRST_DATA_ROW - 1
        for cells, _e, _w in MESSY:
            if cells is not None:
                for c, value in enumerate(cells):
                    if isinstance(value, Numeric):
                        sheet.write_number(r, c, float(value))
                    elif isinstance(value, dt.date):
                        sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
                    else:
                        sheet.write_string(r, c, value)
            r += 1
        first = FIRST_DATA_ROW - 1 + MERGED_FIRST
        sheet.merge_range(first, 4, first + 1, 4, "杨柳村")
        for footer in FOOTERS:
            sheet.write_row(r, 0, footer)
            r += 1
        book.close()
        return path
    if path.suffix == ".xls":
        return _write_xls(path)
    if path.suffix == ".ods":
        return _write_ods(path)
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter="\t" if path.suffix == ".txt" else ",")
        writer.writerow(["青山镇2022年困难群众救助对象花名册"])
        writer.writerow(["填报单位：青山镇民政办", "", "", "", "填报日期：2022年6月"])
        writer.writerow(HEADINGS)
        for cells, _e, _w in MESSY:
            writer.writerow([_csv_value(v) for v in cells] if cells is not None else [])
        for footer in FOOTERS:
            writer.writerow(footer)
    return path


def _sheet_rows() -> list[tuple[int, list[Any]]]:
    """(0-based sheet row, cells) of the messy roster below its title, unit line and header."""
    rows: list[tuple[int, list[Any]]] = [
        (1, ["填报单位：青山镇民政办", "", "", "", "填报日期：2022年6月"]),
        (2, HEADINGS),
    ]
    r = FIRST_DATA_ROW - 1
    for cells, _e, _w in MESSY:
        if cells is not None:
            rows.append((r, cells))
        r += 1
    for footer in FOOTERS:
        rows.append((r, footer))
        r += 1
    return rows


def _write_xls(path: Path) -> Path:
    """Excel 97–2003 (BIFF8), as old office PCs still save: numbers, real dates, merged cells."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet.write_merge(0, 0, 0, 6, "青山镇2022年困难群众救助对象花名册")
    first = FIRST_DATA_ROW - 1 + MERGED_FIRST
    for r, cells in _sheet_rows():
        for c, value in enumerate(cells):
            if c == 4 and r in (first, first + 1):
                continue  # the merged village block, written below
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            elif isinstance(value, Numeric):
                sheet.write(r, c, float(value))
            elif value != "":
                sheet.write(r, c, value)
    sheet.write_merge(first, first + 1, 4, 4, "杨柳村")
    book.save(str(path))
    return path


def _write_ods(path: Path) -> Path:
    """OpenDocument (WPS and LibreOffice): float and date cells, a merged title and village."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="花名册")
    title = TableRow()
    cell = TableCell(valuetype="string", numbercolumnsspanned=7)
    cell.addElement(P(text="青山镇2022年困难群众救助对象花名册"))
    title.addElement(cell)
    for _ in range(6):
        title.addElement(CoveredTableCell())
    table.addElement(title)
    first = FIRST_DATA_ROW - 1 + MERGED_FIRST
    expected = 1
    for r, cells in _sheet_rows():
        while expected < r:  # the blank row
            table.addElement(TableRow())
            expected += 1
        row = TableRow()
        for c, value in enumerate(cells):
            if c == 4 and r == first + 1:
                row.addElement(CoveredTableCell())
                continue
            if isinstance(value, dt.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            elif isinstance(value, Numeric):
                cell = TableCell(valuetype="float", value=repr(float(value)))
            else:
                cell = TableCell(valuetype="string")
            if c == 4 and r == first:
                cell.setAttribute("numberrowsspanned", "2")
            if value != "":
                cell.addElement(P(text=value.isoformat() if isinstance(value, dt.date) else str(value)))
            row.addElement(cell)
        table.addElement(row)
        expected = r + 1
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


FILE_KINDS = {
    "xlsx": ("roster.xlsx", "utf-8"),
    "xls": ("roster.xls", "utf-8"),
    "ods": ("roster.ods", "utf-8"),
    "csv-utf8": ("roster.csv", "utf-8"),
    "csv-bom": ("roster.csv", "utf-8-sig"),
    "csv-gb18030": ("roster.csv", "gb18030"),
    "txt-utf16": ("roster.txt", "utf-16"),  # Excel's “Unicode text”: UTF-16 with a BOM, tab-separated
}


@pytest.fixture(params=list(FILE_KINDS))
def messy_file(request: Any, tmp_path: Path) -> Path:
    name, encoding = FILE_KINDS[request.param]
    return write_messy(tmp_path / name, encoding)


@pytest.fixture
def items(org_tree: Any, settings: Any) -> dict[str, LivelihoodItem]:
    items_import(actor=None, path=f"{settings.DEMO_DATA_DIR}/livelihood_items_2022.csv", year=2022)
    return {i.code: i for i in LivelihoodItem.objects.all()}


@pytest.fixture
def users(make_user: Callable[..., Any], items: Any) -> dict[str, Any]:
    from minsheng.orgs.services import roles_sync

    roles_sync()
    return {
        "coord": make_user("coord", Role.COORDINATOR, "D01"),
        "minzheng": make_user("minzheng", Role.DEPARTMENT_LIAISON, "D05"),
        "jiaoyu": make_user("jiaoyu", Role.DEPARTMENT_LIAISON, "D04"),
        "qingshan": make_user("qingshan", Role.TOWN_LIAISON, "349981101000"),
        "baita": make_user("baita", Role.TOWN_LIAISON, "349981102000"),
        "zhangzhuang": make_user("zhangzhuang", Role.VILLAGE_STAFF, "349981101201"),
    }
