"""The mobile API (auth, scoping, recording) and the metrics against an independent Python
calculation over calls entered through the form and the API."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from minsheng.callbacks import selectors, services
from minsheng.callbacks.choices import RoundKind
from minsheng.callbacks.models import ApiToken, CallAttempt, CallTask, Campaign
from minsheng.core.models import AuditEvent

from .test_flow import client_for, post_call


def bearer(user: Any) -> dict[str, str]:
    _token, raw = services.api_token_create(actor=None, user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_needs_a_token(world: dict[str, Any], town_round: Campaign) -> None:
    c = Client()
    assert c.get("/api/callbacks/tasks").status_code == 401
    assert c.get("/api/callbacks/tasks", HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    client_for(world["zhangzhuang"])  # a session is not a token
    assert client_for(world["zhangzhuang"]).get("/api/callbacks/tasks").status_code == 401
    schema = c.get("/api/callbacks/openapi.json")
    assert schema.status_code == 200 and "/api/callbacks/tasks/{task_id}/calls" in schema.json()["paths"]


def test_token_command_stores_only_a_hash(world: dict[str, Any], capsys: Any) -> None:
    call_command("callbacks_token", "zhangzhuang")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=world["zhangzhuang"])
    assert raw.startswith("ms_") and token.key_hash != raw and raw not in token.key_hash
    assert Client().get("/api/callbacks/tasks", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_api_is_scoped_and_masked(world: dict[str, Any], town_round: Campaign) -> None:
    c = Client()
    auth = bearer(world["zhangzhuang"])
    tasks = c.get("/api/callbacks/tasks", **auth).json()
    mine = CallTask.objects.filter(campaign=town_round, village__code="349981101201")
    assert sorted(t["id"] for t in tasks) == sorted(mine.values_list("pk", flat=True))
    task = mine.first()
    assert task is not None
    body = json.dumps(tasks, ensure_ascii=False)
    assert task.person.phone() not in body and task.person.id_number() not in body and task.person.name not in body
    assert tasks[0]["questions"][0]["choices"] == ["是", "否"]
    other = CallTask.objects.filter(campaign=town_round, village__code="349981101202").first()
    assert other is not None
    assert c.get(f"/api/callbacks/tasks/{other.pk}", **auth).status_code == 404
    record = {"reached": "no_answer"}
    assert (
        c.post(f"/api/callbacks/tasks/{other.pk}/calls", record, content_type="application/json", **auth).status_code
        == 404
    )
    assert c.get(f"/api/callbacks/tasks/{task.pk}", **auth).json()["masked_phone"] == task.person.masked_phone


def test_api_records_a_call(world: dict[str, Any], town_round: Campaign) -> None:
    c = Client()
    auth = bearer(world["liwa"])
    task = selectors.open_call_tasks(user=world["liwa"]).first()
    assert task is not None
    url = f"/api/callbacks/tasks/{task.pk}/calls"
    bad = c.post(url, {"reached": "reached", "identity_confirmed": True}, content_type="application/json", **auth)
    assert bad.status_code == 422  # understanding and satisfaction are missing
    payload = {
        "reached": "reached",
        "identity_confirmed": True,
        "knows": True,
        "understanding": "clear",
        "satisfaction": "satisfied",
        "phone_ok": False,
        "proposed": {"phone": "13611112222"},
        "answers": {"q1": "是"},
    }
    response = c.post(url, payload, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    assert response.json()["task_status"] == "done" and response.json()["corrections"] == 1
    attempt = CallAttempt.objects.get(task=task)
    assert attempt.source == "api" and attempt.caller == world["liwa"] and attempt.answers == {"q1": "是"}
    assert AuditEvent.objects.filter(action="callback.call", target_id=str(task.pk)).exists()


# ---- the metrics against an independent calculation ------------------------------------

PLAN: list[dict[str, str]] = [
    {"reached": "reached", "knows": "1", "understanding": "clear", "satisfaction": "satisfied"},
    {"reached": "reached", "knows": "0", "understanding": "not", "satisfaction": "unsatisfied", "amount_ok": "0"},
    {"reached": "reached", "knows": "1", "understanding": "partly", "satisfaction": "basic"},
    {"reached": "reached", "identity_confirmed": "0"},
    {"reached": "no_answer"},
    {"reached": "empty"},
    {"reached": "refused"},
    {"reached": "reached", "knows": "1", "understanding": "clear", "satisfaction": "basic", "address_ok": "0"},
    {"reached": "suspended"},
]


def _api_payload(fields: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "reached": fields["reached"],
        "identity_confirmed": fields.get("identity_confirmed", "1") == "1",
    }
    for key in ("understanding", "satisfaction"):
        if key in fields:
            out[key] = fields[key]
    out["knows"] = fields.get("knows") == "1"
    for check in ("address_ok", "id_ok", "phone_ok", "item_ok", "amount_ok"):
        out[check] = fields.get(check, "1") == "1"
    return out


def _independent(tasks: list[CallTask]) -> dict[str, Any]:
    """From the attempt rows, in plain Python: each task's latest attempt decides."""
    attempted = reached = valid = knows = good = info = 0
    score = 0.0
    for task in tasks:
        attempts = sorted(CallAttempt.objects.filter(task=task), key=lambda a: (a.called_at, a.pk))
        if not attempts:
            continue
        last = attempts[-1]
        attempted += 1
        reached += last.reached == "reached"
        if last.reached == "reached" and last.identity_confirmed:
            valid += 1
            knows += last.knows
            good += last.satisfaction in ("satisfied", "basic")
            score += {"satisfied": 100, "basic": 80, "unsatisfied": 0}[last.satisfaction]
            info += all((last.address_ok, last.id_ok, last.phone_ok, last.item_ok, last.amount_ok))

    def pct(a: float, b: int) -> float | None:
        return round(100 * a / b, 1) if b else None

    return {
        "reach_rate": pct(reached, attempted),
        "awareness": pct(knows, valid),
        "satisfaction": pct(good, valid),
        "score": round(score / valid, 1) if valid else None,
        "accuracy": pct(info, valid),
    }


