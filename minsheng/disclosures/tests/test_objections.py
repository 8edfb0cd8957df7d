import time
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client

from minsheng.beneficiaries.models import Benefit
from minsheng.core.models import AuditEvent, Notice
from minsheng.disclosures import services
from minsheng.disclosures.choices import ObjectionOutcome
from minsheng.disclosures.forms import SALT
from minsheng.disclosures.models import Objection

from .conftest import ZHANGZHUANG, running

pytestmark = pytest.mark.django_db


def old_stamp(seconds: int = 60) -> str:
    return signing.dumps(int(time.time()) - seconds, salt=SALT)


def post(client: Client, d: Any, **over: Any) -> Any:
    entry = d.entries.order_by("position").first()
    data = {
        "entry": entry.pk,
        "name": "刘群众",
        "contact": "13912345678",
        "reason": "此人已外出务工，不符合条件",
        "website": "",
        "stamp": old_stamp(),
    }
    data.update(over)
    return client.post(f"/gongshi/{d.pk}/objection/", data, REMOTE_ADDR=over.pop("ip", "10.0.0.1"))


def test_filing_stores_contact_encrypted_sets_deadline_and_notifies(
    world: dict[str, Any], index_page: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    cache.clear()
    d = running(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, d)
    body = response.content.decode()
    assert response.status_code == 200 and "/gongshi/objection/" in body
    objection = Objection.objects.get()
    assert b"13912345678" not in bytes(objection.contact_enc) and objection.contact() == "13912345678"
    assert objection.entry_label.startswith("1. ") and "*" in objection.entry_label
    assert Notice.objects.filter(org=d.issuer, kind="objection").exists()
    token = body.split("/gongshi/objection/")[1].split("/")[0]
    status = client.get(f"/gongshi/objection/{token}/").content.decode()
    assert objection.deadline.isoformat() in status and "刘群众" not in status and "13912345678" not in status
    assert client.get("/gongshi/objection/notavalidtoken123/").status_code == 404


def test_deadline_across_national_day(world: dict[str, Any]) -> None:
    d = running(world)
    filed = services.objection_file(
        disclosure=d, entry=d.entries.first(), name="甲", contact="x", reason="reason", today=d.start_date
    )
    assert filed.objection.deadline > d.start_date  # type: ignore[operator]
    # the rule itself on 2025-09-28 (a make-up Sunday)
    from minsheng.core.workdays import add_working_days

    assert add_working_days(date(2025, 9, 28), 20) == date(2025, 10, 31)


def test_spam_defences(world: dict[str, Any], index_page: Any, client: Client, settings: Any) -> None:
    cache.clear()
    d = running(world)
    honeypot = post(client, d, website="http://spam.example")
    assert honeypot.status_code == 200 and Objection.objects.count() == 0
    too_fast = post(client, d, stamp=signing.dumps(int(time.time()), salt=SALT))
    assert "提交过快" in too_fast.content.decode() or "too quickly" in too_fast.content.decode()
    forged = post(client, d, stamp="123:abc")
    assert Objection.objects.count() == 0 and forged.status_code == 200
    settings.OBJECTION_RATE_LIMIT = 2
    assert post(client, d, ip="10.0.0.9").status_code == 200
    assert post(client, d, ip="10.0.0.9").status_code == 200
    assert post(client, d, ip="10.0.0.9").status_code == 429
    assert Objection.objects.count() == 2
    assert post(client, d, ip="10.0.0.10").status_code == 200  # another network
    # a flood of invalid posts is throttled too (four times the limit of filed objections)
    codes = [post(client, d, ip="10.0.0.11", website="http://spam.example").status_code for _ in range(9)]
    assert codes[:8] == [200] * 8 and codes[8] == 429
    assert Objection.objects.count() == 3


def test_answer_removes_or_corrects_through_the_registry(
    world: dict[str, Any], index_page: Any, client: Client
) -> None:
    u = world["users"]
    d = running(world)
    entries = list(d.entries.order_by("position"))
    first = services.objection_file(disclosure=d, entry=entries[0], name="甲", contact="x", reason="不符合条件")
    second = services.objection_file(disclosure=d, entry=entries[1], name="乙", contact="y", reason="金额不对")
    with pytest.raises(PermissionDenied):
        services.objection_answer(
            actor=u["baita"], objection=first.objection, recheck="r", outcome=ObjectionOutcome.REMOVED, answer="a"
        )
    benefit_id = entries[0].benefit_id
    services.objection_answer(
        actor=u["qingshan"],
        objection=first.objection,
        recheck="入户核实：已迁出",
        outcome=ObjectionOutcome.REMOVED,
        answer="经核实，该户不符合条件，已从名单中删除。",
    )
    assert not Benefit.objects.filter(pk=benefit_id).exists()
    assert d.entries.count() == 3
    services.objection_answer(
        actor=u["coord"],
        objection=second.objection,
        recheck="核对发放台账",
        outcome=ObjectionOutcome.CORRECTED,
        answer="金额已更正。",
        amount=Decimal("800.00"),
    )
    assert Benefit.objects.get(pk=entries[1].benefit_id).amount == Decimal("800.00")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"beneficiary.benefit_remove", "beneficiary.benefit_correct", "disclosure.objection_answer"} <= actions
    status = client.get(f"/gongshi/objection/{first.token}/").content.decode()
    assert "已从名单中删除" in status


