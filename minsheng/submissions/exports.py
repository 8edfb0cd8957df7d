"""The ranking as an xlsx workbook and as a Word bulletin (通报)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from .choices import LEVEL_ORDER, Level
from .scoring import Period
from .selectors import QUOTA_IN_PROGRESS, ScoreRow, ranking_totals

BODY_FONT = "仿宋_GB2312"
BODY_FALLBACK = "宋体"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"


def _num(value: object) -> float | int:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value  # type: ignore[return-value]


def ranking_headers() -> list[str]:
    return [
        _("Rank"),
        _("Unit"),
        _("Submitted"),
        _("Adopted"),
        _("Adoption rate"),
        *[str(Level(lv).label) for lv in LEVEL_ORDER],
        _("Headlines"),
        _("Points"),
        _("Quota required"),
        _("Quota status"),
        _("Deductions"),
        _("Total"),
    ]


def ranking_cells(row: ScoreRow) -> list[object]:
    return [
        row.rank,
        row.unit.name,
        row.submitted,
        row.adopted,
        row.rate_percent,
        *[row.by_level.get(str(lv), 0) for lv in LEVEL_ORDER],
        row.headlines,
        _num(row.points),
        row.quota_required if row.quota_ended else "—",
        row.quota_status_label,
        _num(row.quota_penalty + row.penalty),
        _num(row.total),
    ]


def ranking_xlsx(*, rows: list[ScoreRow], period: Period) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(period.slug)
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF5", "border": 1, "text_wrap": True})
    title = book.add_format({"bold": True, "font_size": 14})
    sheet.write(0, 0, _("Submissions ranking, %(period)s") % {"period": period.label}, title)
    headers = ranking_headers()
    for col, text in enumerate(headers):
        sheet.write(2, col, text, bold)
    for r, row in enumerate(rows, start=3):
        for col, value in enumerate(ranking_cells(row)):
            sheet.write(r, col, value)  # type: ignore[arg-type]
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 22)
    sheet.set_column(2, len(headers) - 1, 10)
    sheet.freeze_panes(3, 2)
    book.close()
    return out.getvalue()


def _font(run: object, name: str, *, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name  # type: ignore[attr-defined]
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)
    if size:
        run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]


def bulletin_title(period: Period) -> str:
    return f"关于{period.label}民生工程信息报送情况的通报"


def ranking_docx(*, rows: list[ScoreRow], period: Period, office: str, issued: date) -> bytes:
    """A 通报: title, addressees, a paragraph with the totals, the ranked table, the best
    and the lagging units, the issuing office and the date."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    def para(
        text: str,
        *,
        font: str = BODY_FONT,
        size: float = 16,
        bold: bool = False,
        align: Any = None,
        indent: bool = True,
    ) -> None:
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent and align is None:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        p.paragraph_format.line_spacing = Pt(28)
        _font(p.add_run(text), font, size=size, bold=bold)

    para(bulletin_title(period), font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
    para("", indent=False)
    para("各镇（街道）、市直各有关单位：", indent=False)
    totals = ranking_totals(rows)
    para(
        f"根据民生工程宣传工作安排，现将{period.label}民生工程信息报送情况通报如下：{period.label}，"
        f"全市共{totals['units']}个单位报送信息{totals['submitted']}篇，市民生办采用{totals['adopted']}篇"
        f"（其中头条{totals['headlines']}篇），采用率{totals['rate_percent']}；"
        f"经确认的外部媒体刊发{totals['placements']}篇。各单位得分及排名情况见下表。"
    )
    para("一、各单位信息报送得分排名", font=HEADING_FONT, size=16)

    headers = ["排名", "单位", "报送", "采用", "采用率", "国家级", "省级", "市级", "县级", "得分", "扣分", "总分"]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, size=10.5)
    for row in rows:
        values = [
            row.rank,
            row.unit.name,
            row.submitted,
            row.adopted,
            row.rate_percent,
            *[row.by_level.get(str(lv), 0) for lv in LEVEL_ORDER],
            _num(row.points),
            _num(row.quota_penalty + row.penalty),
            _num(row.total),
        ]
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(value)), BODY_FALLBACK, size=10.5)

    best = [r for r in rows if r.total > 0][:3]
    lagging = [r for r in rows if r.quota_met is False]
    para("二、表扬和提醒", font=HEADING_FONT, size=16)
    if best:
        names = "、".join(r.unit.name for r in best)
        para(f"{names}信息报送工作成效明显，得分位居前列，予以通报表扬。")
    if lagging:
        names = "、".join(r.unit.name for r in lagging)
        para(f"{names}未完成信息报送任务，请高度重视，切实加强民生工程宣传信息报送工作。")
    elif any(r.quota_status == QUOTA_IN_PROGRESS for r in rows):
        para("本期尚未结束，请各单位按时完成信息报送任务。")
    elif any(r.quota_met is True for r in rows):  # no quotas set: nothing to say about them
        para("本期各单位均完成信息报送任务。")
    para("", indent=False)
    para(office, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(f"{issued.year}年{issued.month}月{issued.day}日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
