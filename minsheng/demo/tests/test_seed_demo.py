"""``seed_demo`` against the real shared data: what it builds, and that a second run
changes nothing. The seed runs once per module (twice, to check idempotency) inside a
transaction that is rolled back at the end, so other test modules see an empty database."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Page, PageLogEntry, Revision, Site

from minsheng.beneficiaries.models import Benefit, ImportBatch, Person
from minsheng.callbacks import selectors as callback_selectors
from minsheng.callbacks.models import CallAttempt, CallTask, Campaign, CorrectionRequest
from minsheng.core.models import AuditEvent, Notice
from minsheng.demo import content, items_content
from minsheng.disclosures.models import Disclosure, DisclosureEntry, DisclosureIndexPage, Objection
from minsheng.orgs.models import Org, User
from minsheng.orgs.roles import ROLE_GROUPS
from minsheng.portal.models import ArticlePage, ColumnPage, HomePage, PhotoStoryPage, PortalSettings, VideoPage
from minsheng.projects import selectors
from minsheng.projects.choices import ReportStatus
from minsheng.projects.models import (
    HighlightIndexPage,
    HighlightPage,
    ItemFAQ,
    ItemIndexPage,
    ItemTarget,
    LivelihoodItem,
    Milestone,
    ProcedureStep,
    ProgressPhoto,
    ProgressReport,
    ProgressSettings,
    ProgressValue,
)


def _files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "images" not in p.parts)


def snapshot() -> dict[str, Any]:
    """Every row the seed may create or change, with the fields that would show a change."""
    image_model = get_image_model()
    document_model = get_document_model()
    from minsheng.submissions.models import ExternalPlacement, ReviewOutcome, Submission

    return {
        "submissions": sorted(Submission.objects.values_list("title", "status", "round")),
        "outcomes": ReviewOutcome.objects.count(),
        "placements": ExternalPlacement.objects.count(),
        "orgs": list(Org.objects.order_by("pk").values_list("pk", "code", "name", "parent_id", "path", "updated_at")),
        "users": list(
            User.objects.order_by("pk").values_list("pk", "username", "password", "role", "org_id", "is_superuser")
        ),
        "user_groups": list(User.groups.through.objects.order_by("pk").values_list("pk", "user_id", "group_id")),
        "items": list(
            LivelihoodItem.objects.order_by("pk").values_list(
                "pk",
                "code",
                "name",
                "summary",
                "policy_content",
                "eligibility",
                "standard",
                "consultation_phone",
                "is_construction",
                "reports_by_town",
                "updated_at",
            )
        ),
        "item_co_departments": list(
            LivelihoodItem.co_departments.through.objects.order_by("pk").values_list(
                "pk", "livelihooditem_id", "org_id"
            )
        ),
        "targets": list(ItemTarget.objects.order_by("pk").values_list("pk", "item_id", "description", "quantity")),
        "steps": list(ProcedureStep.objects.order_by("pk").values_list("pk", "item_id", "title", "sort_order")),
        "faqs": list(ItemFAQ.objects.order_by("pk").values_list("pk", "item_id", "question")),
        "milestones": list(
            Milestone.objects.order_by("pk").values_list("pk", "item_id", "title", "planned_on", "achieved_on")
        ),
        "reports": list(
            ProgressReport.objects.order_by("pk").values_list(
                "pk", "item_id", "period", "town_id", "status", "submitted_at", "reviewed_at", "updated_at"
            )
        ),
        "values": list(ProgressValue.objects.order_by("pk").values_list("pk", "report_id", "target_id", "value")),
        "photos": list(ProgressPhoto.objects.order_by("pk").values_list("pk", "report_id", "image_id", "alt_text")),
        "progress_settings": list(ProgressSettings.objects.order_by("pk").values()),
        "highlights": list(
            HighlightPage.objects.order_by("pk").values_list("pk", "latest_revision_id", "live_revision_id")
        ),
        "notices": Notice.objects.count(),
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "slug", "live", "latest_revision_id", "live_revision_id", "last_published_at"
            )
        ),
        "revisions": Revision.objects.count(),
        "page_log": PageLogEntry.objects.count(),
        "images": list(image_model.objects.order_by("pk").values_list("pk", "title", "file", "file_hash")),
        "documents": list(document_model.objects.order_by("pk").values_list("pk", "title", "file", "file_hash")),
        "collections": list(Collection.objects.order_by("pk").values_list("pk", "name")),
        "sites": list(
            Site.objects.order_by("pk").values_list(
                "pk", "hostname", "port", "root_page_id", "is_default_site", "site_name"
            )
        ),
        "portal_settings": list(PortalSettings.objects.order_by("pk").values()),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name")),
        "page_permissions": list(
            GroupPagePermission.objects.order_by("pk").values_list("pk", "group_id", "page_id", "permission_id")
        ),
        "audit": list(AuditEvent.objects.order_by("pk").values_list("pk", "action")),
        "batches": list(ImportBatch.objects.order_by("pk").values_list("pk", "file_sha256", "status", "rows_imported")),
        "people": Person.objects.count(),
        "disclosures": list(
            Disclosure.objects.order_by("pk").values_list("pk", "title", "state", "start_date", "end_date", "long_term")
        ),
        "disclosure_entries": DisclosureEntry.objects.count(),
        "objections": list(Objection.objects.order_by("pk").values_list("pk", "disclosure_id", "deadline")),
        "benefits": Benefit.objects.count(),
        "campaigns": list(Campaign.objects.order_by("pk").values_list("pk", "name", "seed")),
        "call_tasks": list(CallTask.objects.order_by("pk").values_list("pk", "status", "attempts", "reached")),
        "call_attempts": CallAttempt.objects.count(),
        "corrections": list(CorrectionRequest.objects.order_by("pk").values_list("pk", "status")),
        "files": _files(),
        "image_files": sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("original_images/*")),
    }


class Seeded:
    def __init__(self) -> None:
        self.before_first: dict[str, Any] = {}
        self.first: dict[str, Any] = {}
        self.second: dict[str, Any] = {}
        self.first_output = ""
        self.second_output = ""


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[Seeded]:
    result = Seeded()
    with django_db_blocker.unblock(), transaction.atomic():
        result.before_first = snapshot()
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        result.first_output = out.getvalue()
        result.first = snapshot()
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        result.second_output = out.getvalue()
        result.second = snapshot()
        try:
            yield result
        finally:
            transaction.set_rollback(True)
    cache.clear()  # Wagtail caches site root paths; the rows behind them are gone


pytestmark = pytest.mark.django_db


def test_second_run_changes_nothing(seeded: Seeded) -> None:
    assert seeded.first != seeded.before_first
    for key in seeded.first:
        assert seeded.second[key] == seeded.first[key], key


def test_seed_prints_a_summary_with_the_demo_password(seeded: Seeded) -> None:
    assert content.DEMO_PASSWORD in seeded.first_output
    assert "coordinator" in seeded.first_output
    assert "/admin/" in seeded.first_output
    assert content.DEMO_PASSWORD in seeded.second_output


def test_orgs_items_and_users(seeded: Seeded) -> None:
    assert Org.objects.count() == 131
    assert Org.objects.get(code="349981101201").path == "/349981000000/349981101000/349981101201/"
    assert LivelihoodItem.objects.filter(year=2022).count() == 20
    expected = {u.username: u for u in content.DEMO_USERS}
    users = {u.username: u for u in User.objects.filter(username__in=expected).select_related("org")}
    assert set(users) == set(expected)
    for name, spec in expected.items():
        user = users[name]
        assert user.role == spec.role
        assert (user.org.code if user.org else None) == spec.org_code
        assert user.full_name == spec.full_name
        assert user.check_password(content.DEMO_PASSWORD)
        assert list(user.groups.values_list("name", flat=True)) == [ROLE_GROUPS[spec.role]]
    assert users["coordinator"].full_name == "陈晓燕"
    assert users["coordinator"].org.code == "D01"
    assert not User.objects.filter(is_superuser=True).exists()


def test_the_home_page_replaces_the_welcome_page(seeded: Seeded) -> None:
    home = HomePage.objects.get()
    assert home.live and home.depth == 2 and home.title == "青河市民生工程"
    assert home.banner_title and home.banner_image is not None
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert list(Page.objects.filter(depth=2)) == [home.page_ptr]
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("localhost", 80, home.pk)
    portal = PortalSettings.for_site(site)
    assert portal.site_name == "青河市民生工程宣传工作平台"
    assert portal.host_unit == "青河市民生工程领导小组办公室"
    assert portal.contact_phone and portal.icp_number.startswith("皖ICP备") and portal.police_record_number
    coordinators = Group.objects.get(name=ROLE_GROUPS["coordinator"])
    assert GroupPagePermission.objects.filter(group=coordinators, page=home).exists()


def test_columns_and_pieces(seeded: Seeded) -> None:
    columns = {c.column: c for c in ColumnPage.objects.all()}
    assert {(c.slug, c.title) for c in columns.values()} == {
        ("news", "工作动态"),
        ("grassroots", "基层话民生"),
        ("photos", "图绘民生"),
        ("videos", "视听民生"),
        ("policies", "政策文件"),
    }
    # pages adopted from submissions (slug submission-…) come on top of the written demo pieces
    counts = {
        key: column.get_children().live().exclude(slug__startswith="submission-").count()
        for key, column in columns.items()
    }
    assert counts == {"news": 12, "grassroots": 8, "photos": 5, "videos": 2, "policies": 4}
    assert sum(counts.values()) >= 30
    for page in ArticlePage.objects.all():
        assert page.live and page.source_unit is not None and page.author and page.summary
        assert len(page.body) >= 1
    dated = sorted(p.date for p in ArticlePage.objects.all())
    assert str(dated[0]).startswith("2022-01") and str(dated[-1]).startswith("2022-06")


def test_meal_service_piece(seeded: Seeded) -> None:
    page = ArticlePage.objects.get(title="老年助餐服务全面铺开")
    assert page.live and page.get_parent().specific.column == "news"
    assert page.source_unit.code == "D05"
    assert "2022-07" in {i.code for i in page.related_items.all()}
    assert "补贴标准" in str(page.body)
    images = [b for b in page.body if b.block_type == "image"]
    assert images and images[0].value["alt_text"]
    body_only = [p for p in ArticlePage.objects.exclude(title__contains="助餐") if "助餐" in str(p.body)]
    assert body_only


def test_photo_stories_videos_and_policies(seeded: Seeded) -> None:
    for story in PhotoStoryPage.objects.exclude(slug__startswith="submission-"):
        photos = list(story.photos.all())
        assert 3 <= len(photos) <= 5
        assert all(p.alt_text and p.caption for p in photos)
    videos = list(VideoPage.objects.all())
    uploaded = [v for v in videos if v.video_id]
    embedded = [v for v in videos if v.embed_url]
    assert len(uploaded) == 1 and uploaded[0].video.title == content.VIDEO_TITLE
    assert uploaded[0].video.file.name.endswith(".mp4")
    assert len(embedded) == 1 and embedded[0].embed_url.startswith("https://player.bilibili.com/player.html?bvid=")
    policies = ColumnPage.objects.get(column="policies").get_children().specific()
    for policy in policies:
        assert "〔2022〕" in policy.doc_number
        attachments = list(policy.attachments.order_by("sort_order"))
        assert [a.document.file.name.rsplit(".", 1)[-1] for a in attachments] == ["docx", "pdf"]
        assert attachments[1].title.endswith("（PDF）")
        with attachments[1].document.file.open("rb") as fh:
            data = fh.read()
        assert data.startswith(b"%PDF") and b"NotoSansCJK" in data  # the CJK font is embedded


def test_media_live_in_the_demo_collections(seeded: Seeded) -> None:
    image_model = get_image_model()
    images = image_model.objects.filter(collection__name=content.IMAGE_COLLECTION)
    titles = {i.title for i in content.all_images()} | {i.title for i in items_content.all_images()}
    assert images.count() == len(titles)
    assert len(set(images.values_list("file_hash", flat=True))) == images.count()
    assert all(i.width == 1200 and i.height == 800 for i in images)
    documents = get_document_model().objects.filter(collection__name=content.DOCUMENT_COLLECTION)
    assert documents.count() == 9  # the video, and each policy file as Word and as PDF


def test_if_empty_does_nothing_on_a_filled_database(seeded: Seeded) -> None:
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "--if-empty" in out.getvalue()
    assert snapshot() == seeded.second


def test_ensure_demo_login_prints_the_login(seeded: Seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "8123")
    out = io.StringIO()
    call_command("ensure_demo_login", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/admin/" in text
    assert "coordinator" in text and content.DEMO_PASSWORD in text
    assert "supervisor" in text and "zhangzhuang" in text
    assert snapshot() == seeded.second


def test_ensure_demo_login_recreates_a_missing_coordinator(seeded: Seeded) -> None:
    User.objects.filter(username="coordinator").delete()
    call_command("ensure_demo_login", stdout=io.StringIO())
    user = User.objects.get(username="coordinator")
    assert user.role == "coordinator" and user.org.code == "D01"
    assert user.check_password(content.DEMO_PASSWORD)


def test_missing_data_dir_is_a_command_error(settings: Any, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir"
    settings.DEMO_DATA_DIR = str(missing)
    with pytest.raises(CommandError) as excinfo:
        call_command("seed_demo", stdout=io.StringIO())
    message = str(excinfo.value)
    assert str(missing) in message and "DEMO_DATA_DIR" in message
    assert os.path.basename(missing) in message


# --- The livelihood-items side ---------------------------------------------------------------


def test_items_and_highlights_pages_come_first_in_the_menu(seeded: Seeded) -> None:
    home = HomePage.objects.get()
    children = list(home.get_children().order_by("path").specific())
    assert [type(p) for p in children[:2]] == [ItemIndexPage, HighlightIndexPage]
    assert all(isinstance(p, ColumnPage) for p in children[2:-1])
    assert isinstance(children[-1], DisclosureIndexPage)  # 公示公告 after the columns
    assert (children[-1].title, children[-1].url) == ("公示公告", "/gongshi/")
    items_page, highlights_page = children[:2]
    assert (items_page.title, items_page.slug, items_page.url) == ("民生实事", "items", "/items/")
    assert (highlights_page.title, highlights_page.slug) == ("亮点展示", "highlights")
    assert all(p.live and p.show_in_menus and p.intro for p in (items_page, highlights_page))


def test_an_older_demo_gets_the_items_pages_moved_first(seeded: Seeded) -> None:
    home = HomePage.objects.get()
    last = home.get_children().order_by("path").last()
    ItemIndexPage.objects.get().move(last, pos="right")
    HighlightIndexPage.objects.get().move(home, pos="last-child")
    call_command("seed_demo", stdout=io.StringIO())
    children = list(home.get_children().order_by("path").specific())
    assert [type(p) for p in children[:2]] == [ItemIndexPage, HighlightIndexPage]
    assert len(children) == 8


def test_city_items_are_filled_in(seeded: Seeded) -> None:
    items = list(LivelihoodItem.objects.filter(year=2022, city_has_task=True).order_by("seq"))
    assert [i.seq for i in items] == [s.seq for s in items_content.ITEMS]
    for item in items:
        assert item.summary and item.consultation_phone.startswith("0550-"), item.code
        assert item.policy_content.count("<p>") >= 2 and item.eligibility and item.standard, item.code
        assert 3 <= item.steps.count() <= 5 and 2 <= item.faqs.count() <= 4, item.code
        assert 1 <= item.targets.count() <= 3 and 3 <= item.milestones.count() <= 5, item.code
        assert list(item.steps.values_list("sort_order", flat=True)) == list(range(item.steps.count()))
    assert not LivelihoodItem.objects.filter(city_has_task=False).exclude(policy_content="").exists()
    construction = set(LivelihoodItem.objects.filter(is_construction=True).values_list("code", flat=True))
    assert construction == {s.code for s in items_content.ITEMS if s.is_construction}
    assert list(LivelihoodItem.objects.filter(reports_by_town=True).values_list("code", flat=True)) == ["2022-16"]


def test_six_months_of_reports(seeded: Seeded) -> None:
    for spec in items_content.ITEMS:
        reports = ProgressReport.objects.filter(item__code=spec.code)
        places = spec.town_reports.keys() if spec.by_town else [None]
        for place in places:
            mine = reports.filter(town__code=place) if place else reports.filter(town=None)
            months = sorted(r.period.month for r in mine)
            assert months == ([1, 2, 3, 4, 5] if spec.june == "missing" else [1, 2, 3, 4, 5, 6]), spec.code
            for report in mine:
                june_pending = report.period.month == 6 and spec.june == "submitted"
                wanted = ReportStatus.SUBMITTED if june_pending else ReportStatus.CONFIRMED
                assert report.status == wanted, (spec.code, report.period)
                assert report.submitted_at.date() > report.period and report.submitted_at.year == 2022
                if wanted == ReportStatus.CONFIRMED:
                    assert report.reviewed_at > report.submitted_at and report.reviewed_by.username == "coordinator"
                assert report.values.exists() and report.narrative and report.investment_wan is not None
    by_town = ProgressReport.objects.filter(item__code="2022-16")
    assert not by_town.filter(town=None).exists()
    assert {"349981101000", "349981102000", "349981103000"} <= set(by_town.values_list("town__code", flat=True))
    assert ProgressReport.objects.get(item__code="2022-07", period="2022-03-01").submitted_by.username == "minzheng"
    photos = ProgressPhoto.objects.all()
    assert photos.count() >= 16 and all(p.alt_text and p.caption for p in photos)
    assert not photos.filter(report__item__code="2022-07").exclude(image__collection__name=content.IMAGE_COLLECTION)


def test_progress_roll_up_and_late_flags(seeded: Seeded) -> None:
    conf = ProgressSettings.load()
    assert (conf.reference_date, conf.report_due_day) == (items_content.REFERENCE_DATE, 5)
    items = list(selectors.public_item_list(year=2022, city_only=True))
    progress = selectors.item_progress(items)
    percents = {i.code: progress[i.pk].percent for i in items}
    assert all(p is not None and 20 <= p <= 100 for p in percents.values()), percents
    assert percents["2022-07"] == Decimal("69.0")
    assert progress[next(i.pk for i in items if i.code == "2022-16")].targets[0].value == 9  # the towns' sum
    assert 50 <= selectors.overall_percent(progress) <= 65
    late = selectors.late_reports_of(items=LivelihoodItem.objects.all())
    assert [(r.item.code, r.period.month) for r in late] == [("2022-14", 6)]
    submitted_late = [r for r in ProgressReport.objects.all() if selectors.is_submitted_late(r)]
    assert sorted((r.item.code, r.period.month) for r in submitted_late) == [("2022-04", 5), ("2022-11", 3)]


def test_the_meal_service_page(seeded: Seeded, client: Any) -> None:
    response = client.get("/items/2022-07/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "老年助餐服务",
        "构建覆盖城乡的老年助餐服务网络",  # policy
        "每人每餐补贴5元",  # standard
        "资格审核",  # a procedure step
        "新建、改造提升老年助餐点",  # a target
        "34 / 48",  # its progress
        "完成助餐需求摸底和布点规划",  # an achieved milestone
        "48个助餐点全部建成运营",  # a planned one
        "0550-1234205",
        "累计建成运营21个",  # March's report
        "张庄村“幸福食堂”",  # its highlight
    ):
        assert text.replace("“", "&ldquo;").replace("”", "&rdquo;") in body or text in body, text
    sheet = client.get("/items/2022-07/mingbaizhi/")
    assert sheet.status_code == 200 and sheet["Content-Type"] == "application/pdf"
    assert sheet.content.startswith(b"%PDF")


def test_home_items_and_highlights_pages(seeded: Seeded, client: Any) -> None:
    home = client.get("/").content.decode()
    assert home.count('class="item-card"') == 16
    assert home.index(">民生实事<") < home.index(">工作动态<")
    listing = client.get("/items/")
    assert listing.status_code == 200 and listing.content.decode().count('class="item-card"') == 20
    assert client.get("/items/2022-16/").status_code == 200
    highlights = client.get("/highlights/").content.decode()
    for page in HighlightPage.objects.all():
        assert page.title.replace("“", "&ldquo;").replace("”", "&rdquo;") in highlights or page.title in highlights
        assert client.get(page.url).status_code == 200


def test_highlights(seeded: Seeded) -> None:
    pages = list(HighlightPage.objects.live().child_of(HighlightIndexPage.objects.get()))
    assert len(pages) == len(items_content.HIGHLIGHTS)
    assert {p.kind for p in pages} == {"highlight", "case", "practice"}
    for page in pages:
        assert page.cover_image is not None and page.summary and page.date.year == 2022
        assert page.related_items.exists() and page.units.exists()
        blocks = {b.block_type for b in page.body}
        assert blocks == {"paragraph", "image"}
        assert all(b.value["alt_text"] for b in page.body if b.block_type == "image")
        assert page.first_published_at.date() == page.date


def test_six_months_of_submissions_with_every_outcome(seeded: Seeded, client: Any) -> None:
    from minsheng.submissions import scoring, selectors
    from minsheng.submissions.models import ExternalPlacement, Submission

    statuses = set(Submission.objects.values_list("status", flat=True))
    assert statuses == {"adopted", "submitted", "returned", "declined", "withdrawn"}
    assert Submission.objects.filter(placement="headline").count() == 3
    assert Submission.objects.filter(status="adopted", round=2).exists()  # returned, resubmitted, adopted
    months = {s.month for s in Submission.objects.values_list("submitted_at", flat=True) if s}
    assert months == {1, 2, 3, 4, 5, 6}
    units = set(Submission.objects.values_list("unit__name", flat=True))
    assert {"青山镇", "白塔镇", "柳河镇", "市民政局", "市卫生健康委员会", "市教育局"} <= units
    assert set(ExternalPlacement.objects.values_list("status", flat=True)) == {"confirmed", "pending"}
    coordinator = User.objects.get(username="coordinator")
    rows = selectors.unit_scores(user=coordinator, period=scoring.Period("quarter", 2022, 2))
    assert rows[0].total > 0 and any(r.quota_met is False for r in rows)
    adopted = Submission.objects.filter(status="adopted").select_related("adopted_page").first()
    assert adopted is not None and adopted.adopted_page is not None and adopted.adopted_page.live


def test_demo_beneficiaries(seeded: Seeded) -> None:
    """At least 20,000 people across the 16 city items and all 10 towns, imported in batches."""
    assert Person.objects.count() >= 20_000
    batches = ImportBatch.objects.filter(file_name__startswith="demo-roster-")
    assert batches.count() == 16 and all(b.status == "succeeded" and b.rows_rejected > 0 for b in batches)
    assert Benefit.objects.values("item").distinct().count() == 16
    towns = set(Person.objects.values_list("village__parent__code", flat=True).distinct())
    assert len(towns) == 10
    assert Benefit.objects.count() > Person.objects.count()  # some people benefit from several items


def test_disclosures_running_ended_and_long_term(seeded: Seeded, client: Any) -> None:
    from minsheng.disclosures.selectors import ended_disclosures, running_disclosures

    running = list(running_disclosures())
    assert len({d.issuer_id for d in running}) >= 3
    assert any(d.long_term for d in running)
    assert ended_disclosures().count() >= 2
    assert Objection.objects.count() == 1
    listing = client.get("/gongshi/").content.decode()
    assert all(d.title in listing for d in running)
    home = client.get("/").content.decode()
    assert running[0].title in home
    page = client.get(f"/gongshi/{running[0].pk}/").content.decode()
    assert "*" in page


def test_demo_callbacks(seeded: Seeded) -> None:
    """青山镇's round is finished; the city's re-check is under way and flags 青山镇."""
    town_round = Campaign.objects.get(round="town")
    city = Campaign.objects.get(round="city")
    town_tasks = CallTask.objects.filter(campaign=town_round)
    assert town_tasks.count() > 100 and not town_tasks.exclude(status="done").exists()
    assert set(town_tasks.values_list("town__name", flat=True)) == {"青山镇"}
    assert CallAttempt.objects.filter(task__campaign=town_round).count() > town_tasks.count()  # retries, home visits
    city_tasks = CallTask.objects.filter(campaign=city)
    assert city.share == Decimal("0.2") and len(set(city_tasks.values_list("town_id", flat=True))) == 10
    done = city_tasks.filter(status="done").count()
    assert 0 < done < city_tasks.count()
    coordinator = User.objects.get(username="coordinator")
    rows = {r["label"]: r for r in callback_selectors.round_comparison(user=coordinator, campaign=city)}
    assert rows["青山镇"]["flag"] is True
    statuses = set(CorrectionRequest.objects.values_list("status", flat=True))
    assert statuses == {"open", "approved", "rejected"}
