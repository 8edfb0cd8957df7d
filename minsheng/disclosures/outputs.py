"""The 公示栏 print sheet (board profile: full name, no ID, no phone) as PDF and Word,
and the web profile rows (张*明, village, item, amount).

The PDF draws its own table (one ``cell`` per value) and repeats the header row at the
top of every page; fpdf2 embeds only the glyphs used (subset Noto Sans CJK SC).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from minsheng.core.masking import mask_name
from minsheng.core.pdf import FONT, SheetPDF, qr_png

from .models import Disclosure, DisclosureEntry

if TYPE_CHECKING:
    from minsheng.orgs.models import Org


@dataclass(frozen=True)
class Row:
    number: int
    name: str
    village: str
    amount: str


def amount_text(value: Decimal | None) -> str:
    return f"{value:,.2f}" if value is not None else ""


def board_rows(entries: Iterable[DisclosureEntry]) -> list[Row]:
    """Board profile: the full name (the statutory 公示 needs it), no ID, no phone."""
    return [
        Row(e.position, e.benefit.person.name, e.benefit.village.display_name, amount_text(e.benefit.amount))
        for e in entries
    ]


def web_rows(entries: Iterable[DisclosureEntry]) -> list[Row]:
    """Web profile: the name with its middle masked, no ID, no phone."""
    return [
        Row(e.position, mask_name(e.benefit.person.name), e.benefit.village.display_name, amount_text(e.benefit.amount))
        for e in entries
    ]


def period_text(disclosure: Disclosure) -> str:
    if disclosure.start_date is None or disclosure.end_date is None:
        return ""
    text = f"{disclosure.start_date:%Y年%m月%d日}至{disclosure.end_date:%Y年%m月%d日}"
    return text + ("（长期公示）" if disclosure.long_term else "")


def channel_lines(disclosure: Disclosure) -> list[str]:
    lines = [_("Objection phone: %s") % disclosure.objection_phone]
    if disclosure.objection_address:
        lines.append(_("Address: %s") % disclosure.objection_address)
    if disclosure.objection_office:
        lines.append(_("Office: %s") % disclosure.objection_office)
    return lines


def sheet_title(disclosure: Disclosure, village: Org | None = None) -> str:
    """The title; a village's sheet names the village: 《…》（张庄村）."""
    return f"{disclosure.title}（{village.display_name}）" if village is not None else disclosure.title


def headings() -> list[str]:
    return [_("No."), _("Name"), _("Village / community"), _("Amount (yuan)")]


COLUMN_WIDTHS = (20.0, 45.0, 70.0, 45.0)  # 180 mm between the margins
ROW_HEIGHT = 7.0


class DisclosureSheet(SheetPDF):
    def __init__(self, *, footer_text: str) -> None:
        super().__init__(footer_text=footer_text, page_numbers=True)
        self.table_started = False

    def header(self) -> None:
        if self.table_started:
            self.table_header()

    def table_header(self) -> None:
        self.set_font(FONT, size=10.5)
        self.set_fill_color(230, 230, 230)
        for width, text in zip(COLUMN_WIDTHS, headings(), strict=True):
            self.cell(width, ROW_HEIGHT + 1, text, border=1, align="C", fill=True)
        self.ln(ROW_HEIGHT + 1)
        self.set_font(FONT, size=10.5)


def disclosure_pdf(*, disclosure: Disclosure, rows: Sequence[Row], url: str, village: Org | None = None) -> bytes:
    """A4 公示栏 sheet: title, unit, period, objection channel, QR code to the web page,
    the table with its header on every page, 第 x 页 / 共 y 页. With ``village`` the
    title names the village (the rows are then that village's)."""
    title = sheet_title(disclosure, village)
    pdf = DisclosureSheet(footer_text=title)
    pdf.set_title(title)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.image(qr_png(url), x=pdf.w - pdf.r_margin - 26, y=pdf.t_margin, w=26, h=26)
    pdf.set_font(FONT, size=17)
    pdf.set_x(pdf.l_margin + 28)
    pdf.multi_cell(pdf.epw - 56, 8.5, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, size=10.5)
    info = [
        _("Issued by: %s") % disclosure.issuer.name,
        _("Disclosure period: %s") % period_text(disclosure),
        *channel_lines(disclosure),
    ]
    for line in info:
        pdf.cell(pdf.epw - 30, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), pdf.t_margin + 28))
    pdf.paragraph(
        _(
            "The following beneficiaries of %(item)s are made public for supervision. Anyone who finds an entry"
            " wrong may object during the period by the phone above or by scanning the QR code."
        )
        % {"item": disclosure.item.name},
        size=10,
        indent=True,
    )
    pdf.ln(2)
    pdf.table_started = True
    pdf.table_header()
    limit = pdf.page_break_trigger
    for row in rows:
        if pdf.get_y() + ROW_HEIGHT > limit:
            pdf.add_page()  # header() draws the table header again
        w0, w1, w2, w3 = COLUMN_WIDTHS
        pdf.cell(w0, ROW_HEIGHT, str(row.number), border=1, align="C")
        pdf.cell(w1, ROW_HEIGHT, row.name, border=1, align="C")
        pdf.cell(w2, ROW_HEIGHT, row.village, border=1)
        pdf.cell(w3, ROW_HEIGHT, row.amount, border=1, align="R")
        pdf.ln(ROW_HEIGHT)
    if not rows:
        pdf.cell(pdf.epw, ROW_HEIGHT, _("Nobody is listed."), border=1, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def disclosure_docx(*, disclosure: Disclosure, rows: Sequence[Row], url: str, village: Org | None = None) -> bytes:
    """The same sheet as Word, for offices that edit before printing; the header row repeats
    on every page (``w:tblHeader``)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    title = doc.add_heading(sheet_title(disclosure, village), level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(_("Issued by: %s") % disclosure.issuer.name)
    doc.add_paragraph(_("Disclosure period: %s") % period_text(disclosure))
    for line in channel_lines(disclosure):
        doc.add_paragraph(line)
    doc.add_paragraph(_("Web page: %s") % url)
    doc.add_picture(qr_png(url, box_size=4), width=Mm(25))
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, text in zip(header.cells, headings(), strict=True):
        cell.text = text
    tr_pr = header._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = str(row.number)
        cells[1].text = row.name
        cells[2].text = row.village
        cells[3].text = row.amount
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()
