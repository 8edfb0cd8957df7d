"""Corrections from calls, decided through the admin view approvers use: an ID number that
belongs to someone else or is not valid is refused with a message and nothing is written;
号码错误 opens a phone correction like 空号 and 停机; each request and decision sends one
notice. Run on SQLite and PostgreSQL (an IntegrityError there breaks the transaction)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from minsheng.beneficiaries.models import Person
from minsheng.beneficiaries.roster import messages as roster_messages
from minsheng.callbacks import selectors, services
from minsheng.callbacks.choices import CorrectionStatus, Reached, TaskStatus
from minsheng.callbacks.models import CallTask, Campaign, CorrectionRequest
from minsheng.core import idcard
from minsheng.core.models import AuditEvent, Notice

QINGSHAN = "349981101000"
ZHANGZHUANG = "349981101201"


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def post_call(client: Client, task: CallTask, **fields: str) -> Any:
    data = {"method": "phone", "identity_confirmed": "1"}
    data.update({k: "1" for k in ("address_ok", "id_ok", "phone_ok", "item_ok", "amount_ok")})
    data.update(fields)
    return client.post(reverse("callbacks_call", args=[task.pk]), data)


def first_task(world: dict[str, Any]) -> CallTask:
    task = selectors.open_call_tasks(user=world["zhangzhuang"]).first()
    assert task is not None
    return task


def id_correction(world: dict[str, Any], task: CallTask, proposed: str) -> CorrectionRequest:
    """A reached call of 张庄村's staff that finds the ID number wrong."""
    post_call(
        client_for(world["zhangzhuang"]),
        task,
        reached=Reached.REACHED,
        knows="1",
        understanding="clear",
        satisfaction="satisfied",
        id_ok="0",
        id_ok_value=proposed,
    )
    return CorrectionRequest.objects.get(task=task, field="id_number")


def approve(user: Any, correction: CorrectionRequest, value: str | None = None) -> list[str]:
    """Approve through the admin view; the messages it queued, in Chinese."""
    data = {"action": "approve"}
    if value is not None:
        data["value"] = value
    response = client_for(user).post(reverse("callbacks_correction_decide", args=[correction.pk]), data)
    assert response.status_code == 302
    return [str(m) for m in get_messages(response.wsgi_request)]


def fresh_id(seed: str = "0013") -> str:
    first17 = "349981" + "19800101" + seed[:3]
    return first17 + idcard.check_char(first17)


def assert_nothing_written(task: CallTask, correction: CorrectionRequest, id_before: str) -> None:
    correction.refresh_from_db()
    person = Person.objects.get(pk=task.person_id)
    assert correction.status == CorrectionStatus.OPEN and correction.decided_by is None
    assert person.id_number() == id_before
    assert not AuditEvent.objects.filter(action__in=["beneficiary.correct", "callback.correction_approve"]).exists()
    assert not Notice.objects.filter(kind__in=["callback.correction_approved", "callback.correction_rejected"]).exists()


