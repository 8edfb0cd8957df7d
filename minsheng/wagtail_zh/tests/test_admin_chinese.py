"""The Wagtail admin speaks Chinese where Wagtail's own zh_Hans catalogues stop.

Every English text asserted absent here was on screen before minsheng/wagtail_zh's
catalogues, minsheng/core/admin_labels.py and the template overrides existed
(scripts/find_english_admin.py lists them).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Page, Task, Workflow

from minsheng.orgs.choices import Role
from minsheng.orgs.models import Org
from minsheng.portal.models import PhotoStoryPage

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


@pytest.fixture
def coordinator_client(client, make_user):
    client.force_login(make_user("coord", Role.COORDINATOR, "D01"))
    return client


def text(response) -> str:
    assert response.status_code == 200
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return json.loads(body)["html"]
    return body


def test_dashboard(coordinator_client):
    html = text(coordinator_client.get("/admin/"))
    # the search box and the keyboard-shortcuts dialog on every admin page
    assert 'placeholder="搜索所有页面…"' in html
    assert "Search all pages" not in html
    assert "显示键盘快捷键" in html and "Show keyboard shortcuts" not in html
    assert "粘贴为纯文本" in html and "Paste without formatting" not in html
    # the site summary: "N Pages <span>created in …</span>"
    assert re.search(r"\d+ 个页面", html)
    assert not re.search(r"\d+ Pages?\b", html)
    assert "created in" not in html


def test_account_page(coordinator_client):
    html = text(coordinator_client.get("/admin/account/"))
    assert "离开前请保存您的更改" in html and "Save your changes before leaving" not in html
    assert "主题偏好" in html and "Theme preferences" not in html
    assert "使用服务器语言：简体中文" in html and "Use server language" not in html


def test_listing_sort_links(coordinator_client):
    html = text(coordinator_client.get("/admin/orgs/"))
    assert "按“名称”升序排序。" in html
    assert "in ascending order" not in html


def test_page_editor(coordinator_client):
    page = Page.objects.get(depth=2)  # Wagtail's welcome page: the coordinator's page tree
    html = text(coordinator_client.get(f"/admin/pages/{page.pk}/edit/"))
    assert "内容指标" in html and "Content metrics" not in html
    assert "自动保存已暂停" in html and "Autosave is paused" not in html
    assert "选择此页面的上线和/或过期时间" in html and "should go live and/or expire" not in html
    # Wagtail's default page workflow, renamed by roles_sync: "提交给审核员审批"
    assert "审核员审批" in html and "Moderators approval" not in html


def test_page_explorer(coordinator_client):
    page = Page.objects.get(depth=2)
    html = text(coordinator_client.get(f"/admin/pages/{page.pk}/"))
    assert "浏览" in html and "Exploring" not in html
    assert "Anyone can edit this" not in html


def test_link_chooser_labels(coordinator_client):
    html = text(coordinator_client.get("/admin/choose-email-link/"))
    for chinese in ("电子邮件地址", "链接文字", "主题", "正文"):
        assert re.search(rf">\s*{chinese}\s*<", html)
    for english in ("Email address", "Link text", "Subject", "Body"):
        assert not re.search(rf">\s*{english}\s*<", html)
    html = text(coordinator_client.get("/admin/choose-phone-link/"))
    assert re.search(r">\s*电话号码\s*<", html)
    assert not re.search(r">\s*Phone number\s*<", html)


def test_sites_listing_headers(coordinator_client):
    html = text(coordinator_client.get("/admin/sites/"))
    for chinese in ("端口号", "网站名称", "根页面"):
        assert re.search(rf">\s*{chinese}\s*<", html)
    for english in ("Port", "Site name", "Root page"):
        assert not re.search(rf">\s*{english}\s*<", html)


def test_booleans_read_yes_no(coordinator_client):
    org = Org.objects.get(code="D01")
    html = text(coordinator_client.get(f"/admin/orgs/inspect/{org.pk}/"))
    assert re.search(r"<dd>\s*是\s*</dd>", html)  # is_active
    assert not re.search(r"<dd>\s*(True|False)\s*</dd>", html)
    html = text(coordinator_client.get("/admin/users/"))
    assert re.search(r'<span class="w-sr-only">\s*是\s*</span>', html)  # the "active" column
    assert not re.search(r'<span class="w-sr-only">\s*(True|False)\s*</span>', html)


def test_javascript_catalogue(client):
    body = client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S).group(1))
    assert catalog["Autosave in progress…"] == "正在自动保存…"
    assert catalog["Insert a block"] == "插入区块"
    assert catalog["Good"] == "良好"
    assert catalog["Cancel"] == "取消"  # Wagtail's own catalogue still served


def test_wagtail_default_names_are_chinese(db):
    # Wagtail's migrations make these; roles_sync (after every migrate) renames them
    assert set(Group.objects.filter(name__in=["Moderators", "Editors"]).values_list("name", flat=True)) == set()
    assert Group.objects.filter(name__in=["审核员", "编辑"]).count() == 2
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="审核员审批").exists()


def test_page_types_have_plural_names():
    with translation.override("zh-hans"):
        assert str(PhotoStoryPage._meta.verbose_name_plural) == "图片报道"  # not "图片报道s"
    with translation.override("en"):
        assert str(PhotoStoryPage._meta.verbose_name_plural) == "photo stories"  # not "photo storys"


# --- the hand-kept catalogues ---------------------------------------------------------


def _wagtail_msgids() -> set[tuple[str | None, str, str]]:
    ids = set()
    for path in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/*.po"):
        ids |= {(e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(path))}
    return ids


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogue_entries_are_wagtails_and_keep_placeholders(domain):
    known = _wagtail_msgids()
    entries = [e for e in polib.pofile(str(LOCALE / f"{domain}.po")) if not e.obsolete]
    assert entries
    for entry in entries:
        assert (entry.msgctxt, entry.msgid, entry.msgid_plural) in known, entry.msgid
        assert "fuzzy" not in entry.flags, entry.msgid
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert all(translations), entry.msgid
        # one Chinese form serves every count, so it may use the plural's placeholders,
        # and it must use no other (a KeyError at render time)
        allowed = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for msgstr in translations:
            assert set(PLACEHOLDER.findall(msgstr)) <= allowed, entry.msgid
            if not entry.msgid_plural:
                assert set(PLACEHOLDER.findall(msgstr)) == allowed, entry.msgid


def test_no_wagtail_msgid_is_left_without_chinese():
    """Fails after a Wagtail upgrade that adds strings: translate them in minsheng/wagtail_zh
    (`.venv/bin/python scripts/find_english_admin.py --gaps-only` lists them)."""
    ours = set()
    for path in LOCALE.glob("*.po"):
        ours |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if e.translated()}
    missing = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        for en in (Path(config.path) / "locale" / "en" / "LC_MESSAGES").glob("*.po"):
            mo = Path(str(en).replace("/en/", "/zh_Hans/")).with_suffix(".mo")
            theirs = {(e.msgctxt, e.msgid) for e in polib.mofile(str(mo))} if mo.exists() else set()
            missing += [
                f"{config.name}: {e.msgid}" for e in polib.pofile(str(en)) if (e.msgctxt, e.msgid) not in theirs | ours
            ]
    assert missing == []
