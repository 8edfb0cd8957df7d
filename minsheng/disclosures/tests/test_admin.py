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
