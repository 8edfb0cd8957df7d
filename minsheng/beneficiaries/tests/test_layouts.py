"""Rosters laid out as offices really make them: the roster on a second sheet below blank rows
and columns, two heading rows, headings with remarks in brackets, a town column to tell apart
villages of the same name, and a template's unused numbered rows at the bottom."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from minsheng.beneficiaries.fake import person_id
from minsheng.beneficiaries.models import Benefit
from minsheng.beneficiaries.reports import error_report_bytes
from minsheng.beneficiaries.roster import find_header
from minsheng.beneficiaries.services import batch_rejected_rows, beneficiaries_import
from minsheng.core.tabular import read_rows
from minsheng.orgs.models import Org
from minsheng.orgs.services import org_save

pytestmark = pytest.mark.django_db

TOP, LEFT = 2, 1  # blank rows above and blank columns left of the roster
TITLE = ["2022年困难群众救助对象花名册（续）"]
# (row cells from 序号 on: 序号, 姓名, 身份证号码, 联系电话, 乡镇, 村名, 金额, 发放日期; expected code)
ROWS: list[tuple[list[Any], str | None]] = [
    (["1", "张伟", person_id(0), "13800138000", "青山镇", "张庄村", "1200", "2022-06-05"], None),
    (["2", "李娜", person_id(2), "", "白塔镇", "张庄村", "600", "2022-06-05"], None),  # 白塔镇's own 张庄村
    (["3", "王芳", person_id(3), "", "", "青山镇张庄村", "600", ""], None),  # town written before the village
    (["4", "赵强", person_id(4), "", "", "张庄村", "600", ""], "unknown_place"),  # which 张庄村?
    (["5", "刘敏", person_id(5), "", "白塔镇", "李洼村", "600", ""], "unknown_place"),  # 李洼村 is in 青山镇
    (["6", "陈静", person_id(6), "", "", "塔下村", "", ""], None),
    (["7", "", "", "13900139000", "", "", "", ""], "missing_required"),  # a phone but nobody: checked
    # placeholders for “none”, two phone numbers, a group after the village, a full address
    (["8", "孙丽", person_id(7), "13800138001/13900139001", "青山镇", "张庄村三组", "—", "/"], None),
    (["9", "周平", "无", "", "", "青河市青山镇李洼村", "", ""], "missing_required"),
    (["9a", "无", person_id(9), "", "", "李洼村", "", ""], "missing_required"),  # 无 is no name
    (["10", "吴刚", person_id(8), "", "", "青河市青山镇李洼村", "", ""], None),
    (TITLE, None),  # the title again, merged across the columns, on the second printed page
    (["12", "/", "/", "/", "/", "/", "/", "/"], None),  # a template row struck through: not data
    (["8", "", "", "", "", "", "", ""], None),  # unused numbered rows: not data
    (["9", "", "", "", "", "", "", ""], None),
    (["10", "", "", "", "青山镇", "张庄村", "", ""], None),  # only the place, filled down: not data
]


def write_roster(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    cover = book.add_worksheet("填表说明")
    cover.write(0, 0, "请在第二张表填写花名册，身份证号码请设为文本格式。")
    sheet = book.add_worksheet("花名册")
    sheet.merge_range(TOP, LEFT, TOP, LEFT + 7, "2022年困难群众救助对象花名册")
    first, second = TOP + 1, TOP + 2  # two heading rows: 补助 over 金额（元） | 发放日期
    for offset, heading in enumerate(["序号", "姓 名", "身份证号码（18位）", "联系电话（手机）", "所在乡镇", "村名"]):
        sheet.merge_range(first, LEFT + offset, second, LEFT + offset, heading)
    sheet.merge_range(first, LEFT + 6, first, LEFT + 7, "补助")
    sheet.write_row(second, LEFT + 6, ["金额（元）", "日期"])
    for n, (cells, _code) in enumerate(ROWS):
        if cells is TITLE:
            sheet.merge_range(second + 1 + n, LEFT, second + 1 + n, LEFT + 7, TITLE[0])
        else:
            sheet.write_row(second + 1 + n, LEFT, cells)
    book.close()
    return path


@pytest.fixture
def second_zhangzhuang(org_tree: dict[str, Org]) -> Org:
    """白塔镇 gets a 张庄村 too: two villages of one name in the city."""
    return org_save(
        actor=None, org=Org(code="349981102299", name="张庄村", kind="village", parent=org_tree["349981102000"])
    )


def test_roster_laid_out_as_offices_make_them(
    tmp_path: Path, org_tree: dict[str, Org], second_zhangzhuang: Org, settings: Any
) -> None:
    from minsheng.projects.models import LivelihoodItem
    from minsheng.projects.services import items_import

    items_import(actor=None, path=Path(settings.DEMO_DATA_DIR) / "livelihood_items_2022.csv", year=2022)
    item = LivelihoodItem.objects.get(code="2022-13")
    result = beneficiaries_import(
        actor=None, path=write_roster(tmp_path / "r.xlsx"), item=item, org=org_tree["349981000000"]
    )
    first_data_row = TOP + 2 + 2  # Excel row of the first person: below blank rows and two heading rows
    expected = {first_data_row + n: code for n, (_c, code) in enumerate(ROWS) if code}
    assert {e.row: e.code for e in result.errors} == expected
    assert (result.rows_total, result.rows_imported, result.rows_rejected) == (11, 6, 5)
    assert result.warnings == []
    assert result.batch is not None and result.batch.sheet == "花名册"
    result.batch.refresh_from_db()
    assert result.batch.sheet == "花名册"  # the sheet it was found on, recorded
    messages = {e.row: e.message for e in result.errors}
    assert "多个乡镇" in messages[first_data_row + 3]  # ambiguous: says to add the town
    assert messages[first_data_row + 4] == "白塔镇没有名为“李洼村”的村（社区）。"
    columns = {e.row: e.column for e in result.errors}
    assert columns[first_data_row + 3] == "村名"
    villages = {b.person.id_number(): (b.village.code, b.amount, b.paid_on) for b in Benefit.objects.all()}
    assert villages[person_id(0)][0] == "349981101201"  # 青山镇张庄村
    assert villages[person_id(2)][0] == second_zhangzhuang.code
    assert villages[person_id(3)][0] == "349981101201"
    assert villages[person_id(6)][0] == "349981102201"
    assert villages[person_id(7)] == ("349981101201", None, None)  # 张庄村三组; “—” and “/” are empty
    assert villages[person_id(8)][0] == "349981101202"  # 青河市青山镇李洼村
    phones = {b.person.id_number(): b.person.phone() for b in Benefit.objects.select_related("person")}
    assert phones[person_id(7)] == "13800138001" and phones[person_id(0)] == "13800138000"
    # the second heading row gave the amount and date columns, under headings that the error
    # report carries and a re-import recognises
    assert result.header[6:8] == ["补助金额（元）", "日期"]
    report = tmp_path / "report.xlsx"
    report.write_bytes(error_report_bytes(result.header, batch_rejected_rows(result.batch)[1]))
    rows = read_rows(report)
    again, _rest = find_header(rows)
    assert set(again.columns) == {"name", "id_number", "phone", "town", "village", "amount", "paid_on"}
    assert str(villages[person_id(0)][1]) == "1200.00" and villages[person_id(0)][2].isoformat() == "2022-06-05"
