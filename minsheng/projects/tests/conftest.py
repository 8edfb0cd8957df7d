from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from minsheng.orgs.choices import Role
from minsheng.projects.models import ItemTarget, LivelihoodItem, ProgressReport, ProgressValue
from minsheng.projects.services import items_import


@pytest.fixture
def items(org_tree, settings) -> dict[str, LivelihoodItem]:
    items_import(actor=None, path=f"{settings.DEMO_DATA_DIR}/livelihood_items_2022.csv", year=2022)
    return {i.code: i for i in LivelihoodItem.objects.all()}


@pytest.fixture
def meals(items) -> LivelihoodItem:
    """2022-07 老年助餐服务 with two targets: 60 助餐点 and 12,000 老人."""
    item = items["2022-07"]
    item.consultation_phone = "0550-7654321"
    item.summary = "为60岁以上老年人提供助餐服务。"
    item.policy_content = "<p>在城乡社区建设老年助餐点，为老年人提供就餐、送餐服务。</p>"
    item.eligibility = "<p>本市户籍60周岁以上老年人。</p>"
    item.standard = "<p>每餐补助3元，80岁以上补助5元。</p>"
    item.save()
    ItemTarget.objects.create(item=item, description="新建老年助餐点", quantity=Decimal("60"), unit="个", sort_order=0)
    ItemTarget.objects.create(item=item, description="服务老年人", quantity=Decimal("12000"), unit="人", sort_order=1)
    item.steps.create(title="本人申请", description="到村（社区）提出申请", sort_order=0)
    item.steps.create(title="审核登记", description="镇民政办审核", sort_order=1)
    item.faqs.create(question="外地老人可以用餐吗？", answer="可以就餐，但不享受补助。", sort_order=0)
    item.milestones.create(planned_on=date(2022, 3, 31), achieved_on=date(2022, 3, 28), title="完成选址", sort_order=0)
    item.milestones.create(planned_on=date(2022, 10, 31), title="全部建成运营", sort_order=1)
    item.save()  # commits the in-memory cluster children (steps, FAQs, milestones)
    item.refresh_from_db()
    return item


@pytest.fixture
def users(make_user):
    return {
        "coord": make_user("coord", Role.COORDINATOR, "D01"),
        "minzheng": make_user("minzheng", Role.DEPARTMENT_LIAISON, "D05"),
        "jiaoyu": make_user("jiaoyu", Role.DEPARTMENT_LIAISON, "D04"),
        "qingshan": make_user("qingshan", Role.TOWN_LIAISON, "349981101000"),
    }


def confirmed_report(item: LivelihoodItem, period: date, values: dict[str, str], **kw) -> ProgressReport:
    report = ProgressReport.objects.create(
        item=item, period=period, status="confirmed", submitted_at=kw.pop("submitted_at", None), **kw
    )
    for target in item.targets.all():
        if target.description in values:
            ProgressValue.objects.create(report=report, target=target, value=Decimal(values[target.description]))
    return report
