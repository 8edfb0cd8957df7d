"""明白纸: the one-page A4 policy sheet of an item that towns hand out to households."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from minsheng.core.pdf import FONT, SheetPDF, html_to_text, qr_png

from .models import LivelihoodItem

RED = (179, 18, 26)
FONT_SIZES = (11.5, 11, 10.5, 10, 9.5, 9, 8.5, 8)


def item_sheet_pdf(*, item: LivelihoodItem, url: str, host_unit: str = "") -> bytes:
    """Render the sheet, shrinking the type until it fits on one page."""
    pdf = None
    for size in FONT_SIZES:
        pdf = _render(item=item, url=url, size=size, host_unit=host_unit)
        if pdf.page_no() == 1:
            break
    assert pdf is not None
    return bytes(pdf.output())


def _render(*, item: LivelihoodItem, url: str, size: float, host_unit: str) -> SheetPDF:
    from minsheng.portal.models import PortalSettings

    if not host_unit:
        conf = PortalSettings.objects.first()
        host_unit = conf.host_unit if conf else ""
    printed = _("Printed %(date)s") % {"date": f"{timezone.localdate():%Y-%m-%d}"}
    pdf = SheetPDF(footer_text=f"{host_unit}　{printed}".strip())
    pdf.set_title(_("%(item)s policy sheet") % {"item": item.name})
    pdf.add_page()

    # Header band
    pdf.set_fill_color(*RED)
    pdf.rect(0, 0, 210, 9, style="F")
    pdf.set_y(13)
    pdf.set_font(FONT, size=10)
    pdf.set_text_color(*RED)
    pdf.cell(
        0,
        5,
        _("%(year)d livelihood projects · policy sheet (明白纸)") % {"year": item.year},
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, size=20)
    pdf.multi_cell(140, 10, item.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color(70, 70, 70)
    meta = [
        _("Code: %(code)s") % {"code": item.code},
        _("Lead department: %(dept)s") % {"dept": item.lead_department.name},
    ]
    if item.category:
        meta.append(_("Category: %(category)s") % {"category": item.category})
    pdf.multi_cell(140, 5.5, "　".join(meta), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)

    # QR code, top right
    pdf.image(qr_png(url), x=167, y=13, w=28, h=28)
    pdf.set_xy(160, 41.5)
    pdf.set_font(FONT, size=7.5)
    pdf.multi_cell(42, 3.6, _("Scan for details and progress"), align="C")
    pdf.set_y(max(pdf.get_y(), 47))

    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    pdf.line(15, pdf.get_y(), 195, pdf.get_y())
    pdf.ln(3)

    if item.summary:
        pdf.paragraph(item.summary, size=size + 0.5)
        pdf.ln(1)

    sections = [
        (_("Policy"), html_to_text(item.policy_content)),
        (_("Who qualifies"), html_to_text(item.eligibility)),
        (_("Standard"), html_to_text(item.standard)),
    ]
    steps = list(item.steps.all())
    if steps:
        lines = [
            f"{n}. {s.title}" + (f"：{s.description}" if s.description else "") for n, s in enumerate(steps, start=1)
        ]
        sections.append((_("How to apply"), "\n".join(lines)))
    numerals = "一二三四五六七八九十"
    n = 0
    for heading, text in sections:
        if not text:
            continue
        _heading(pdf, f"{numerals[n]}、{heading}", size=size + 1.5)
        pdf.paragraph(text, size=size)
        pdf.ln(1.5)
        n += 1

    if item.consultation_phone:
        pdf.ln(1)
        pdf.set_fill_color(253, 240, 240)
        pdf.set_font(FONT, size=size + 3)
        pdf.set_text_color(*RED)
        pdf.multi_cell(
            0,
            (size + 3) * 0.55,
            _("Consultation phone: %(phone)s") % {"phone": item.consultation_phone},
            fill=True,
            align="C",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, size=7.5)
    pdf.set_text_color(90, 90, 90)
    pdf.ln(1)
    pdf.multi_cell(0, 4, url, align="C")
    pdf.set_text_color(0, 0, 0)
    return pdf


def _heading(pdf: SheetPDF, text: str, *, size: float) -> None:
    pdf.set_font(FONT, size=size)
    pdf.set_fill_color(*RED)
    y = pdf.get_y() + 0.8
    pdf.rect(15, y, 1.4, size * 0.42, style="F")
    pdf.set_x(18.5)
    pdf.cell(0, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(0.5)