def test_metrics_equal_an_independent_calculation(world: dict[str, Any], town_round: Campaign) -> None:
    form_client = client_for(world["zhangzhuang"])
    api_client, auth = Client(), bearer(world["liwa"])
    zz = list(selectors.open_call_tasks(user=world["zhangzhuang"]))
    lw = list(selectors.open_call_tasks(user=world["liwa"]))
    for i, task in enumerate(zz):  # through the form
        assert post_call(form_client, task, **PLAN[i % len(PLAN)]).status_code == 302
    for i, task in enumerate(lw):  # through the API
        response = api_client.post(
            f"/api/callbacks/tasks/{task.pk}/calls",
            _api_payload(PLAN[(i + 4) % len(PLAN)]),
            content_type="application/json",
            **auth,
        )
        assert response.status_code == 201, response.content
    post_call(
        form_client, zz[4], reached="reached", knows="1", understanding="clear", satisfaction="satisfied"
    )  # retried
    all_tasks = list(CallTask.objects.filter(campaign=town_round))
    overall = selectors.campaign_metrics(user=world["coord"], campaign=town_round)[0]
    assert overall["rates"].as_dict() | {"progress": None} == _independent(all_tasks) | {"progress": None}
    assert overall["counts"].attempted == len(zz) + len(lw)
    by_village: dict[int, list[CallTask]] = defaultdict(list)
    by_item: dict[int, list[CallTask]] = defaultdict(list)
    for t in all_tasks:
        by_village[t.village_id].append(t)
        by_item[t.item_id].append(t)
    for by, groups in (("village", by_village), ("item", by_item)):
        rows = selectors.campaign_metrics(user=world["coord"], campaign=town_round, by=by)
        assert len(rows) == len(groups)
        for row in rows:
            expected = _independent(groups[row["key"]])
            assert {k: v for k, v in row["rates"].as_dict().items() if k != "progress"} == expected
    # the town sees the same counts
    assert selectors.campaign_metrics(user=world["qingshan"], campaign=town_round)[0]["counts"] == overall["counts"]
    # the admin page and the xlsx
    coord = client_for(world["coord"])
    page = coord.get(reverse("callbacks_campaign", args=[town_round.pk]))
    assert page.status_code == 200 and page.context["overall"]["counts"] == overall["counts"]
    assert b"submissions/echarts.min.js" in page.content
    xlsx = coord.get(reverse("callbacks_campaign_export", args=[town_round.pk]))
    sheet = CalamineWorkbook.from_object(io.BytesIO(xlsx.content)).get_sheet_by_index(0).to_python()
    assert sheet[2][6] == overall["rates"].awareness and sheet[2][1] == len(all_tasks)


@pytest.mark.parametrize("gap", [True, False])
def test_town_round_against_city_recheck(world: dict[str, Any], town_round: Campaign, gap: bool) -> None:
    """The town says everyone knows; the city's re-check of the same people finds fewer."""
    town_client = client_for(world["zhangzhuang"])
    for task in selectors.open_call_tasks(user=world["zhangzhuang"]):
        post_call(town_client, task, reached="reached", knows="1", understanding="clear", satisfaction="satisfied")
    city = services.campaign_create(
        actor=world["coord"],
        name="复核",
        year=2022,
        round=RoundKind.CITY,
        owner=world["orgs"]["D01"],
        items=[world["a"], world["b"]],
        orgs=[world["orgs"]["349981101201"]],
        share=Decimal(1),
        starts_on=date(2022, 10, 1),
        ends_on=date(2022, 10, 31),
    )
    coord = client_for(world["coord"])
    for i, task in enumerate(selectors.open_call_tasks(user=world["coord"], campaign=city)):
        knows = "0" if gap and i % 3 == 0 else "1"
        post_call(coord, task, reached="reached", knows=knows, understanding="clear", satisfaction="satisfied")
    rows = selectors.round_comparison(user=world["coord"], campaign=city)
    assert [r["label"] for r in rows] == ["青山镇"]
    assert rows[0]["town"]["rates"].awareness == 100.0
    assert rows[0]["flag"] is gap
    assert rows[0]["city"]["rates"].awareness == (round(100 * 6 / 9, 1) if gap else 100.0)
