"""Read back the PDFs we make, in tests, with pypdf (pure Python: no poppler on the machine)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class PdfFacts:
    pages: int
    text: str
    fonts: dict[str, bool]  # base font name → embedded


def read_pdf(data: bytes) -> PdfFacts:
    reader = PdfReader(io.BytesIO(data))
    texts: list[str] = []
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        texts.append(page.extract_text() or "")
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources is not None else None
        for ref in (font_dict.get_object() if font_dict is not None else {}).values():
            font = ref.get_object()
            descriptors = [font.get("/FontDescriptor")]
            descriptors += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            embedded = any(
                key in d.get_object()
                for d in descriptors
                if d is not None
                for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            name = str(font.get("/BaseFont", "")).lstrip("/")
            fonts[name] = fonts.get(name, False) or embedded
    # pypdf reads fpdf2's two-byte CID codes of the CJK font as a NUL plus the character:
    # NUL is never real text, so it is dropped.
    return PdfFacts(pages=len(reader.pages), text="\f".join(texts).replace("\x00", ""), fonts=fonts)


def pdf_text(data: bytes) -> str:
    return read_pdf(data).text
