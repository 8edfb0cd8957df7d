import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from minsheng.core.models import AuditEvent, Notice
from minsheng.disclosures import selectors, services
from minsheng.disclosures.choices import DisclosureState as S
from minsheng.disclosures.models import Disclosure

from .conftest import BAITA, QINGSHAN, ZHANGZHUANG, running

pytestmark = pytest.mark.django_db


def create(world: dict[str, Any], actor: str = "qingshan", issuer: str = QINGSHAN, **kw: Any) -> Disclosure:
    return services.disclosure_create(
        actor=world["users"][actor], item=world["item"], issuer=world["orgs"][issuer], objection_phone="0550-1", **kw
    )


def test_create_generates_title_and_lists_records_in_the_issuers_area(world: dict[str, Any]) -> None:
    d = create(world)
    assert d.title == f"青山镇2022年{world['item'].name}受益对象公示"
    assert d.state == S.DRAFT and d.period_days == 7
    names = {e.benefit.person.name for e in d.entries.all()}
    assert names == {"张晓明", "李红", "欧阳春华", "王建国"}  # not 赵敏 of 白塔镇
    village = create(world, actor="village", issuer=ZHANGZHUANG)
    assert {e.benefit.person.name for e in village.entries.all()} == {"张晓明", "李红"}
    chosen = create(world, villages=[world["orgs"]["349981101202"]])
    assert chosen.entries.count() == 2
    assert AuditEvent.objects.filter(action="disclosure.create").count() == 3


def test_who_may_prepare(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        create(world, actor="baita", issuer=QINGSHAN)
    with pytest.raises(PermissionDenied):
        create(world, actor="village", issuer=QINGSHAN)  # a village cannot issue for its town
    with pytest.raises(PermissionDenied):
        create(world, actor="other_dept", issuer=world["item"].lead_department.code)
    dept = create(world, actor="dept", issuer=world["item"].lead_department.code)
    assert dept.entries.count() == 5  # the department's item in every town
    with pytest.raises(ValidationError):
        create(world, actor="baita", issuer=BAITA, villages=[world["orgs"]["349981102202"]])  # nobody there
    with pytest.raises(ValidationError):
        create(world, period_days=6)


def test_state_machine_and_approvers(world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    u = world["users"]
    d = create(world, actor="village", issuer=ZHANGZHUANG)
    with pytest.raises(ValidationError):
        services.disclosure_approve(actor=u["qingshan"], disclosure=d)  # not submitted yet
    with django_capture_on_commit_callbacks(execute=True):
        d = services.disclosure_submit(actor=u["village"], disclosure=d)
    assert Notice.objects.filter(org=world["orgs"][QINGSHAN], kind="disclosure").exists()
    for who in ("village", "baita", "dept"):  # village staff never approve; other town; department of another issuer
        with pytest.raises(PermissionDenied):
            services.disclosure_approve(actor=u[who], disclosure=d)
    d = services.disclosure_approve(actor=u["qingshan"], disclosure=d)
    assert d.state == S.APPROVED and d.approved_by == u["qingshan"]
    with pytest.raises(PermissionDenied):
        services.disclosure_publish(actor=u["village"], disclosure=d)
    d = services.disclosure_publish(actor=u["coord"], disclosure=d)
    today = timezone.localdate()
    assert d.state == S.PUBLISHED and d.start_date == today and d.end_date == today + timedelta(days=6)
    with pytest.raises(ValidationError):
        services.disclosure_publish(actor=u["coord"], disclosure=d)
    with pytest.raises(ValidationError):
        services.disclosure_withdraw(actor=u["qingshan"], disclosure=d, reason=" ")
    d = services.disclosure_withdraw(actor=u["qingshan"], disclosure=d, reason="名单有误")
    assert d.state == S.WITHDRAWN
    actions = list(
        AuditEvent.objects.filter(target_id=str(d.pk), action__startswith="disclosure.").values_list(
            "action", flat=True
        )
    )
    assert set(actions) == {
        "disclosure.create",
        "disclosure.submit",
        "disclosure.approve",
        "disclosure.publish",
        "disclosure.withdraw",
    }


def test_return_to_draft(world: dict[str, Any]) -> None:
    u = world["users"]
    d = services.disclosure_submit(actor=u["qingshan"], disclosure=create(world))
    d = services.disclosure_return(actor=u["coord"], disclosure=d, reason="金额待核")
    assert d.state == S.DRAFT


def test_ended_is_computed_and_recorded_by_the_command(world: dict[str, Any]) -> None:
    d = running(world)
    long = running(world, long_term=True)
    today = timezone.localdate()
    after = d.end_date + timedelta(days=1)  # type: ignore[operator]
    assert d.effective_state(d.end_date) == S.PUBLISHED and d.lists_entries(d.end_date)
    assert d.effective_state(after) == S.ENDED and not d.lists_entries(after)
    assert long.effective_state(after) == S.PUBLISHED and long.lists_entries(after)
    assert not long.accepts_objections(after)
    assert set(selectors.running_disclosures(today=after)) == {long}
    assert services.disclosures_end(today=today) == 0
    Disclosure.objects.filter(pk=d.pk).update(start_date=today - timedelta(days=9), end_date=today - timedelta(days=3))
    out = io.StringIO()
    call_command("end_disclosures", stdout=out)
    assert "ended: 1" in out.getvalue()
    d.refresh_from_db()
    long.refresh_from_db()
    assert d.state == S.ENDED and d.closed_at is not None
    assert long.state == S.PUBLISHED
    assert AuditEvent.objects.filter(action="disclosure.end", target_id=str(d.pk)).count() == 1
    assert services.disclosures_end() == 0


def test_publish_cannot_start_in_the_past(world: dict[str, Any]) -> None:
    u = world["users"]
    d = services.disclosure_approve(
        actor=u["qingshan"], disclosure=services.disclosure_submit(actor=u["qingshan"], disclosure=create(world))
    )
    with pytest.raises(ValidationError):
        services.disclosure_publish(actor=u["qingshan"], disclosure=d, start=date(2020, 1, 1))


def test_scoped_listing(world: dict[str, Any]) -> None:
    mine = create(world)
    theirs = create(world, actor="baita", issuer=BAITA)
    u = world["users"]
    assert set(selectors.disclosure_list(user=u["qingshan"])) == {mine}
    assert set(selectors.disclosure_list(user=u["baita"])) == {theirs}
    assert set(selectors.disclosure_list(user=u["coord"])) == {mine, theirs}
    assert set(selectors.disclosure_list(user=u["dept"])) == {mine, theirs}  # its item
    assert set(selectors.disclosure_list(user=u["other_dept"])) == set()
