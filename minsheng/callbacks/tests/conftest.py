from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from minsheng.beneficiaries.fake import person_id
from minsheng.beneficiaries.models import Benefit, Person
from minsheng.callbacks import services
from minsheng.callbacks.choices import RoundKind
from minsheng.core.crypto import get_cipher
from minsheng.core.idcard import parse
from minsheng.orgs.choices import Role
from minsheng.projects.models import LivelihoodItem

# village code → number of people (one benefit each, item A; the first 3 of each also item B)
VILLAGES = {"349981101201": 6, "349981101202": 4, "349981101001": 3, "349981102201": 5}


def make_people(org_tree: dict[str, Any], item_a: LivelihoodItem, item_b: LivelihoodItem) -> list[Person]:
    cipher = get_cipher()
    people = []
    n = 0
    for code, count in VILLAGES.items():
        village = org_tree[code]
        for k in range(count):
            number = person_id(n)
            parsed = parse(number)
            person = Person.objects.create(
                name=f"测试{n:02d}号",
                id_number_enc=cipher.encrypt(number),
                id_index=cipher.blind_index(number),
                phone_enc=cipher.encrypt(f"138{n:08d}"),
                gender=parsed.gender,
                birth_date=parsed.birth_date,
                village=village,
            )
            Benefit.objects.create(
                person=person, item=item_a, year=2022, amount=Decimal("600"), village=village, source_org=village
            )
            if k < 3:
                Benefit.objects.create(
                    person=person, item=item_b, year=2022, amount=Decimal("1200"), village=village, source_org=village
                )
            people.append(person)
            n += 1
    return people


@pytest.fixture
def world(org_tree: dict[str, Any], make_user: Callable[..., Any]) -> dict[str, Any]:
    from minsheng.orgs.services import roles_sync

    roles_sync()
    item_a = LivelihoodItem.objects.create(year=2022, seq=7, name="老年助餐服务", lead_department=org_tree["D05"])
    item_b = LivelihoodItem.objects.create(year=2022, seq=8, name="困难群众救助", lead_department=org_tree["D06"])
    people = make_people(org_tree, item_a, item_b)
    users = {
        "coord": make_user("coord", Role.COORDINATOR, "D01"),
        "minzheng": make_user("minzheng", Role.DEPARTMENT_LIAISON, "D05"),
        "qingshan": make_user("qingshan", Role.TOWN_LIAISON, "349981101000"),
        "baita": make_user("baita", Role.TOWN_LIAISON, "349981102000"),
        "zhangzhuang": make_user("zhangzhuang", Role.VILLAGE_STAFF, "349981101201"),
        "liwa": make_user("liwa", Role.VILLAGE_STAFF, "349981101202"),
    }
    return {"orgs": org_tree, "a": item_a, "b": item_b, "people": people, **users}


@pytest.fixture
def town_round(world: dict[str, Any]) -> Any:
    return services.campaign_create(
        actor=world["qingshan"],
        name="青山镇2022年回访",
        year=2022,
        round=RoundKind.TOWN,
        owner=world["orgs"]["349981101000"],
        items=[world["a"], world["b"]],
        starts_on=date(2022, 9, 1),
        ends_on=date(2022, 9, 30),
        extra_questions=[{"text": "是否收到告知书", "choices": ["是", "否"]}],
    )
