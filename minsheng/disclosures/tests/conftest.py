from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from wagtail.models import Page, Site

from minsheng.beneficiaries.fake import person_id, person_phone
from minsheng.beneficiaries.models import Benefit, Person
from minsheng.core.crypto import get_cipher
from minsheng.core.idcard import normalise
from minsheng.disclosures import services
from minsheng.disclosures.models import Disclosure, DisclosureIndexPage
from minsheng.orgs.choices import Role
from minsheng.orgs.models import Org
from minsheng.projects.models import LivelihoodItem
from minsheng.projects.services import items_import

QINGSHAN = "349981101000"
ZHANGZHUANG = "349981101201"
BAITA = "349981102000"

# Known people: (name, village code); IDs and phones come from the fake generator.
PEOPLE = [
    ("张晓明", ZHANGZHUANG),
    ("李红", ZHANGZHUANG),
    ("欧阳春华", "349981101202"),
    ("王建国", "349981101202"),
    ("赵敏", "349981102201"),
]


def add_person(i: int, name: str, village: Org, item: LivelihoodItem, amount: str = "1200.00") -> Benefit:
    cipher = get_cipher()
    number = person_id(i)
    person = Person.objects.create(
        name=name,
        id_number_enc=cipher.encrypt(number),
        id_index=cipher.blind_index(normalise(number)),
        phone_enc=cipher.encrypt(person_phone(i)),
        gender="M",
        birth_date=date(1950, 1, 1),
        village=village,
    )
    return Benefit.objects.create(
        person=person, item=item, year=item.year, amount=Decimal(amount), village=village, source_org=village
    )


@pytest.fixture
def world(make_user: Callable[..., Any], org_tree: dict[str, Org]) -> dict[str, Any]:
    from minsheng.orgs.services import roles_sync

    items_import(actor=None, path=f"{settings.DEMO_DATA_DIR}/livelihood_items_2022.csv", year=2022)
    roles_sync()
    item = LivelihoodItem.objects.get(code="2022-13")
    benefits = [add_person(i, name, org_tree[code], item) for i, (name, code) in enumerate(PEOPLE)]
    users = {
        "coord": make_user("coord", Role.COORDINATOR, "D01"),
        "qingshan": make_user("qingshan", Role.TOWN_LIAISON, QINGSHAN),
        "baita": make_user("baita", Role.TOWN_LIAISON, BAITA),
        "village": make_user("zhangzhuang", Role.VILLAGE_STAFF, ZHANGZHUANG),
        "dept": make_user("minzheng", Role.DEPARTMENT_LIAISON, item.lead_department.code),
        "other_dept": make_user("jiaoyu", Role.DEPARTMENT_LIAISON, "D04"),
    }
    return {"item": item, "benefits": benefits, "users": users, "orgs": org_tree}


@pytest.fixture
def index_page(db: None) -> DisclosureIndexPage:
    root = Page.get_first_root_node()
    from minsheng.portal.models import HomePage

    home = root.add_child(instance=HomePage(title="青河市民生工程", slug="home-test"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "青河"}
    )
    page = home.add_child(instance=DisclosureIndexPage(title="公示公告", slug="gongshi", show_in_menus=True))
    return page


def running(world: dict[str, Any], *, issuer_code: str = QINGSHAN, long_term: bool = False) -> Disclosure:
    users = world["users"]
    d = services.disclosure_create(
        actor=users["qingshan"],
        item=world["item"],
        issuer=world["orgs"][issuer_code],
        objection_phone="0550-1234567",
        objection_address="青山镇人民政府二楼",
        objection_office="青山镇民政办",
        long_term=long_term,
    )
    d = services.disclosure_submit(actor=users["qingshan"], disclosure=d)
    d = services.disclosure_approve(actor=users["qingshan"], disclosure=d)
    return services.disclosure_publish(actor=users["qingshan"], disclosure=d)
