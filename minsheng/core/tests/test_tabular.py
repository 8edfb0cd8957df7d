"""Reading spreadsheets: merged cells in ODS (which calamine does not report)."""

from __future__ import annotations

from pathlib import Path

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from minsheng.core.tabular import cell_text, ods_merged_ranges, read_rows


def _cell(text: str = "", **attrs: str) -> TableCell:
    cell = TableCell(valuetype="string", **attrs) if text else TableCell(**attrs)
    if text:
        cell.addElement(P(text=text))
    return cell


def _ods(path: Path) -> Path:
    """Rows repeated, columns repeated and blocks merged, as LibreOffice and WPS write them."""
    doc = OpenDocumentSpreadsheet()
    other = Table(name="说明")
    row = TableRow()
    row.addElement(_cell("另一张表", numbercolumnsspanned="3"))
    other.addElement(row)
    doc.spreadsheet.addElement(other)
    table = Table(name="花名册")
    table.addElement(TableRow(numberrowsrepeated="2"))  # two empty rows in one element
    header = TableRow()
    for text in ("姓名", "村名", "备注"):
        header.addElement(_cell(text))
    table.addElement(header)
    first = TableRow()
    first.addElement(_cell("张三"))
    first.addElement(_cell("张庄村", numberrowsspanned="3"))
    first.addElement(_cell("", numbercolumnsrepeated="1"))
    table.addElement(first)
    for name in ("李四", "王五"):
        row = TableRow()
        row.addElement(_cell(name))
        row.addElement(CoveredTableCell())
        row.addElement(_cell())
        table.addElement(row)
    last = TableRow()
    last.addElement(_cell("", numbercolumnsrepeated="1"))
    last.addElement(_cell("合计：3户", numbercolumnsspanned="2"))
    last.addElement(CoveredTableCell())
    table.addElement(last)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def test_ods_merged_ranges_count_repeated_rows_and_columns(tmp_path: Path) -> None:
    path = _ods(tmp_path / "roster.ods")
    assert ods_merged_ranges(path, "花名册") == [((3, 1), (5, 1)), ((6, 1), (6, 2))]
    assert ods_merged_ranges(path, "说明") == [((0, 0), (0, 2))]
    assert ods_merged_ranges(path, "没有") == []


def test_ods_merged_village_reads_on_every_row(tmp_path: Path) -> None:
    rows = {
        n: [cell_text(c) for c in cells]
        for n, cells in read_rows(_ods(tmp_path / "r.ods"), sheet="花名册", fill_merged=True)
    }
    assert [rows[n][:2] for n in (4, 5, 6)] == [["张三", "张庄村"], ["李四", "张庄村"], ["王五", "张庄村"]]
    assert rows[7][1:3] == ["合计：3户", "合计：3户"]


def test_not_an_ods_archive_has_no_ranges(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ods"
    bad.write_bytes(b"not a zip")
    assert ods_merged_ranges(bad, "Sheet1") == []


def test_rows_keep_their_sheet_numbers_below_leading_blank_rows_and_columns(tmp_path: Path) -> None:
    """Error messages name the row the user sees in Excel, whatever empty rows come first."""
    import xlsxwriter
    import xlwt

    xlsx = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(xlsx))
    sheet = book.add_worksheet("花名册")
    sheet.write_row(3, 1, ["姓名", "村名"])
    sheet.write_row(4, 1, ["张三", "张庄村"])
    sheet.write(5, 1, "李四")
    sheet.merge_range(5, 2, 6, 2, "李洼村")
    sheet.write(6, 1, "王五")
    book.close()
    xls = tmp_path / "r.xls"
    old = xlwt.Workbook(encoding="utf-8")
    sheet = old.add_sheet("花名册")
    for c, text in enumerate(["姓名", "村名"]):
        sheet.write(3, 1 + c, text)
    sheet.write(4, 1, "张三")
    sheet.write(4, 2, "张庄村")
    sheet.write(5, 1, "李四")
    sheet.write_merge(5, 6, 2, 2, "李洼村")
    sheet.write(6, 1, "王五")
    old.save(str(xls))
    for path in (xlsx, xls):
        rows = {n: [cell_text(c) for c in cells] for n, cells in read_rows(path, fill_merged=True) if any(cells)}
        assert rows == {4: ["姓名", "村名"], 5: ["张三", "张庄村"], 6: ["李四", "李洼村"], 7: ["王五", "李洼村"]}, path


def test_text_files_in_utf16_with_tabs_and_csv_with_semicolons(tmp_path: Path) -> None:
    unicode_text = tmp_path / "r.txt"
    unicode_text.write_text("姓名\t身份证号码\t村名\n张三\t349981195001011235\t张庄村,一组\n", encoding="utf-16")
    assert [cells for _n, cells in read_rows(unicode_text)] == [
        ["姓名", "身份证号码", "村名"],
        ["张三", "349981195001011235", "张庄村,一组"],
    ]
    semicolons = tmp_path / "r.csv"
    semicolons.write_text("姓名;身份证号码;金额\n张三;349981195001011235;1,5\n", encoding="utf-8")
    assert [cells for _n, cells in read_rows(semicolons)][1] == ["张三", "349981195001011235", "1,5"]
    commas = tmp_path / "c.csv"
    commas.write_text("姓名,备注\n张三,说明；含分号\t和制表符\n", encoding="gb18030")
    assert [cells for _n, cells in read_rows(commas)][1] == ["张三", "说明；含分号\t和制表符"]
