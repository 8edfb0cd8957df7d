"""Campaigns, sampling from the database, calls through the form, reveals, scoping and the
correction flow, through the admin views users use."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from minsheng.beneficiaries.models import Benefit
from minsheng.callbacks import selectors, services
from minsheng.callbacks.choices import CorrectionStatus, Reached, RoundKind, TaskStatus
from minsheng.callbacks.models import CallTask, Campaign, CorrectionRequest
from minsheng.core.models import AuditEvent

QINGSHAN_BENEFITS = 13 + 9  # 13 people in 3 villages of 青山镇, 9 of them with item B too


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def post_call(client: Client, task: CallTask, **fields: str) -> Any:
    data = {"method": "phone", "identity_confirmed": "1"}
    data.update({k: "1" for k in ("address_ok", "id_ok", "phone_ok", "item_ok", "amount_ok")})
    data.update(fields)
    return client.post(reverse("callbacks_call", args=[task.pk]), data)


def test_town_round_takes_everyone_and_assigns_by_village(world: dict[str, Any], town_round: Campaign) -> None:
    tasks = CallTask.objects.filter(campaign=town_round)
    assert tasks.count() == QINGSHAN_BENEFITS and town_round.share == 1
    units = {t.village.code: t.assigned_org.code for t in tasks.select_related("village", "assigned_org")}
    # village staff in 张庄村 and 李洼村; 青山社区 has none, so the town calls there
    assert units == {"349981101201": "349981101201", "349981101202": "349981101202", "349981101001": "349981101000"}
    event = AuditEvent.objects.get(action="callback.campaign_create")
    assert event.data["tasks"] == QINGSHAN_BENEFITS and event.data["population"] == QINGSHAN_BENEFITS


def test_city_recheck_is_a_reproducible_stratified_sample(world: dict[str, Any]) -> None:
    def make(seed: int) -> Campaign:
        return services.campaign_create(
            actor=world["coord"],
            name=f"复核{seed}",
            year=2022,
            round=RoundKind.CITY,
            owner=world["orgs"]["D01"],
            items=[world["a"], world["b"]],
            starts_on=date(2022, 10, 1),
            ends_on=date(2022, 10, 31),
            seed=seed,
        )

    first, again = make(7), make(7)
    ids = sorted(CallTask.objects.filter(campaign=first).values_list("benefit_id", flat=True))
    assert ids == sorted(CallTask.objects.filter(campaign=again).values_list("benefit_id", flat=True))
    total = Benefit.objects.count()
    assert first.share == Decimal("0.2") and len(ids) == round(0.2 * total)
    assert set(CallTask.objects.filter(campaign=first).values_list("assigned_org__code", flat=True)) == {"D01"}
    with pytest.raises(PermissionDenied):  # a town cannot run the city re-check
        services.campaign_create(
            actor=world["qingshan"],
            name="x",
            year=2022,
            round=RoundKind.CITY,
            owner=world["orgs"]["349981101000"],
            items=[world["a"]],
            starts_on=date(2022, 10, 1),
            ends_on=date(2022, 10, 31),
        )


def test_recently_called_people_are_skipped(world: dict[str, Any], town_round: Campaign) -> None:
    c = client_for(world["zhangzhuang"])
    called = list(selectors.open_call_tasks(user=world["zhangzhuang"]))[:4]
    for task in called:
        post_call(c, task, reached=Reached.NO_ANSWER)
    campaign = services.campaign_create(
        actor=world["coord"],
        name="复核",
        year=2022,
        round=RoundKind.CITY,
        owner=world["orgs"]["D01"],
        items=[world["a"], world["b"]],
        starts_on=date(2022, 10, 1),
        ends_on=date(2022, 10, 31),
        share=Decimal(1),
        exclude_days=30,
    )
    people = {t.person_id for t in called}
    skipped = Benefit.objects.filter(person_id__in=people).count()
    assert campaign.excluded == skipped > 0
    assert not CallTask.objects.filter(campaign=campaign, person_id__in=people).exists()
    assert CallTask.objects.filter(campaign=campaign).count() == Benefit.objects.count() - skipped


def test_a_village_caller_sees_only_their_own_tasks(world: dict[str, Any], town_round: Campaign) -> None:
    c = client_for(world["zhangzhuang"])
    page = c.get(reverse("callbacks_tasks"))
    assert page.status_code == 200
    mine = CallTask.objects.filter(campaign=town_round, village__code="349981101201")
    assert len(page.context["page"].object_list) == mine.count() == 9
    other = CallTask.objects.filter(campaign=town_round, village__code="349981101202").first()
    assert other is not None
    assert c.get(reverse("callbacks_call", args=[other.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.task_reveal_phone(actor=world["zhangzhuang"], task=other)
    # the town sees all its villages' tasks
    assert selectors.open_call_tasks(user=world["qingshan"]).count() == QINGSHAN_BENEFITS
    assert selectors.open_call_tasks(user=world["baita"]).count() == 0


def test_call_page_is_masked_and_the_reveal_is_audited(world: dict[str, Any], town_round: Campaign) -> None:
    c = client_for(world["zhangzhuang"])
    task = selectors.open_call_tasks(user=world["zhangzhuang"]).first()
    assert task is not None
    phone = task.person.phone()
    html = c.get(reverse("callbacks_call", args=[task.pk])).content.decode()
    assert phone not in html and task.person.masked_phone in html and task.person.id_number() not in html
    html = c.post(reverse("callbacks_call", args=[task.pk]), {"action": "reveal"}).content.decode()
    assert f'href="tel:{phone}"' in html
    event = AuditEvent.objects.get(action="callback.reveal_phone")
    assert event.actor == world["zhangzhuang"] and event.target_id == str(task.pk)
    assert phone not in json.dumps(event.data) and event.data["phone"] == task.person.masked_phone


def test_no_answer_three_times_becomes_a_home_visit(world: dict[str, Any], town_round: Campaign) -> None:
    c = client_for(world["zhangzhuang"])
    task = selectors.open_call_tasks(user=world["zhangzhuang"]).first()
    assert task is not None
    statuses = []
    for _ in range(3):
        assert post_call(c, task, reached=Reached.NO_ANSWER).status_code == 302
        task.refresh_from_db()
        statuses.append(task.status)
    assert statuses == [TaskStatus.RETRY, TaskStatus.RETRY, TaskStatus.HOME_VISIT]
    assert task.attempt_set.count() == 3 and task.attempts == 3
    post_call(
        c, task, method="home", reached=Reached.REACHED, knows="1", understanding="clear", satisfaction="satisfied"
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.is_valid and task.attempt_set.first().method == "home"


def test_a_reached_call_needs_the_answers(world: dict[str, Any], town_round: Campaign) -> None:
    c = client_for(world["zhangzhuang"])
    task = selectors.open_call_tasks(user=world["zhangzhuang"]).first()
    assert task is not None
    response = post_call(c, task, reached=Reached.REACHED)
    assert response.status_code == 200 and response.context["form"].errors
    task.refresh_from_db()
    assert task.attempts == 0


def test_empty_number_opens_a_phone_correction_and_approval_changes_the_registry(
    world: dict[str, Any], town_round: Campaign
) -> None:
    task = selectors.open_call_tasks(user=world["zhangzhuang"]).first()
    assert task is not None
    post_call(client_for(world["zhangzhuang"]), task, reached=Reached.EMPTY)
    task.refresh_from_db()
    assert task.status == TaskStatus.HOME_VISIT
    correction = CorrectionRequest.objects.get(task=task)
    assert correction.field == "phone" and correction.current_masked == task.person.masked_phone
    # village staff may not decide; the town may
    assert client_for(world["zhangzhuang"]).get(reverse("callbacks_corrections")).status_code in (302, 403)
    town = client_for(world["qingshan"])
    assert correction.current_masked in town.get(reverse("callbacks_corrections")).content.decode()
    town.post(
        reverse("callbacks_correction_decide", args=[correction.pk]), {"action": "approve", "value": "13912345678"}
    )
    correction.refresh_from_db()
    task.person.refresh_from_db()
    assert correction.status == CorrectionStatus.APPROVED and task.person.phone() == "13912345678"
    event = AuditEvent.objects.get(action="beneficiary.correct")
    assert event.data["after"] == "139****5678" and "13912345678" not in json.dumps(event.data)
    assert AuditEvent.objects.filter(action="callback.correction_approve", target_id=str(correction.pk)).exists()


def test_failed_checks_make_corrections_applied_or_rejected(world: dict[str, Any], town_round: Campaign) -> None:
    task = selectors.open_call_tasks(user=world["zhangzhuang"]).first()
    assert task is not None
    right_id = "349981" + "19800101" + "0013"
    from minsheng.core.idcard import check_char

    right_id = right_id[:17] + check_char(right_id[:17])
    post_call(
        client_for(world["zhangzhuang"]),
        task,
        reached=Reached.REACHED,
        knows="1",
        understanding="partly",
        satisfaction="basic",
        id_ok="0",
        id_ok_value=right_id,
        amount_ok="0",
        amount_ok_value="500",
        comments="身份证号登记错误",
    )
    by_field = {c.field: c for c in CorrectionRequest.objects.filter(task=task)}
    assert set(by_field) == {"id_number", "amount"}
    id_fix = by_field["id_number"]
    assert id_fix.proposed_text == "" and right_id.encode() not in bytes(id_fix.proposed_enc)
    assert id_fix.proposed_masked == right_id[:6] + "********" + right_id[-4:]
    town = client_for(world["qingshan"])
    town.post(reverse("callbacks_correction_decide", args=[id_fix.pk]), {"action": "approve"})
    task.person.refresh_from_db()
    assert task.person.id_number() == right_id and task.person.birth_date == date(1980, 1, 1)
    amount_fix = by_field["amount"]
    town.post(reverse("callbacks_correction_decide", args=[amount_fix.pk]), {"action": "reject", "reason": ""})
    amount_fix.refresh_from_db()
    assert amount_fix.status == CorrectionStatus.OPEN  # a rejection needs a reason
    town.post(
        reverse("callbacks_correction_decide", args=[amount_fix.pk]), {"action": "reject", "reason": "发放表为600元"}
    )
    amount_fix.refresh_from_db()
    assert amount_fix.status == CorrectionStatus.REJECTED and amount_fix.reason == "发放表为600元"
    assert Benefit.objects.get(pk=task.benefit_id).amount == Decimal("600")
    # another town cannot see or decide it
    with pytest.raises(PermissionDenied):
        services.correction_approve(actor=world["baita"], correction=id_fix)


def test_campaign_created_in_the_admin(world: dict[str, Any]) -> None:
    c = client_for(world["coord"])
    response = c.post(
        reverse("callbacks_campaign_add"),
        {
            "name": "市级复核",
            "year": "2022",
            "round": "city",
            "items": [world["a"].pk, world["b"].pk],
            "share": "20",
            "seed": "99",
            "starts_on": "2022-10-01",
            "ends_on": "2022-10-31",
            "exclude_days": "0",
            "assign_to": "owner",
            "extra_questions": '[{"text": "是否知道咨询电话", "choices": ["知道", "不知道"]}]',
        },
    )
    campaign = Campaign.objects.get(name="市级复核")
    assert response.status_code == 302 and campaign.seed == 99 and campaign.tasks.count() == 6
    assert campaign.extra_questions == [{"key": "q1", "text": "是否知道咨询电话", "choices": ["知道", "不知道"]}]
    assert c.get(reverse("callbacks_campaign", args=[campaign.pk])).status_code == 200


def test_campaign_form_callers_default_follows_the_round(world: dict[str, Any]) -> None:
    """Left at its default, the city re-check is called by the office itself, a town's round
    by village staff (the town where a village has none)."""
    from minsheng.callbacks.forms import CampaignForm

    assert CampaignForm(user=world["coord"])["assign_to"].value() in (None, "")
    base = {
        "year": "2022",
        "items": [world["a"].pk, world["b"].pk],
        "share": "50",
        "seed": "5",
        "starts_on": "2022-10-01",
        "ends_on": "2022-10-31",
        "exclude_days": "0",
        "assign_to": "",
    }
    response = client_for(world["coord"]).post(
        reverse("callbacks_campaign_add"), {**base, "name": "市级复核", "round": "city"}
    )
    city = Campaign.objects.get(name="市级复核")
    assert response.status_code == 302 and city.assign_to == "owner" and city.tasks.count() > 0
    assert set(city.tasks.values_list("assigned_org__code", flat=True)) == {"D01"}

    response = client_for(world["qingshan"]).post(
        reverse("callbacks_campaign_add"), {**base, "name": "青山镇回访", "round": "town"}
    )
    town = Campaign.objects.get(name="青山镇回访")
    assert response.status_code == 302 and town.assign_to == "village"
    units = dict(town.tasks.values_list("village__code", "assigned_org__code").distinct())
    assert units == {"349981101201": "349981101201", "349981101202": "349981101202", "349981101001": "349981101000"}
