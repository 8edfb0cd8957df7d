"""Drafts are edited and deleted in the back office by the unit that prepares them."""

from typing import Any

import pytest
from django.test import Client

from minsheng.beneficiaries.models import Benefit
from minsheng.core.models import AuditEvent
from minsheng.disclosures import services
from minsheng.disclosures.choices import DisclosureState as S
from minsheng.disclosures.models import Disclosure, DisclosureEntry

from .conftest import QINGSHAN, ZHANGZHUANG

pytestmark = pytest.mark.django_db


def login(world: dict[str, Any], who: str) -> Client:
    client = Client()
    client.force_login(world["users"][who])
    return client


def create_draft(world: dict[str, Any], town: Client) -> Disclosure:
    response = town.post(
        "/admin/disclosures/new/",
        {"item": world["item"].pk, "issuer": world["orgs"][QINGSHAN].pk, "period_days": 7, "objection_phone": "0550-1"},
    )
    assert response.status_code == 302
    return Disclosure.objects.get()


def form_data(d: Disclosure, **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "",
        "item": d.item_id,
        "issuer": d.issuer_id,
        "batch": "",
        "villages": sorted(set(d.entries.values_list("benefit__village_id", flat=True))),
        "period_days": d.period_days,
        "objection_phone": d.objection_phone,
        "objection_address": d.objection_address,
        "objection_office": d.objection_office,
    }
    if d.long_term:
        data["long_term"] = "on"
    data.update(over)
    return data


def names(d: Disclosure) -> list[str]:
    return list(d.entries.order_by("position").values_list("benefit__person__name", flat=True))


def test_edit_a_draft_through_the_admin(world: dict[str, Any], index_page: Any) -> None:
    town = login(world, "qingshan")
    d = create_draft(world, town)
    assert len(names(d)) == 4
    page = town.get(f"/admin/disclosures/{d.pk}/").content.decode()
    assert f"/admin/disclosures/{d.pk}/edit/" in page and f"/admin/disclosures/{d.pk}/delete/" in page
    form = town.get(f"/admin/disclosures/{d.pk}/edit/")
    assert form.status_code == 200 and "0550-1" in form.content.decode()
    # title, period and contact details: the list stays as it is
    response = town.post(
        f"/admin/disclosures/{d.pk}/edit/",
        form_data(
            d,
            title="青山镇困难群众救助对象名单公示",
            period_days=10,
            long_term="on",
            objection_phone="0550-7654321",
            objection_address="青山镇便民服务中心",
            objection_office="青山镇民政办",
        ),
    )
    assert response.status_code == 302 and response["Location"] == f"/admin/disclosures/{d.pk}/"
    d.refresh_from_db()
    assert (d.title, d.period_days, d.long_term) == ("青山镇困难群众救助对象名单公示", 10, True)
    assert (d.objection_phone, d.objection_address, d.objection_office) == (
        "0550-7654321",
        "青山镇便民服务中心",
        "青山镇民政办",
    )
    assert d.state == S.DRAFT and len(names(d)) == 4
    event = AuditEvent.objects.filter(action="disclosure.update").latest("id")
    assert event.actor == world["users"]["qingshan"] and "entries" not in event.data
    assert {"title", "period_days", "long_term", "objection_phone"} <= set(event.data["fields"])
    # the records chosen: one village only; an empty title is the standard one again
    zhangzhuang = world["orgs"][ZHANGZHUANG]
    town.post(f"/admin/disclosures/{d.pk}/edit/", form_data(d, villages=[zhangzhuang.pk]))
    d.refresh_from_db()
    assert names(d) == ["张晓明", "李红"]
    assert list(d.entries.order_by("position").values_list("position", flat=True)) == [1, 2]
    assert d.title == services.make_title(issuer=d.issuer, item=d.item, year=d.year)
    event = AuditEvent.objects.filter(action="disclosure.update").latest("id")
    assert event.data["entries"] == 2 and event.data["entries_before"] == 4
    assert "张晓明" not in str(event.data)
    # a selection with nothing in it is refused and changes nothing
    response = town.post(f"/admin/disclosures/{d.pk}/edit/", form_data(d, villages=[world["orgs"]["349981101203"].pk]))
    assert response.status_code == 200
    d.refresh_from_db()
    assert names(d) == ["张晓明", "李红"]


def test_only_drafts_of_ones_own_unit_are_edited(world: dict[str, Any], index_page: Any) -> None:
    town = login(world, "qingshan")
    d = create_draft(world, town)
    # another town and another department do not see it; the village does not own it
    for who in ("baita", "other_dept", "village"):
        other = login(world, who)
        assert other.get(f"/admin/disclosures/{d.pk}/edit/").status_code == 404, who
        assert other.post(f"/admin/disclosures/{d.pk}/edit/", form_data(d, title="改")).status_code == 404, who
        assert other.post(f"/admin/disclosures/{d.pk}/delete/").status_code == 404, who
    # once submitted it is no longer a draft
    town.post(f"/admin/disclosures/{d.pk}/", {"action": "submit"})
    # (Wagtail answers PermissionDenied with a redirect to the dashboard)
    for response in (
        town.get(f"/admin/disclosures/{d.pk}/edit/"),
        town.post(f"/admin/disclosures/{d.pk}/edit/", form_data(d, title="改")),
        town.post(f"/admin/disclosures/{d.pk}/delete/"),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    page = town.get(f"/admin/disclosures/{d.pk}/").content.decode()
    assert "/edit/" not in page and "/delete/" not in page
    d.refresh_from_db()
    assert d.title != "改" and d.state == S.SUBMITTED
    # returned to draft, it can be edited again
    town.post(f"/admin/disclosures/{d.pk}/", {"action": "return", "reason": "补充"})
    assert town.get(f"/admin/disclosures/{d.pk}/edit/").status_code == 200
    assert not AuditEvent.objects.filter(action__in=("disclosure.update", "disclosure.delete")).exists()


def test_delete_a_draft_through_the_admin(world: dict[str, Any], index_page: Any) -> None:
    town = login(world, "qingshan")
    d = create_draft(world, town)
    pk, title = d.pk, d.title
    confirm = town.get(f"/admin/disclosures/{pk}/delete/")
    assert confirm.status_code == 200 and title in confirm.content.decode()
    assert Disclosure.objects.filter(pk=pk).exists()  # asking is not deleting
    response = town.post(f"/admin/disclosures/{pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/admin/disclosures/"
    assert not Disclosure.objects.filter(pk=pk).exists()
    assert not DisclosureEntry.objects.filter(disclosure_id=pk).exists()
    assert Benefit.objects.count() == 5  # the registry keeps its records
    event = AuditEvent.objects.get(action="disclosure.delete")
    assert event.actor == world["users"]["qingshan"] and event.target_id == str(pk)
    assert event.target_label == title and event.data["entries"] == 4


def test_village_staff_edit_and_delete_their_village_draft(world: dict[str, Any], index_page: Any) -> None:
    u, orgs = world["users"], world["orgs"]
    d = services.disclosure_create(
        actor=u["village"], item=world["item"], issuer=orgs[ZHANGZHUANG], objection_phone="0550-1"
    )
    village = login(world, "village")
    response = village.post(f"/admin/disclosures/{d.pk}/edit/", form_data(d, objection_phone="0550-2"))
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.objection_phone == "0550-2"
    assert village.post(f"/admin/disclosures/{d.pk}/delete/").status_code == 302
    assert not Disclosure.objects.exists()
