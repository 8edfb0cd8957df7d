"""Demo 公示: running, ended and long-term disclosures in several towns, built from the
demo rosters through the real services, and one objection. Idempotent: a disclosure is
found by its title, the objection by its disclosure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from minsheng.disclosures import services
from minsheng.disclosures.models import Disclosure, Objection
from minsheng.orgs.models import Org, User
from minsheng.projects.models import LivelihoodItem


@dataclass(frozen=True)
class DemoDisclosure:
    user: str
    issuer: str
    item_seq: int
    started_days_ago: int
    long_term: bool = False
    phone: str = ""
    address: str = ""


DISCLOSURES = (
    DemoDisclosure("qingshan", "349981101000", 7, 2, phone="0550-1235101", address="青山镇人民政府民政办（一楼）"),
    DemoDisclosure("baita", "349981102000", 13, 1, phone="0550-1235201", address="白塔镇便民服务中心"),
    DemoDisclosure("liuhe", "349981103000", 3, 3, phone="0550-1235301", address="柳河镇人民政府二楼"),
    DemoDisclosure("qingshan", "349981101000", 13, 40, phone="0550-1235101", address="青山镇人民政府民政办（一楼）"),
    DemoDisclosure("baita", "349981102000", 7, 30, phone="0550-1235201", address="白塔镇便民服务中心"),
    DemoDisclosure("qingshan", "349981101000", 17, 60, long_term=True, phone="0550-1235101"),
)


def seed_disclosures() -> int:
    """Create the missing demo disclosures; returns how many were created."""
    created = 0
    today = timezone.localdate()
    first: Disclosure | None = None
    for spec in DISCLOSURES:
        user = User.objects.filter(username=spec.user).first()
        issuer = Org.objects.filter(code=spec.issuer).first()
        item = LivelihoodItem.objects.filter(year=2022, seq=spec.item_seq).first()
        if user is None or issuer is None or item is None:
            continue
        title = services.make_title(issuer=issuer, item=item, year=item.year)
        found = Disclosure.objects.filter(title=title).first()
        if found is None:
            found = services.disclosure_create(
                actor=user,
                item=item,
                issuer=issuer,
                objection_phone=spec.phone,
                objection_address=spec.address,
                objection_office=f"{issuer.name}民生工程办公室",
                long_term=spec.long_term,
            )
            found = services.disclosure_submit(actor=user, disclosure=found)
            found = services.disclosure_approve(actor=user, disclosure=found)
            found = services.disclosure_publish(actor=user, disclosure=found)
            # the demo shows disclosures published days or weeks ago: move their period back
            start = today - timedelta(days=spec.started_days_ago)
            Disclosure.objects.filter(pk=found.pk).update(
                start_date=start, end_date=Disclosure.period_end(start, found.period_days)
            )
            found.refresh_from_db()
            created += 1
        if first is None:
            first = found
    services.disclosures_end(today=today)  # record the demo's ended ones as the daily command would
    if first is not None and first.accepts_objections() and not Objection.objects.filter(disclosure=first).exists():
        entry = first.entries.order_by("position")[2:3].first()
        if entry is not None:
            services.objection_file(
                disclosure=first,
                entry=entry,
                name="周先生",
                contact="0550-7654321",
                reason="据我了解，此人子女每月接其到城里居住，平时不在村里用餐，请核实。",
            )
    return created
