"""The whole flow through the admin, as each role: a 青山镇 liaison writes and submits a
piece; the office returns it with a reason; the liaison edits and resubmits; the office
adopts it as 头条; it shows on the portal; the month's ranking, xlsx and docx carry it."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from minsheng.core.models import AuditEvent, Notice
from minsheng.portal.models import ArticlePage
from minsheng.submissions import services
from minsheng.submissions.models import ReviewOutcome, Submission
from minsheng.submissions.scoring import Period

from .conftest import QINGSHAN

ADD = "wagtailsnippets_submissions_submission:add"
EDIT = "wagtailsnippets_submissions_submission:edit"


def form(title: str, body: str, **extra: object) -> dict[str, object]:
    data = {
        "column": "news",
        "title": title,
        "summary": "青山镇为老年人建起长者食堂。",
        "body": rich_text(body),
        "images": inline_formset([]),
        "author": "王晓红",
        "video": "",
        "embed_url": "",
    }
    data.update(extra)
    return nested_form_data(data)


def test_whole_flow_through_the_admin(client, site, users, django_capture_on_commit_callbacks) -> None:
    liaison, coord = users["qingshan"], users["coord"]
    # 1. the town liaison creates a draft through the snippet create view, then submits it
    client.force_login(liaison)
    response = client.post(reverse(ADD), form("青山镇长者食堂开张", "<p>首批8个长者食堂投入运营。</p>"))
    assert response.status_code == 302, response.content.decode()[:3000]
    sub = Submission.objects.get()
    assert sub.unit.code == QINGSHAN and sub.status == "draft" and sub.created_by == liaison
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(EDIT, args=[sub.pk]),
            {**form("青山镇长者食堂开张", "<p>首批8个长者食堂投入运营。</p>"), "action-submit": "1"},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    sub.refresh_from_db()
    assert sub.status == "submitted" and sub.round == 1
    assert sub.current_workflow_state is not None

    # 2. the coordinator sees it in the queue and returns it with a reason
    client.force_login(coord)
    assert "青山镇长者食堂开张" in client.get(reverse("submission_queue")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submission_review", args=[sub.pk]), {"action": "return", "reason": ""})
    sub.refresh_from_db()
    assert sub.status == "submitted"  # no reason, no return
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("submission_review", args=[sub.pk]), {"action": "return", "reason": "请补充服务人数。"})
    sub.refresh_from_db()
    assert sub.status == "returned"
    assert sub.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    notice = Notice.objects.get(kind="submission.returned")
    assert notice.org == sub.unit and notice.body == "请补充服务人数。"

    # 3. the liaison edits and resubmits (Wagtail's editor resumes the workflow)
    client.force_login(liaison)
    page = client.get(reverse("submission_review", args=[sub.pk])).content.decode()
    assert "请补充服务人数。" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(EDIT, args=[sub.pk]),
            {**form("青山镇长者食堂开张", "<p>首批8个长者食堂投入运营，服务老人1200人。</p>"), "action-submit": "1"},
        )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "submitted" and sub.round == 2

    # 4. the coordinator adopts it as 头条
    client.force_login(coord)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("submission_review", args=[sub.pk]), {"action": "adopt", "placement": "headline", "level": "city"}
        )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "adopted" and sub.placement == "headline" and sub.level == "city"
    assert [o.action for o in ReviewOutcome.objects.filter(submission=sub).order_by("round")] == ["return", "adopt"]
    assert [o.round for o in ReviewOutcome.objects.filter(submission=sub).order_by("round")] == [1, 2]
    assert sub.current_workflow_state is None or sub.current_workflow_state.status != "in_progress"
    article = ArticlePage.objects.get(pk=sub.adopted_page_id)
    assert article.live and article.is_headline and article.source_unit == sub.unit
    assert Notice.objects.filter(kind="submission.adopted", org=sub.unit).exists()
    assert AuditEvent.objects.filter(action="submission.adopt").exists()

    # 5. the portal: column and home page
    client.logout()
    column = client.get("/news/").content.decode()
    assert "青山镇长者食堂开张" in column
    piece = client.get(article.url).content.decode()
    assert "服务老人1200人" in piece
    home = client.get("/").content.decode()
    assert "青山镇长者食堂开张" in home

    # 6. the month's ranking: city 4 × headline 2 = 8 points
    client.force_login(coord)
    month = timezone.localdate()
    response = client.get(reverse("submission_rankings"), {"kind": "month", "year": month.year, "number": month.month})
    body = response.content.decode()
    assert "青山镇" in body
    rows = response.context["rows"]
    row = next(r for r in rows if r.unit.code == QINGSHAN)
    assert (row.rank, row.submitted, row.adopted, row.headlines, row.points, row.total) == (1, 1, 1, 1, 8, 8)

    # 7. xlsx and docx carry the right numbers
    from python_calamine import CalamineWorkbook

    xlsx = client.get(
        reverse("submission_rankings"), {"kind": "month", "year": month.year, "number": month.month, "format": "xlsx"}
    )
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).get_sheet_by_index(0).to_python()
    data = next(r for r in sheet if len(r) > 1 and r[1] == "青山镇")
    assert data[0] == 1 and data[2] == 1 and data[3] == 1 and data[4] == "100.0%" and data[-1] == 8

    import docx

    response = client.get(
        reverse("submission_rankings"), {"kind": "month", "year": month.year, "number": month.month, "format": "docx"}
    )
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"关于{month.year}年{month.month}月民生工程信息报送情况的通报" in text
    assert "采用1篇" in text and "青山镇" in text
    cells = [[c.text for c in r.cells] for r in document.tables[0].rows]
    qs_row = next(r for r in cells if r[1] == "青山镇")
    assert qs_row[0] == "1" and qs_row[2] == "1" and qs_row[3] == "1" and qs_row[-1] == "8"
    title_run = document.paragraphs[0].runs[0]
    assert "方正小标宋简体" in title_run._element.xml


def test_wagtail_task_actions_adopt_with_placement(client, site, users) -> None:
    """The same review through Wagtail's workflow action (the task's modal form)."""
    liaison, coord = users["qingshan"], users["coord"]
    sub = services.submission_create(
        actor=liaison, submission=Submission(column="news", title="白塔镇敬老院", body="<p>x</p>")
    )
    services.submission_submit(actor=liaison, submission=sub)
    task_state = sub.current_workflow_task_state
    client.force_login(coord)
    url = reverse("wagtailsnippets_submissions_submission:workflow_action", args=[sub.pk, "adopt", task_state.pk])
    response = client.post(url, {"placement": "ordinary", "level": "provincial"})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert (sub.status, sub.placement, sub.level) == ("adopted", "ordinary", "provincial")
    # and a return through the task needs a reason
    sub2 = services.submission_create(
        actor=liaison, submission=Submission(column="news", title="第二篇", body="<p>y</p>")
    )
    services.submission_submit(actor=liaison, submission=sub2)
    url = reverse(
        "wagtailsnippets_submissions_submission:workflow_action",
        args=[sub2.pk, "return", sub2.current_workflow_task_state.pk],
    )
    client.post(url, {"reason": ""})
    sub2.refresh_from_db()
    assert sub2.status == "submitted"
    client.post(url, {"reason": "标题不准确"})
    sub2.refresh_from_db()
    assert sub2.status == "returned" and sub2.outcomes.get().reason == "标题不准确"
    # a liaison has no review actions
    from minsheng.submissions.models import SubmissionReviewTask

    task = SubmissionReviewTask.objects.get()
    assert task.get_actions(sub2, liaison) == [] and len(task.get_actions(sub2, coord)) == 3
    assert task.locked_for_user(sub2, liaison) and not task.locked_for_user(sub2, coord)


def test_script_and_event_handlers_never_reach_the_page(client, site, users) -> None:
    liaison, coord = users["qingshan"], users["coord"]
    evil = '<p onclick="steal()">正文<script>alert(1)</script><img src=x onerror="alert(2)"></p><iframe src="https://evil.example"></iframe>'
    sub = services.submission_create(actor=liaison, submission=Submission(column="news", title="安全检查", body=evil))
    sub.refresh_from_db()
    for bad in ("<script", "onerror", "onclick", "<iframe"):
        assert bad not in sub.body
    # even if stored raw (an import), adoption cleans it
    Submission.objects.filter(pk=sub.pk).update(body=evil)
    sub.refresh_from_db()
    services.submission_submit(actor=liaison, submission=sub)
    services.submission_adopt(actor=coord, submission=sub, placement="ordinary", level="city")
    sub.refresh_from_db()
    html = client.get(sub.adopted_page.url).content.decode()
    assert "正文" in html
    for bad in ("<script>alert(1)", "onerror=", "onclick=", "evil.example"):
        assert bad not in html
    # and the admin review page renders the stored text safely too
    client.force_login(coord)
    review = client.get(reverse("submission_review", args=[sub.pk])).content.decode()
    assert "alert(2)" not in review and "<script>alert(1)" not in review


def test_a_town_never_sees_another_towns_drafts(client, site, users) -> None:
    sub = services.submission_create(
        actor=users["qingshan"], submission=Submission(column="news", title="青山镇草稿", body="<p>x</p>")
    )
    client.force_login(users["baita"])
    listing = client.get(reverse("wagtailsnippets_submissions_submission:list")).content.decode()
    assert "青山镇草稿" not in listing
    for name in ("edit", "inspect", "history", "workflow_history", "usage", "delete"):
        url = reverse(f"wagtailsnippets_submissions_submission:{name}", args=[sub.pk])
        assert client.get(url).status_code == 404, name
    assert client.get(reverse("submission_review", args=[sub.pk])).status_code == 404
    # the office does not see a draft either, only once submitted
    client.force_login(users["coord"])
    assert "青山镇草稿" not in client.get(reverse("wagtailsnippets_submissions_submission:list")).content.decode()
    services.submission_submit(actor=users["qingshan"], submission=sub)
    assert "青山镇草稿" in client.get(reverse("wagtailsnippets_submissions_submission:list")).content.decode()
    # the owner sees it
    client.force_login(users["qingshan"])
    assert "青山镇草稿" in client.get(reverse("wagtailsnippets_submissions_submission:list")).content.decode()
    assert client.get(reverse("wagtailsnippets_submissions_submission:inspect", args=[sub.pk])).status_code == 200


def test_withdraw_and_decline(client, site, users, django_capture_on_commit_callbacks) -> None:
    liaison, coord = users["minzheng"], users["coord"]
    sub = services.submission_create(
        actor=liaison, submission=Submission(column="news", title="撤回的稿件", body="<p>x</p>")
    )
    services.submission_submit(actor=liaison, submission=sub)
    client.force_login(liaison)
    client.post(reverse("submission_review", args=[sub.pk]), {"action": "withdraw"})
    sub.refresh_from_db()
    assert sub.status == "withdrawn"
    assert sub.current_workflow_state is None
    # cancelling the workflow in Wagtail's editor is a withdrawal too
    services.submission_submit(actor=liaison, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "submitted" and sub.round == 2
    response = client.post(
        reverse(EDIT, args=[sub.pk]), {**form("撤回的稿件", "<p>x</p>"), "action-cancel-workflow": "1"}
    )
    sub.refresh_from_db()
    assert sub.status == "withdrawn", response.status_code
    # a decided piece cannot be withdrawn
    other = services.submission_create(
        actor=liaison, submission=Submission(column="news", title="不予采用", body="<p>x</p>")
    )
    services.submission_submit(actor=liaison, submission=other)
    client.force_login(coord)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("submission_review", args=[other.pk]), {"action": "decline", "reason": "与民生工程无关"})
    other.refresh_from_db()
    assert other.status == "declined" and other.outcomes.get().reason == "与民生工程无关"
    assert Notice.objects.get(kind="submission.declined").org == other.unit
    with pytest.raises(ValidationError):
        services.submission_withdraw(actor=liaison, submission=other)
    # nothing for other units to act on
    with pytest.raises(PermissionDenied):
        services.submission_adopt(actor=liaison, submission=other)


def test_columns_need_photos_and_video(client, site, users) -> None:
    liaison = users["qingshan"]
    client.force_login(liaison)
    response = client.post(reverse(ADD), form("图片稿", "<p>x</p>", column="photos"))
    assert response.status_code == 200 and not Submission.objects.exists()
    response = client.post(reverse(ADD), form("视频稿", "<p>x</p>", column="videos"))
    assert response.status_code == 200 and not Submission.objects.exists()
    response = client.post(
        reverse(ADD),
        form("视频稿", "<p>x</p>", column="videos", embed_url="https://player.bilibili.com/player.html?bvid=BV1"),
    )
    assert response.status_code == 302


def test_villages_submit_only_when_allowed(client, site, users) -> None:
    from minsheng.submissions.models import SubmissionSettings

    client.force_login(users["village"])
    assert client.get(reverse(ADD)).status_code in (302, 403)
    settings = SubmissionSettings.load()
    settings.villages_may_submit = True
    settings.save()
    assert client.get(reverse(ADD)).status_code == 200


def test_waiting_notices_are_sent_once(site, users) -> None:
    from django.core.management import call_command

    sub = services.submission_create(
        actor=users["qingshan"], submission=Submission(column="news", title="久等", body="<p>x</p>")
    )
    services.submission_submit(actor=users["qingshan"], submission=sub)
    Submission.objects.filter(pk=sub.pk).update(last_submitted_at=timezone.now() - timedelta(days=5))
    assert services.submissions_notify_waiting() == 1
    call_command("notify_waiting_submissions")
    assert Notice.objects.filter(kind="submission.waiting").count() == 1
    assert Notice.objects.get(kind="submission.waiting").org.code == "D01"


def test_period_labels() -> None:
    assert Period.parse("month", 2022, 6).label == "2022年6月"
    assert Period.parse("quarter", 2022, 2).label == "2022年第二季度"
    assert Period.parse("quarter", 2022, 2).end == date(2022, 6, 30)
    assert re.match(r"2022年$", Period.parse("year", 2022, None).label)
