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

from .conftest import running

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
