"""Privacy proof: every public output of a disclosure built from known people carries no
ID number, no phone number, and (web) no unmasked name."""

import re
from typing import Any

import pytest
from django.test import Client

from minsheng.beneficiaries.fake import person_id, person_phone
from minsheng.core.tests.pdfcheck import pdf_text
from minsheng.disclosures import services

from .conftest import PEOPLE, running
from .test_public import docx_text

pytestmark = pytest.mark.django_db

ID_LIKE = re.compile(r"(?<!\d)\d{6}[\s*]*\d{8}[\s*]*\d{3}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)")
PHONE_LIKE = re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
MASKED_ID_TOO_OPEN = re.compile(r"\d{7,}\*+\d*|\d*\*+\d{5,}")


def assert_clean(text: str, *, web: bool, where: str) -> None:
    flat = re.sub(r"\s+", "", text)
    for i in range(len(PEOPLE)):
        assert person_id(i) not in flat, where
        assert person_id(i)[:17] not in flat, where
        assert person_phone(i) not in flat, where
    assert not ID_LIKE.search(text), (where, ID_LIKE.search(text))
    assert not PHONE_LIKE.search(text), (where, PHONE_LIKE.search(text))
    assert not MASKED_ID_TOO_OPEN.search(text), where
    if web:
        for name, _village in PEOPLE:
            assert name not in text, (where, name)
            assert name[1:] not in text, (where, name)  # the given name


def test_no_public_output_leaks_personal_data(world: dict[str, Any], index_page: Any, client: Client) -> None:
    d = running(world)
    long = running(world, long_term=True)
    filed = services.objection_file(
        disclosure=d, entry=d.entries.first(), name="刘群众", contact="13912345678", reason="核实"
    )
    web = {
        "home": client.get("/"),
        "index": client.get("/gongshi/"),
        "detail": client.get(f"/gongshi/{d.pk}/"),
        "detail-long": client.get(f"/gongshi/{long.pk}/"),
        "objection-form": client.get(f"/gongshi/{d.pk}/objection/"),
        "objection-status": client.get(f"/gongshi/objection/{filed.token}/"),
        "sitemap": client.get("/sitemap.xml"),
    }
    # the search page echoes the query: a name may appear only as often as a nonsense query does
    echoes = client.get("/search/", {"q": "查无此人"}).content.decode().count("查无此人")
    for name, _v in PEOPLE:
        found = client.get("/search/", {"q": name}).content.decode()
        assert found.count(name) == echoes, name
        assert_clean(found.replace(name, "Q"), web=True, where=f"search-{name}")
    web["search-title"] = client.get("/search/", {"q": "受益对象公示"})
    for where, response in web.items():
        assert response.status_code == 200, where
        text = response.content.decode()
        assert_clean(text, web=True, where=where)
        assert "13912345678" not in text and "刘群众" not in text
    assert "张*明" in web["detail"].content.decode()
    # the old public addresses of the print sheet serve nothing
    for kind in ("pdf", "word"):
        response = client.get(f"/gongshi/{d.pk}/{kind}/")
        assert response.status_code == 404, kind
        assert_clean(response.content.decode(errors="replace"), web=True, where=f"public-{kind}")
    # the print sheet (staff only) shows full names, never an ID or a phone number
    staff = Client()
    staff.force_login(world["users"]["qingshan"])
    pdf = pdf_text(staff.get(f"/admin/disclosures/{d.pk}/sheet/pdf/").content)
    word = docx_text(staff.get(f"/admin/disclosures/{d.pk}/sheet/word/").content)
    for where, text in (("pdf", pdf), ("word", word)):
        assert_clean(text, web=False, where=where)
        assert "张晓明" in text  # the board profile shows the full name
