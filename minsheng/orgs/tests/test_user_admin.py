"""Accounts through Settings → Users, as the office uses it: name, role, unit and office phone
on the forms, role and unit checked against each other, groups following the role, audited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

from minsheng.core.models import AuditEvent
from minsheng.orgs.choices import Role
from minsheng.orgs.models import User
from minsheng.orgs.roles import ROLE_GROUPS

PASSWORD = "Minsheng@2022-test"
QINGSHAN = "349981101000"  # 青山镇
ZHANGZHUANG = "349981101201"  # 张庄村, a village of 青山镇
BAITA = "349981102000"  # 白塔镇


def create_data(org_pk: int, role: str = Role.TOWN_LIAISON, **extra: object) -> dict[str, object]:
    return {
        "username": "wangfang",
        "full_name": "王芳",
        "role": role,
        "org": org_pk,
        "phone": "0550-1234567",
        "email": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


def edit_data(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "org": user.org_id or "",
        "phone": user.phone,
        "email": user.email,
        "password1": "",
        "password2": "",
        "is_active": "on",
    }
    data.update(changes)
    return data


def role_group_names(user: User) -> set[str]:
    return set(user.groups.filter(name__in=ROLE_GROUPS.values()).values_list("name", flat=True))


@pytest.fixture
def coordinator(client, make_user) -> User:
    user = make_user("coord", Role.COORDINATOR, "D01")
    client.force_login(user)
    return user


def test_create_page_shows_name_role_unit_and_phone(client, coordinator) -> None:
    response = client.get(reverse("wagtailusers_users:add"))
    assert response.status_code == 200
    form = response.context["form"]
    for name in ("full_name", "role", "org", "phone"):
        assert name in form.fields, name
    body = response.content.decode()
    for label in ("姓名", "角色", "单位", "办公电话"):
        assert label in body, label
    # units by their short name and code, villages under their town
    assert "市民生办（D01）" in body
    assert "青山镇（349981101000）" in body
    assert body.index("青山镇（349981101000）") < body.index("张庄村（349981101201）")
    # a coordinator cannot make administrators or tick groups: groups follow the role
    assert "is_superuser" not in form.fields
    assert "groups" not in form.fields
    assert 'name="is_superuser"' not in body
    assert 'name="groups"' not in body


def test_coordinator_creates_a_town_liaison(client, coordinator, org_tree) -> None:
    qingshan = org_tree[QINGSHAN]
    response = client.post(reverse("wagtailusers_users:add"), create_data(qingshan.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="wangfang")
    assert user.role == Role.TOWN_LIAISON
    assert user.org == qingshan
    assert user.full_name == "王芳"
    assert user.phone == "0550-1234567"
    assert not user.is_superuser
    assert user.check_password(PASSWORD)
    assert role_group_names(user) == {ROLE_GROUPS[Role.TOWN_LIAISON]}
    event = AuditEvent.objects.get(action="user.create", target_id=str(user.pk))
    assert event.actor == coordinator
    assert event.org == qingshan
    assert event.data["role"] == Role.TOWN_LIAISON
    # the new account sees its town's data at once
    client.force_login(user)
    body = client.get(reverse("orgs:index") + "?p=1").content.decode()
    assert "张庄村" in body and "白塔镇" not in body


def test_role_must_fit_the_unit(client, coordinator, org_tree) -> None:
    zhangzhuang = org_tree[ZHANGZHUANG]
    response = client.post(reverse("wagtailusers_users:add"), create_data(zhangzhuang.pk))
    assert response.status_code == 200
    errors = response.context["form"].errors["org"]
    assert errors == ["镇街联络员须属于镇、街道或乡。“张庄村”是村，与该角色不符。"]
    assert "与该角色不符" in response.content.decode()
    assert not User.objects.filter(username="wangfang").exists()
    assert not AuditEvent.objects.filter(action="user.create", data__role=Role.TOWN_LIAISON).exists()


def test_a_role_is_required(client, coordinator, org_tree) -> None:
    response = client.post(reverse("wagtailusers_users:add"), create_data(org_tree[QINGSHAN].pk, role=""))
    assert response.status_code == 200
    assert response.context["form"].errors["role"] == ["请选择账号的角色。"]
    assert not User.objects.filter(username="wangfang").exists()


def test_coordinator_cannot_create_an_administrator(client, coordinator, org_tree) -> None:
    editors = Group.objects.get(name="编辑")
    data = create_data(org_tree[QINGSHAN].pk, is_superuser="on", groups=[editors.pk])
    response = client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 302
    user = User.objects.get(username="wangfang")
    assert not user.is_superuser
    assert set(user.groups.values_list("name", flat=True)) == {ROLE_GROUPS[Role.TOWN_LIAISON]}


def test_changing_the_role_moves_the_groups_at_once(client, coordinator, make_user, org_tree) -> None:
    user = make_user("liu", Role.VILLAGE_STAFF, ZHANGZHUANG)
    assert role_group_names(user) == {ROLE_GROUPS[Role.VILLAGE_STAFF]}
    assert not User.objects.get(pk=user.pk).has_perm("beneficiaries.reveal_person")
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["role"].value() == Role.VILLAGE_STAFF
    assert str(form["org"].value()) == str(org_tree[ZHANGZHUANG].pk)

    response = client.post(
        url, edit_data(user, role=Role.TOWN_LIAISON, org=org_tree[QINGSHAN].pk, phone="0550-7654321")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert user.role == Role.TOWN_LIAISON
    assert user.org == org_tree[QINGSHAN]
    assert user.phone == "0550-7654321"
    assert role_group_names(user) == {ROLE_GROUPS[Role.TOWN_LIAISON]}
    # the town's powers at once (a fresh object: no cached permissions)
    assert User.objects.get(pk=user.pk).has_perm("beneficiaries.reveal_person")
    moved = AuditEvent.objects.get(action="user.set_role", target_id=str(user.pk))
    assert moved.actor == coordinator
    assert moved.data["before"] == {"role": Role.VILLAGE_STAFF, "org": ZHANGZHUANG}
    assert moved.data["after"] == {"role": Role.TOWN_LIAISON, "org": QINGSHAN}
    updated = AuditEvent.objects.get(action="user.update", target_id=str(user.pk))
    assert updated.data["fields"] == ["phone"]


def test_edit_rejects_a_unit_that_does_not_fit(client, coordinator, make_user, org_tree) -> None:
    user = make_user("liu", Role.VILLAGE_STAFF, ZHANGZHUANG)
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    response = client.post(url, edit_data(user, role=Role.DEPARTMENT_LIAISON))
    assert response.status_code == 200
    assert "部门联络员须属于市直部门。" in response.context["form"].errors["org"][0]
    user.refresh_from_db()
    assert user.role == Role.VILLAGE_STAFF
    assert role_group_names(user) == {ROLE_GROUPS[Role.VILLAGE_STAFF]}


def test_listing_shows_role_and_unit(client, coordinator, make_user) -> None:
    make_user("liu", Role.VILLAGE_STAFF, ZHANGZHUANG)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "村居工作人员" in body and "张庄村" in body
    response = client.get(reverse("wagtailusers_users:index"), {"role": Role.VILLAGE_STAFF})
    assert [u.username for u in response.context["object_list"]] == ["liu"]
    response = client.get(reverse("wagtailusers_users:index"), {"q": "liu"})
    assert [u.username for u in response.context["object_list"]] == ["liu"]
    # accounts are not copied (Wagtail's copy view would save around the services)
    with pytest.raises(NoReverseMatch):
        reverse("wagtailusers_users:copy", args=[coordinator.pk])


def test_coordinator_cannot_open_a_superuser(client, coordinator) -> None:
    root = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    url = reverse("wagtailusers_users:edit", args=[root.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, edit_data(root, password1="x-Takeover-2022", password2="x-Takeover-2022")).status_code == 404
    )
    root.refresh_from_db()
    assert root.check_password(PASSWORD)
    # nor deactivate one, nor hand out groups, through the listing's bulk actions
    bulk = reverse("wagtail_bulk_action", args=["orgs", "user", "set_active_state"])
    client.post(f"{bulk}?id={root.pk}", {"mark_as_active": "False"})
    root.refresh_from_db()
    assert root.is_active
    editors = Group.objects.get(name="编辑")
    bulk = reverse("wagtail_bulk_action", args=["orgs", "user", "assign_role"])
    client.post(f"{bulk}?id={coordinator.pk}", {"role": editors.pk})
    assert not coordinator.groups.filter(pk=editors.pk).exists()


def test_bulk_deactivation_is_audited(client, coordinator, make_user) -> None:
    user = make_user("liu", Role.VILLAGE_STAFF, ZHANGZHUANG)
    bulk = reverse("wagtail_bulk_action", args=["orgs", "user", "set_active_state"])
    response = client.post(f"{bulk}?id={user.pk}", {"mark_as_active": "False"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    event = AuditEvent.objects.get(action="user.update", target_id=str(user.pk))
    assert event.data == {"fields": ["is_active"], "is_active": False}


def test_superuser_may_grant_extra_groups_but_not_role_groups(client, org_tree) -> None:
    root = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(root)
    response = client.get(reverse("wagtailusers_users:add"))
    groups = response.context["form"].fields["groups"].queryset
    assert "编辑" in {g.name for g in groups}
    assert not set(ROLE_GROUPS.values()) & {g.name for g in groups}
    editors = Group.objects.get(name="编辑")
    response = client.post(reverse("wagtailusers_users:add"), create_data(org_tree[QINGSHAN].pk, groups=[editors.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="wangfang")
    assert set(user.groups.values_list("name", flat=True)) == {"编辑", ROLE_GROUPS[Role.TOWN_LIAISON]}


@pytest.mark.parametrize("role,org_code", [(Role.TOWN_LIAISON, QINGSHAN), (Role.DEPARTMENT_LIAISON, "D04")])
def test_others_have_no_access_to_accounts(client, make_user, role, org_code) -> None:
    user = make_user("someone", role, org_code)
    other = make_user("liu", Role.VILLAGE_STAFF, ZHANGZHUANG)
    client.force_login(user)
    home = reverse("wagtailadmin_home")
    for url in (
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_users:edit", args=[other.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response.url == home, url
    response = client.post(reverse("wagtailusers_users:add"), create_data(1))
    assert response.status_code in (302, 403)
    assert not User.objects.filter(username="wangfang").exists()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[other.pk]), edit_data(other, role=Role.TOWN_LIAISON, org="")
    )
    other.refresh_from_db()
    assert other.role == Role.VILLAGE_STAFF
    # and the Settings menu does not offer the users admin
    assert reverse("wagtailusers_users:index") not in client.get(home).content.decode()


def test_settings_menu_offers_users_to_the_coordinator(client, coordinator) -> None:
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailusers_users:index") in body


def test_superuser_edits_groups_and_role(client, make_user, org_tree) -> None:
    root = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(root)
    user = make_user("liu", Role.VILLAGE_STAFF, ZHANGZHUANG)
    editors = Group.objects.get(name="编辑")
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    data = edit_data(user, role=Role.TOWN_LIAISON, org=org_tree[QINGSHAN].pk, groups=[editors.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(user.groups.values_list("name", flat=True)) == {"编辑", ROLE_GROUPS[Role.TOWN_LIAISON]}
    assert AuditEvent.objects.get(action="user.update", target_id=str(user.pk)).data == {"groups": ["编辑"]}
    # unticking the extra group removes it, and leaves the role's group
    response = client.post(url, edit_data(user, role=Role.TOWN_LIAISON, org=org_tree[QINGSHAN].pk))
    assert response.status_code == 302
    assert set(user.groups.values_list("name", flat=True)) == {ROLE_GROUPS[Role.TOWN_LIAISON]}


def test_superuser_without_role_edits_own_account(client, db) -> None:
    root = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(root)
    url = reverse("wagtailusers_users:edit", args=[root.pk])
    response = client.post(url, {**edit_data(root, full_name="系统管理员"), "role": "", "org": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    root.refresh_from_db()
    assert root.full_name == "系统管理员" and root.is_superuser and root.role == ""
