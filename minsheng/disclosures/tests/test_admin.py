from typing import Any

import pytest
from django.test import Client

from minsheng.disclosures import services
from minsheng.disclosures.choices import DisclosureState as S
from minsheng.disclosures.models import Disclosure

from .conftest import BAITA, QINGSHAN

pytestmark = pytest.mark.django_db


def test_admin_create_act_and_inbox(world: dict[str, Any], index_page: Any) -> None:
    town = Client()
    town.force_login(world["users"]["qingshan"])
    response = town.post(
        "/admin/disclosures/new/",
        {"item": world["item"].pk, "issuer": world["orgs"][QINGSHAN].pk, "period_days": 7, "objection_phone": "0550-1"},
    )
    d = Disclosure.objects.get()
    assert response.status_code == 302 and d.entries.count() == 4
    for action in ("submit", "approve", "publish"):
        town.post(f"/admin/disclosures/{d.pk}/", {"action": action})
    d.refresh_from_db()
    assert d.state == S.PUBLISHED
    other = Client()
    other.force_login(world["users"]["baita"])
    assert other.get(f"/admin/disclosures/{d.pk}/").status_code == 404
    assert d.title not in other.get("/admin/disclosures/").content.decode()
    coord = Client()
    coord.force_login(world["users"]["coord"])
    assert d.title in coord.get("/admin/disclosures/").content.decode()
    services.objection_file(disclosure=d, entry=d.entries.first(), name="甲", contact="x", reason="核实")
    inbox = town.get("/admin/disclosures/objections/").content.decode()
    assert "20" in inbox and d.title in inbox
    assert d.title not in other.get("/admin/disclosures/objections/").content.decode()
    village = Client()
    village.force_login(world["users"]["village"])
    village.post(f"/admin/disclosures/{d.pk}/", {"action": "withdraw", "reason": "x"})
    d.refresh_from_db()
    assert d.state == S.PUBLISHED  # village staff may not withdraw
    town.post(f"/admin/disclosures/{d.pk}/", {"action": "withdraw", "reason": "名单有误"})
    d.refresh_from_db()
    assert d.state == S.WITHDRAWN
    assert BAITA


def test_objector_contact_is_masked_until_a_logged_reveal(world: dict[str, Any], index_page: Any) -> None:
    from minsheng.core.models import AuditEvent

    town = Client()
    town.force_login(world["users"]["qingshan"])
    town.post(
        "/admin/disclosures/new/",
        {"item": world["item"].pk, "issuer": world["orgs"][QINGSHAN].pk, "period_days": 7, "objection_phone": "0550-1"},
    )
    d = Disclosure.objects.get()
    for action in ("submit", "approve", "publish"):
        town.post(f"/admin/disclosures/{d.pk}/", {"action": action})
    d.refresh_from_db()
    objection = services.objection_file(
        disclosure=d, entry=d.entries.first(), name="甲", contact="13912345678", reason="核实"
    )
    objection = objection.objection
    url = f"/admin/disclosures/objections/{objection.pk}/"
    page = town.get(url).content.decode()
    assert "13912345678" not in page and "139****5678" in page
    assert not AuditEvent.objects.filter(action="disclosure.objection_contact_reveal").exists()
    revealed = town.post(url, {"action": "reveal_contact"}).content.decode()
    assert "13912345678" in revealed
    event = AuditEvent.objects.get(action="disclosure.objection_contact_reveal")
    assert event.actor == world["users"]["qingshan"] and "13912345678" not in str(event.data)
    other = Client()
    other.force_login(world["users"]["baita"])
    assert other.post(url, {"action": "reveal_contact"}).status_code == 404


def test_detail_pages_through_every_entry_masked_with_links(world: dict[str, Any], index_page: Any) -> None:
    from minsheng.beneficiaries.fake import person_name

    from .conftest import ZHANGZHUANG, add_person, running

    village = world["orgs"][ZHANGZHUANG]
    extra = [person_name(100 + i) + "某" for i in range(126)]  # 130 entries with the four of the town
    for i, name in enumerate(extra):
        add_person(100 + i, name, village, world["item"])
    d = running(world)
    assert d.entries.count() == 130
    town = Client()
    town.force_login(world["users"]["qingshan"])
    first = town.get(f"/admin/disclosures/{d.pk}/").content.decode()
    second = town.get(f"/admin/disclosures/{d.pk}/", {"p": 2}).content.decode()
    body = first.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == 100 and "?p=2" in first and "130" in first
    rest = second.split("<tbody>")[1].split("</tbody>")[0]
    assert rest.count("<tr>") == 30 and "<td>130</td>" in rest
    # masked (the web profile) for every viewer: full names only on the audited print sheet
    for page in (first, second):
        assert not any(name in page for name in [*extra, "张晓明", "欧阳春华"])
    assert "张*明" in first or "张*明" in second
    # links to the public page and to the staff print sheet
    assert f'href="/gongshi/{d.pk}/"' in first
    assert f"/admin/disclosures/{d.pk}/sheet/pdf/" in first and f"/admin/disclosures/{d.pk}/sheet/word/" in first


def test_detail_links_only_what_exists(world: dict[str, Any], index_page: Any) -> None:
    town = Client()
    town.force_login(world["users"]["qingshan"])
    d = services.disclosure_create(
        actor=world["users"]["qingshan"], item=world["item"], issuer=world["orgs"][QINGSHAN], objection_phone="1"
    )
    page = town.get(f"/admin/disclosures/{d.pk}/").content.decode()
    assert f"/gongshi/{d.pk}/" not in page and "/sheet/" not in page  # a draft: no page, no sheet
