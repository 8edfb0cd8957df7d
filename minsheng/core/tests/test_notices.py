"""The notices inbox: a unit sees its own notices, opening one marks it read."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory

from minsheng.core.models import Notice
from minsheng.core.services import notice_send
from minsheng.core.wagtail_hooks import register_notice_menu_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(make_user: Any, org_tree: Any) -> dict[str, Any]:
    user = make_user("qingshan", "town_liaison", "349981101000")
    own = notice_send(kind="test", title="花名册已导入", org=org_tree["349981101000"], url="/admin/beneficiaries/")
    other = notice_send(kind="test", title="白塔镇的通知", org=org_tree["349981102000"], url="/admin/")
    evil = notice_send(kind="test", title="外部链接", user=user, url="https://evil.example/steal")
    return {"user": user, "own": own, "other": other, "evil": evil}


def test_inbox_lists_own_notices_and_opening_marks_read(client: Client, setup: dict[str, Any]) -> None:
    client.force_login(setup["user"])
    page = client.get("/admin/notices/").content.decode()
    assert "花名册已导入" in page and "外部链接" in page and "白塔镇的通知" not in page
    assert "2 条未读消息" in page
    dashboard = client.get("/admin/").content.decode()
    assert f"/admin/notices/{setup['own'].pk}/" in dashboard
    response = client.get(f"/admin/notices/{setup['own'].pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/beneficiaries/"
    assert Notice.objects.get(pk=setup["own"].pk).read_at is not None
    assert Notice.objects.get(pk=setup["other"].pk).read_at is None
    assert f"/admin/notices/{setup['own'].pk}/" not in client.get("/admin/").content.decode()  # read: off the panel
    # another unit's notice: not found, and not marked read
    assert client.get(f"/admin/notices/{setup['other'].pk}/").status_code == 404
    assert Notice.objects.get(pk=setup["other"].pk).read_at is None
    # a link outside the site is not followed
    response = client.get(f"/admin/notices/{setup['evil'].pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/notices/"


def test_mark_all_read_and_menu_count(client: Client, setup: dict[str, Any]) -> None:
    request = RequestFactory().get("/admin/")
    request.user = setup["user"]
    assert register_notice_menu_item().render_component(request).label == "消息通知（2）"
    client.force_login(setup["user"])
    assert client.get("/admin/notices/read-all/").status_code == 405  # POST only
    assert client.post("/admin/notices/read-all/").status_code == 302
    assert not Notice.objects.filter(read_at__isnull=True).exclude(pk=setup["other"].pk).exists()
    assert Notice.objects.get(pk=setup["other"].pk).read_at is None
    assert register_notice_menu_item().render_component(request).label == "消息通知"
