"""Demo callbacks: 青山镇's finished full round and the city's 20% re-check under way,
built from the demo beneficiaries, every call entered through ``call_record``.

Deterministic (fixed seeds); a rerun finds the campaigns by name and does nothing.
In 青山镇 the re-check finds people who know less than the town's own round claims, so
the comparison flags the town.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from minsheng.callbacks.choices import AssignTo, CorrectionStatus, RoundKind, TaskStatus
from minsheng.callbacks.models import CallTask, Campaign, CorrectionRequest
from minsheng.callbacks.services import Outcome, call_record, campaign_create, correction_approve, correction_reject
from minsheng.orgs.models import Org, User
from minsheng.projects.models import LivelihoodItem

TOWN_ROUND = "青山镇2022年民生工程受益对象回访"
CITY_CHECK = "2022年民生工程受益对象市级抽查复核"
ITEM_SEQS = (1, 2)
QUESTIONS = [{"key": "q1", "text": "是否收到过政策明白纸", "choices": ["收到", "未收到", "记不清"]}]


def _outcome(rng: random.Random, *, knows_rate: float, attempt: int) -> Outcome:
    r = rng.random()
    if attempt == 0 and r < 0.12:
        return Outcome(reached="no_answer")
    if attempt == 0 and r < 0.14:
        return Outcome(reached="empty")
    if r > 0.985:
        return Outcome(reached="refused")
    s = rng.random()
    satisfaction = "satisfied" if s < 0.72 else ("basic" if s < 0.94 else "unsatisfied")
    checks = {"amount_ok": rng.random() > 0.02, "phone_ok": rng.random() > 0.02}
    knows = rng.random() < knows_rate
    return Outcome(
        reached="reached",
        identity_confirmed=rng.random() > 0.03,
        checks=checks,
        proposed={"amount": "500"} if not checks["amount_ok"] else {},
        knows=knows,
        understanding=rng.choice(["clear", "clear", "partly"]) if knows else rng.choice(["partly", "not"]),
        satisfaction=satisfaction,
        comments="",
        answers={"q1": rng.choice(["收到", "收到", "未收到", "记不清"])},
    )


def _call_all(tasks: list[CallTask], rng: random.Random, callers: dict[Any, User], knows_rate: Any) -> int:
    calls = 0
    for task in tasks:
        status = task.status
        for attempt in range(4):
            if status == TaskStatus.DONE:
                break
            outcome = _outcome(rng, knows_rate=knows_rate(task), attempt=attempt)
            if status == TaskStatus.HOME_VISIT:
                outcome.method = "home"
                if outcome.reached != "reached":
                    outcome = Outcome(
                        reached="reached",
                        method="home",
                        identity_confirmed=True,
                        knows=False,
                        understanding="partly",
                        satisfaction="basic",
                    )
            status = call_record(actor=callers[task.assigned_org_id], task=task, outcome=outcome).task.status
            calls += 1
    return calls


def seed_callbacks() -> int:
    """Create the missing demo campaigns and their calls; returns the campaigns created."""
    if Campaign.objects.filter(name__in=[TOWN_ROUND, CITY_CHECK]).exists():
        return 0
    items = list(LivelihoodItem.objects.filter(year=2022, city_has_task=True, seq__in=ITEM_SEQS))
    town = Org.objects.filter(code="349981101000").first()
    office = Org.objects.filter(code="D01").first()
    users = {u.username: u for u in User.objects.filter(username__in=["qingshan", "zhangzhuang", "coordinator"])}
    if not items or town is None or office is None or len(users) < 3:
        return 0
    rng = random.Random(20221001)
    town_round = campaign_create(
        actor=users["qingshan"],
        name=TOWN_ROUND,
        year=2022,
        round=RoundKind.TOWN,
        owner=town,
        items=items,
        starts_on=date(2022, 9, 1),
        ends_on=date(2022, 9, 30),
        seed=20220901,
        extra_questions=QUESTIONS,
    )
    village_staff = users["zhangzhuang"]
    callers = {town.pk: users["qingshan"], village_staff.org_id: village_staff}
    tasks = list(CallTask.objects.filter(campaign=town_round).order_by("pk"))
    _call_all(tasks, rng, callers, lambda _t: 0.95)
    city = campaign_create(
        actor=users["coordinator"],
        name=CITY_CHECK,
        year=2022,
        round=RoundKind.CITY,
        owner=office,
        items=items,
        starts_on=date(2022, 10, 8),
        ends_on=date(2022, 11, 30),
        seed=20221008,
        assign_to=AssignTo.OWNER,
    )
    tasks = list(CallTask.objects.filter(campaign=city).order_by("town__path", "pk"))
    under_way = [t for i, t in enumerate(tasks) if i % 10 < 3]  # about 30% called so far
    _call_all(under_way, rng, {office.pk: users["coordinator"]}, lambda t: 0.7 if t.town_id == town.pk else 0.93)
    # the town decides some corrections: one applied, one rejected, the rest wait
    open_ = list(CorrectionRequest.objects.filter(status=CorrectionStatus.OPEN, village__parent=town).order_by("pk"))
    amount = next((c for c in open_ if c.field == "amount"), None)
    if amount is not None:
        correction_approve(actor=users["qingshan"], correction=amount)
    phone = next((c for c in open_ if c.field == "phone"), None)
    if phone is not None:
        correction_reject(actor=users["qingshan"], correction=phone, reason="经核实号码无误，系临时停机")
    return 2
