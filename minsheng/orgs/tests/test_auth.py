"""Log-in, lockout, role groups and the audit listing, through the admin as users use it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from minsheng.core.models import AuditEvent
from minsheng.orgs.choices import Role
from minsheng.orgs.roles import ROLE_GROUPS

PASSWORD = "Minsheng@2022-test"


@pytest.fixture(autouse=True)
def _clear_axes(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def login(client, username: str, password: str):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def test_role_groups_exist_with_admin_access(db) -> None:
    for name in ROLE_GROUPS.values():
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
    coordinator = Group.objects.get(name=ROLE_GROUPS[Role.COORDINATOR])
    assert coordinator.permissions.filter(codename="view_auditevent").exists()
    town = Group.objects.get(name=ROLE_GROUPS[Role.TOWN_LIAISON])
    assert not town.permissions.filter(codename="view_auditevent").exists()


def test_login_writes_audit_event(client, make_user) -> None:
    user = make_user("qingshan", Role.TOWN_LIAISON, "349981101000")
    response = login(client, "qingshan", PASSWORD)
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="auth.login").latest("created_at")
    assert event.actor == user and event.org == user.org
    assert event.ip_address == "127.0.0.1"


def test_lockout_after_repeated_failures(client, make_user, settings) -> None:
    make_user("qingshan", Role.TOWN_LIAISON, "349981101000")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "qingshan", "wrong-password")
        assert response.status_code == 200  # the form again, with an error
    response = login(client, "qingshan", "wrong-password")
    assert response.status_code == 429
    # even the right password is refused while locked
    response = login(client, "qingshan", PASSWORD)
    assert response.status_code == 429
    assert "15" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.locked_out", data__username="qingshan").exists()
    assert AuditEvent.objects.filter(action="auth.login_failed").count() >= settings.AXES_FAILURE_LIMIT
    # another account from the same office address is not locked out
    make_user("baita", Role.TOWN_LIAISON, "349981102000")
    assert login(client, "baita", PASSWORD).status_code == 302


def test_audit_listing_is_for_the_coordinator_only(client, make_user) -> None:
    make_user("coord", Role.COORDINATOR, "D01")
    make_user("qingshan", Role.TOWN_LIAISON, "349981101000")
    client.force_login(make_user("other", Role.TOWN_LIAISON, "349981102000"))
    listing = reverse("audit:index")
    assert client.get(listing).status_code in (302, 403)
    client.logout()
    assert login(client, "coord", PASSWORD).status_code == 302
    response = client.get(listing)
    assert response.status_code == 200
    body = response.content.decode()
    assert "user.create" in body and "auth.login" in body
    # no one can add or edit audit events
    event = AuditEvent.objects.first()
    assert client.get(reverse("audit:edit", args=[event.pk])).status_code in (302, 403)
    assert client.post(reverse("audit:add"), {"action": "forged"}).status_code in (302, 403)
    assert not AuditEvent.objects.filter(action="forged").exists()


def test_superuser_cannot_edit_audit_events(client, db) -> None:
    from minsheng.orgs.models import User

    admin = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(admin)
    event = AuditEvent.objects.create(action="x.y", actor_label="系统")
    assert client.get(reverse("audit:index")).status_code == 200
    assert client.post(reverse("audit:edit", args=[event.pk]), {"action": "changed"}).status_code in (302, 403)
    event.refresh_from_db()
    assert event.action == "x.y"
    assert client.post(reverse("audit:delete", args=[event.pk])).status_code in (302, 403)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_org_admin_listing_is_scoped(client, make_user) -> None:
    client.force_login(make_user("qingshan", Role.TOWN_LIAISON, "349981101000"))
    response = client.get(reverse("orgs:index") + "?p=1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "张庄村" in body
    assert "白塔镇" not in body


def test_town_liaison_cannot_open_another_towns_org(client, make_user, org_tree) -> None:
    client.force_login(make_user("qingshan", Role.TOWN_LIAISON, "349981101000"))
    baita = org_tree["349981102000"]
    assert client.get(reverse("orgs:edit", args=[baita.pk])).status_code in (302, 403, 404)


def test_coordinator_creates_org_through_admin_with_audit(client, make_user, org_tree) -> None:
    client.force_login(make_user("coord", Role.COORDINATOR, "D01"))
    qingshan = org_tree["349981101000"]
    response = client.post(
        reverse("orgs:add"),
        {
            "code": "349981101299",
            "name": "新建村",
            "short_name": "",
            "kind": "village",
            "parent": qingshan.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from minsheng.orgs.models import Org

    new = Org.objects.get(code="349981101299")
    assert new.path == qingshan.path + "349981101299/"
    assert AuditEvent.objects.filter(action="org.create", target_id=str(new.pk)).exists()
