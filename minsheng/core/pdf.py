"""PDF building blocks shared by every printable sheet (明白纸, 公示栏 sheets, reports).

fpdf2 writes the PDF and embeds a subset of Noto Sans CJK SC (shipped on PyPI by
``noto-cjk-sans-otc``), so Chinese renders on any machine and extracts as text. ReportLab
cannot embed this font (CFF outlines) and its built-in CID fonts are not embedded at all.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

import qrcode
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

FONT = "noto"
# Index of the Simplified Chinese face in NotoSansCJK-Regular.ttc (JP, KR, SC, TC, HK).
SC_FACE_INDEX = 2


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    import noto_cjk_sans_otc

    return Path(str(noto_cjk_sans_otc.FONT_PATH))


class SheetPDF(FPDF):
    """An A4 FPDF with the CJK font registered and an optional footer with page numbers."""

    def __init__(self, *, footer_text: str = "", page_numbers: bool = False, orientation: str = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.add_font(FONT, fname=str(cjk_font_path()), collection_font_number=SC_FACE_INDEX)
        self.footer_text = footer_text
        self.page_numbers = page_numbers
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(15, 14, 15)
        self.set_font(FONT, size=11)
        self.set_creator("Minsheng")

    def footer(self) -> None:
        if not self.footer_text and not self.page_numbers:
            return
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(90, 90, 90)
        text = self.footer_text
        if self.page_numbers:
            text = f"{text}    第 {self.page_no()} 页 / 共 {{nb}} 页".strip()
        self.cell(0, 6, text, align="C")
        self.set_text_color(0, 0, 0)

    def paragraph(self, text: str, *, size: float, line_height: float = 1.55, indent: bool = False) -> None:
        self.set_font(FONT, size=size)
        h = size * 0.3528 * line_height  # pt → mm × leading
        for para in text.split("\n"):
            para = para.strip()
            if not para:
                continue
            # break anywhere, as Chinese text does (not only at spaces)
            self.multi_cell(
                0, h, ("　　" if indent else "") + para, new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=WrapMode.CHAR
            )


def qr_png(url: str, *, box_size: int = 8) -> BytesIO:
    """A QR code for ``url`` as PNG bytes."""
    code = qrcode.QRCode(border=1, box_size=box_size, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    image: Any = code.make_image(fill_color="black", back_color="white")
    buf = BytesIO()
    image.save(buf, format="PNG")
    buf.seek(0)
    return buf


_BLOCK_TAGS = re.compile(r"</?(p|div|h[1-6]|br|tr|blockquote)[^>]*>", re.I)
_LI = re.compile(r"<li[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    """Rich text as plain lines for print: paragraphs on their own lines, list items bulleted."""
    text = _LI.sub("\n• ", value or "")
    text = _BLOCK_TAGS.sub("\n", text)
    text = _TAGS.sub("", text)
    text = html.unescape(text)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
