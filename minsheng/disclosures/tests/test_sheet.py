"""The 公示栏 print sheet carries full names: staff in scope download it from the back
office (audited); nobody gets it from a public address."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from minsheng.core.models import AuditEvent
from minsheng.core.tests.pdfcheck import pdf_text
from minsheng.disclosures import services
from minsheng.disclosures.models import Disclosure

from .conftest import PEOPLE, ZHANGZHUANG, running
from .test_public import docx_text

pytestmark = pytest.mark.django_db

FULL_NAMES = [name for name, _village in PEOPLE]


def login(world: dict[str, Any], who: str) -> Client:
    client = Client()
    client.force_login(world["users"][who])
    return client


def sheet_url(d: Disclosure, kind: str) -> str:
    return f"/admin/disclosures/{d.pk}/sheet/{kind}/"


def downloads() -> int:
    return AuditEvent.objects.filter(action="disclosure.sheet_download").count()


def test_no_public_address_serves_full_names(world: dict[str, Any], index_page: Any, client: Client) -> None:
    d = running(world)
    town = login(world, "qingshan")
    for who in (client, town):  # anonymous, and staff who use the public address
        for kind in ("pdf", "word", "docx", "sheet", "print"):
            response = who.get(f"/gongshi/{d.pk}/{kind}/")
            assert response.status_code == 404, kind
            body = response.content.decode(errors="replace")
            assert not any(name in body for name in FULL_NAMES), kind
    # the back-office address sends an anonymous visitor to the log-in page, with no content
    for kind in ("pdf", "word"):
        response = client.get(sheet_url(d, kind))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert not any(name.encode() in response.content for name in FULL_NAMES)
        assert response["Content-Type"].startswith("text/html")
    assert downloads() == 0


def test_public_page_links_no_full_name_sheet(world: dict[str, Any], index_page: Any, client: Client) -> None:
    d = running(world)
    page = client.get(f"/gongshi/{d.pk}/").content.decode()
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert not [h for h in hrefs if re.search(r"/(pdf|word|docx|sheet)/|\.pdf|\.docx|/admin/", h)], hrefs
    assert "公示栏" in page or "notice boards" in page  # where the full list is
    assert not any(name in page for name in FULL_NAMES)


def test_staff_in_scope_download_the_sheet_and_it_is_audited(world: dict[str, Any], index_page: Any) -> None:
    d = running(world)
    for who in ("qingshan", "coord", "dept"):  # the issuing town, the office, the item's department
        staff = login(world, who)
        before = downloads()
        response = staff.get(sheet_url(d, "pdf"))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", who
        assert "no-store" in response["Cache-Control"]
        text = pdf_text(response.content)
        assert "张晓明" in text and "欧阳春华" in text, who
        assert downloads() == before + 1
        event = AuditEvent.objects.filter(action="disclosure.sheet_download").latest("id")
        assert event.actor == world["users"][who] and event.target_id == str(d.pk)
        assert event.data == {"format": "pdf", "entries": 4}
        assert not any(name in str(event.data) + event.target_label for name in FULL_NAMES)
    word = login(world, "qingshan").get(sheet_url(d, "word"))
    assert word.status_code == 200 and "attachment" in word["Content-Disposition"]
    assert "张晓明" in docx_text(word.content)
    assert AuditEvent.objects.filter(action="disclosure.sheet_download", data__format="docx").count() == 1


def test_staff_out_of_scope_get_404_and_nothing_is_logged(world: dict[str, Any], index_page: Any) -> None:
    d = running(world)
    # another town and another department (a village of the town gets its own village's
    # sheet: test_village_boards.py)
    for who in ("baita", "other_dept"):
        staff = login(world, who)
        for kind in ("pdf", "word"):
            response = staff.get(sheet_url(d, kind))
            assert response.status_code == 404, (who, kind)
            assert not any(name.encode() in response.content for name in FULL_NAMES)
    assert downloads() == 0


def test_village_staff_print_their_village_sheet(world: dict[str, Any], index_page: Any) -> None:
    u, orgs = world["users"], world["orgs"]
    d = services.disclosure_create(
        actor=u["village"], item=world["item"], issuer=orgs[ZHANGZHUANG], objection_phone="0550-1"
    )
    village = login(world, "village")
    assert village.get(sheet_url(d, "pdf")).status_code == 404  # a draft is not printed
    d = services.disclosure_submit(actor=u["village"], disclosure=d)
    d = services.disclosure_approve(actor=u["qingshan"], disclosure=d)
    d = services.disclosure_publish(actor=u["qingshan"], disclosure=d, start=timezone.localdate() + timedelta(days=2))
    # printed ahead of the start, to go up on the board on the day
    text = pdf_text(village.get(sheet_url(d, "pdf")).content)
    assert "张晓明" in text and "李红" in text and "欧阳春华" not in text
    assert AuditEvent.objects.get(action="disclosure.sheet_download").actor == u["village"]


def test_no_sheet_once_ended_or_withdrawn(world: dict[str, Any], index_page: Any) -> None:
    d = running(world)
    town = login(world, "qingshan")
    today = timezone.localdate()
    Disclosure.objects.filter(pk=d.pk).update(start_date=today - timedelta(days=8), end_date=today - timedelta(days=1))
    assert town.get(sheet_url(d, "pdf")).status_code == 404
    other = running(world)
    services.disclosure_withdraw(actor=world["users"]["qingshan"], disclosure=other, reason="名单有误")
    assert town.get(sheet_url(other, "word")).status_code == 404
    assert town.get(sheet_url(other, "xlsx")).status_code == 404
    assert downloads() == 0