def village_disclosure(world: dict[str, Any]) -> Any:
    """A 公示 of the village 张庄村: prepared by its staff, approved and published by the town."""
    u = world["users"]
    d = services.disclosure_create(
        actor=u["village"], item=world["item"], issuer=world["orgs"][ZHANGZHUANG], objection_phone="0550-1"
    )
    d = services.disclosure_submit(actor=u["village"], disclosure=d)
    d = services.disclosure_approve(actor=u["qingshan"], disclosure=d)
    return services.disclosure_publish(actor=u["qingshan"], disclosure=d)


def test_objection_to_a_village_disclosure_notifies_the_village_and_its_town(
    world: dict[str, Any], index_page: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    from minsheng.core.selectors import notice_list

    cache.clear()
    d = village_disclosure(world)
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, d).status_code == 200
    objection = Objection.objects.get()
    notices = Notice.objects.filter(kind="objection")
    assert set(notices.values_list("org__code", flat=True)) == {ZHANGZHUANG, "349981101000"}
    url = f"/admin/disclosures/objections/{objection.pk}/"
    for who in ("village", "qingshan"):
        assert [n.url for n in notice_list(user=world["users"][who]).filter(kind="objection")] == [url], who
    assert not notice_list(user=world["users"]["baita"]).filter(kind="objection").exists()
    # a town's own 公示: the town once
    Notice.objects.all().delete()
    town_d = running(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.objection_file(disclosure=town_d, entry=town_d.entries.first(), name="甲", contact="x", reason="核实")
    assert list(Notice.objects.filter(kind="objection").values_list("org__code", flat=True)) == ["349981101000"]


def test_village_staff_neither_reveal_the_contact_nor_see_the_answer_form(
    world: dict[str, Any], index_page: Any
) -> None:
    d = village_disclosure(world)
    filed = services.objection_file(
        disclosure=d, entry=d.entries.first(), name="刘群众", contact="13912345678", reason="核实"
    )
    url = f"/admin/disclosures/objections/{filed.objection.pk}/"
    village = Client()
    village.force_login(world["users"]["village"])
    page = village.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and "139****5678" in body  # the village sees its objection, masked
    assert 'value="reveal_contact"' not in body and 'name="recheck"' not in body and 'name="answer"' not in body
    revealed = village.post(url, {"action": "reveal_contact"})
    assert "13912345678" not in revealed.content.decode()
    assert not AuditEvent.objects.filter(action="disclosure.objection_contact_reveal").exists()
    with pytest.raises(PermissionDenied):
        services.objection_contact_reveal(actor=world["users"]["village"], objection=filed.objection)
    answer = village.post(url, {"recheck": "r", "outcome": ObjectionOutcome.NOT_UPHELD, "answer": "a"})
    assert answer.status_code == 302 and answer["Location"] == "/admin/"  # Wagtail's answer to PermissionDenied
    filed.objection.refresh_from_db()
    assert filed.objection.status == "received"
    # a department sees objections to its item but does not handle a town's 公示
    dept = Client()
    dept.force_login(world["users"]["dept"])
    body = dept.get(url).content.decode()
    assert "139****5678" in body and 'value="reveal_contact"' not in body and 'name="recheck"' not in body
    assert "13912345678" not in dept.post(url, {"action": "reveal_contact"}).content.decode()
    assert not AuditEvent.objects.filter(action="disclosure.objection_contact_reveal").exists()


def test_the_town_that_answers_reveals_the_contact_and_answers(world: dict[str, Any], index_page: Any) -> None:
    d = village_disclosure(world)
    filed = services.objection_file(
        disclosure=d, entry=d.entries.first(), name="刘群众", contact="13912345678", reason="核实"
    )
    url = f"/admin/disclosures/objections/{filed.objection.pk}/"
    town = Client()
    town.force_login(world["users"]["qingshan"])
    body = town.get(url).content.decode()
    assert 'value="reveal_contact"' in body and 'name="recheck"' in body
    assert "13912345678" in town.post(url, {"action": "reveal_contact"}).content.decode()
    event = AuditEvent.objects.get(action="disclosure.objection_contact_reveal")
    assert event.actor == world["users"]["qingshan"] and event.data == {"contact": "139****5678"}
    response = town.post(url, {"recheck": "入户核实", "outcome": ObjectionOutcome.NOT_UPHELD, "answer": "名单无误。"})
    assert response.status_code == 302
    filed.objection.refresh_from_db()
    assert filed.objection.status == "answered"