def test_an_id_number_of_another_registered_person_is_refused(
    world: dict[str, Any], town_round: Campaign, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    task = first_task(world)
    other = Person.objects.exclude(pk=task.person_id).order_by("pk").first()
    assert other is not None
    taken = other.id_number()
    id_before = task.person.id_number()
    correction = id_correction(world, task, taken)
    with django_capture_on_commit_callbacks(execute=True):
        shown = approve(world["qingshan"], correction)
        assert len(shown) == 1 and "已属于另一位已登记的人员" in shown[0]
        # the other person is not named, nor their number
        assert other.name not in shown[0] and other.masked_name not in shown[0] and taken[-4:] not in shown[0]
        assert_nothing_written(task, correction, id_before)
        # the same with the number typed by the approver
        shown = approve(world["qingshan"], correction, value=taken.lower())
        assert len(shown) == 1 and "已属于另一位已登记的人员" in shown[0]
        assert_nothing_written(task, correction, id_before)
        # the transaction is still usable: the right number is then applied
        right = fresh_id()
        assert approve(world["qingshan"], correction, value=right) == ["已同意并完成更正。"]
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.APPROVED
    assert Person.objects.get(pk=task.person_id).id_number() == right
    assert Person.objects.get(pk=other.pk).id_number() == taken


def test_a_unique_index_race_is_refused_too(
    world: dict[str, Any], town_round: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another person registered with the number between the check and the write: the unique
    index refuses it, inside a savepoint, and the same message is shown."""
    task = first_task(world)
    other = Person.objects.exclude(pk=task.person_id).order_by("pk").first()
    assert other is not None
    id_before = task.person.id_number()
    correction = id_correction(world, task, other.id_number())
    monkeypatch.setattr(services, "_check_id_number", lambda correction, value: None)
    shown = approve(world["qingshan"], correction)
    assert len(shown) == 1 and "已属于另一位已登记的人员" in shown[0]
    assert_nothing_written(task, correction, id_before)
    assert Person.objects.filter(pk=task.person_id).exists()  # the connection still answers


@pytest.mark.parametrize("code", [idcard.ID_CHECKSUM, idcard.ID_FORMAT, idcard.ID_BIRTHDATE])
def test_an_invalid_id_number_shows_the_chinese_message_of_its_code(
    world: dict[str, Any], town_round: Campaign, code: str
) -> None:
    right = fresh_id()
    bad = {
        idcard.ID_CHECKSUM: right[:17] + ("0" if right[17] != "0" else "1"),
        idcard.ID_FORMAT: right[:10],
        idcard.ID_BIRTHDATE: "349981" + "19801332" + "001" + "0",
    }[code]
    if code == idcard.ID_BIRTHDATE:
        bad = bad[:17] + idcard.check_char(bad[:17])
    with pytest.raises(idcard.IdNumberError) as raised:
        idcard.parse(bad)
    assert raised.value.code == code
    task = first_task(world)
    id_before = task.person.id_number()
    correction = id_correction(world, task, bad)
    shown = approve(world["qingshan"], correction)
    with translation.override("zh-hans"):
        expected = roster_messages()[code]
    assert shown == [expected] and code not in shown[0] and "身份证号" in shown[0]
    assert_nothing_written(task, correction, id_before)


def test_checksum_message_in_chinese(world: dict[str, Any], town_round: Campaign) -> None:
    task = first_task(world)
    right = fresh_id()
    correction = id_correction(world, task, right[:17] + ("0" if right[17] != "0" else "1"))
    assert approve(world["qingshan"], correction) == ["身份证号码校验位不正确，请对照身份证核实。"]


@pytest.mark.parametrize("reached", [Reached.EMPTY, Reached.SUSPENDED, Reached.WRONG])
def test_a_number_that_does_not_reach_the_person_opens_one_phone_correction(
    world: dict[str, Any], town_round: Campaign, reached: str
) -> None:
    task = first_task(world)
    caller = client_for(world["zhangzhuang"])
    assert post_call(caller, task, reached=reached).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.HOME_VISIT
    correction = CorrectionRequest.objects.get(task=task)
    assert correction.field == "phone" and correction.current_masked == task.person.masked_phone
    assert correction.requested_by == world["zhangzhuang"]
    # the list shows the call's outcome
    label = {Reached.EMPTY: "空号", Reached.SUSPENDED: "停机", Reached.WRONG: "号码错误"}[reached]
    page = client_for(world["qingshan"]).get(reverse("callbacks_corrections")).content.decode()
    assert label in page
    # the task stays open as a home visit; the same outcome again adds no second request
    assert post_call(caller, task, method="home", reached=reached).status_code == 302
    assert CorrectionRequest.objects.filter(task=task).count() == 1


def test_requests_and_decisions_send_one_notice_each(
    world: dict[str, Any], town_round: Campaign, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    caller = client_for(world["zhangzhuang"])
    town = client_for(world["qingshan"])
    tasks = list(selectors.open_call_tasks(user=world["zhangzhuang"])[:2])
    with django_capture_on_commit_callbacks(execute=True):
        post_call(caller, tasks[0], reached=Reached.WRONG)
        post_call(
            caller,
            tasks[1],
            reached=Reached.REACHED,
            knows="1",
            understanding="clear",
            satisfaction="basic",
            amount_ok="0",
            amount_ok_value="500",
            item_ok="0",
        )
    requested = Notice.objects.filter(kind="callback.correction_requested")
    corrections = CorrectionRequest.objects.filter(task__in=tasks)
    assert corrections.count() == requested.count() == 3
    assert {n.org.code for n in requested} == {QINGSHAN}  # the town decides
    phone_notice = requested.get(key=f"callback.correction:{corrections.get(field='phone').pk}:requested")
    person = tasks[0].person
    assert "电话" in phone_notice.title and person.masked_name in phone_notice.title
    assert person.name not in phone_notice.title and person.phone() not in phone_notice.title
    assert phone_notice.url.startswith(reverse("callbacks_corrections"))

    phone = corrections.get(field="phone")
    amount = corrections.get(field="amount")
    with django_capture_on_commit_callbacks(execute=True):
        town.post(
            reverse("callbacks_correction_decide", args=[phone.pk]), {"action": "approve", "value": "13912345678"}
        )
        town.post(
            reverse("callbacks_correction_decide", args=[amount.pk]), {"action": "reject", "reason": "以发放表为准"}
        )
        # a second decision is refused and sends nothing
        town.post(reverse("callbacks_correction_decide", args=[phone.pk]), {"action": "approve"})
    approved = Notice.objects.get(kind="callback.correction_approved")
    rejected = Notice.objects.get(kind="callback.correction_rejected")
    assert approved.org.code == rejected.org.code == ZHANGZHUANG  # the unit that asked
    assert "13912345678" not in approved.title and "139****5678" not in approved.title
    assert "以发放表为准" in rejected.title and "金额" in rejected.title
    assert Notice.objects.filter(kind__startswith="callback.correction").count() == 5
