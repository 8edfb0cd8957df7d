import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from minsheng.core.tests.pdfcheck import pdf_text
from minsheng.disclosures import services
from minsheng.disclosures.models import Disclosure

from .conftest import running

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_page_lists_masked_names_and_prints_full_names(world: dict[str, Any], index_page: Any, client: Client) -> None:
    d = running(world)
    listing = client.get("/gongshi/").content.decode()
    assert d.title in listing
    page = client.get(f"/gongshi/{d.pk}/").content.decode()
    for masked in ("张*明", "李*", "欧**华", "王*国"):
        assert masked in page
    assert "张晓明" not in page and "赵" not in page.split("<table")[1]
    assert "0550-1234567" in page
    # the full-name sheet is printed by staff, from the back office
    staff = Client()
    staff.force_login(world["users"]["qingshan"])
    response = staff.get(f"/admin/disclosures/{d.pk}/sheet/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for name in ("张晓明", "李红", "欧阳春华", "王建国"):
        assert name in text
    assert "赵敏" not in text
    assert "青山镇人民政府" in text and "0550-1234567" in text and "第 1 页 / 共 1 页" in text
    word = docx_text(staff.get(f"/admin/disclosures/{d.pk}/sheet/word/").content)
    assert "欧阳春华" in word and ("姓名" in word or "Name" in word)
    assert f"/gongshi/{d.pk}/" in word  # the QR code's address, printed too


def test_pdf_repeats_headers_and_numbers_pages(world: dict[str, Any]) -> None:
    from minsheng.disclosures.outputs import Row, disclosure_docx, disclosure_pdf

    d = running(world)
    rows = [Row(n, f"测试{n}", "张庄村", "100.00") for n in range(1, 181)]
    text = pdf_text(disclosure_pdf(disclosure=d, rows=rows, url="http://x/gongshi/1/"))
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 4
    for n, p in enumerate(pages, 1):
        assert "所在村" in p or "Village" in p  # the header on every page
        assert f"第 {n} 页 / 共 {len(pages)} 页" in p
    assert "测试180" in text
    from docx import Document

    doc = Document(io.BytesIO(disclosure_docx(disclosure=d, rows=rows, url="http://x/")))
    header = doc.tables[0].rows[0]._tr
    assert header.xpath("./w:trPr/w:tblHeader")
    assert len(doc.tables[0].rows) == 181


def test_takedown_when_period_ends(world: dict[str, Any], index_page: Any, client: Client) -> None:
    d = running(world)
    long = running(world, long_term=True)
    today = timezone.localdate()
    Disclosure.objects.filter(pk__in=[d.pk, long.pk]).update(
        start_date=today - timedelta(days=8), end_date=today - timedelta(days=1)
    )
    page = client.get(f"/gongshi/{d.pk}/").content.decode()
    assert "已结束" in page or "has ended" in page
    assert "张*明" not in page
    assert client.get(f"/gongshi/{d.pk}/pdf/").status_code == 404
    assert client.get(f"/gongshi/{d.pk}/objection/").status_code == 410
    still = client.get(f"/gongshi/{long.pk}/").content.decode()
    assert "张*明" in still
    listing = client.get("/gongshi/").content.decode()
    running_part = listing.split("gongshi-list--ended")[0]
    assert long.title in running_part and f"/gongshi/{d.pk}/" not in running_part


def test_withdrawn_disappears_from_portal_home_and_sitemap(
    world: dict[str, Any], index_page: Any, client: Client
) -> None:
    d = running(world)
    assert d.title in client.get("/").content.decode()
    assert f"/gongshi/{d.pk}/" in client.get("/sitemap.xml").content.decode()
    services.disclosure_withdraw(actor=world["users"]["coord"], disclosure=d, reason="重新核对")
    assert client.get(f"/gongshi/{d.pk}/").status_code == 404
    assert client.get(f"/gongshi/{d.pk}/word/").status_code == 404
    assert d.title not in client.get("/gongshi/").content.decode()
    assert d.title not in client.get("/").content.decode()
    assert f"/gongshi/{d.pk}/" not in client.get("/sitemap.xml").content.decode()


def test_drafts_are_not_public(world: dict[str, Any], index_page: Any, client: Client) -> None:
    d = services.disclosure_create(
        actor=world["users"]["qingshan"], item=world["item"], issuer=world["orgs"]["349981101000"], objection_phone="1"
    )
    assert client.get(f"/gongshi/{d.pk}/").status_code == 404
    assert re.search(d.title, client.get("/gongshi/").content.decode()) is None
