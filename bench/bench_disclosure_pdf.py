"""A 10,000-row 公示栏 sheet: minsheng's PDF (own table, header repeated per page, subset
CJK font) against the obvious alternative (fpdf2's ``pdf.table(repeat_headings=1)``) and the
floor (the same rows as plain text lines, no table); and the Word version.

    .venv/bin/python bench/bench_disclosure_pdf.py [--rows 10000]

No database: the disclosure is an unsaved model instance.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("MINSHENG_VAR_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))

import django

django.setup()

from django.utils import translation

from minsheng.beneficiaries.fake import person_name
from minsheng.core.pdf import FONT, SheetPDF
from minsheng.disclosures.models import Disclosure
from minsheng.disclosures.outputs import COLUMN_WIDTHS, Row, disclosure_docx, disclosure_pdf, headings
from minsheng.orgs.models import Org
from minsheng.projects.models import LivelihoodItem

VILLAGES = ["张庄村", "李湾村", "青山社区", "白塔村", "河口村", "东门社区", "西门社区", "柳林村"]


def rows(n: int) -> list[Row]:
    return [Row(i, person_name(i), VILLAGES[i % len(VILLAGES)], f"{(i % 9 + 1) * 150:,.2f}") for i in range(1, n + 1)]


def disclosure() -> Disclosure:
    return Disclosure(
        title="青山镇2022年老年助餐服务受益对象公示",
        item=LivelihoodItem(name="老年助餐服务"),
        issuer=Org(name="青山镇"),
        start_date=date(2022, 9, 1),
        end_date=date(2022, 9, 7),
        objection_phone="0550-1234567",
        objection_address="青山镇人民政府二楼",
    )


def with_fpdf_table(d: Disclosure, data: list[Row]) -> bytes:
    pdf = SheetPDF(footer_text=d.title, page_numbers=True)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(FONT, size=10.5)
    from fpdf.fonts import FontFace

    with pdf.table(
        col_widths=COLUMN_WIDTHS, repeat_headings=1, line_height=7, headings_style=FontFace(emphasis="")
    ) as table:
        table.row(headings())
        for r in data:
            table.row([str(r.number), r.name, r.village, r.amount])
    return bytes(pdf.output())


def floor_text(d: Disclosure, data: list[Row]) -> bytes:
    pdf = SheetPDF(footer_text=d.title, page_numbers=True)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(FONT, size=10.5)
    for r in data:
        pdf.cell(0, 7, f"{r.number}  {r.name}  {r.village}  {r.amount}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def timed(label: str, func, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = func(*args)
    took = time.perf_counter() - start
    print(f"{label:<48} {took:7.2f} s  {len(out) / 1e6:6.2f} MB")
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    translation.activate("zh-hans")
    d = disclosure()
    data = rows(args.rows)
    url = "https://minsheng.example/gongshi/1/"
    print(f"{args.rows} rows")
    ours = timed("minsheng PDF (own table, repeated header)", lambda: disclosure_pdf(disclosure=d, rows=data, url=url))
    timed("fpdf2 pdf.table(repeat_headings=1)", with_fpdf_table, d, data)
    timed("floor: text lines, no table", floor_text, d, data)
    timed("minsheng Word (python-docx, tblHeader)", lambda: disclosure_docx(disclosure=d, rows=data, url=url))
    print(f"target ≤ 20 s: {'met' if ours <= 20 else 'NOT met'}")


if __name__ == "__main__":
    main()
