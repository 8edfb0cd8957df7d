"""Public item pages, the 明白纸 PDF, highlights, and back-office editing as each role."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from minsheng.core.models import AuditEvent
from minsheng.core.tests.pdfcheck import read_pdf
from minsheng.portal.models import HomePage
from minsheng.projects.models import HighlightIndexPage, HighlightPage, ItemIndexPage

from .conftest import confirmed_report


@pytest.fixture
def site(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="青河市民生工程", slug="qinghe"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "青河"}
    )
    index = home.add_child(instance=ItemIndexPage(title="民生实事", slug="items"))
    hl_index = home.add_child(instance=HighlightIndexPage(title="亮点展示", slug="highlights"))
    return {"home": home, "index": index, "highlights": hl_index}


@pytest.fixture
def highlight(site, meals):
    page = HighlightPage(
        title="青山镇“长者食堂”让老人吃上热乎饭",
        slug="changzhe",
        date=date(2022, 5, 1),
        kind="case",
        summary="青山镇建成8个长者食堂。",
    )
    site["highlights"].add_child(instance=page)
    page.related_items.add(meals)
    page.save_revision().publish()
    return page


def test_home_page_shows_the_citys_items_with_progress(client, site, meals, items) -> None:
    confirmed_report(meals, date(2022, 2, 1), {"新建老年助餐点": "45", "服务老年人": "3000"})
    body = client.get("/").content.decode()
    city_items = [i for i in items.values() if i.city_has_task]
    assert len(city_items) == 16
    for item in city_items:
        assert item.name.replace("“", "&ldquo;") in body or item.name in body
    assert "皖北地区群众喝上引调水工程" not in body  # the city has no task in 2022-01
    assert 'aria-valuenow="50.0"' in body  # 2022-07 at 50 %
    assert "/items/2022-07/" in body


def test_item_list_filters_and_year_switch(client, site, items) -> None:
    body = client.get("/items/2022/?category=养老服务").content.decode()
    assert "老年助餐服务" in body and "养老服务和智慧养老" in body
    assert "中小学课后服务" not in body
    body = client.get("/items/?department=D04").content.decode()
    assert "中小学课后服务" in body and "幼儿托育和学前教育促进" in body  # lead and co-operating
    assert "老年助餐服务" not in body
    assert client.get("/items/2019/").status_code == 404
    # the new-item badge
    new_items = client.get("/items/2022/").content.decode()
    assert new_items.count('class="badge badge--new"') == sum(1 for i in items.values() if i.status == "new")


def test_item_page_shows_policy_procedure_targets_timeline(client, site, meals, highlight) -> None:
    confirmed_report(meals, date(2022, 1, 1), {"新建老年助餐点": "15"}, narrative="完成15个助餐点建设")
    response = client.get("/items/2022-07/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "老年助餐服务",
        "每餐补助3元",
        "本市户籍60周岁以上老年人",
        "本人申请",
        "审核登记",
        "0550-7654321",
        "外地老人可以用餐吗？",
        "新建老年助餐点",
        "完成选址",
        "全部建成运营",
        "完成15个助餐点建设",
        "青山镇“长者食堂”让老人吃上热乎饭",
        "mingbaizhi/",
    ):
        assert text in body, text
    assert 'aria-valuenow="25.0"' in body  # 15/60
    assert client.get("/items/2022-99/").status_code == 404


def test_policy_sheet_pdf_reads_right(client, site, meals, tmp_path) -> None:
    response = client.get("/items/2022-07/mingbaizhi/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    facts = read_pdf(response.content)
    for needle in ("老年助餐服务", "0550-7654321", "本市户籍60周岁以上老年人", "每餐补助3元", "本人申请", "市民政局"):
        assert needle in facts.text, needle
    assert facts.pages == 1
    assert any("NotoSansCJK" in name and embedded for name, embedded in facts.fonts.items()), facts.fonts


def test_policy_sheet_stays_on_one_page_with_long_text(client, site, meals, tmp_path) -> None:
    meals.policy_content = "".join(
        f"<p>第{i}条：为老年人提供助餐服务，按规定给予补助，资金由财政统筹安排，镇村负责组织实施和日常管理。</p>"
        for i in range(25)
    )
    meals.save()
    assert read_pdf(client.get("/items/2022-07/mingbaizhi/").content).pages == 1


def test_highlights_list_and_page(client, highlight) -> None:
    body = client.get("/highlights/").content.decode()
    assert "青山镇“长者食堂”让老人吃上热乎饭" in body
    page = client.get(highlight.url).content.decode()
    assert "青山镇建成8个长者食堂" in page and "/items/2022-07/" in page


def test_department_edits_its_own_item_only(client, site, meals, items, users) -> None:
    client.force_login(users["minzheng"])
    own = client.get(reverse("items:edit", args=[meals.pk]))
    assert own.status_code == 200
    other = client.get(reverse("items:edit", args=[items["2022-03"].pk]))
    assert other.status_code == 404
    listing = client.get(reverse("items:index")).content.decode()
    assert "老年助餐服务" in listing and "中小学课后服务" not in listing
    assert client.get(reverse("items:add")).status_code in (302, 403)


def test_coordinator_edits_any_item_through_the_admin(client, site, items, users) -> None:
    client.force_login(users["coord"])
    item = items["2022-03"]
    response = client.get(reverse("items:edit", args=[item.pk]))
    assert response.status_code == 200


def test_import_items_command_reports_bad_rows_and_loads_nothing(db, org_tree, tmp_path) -> None:
    from django.core.management import CommandError, call_command

    from minsheng.projects.models import LivelihoodItem

    bad = tmp_path / "items.csv"
    bad.write_text(
        "序号,项目名称,状态,牵头单位\n1,老年助餐服务,新增,市民政局\n2,不存在的部门项目,新增,市天文局\n3,,延续,D05\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        call_command("import_items", str(bad), "--year", "2023")
    message = str(exc.value)
    assert "市天文局" in message and "3" in message
    assert not LivelihoodItem.objects.filter(year=2023).exists()
    good = tmp_path / "good.csv"
    good.write_text(
        "序号,项目名称,状态,牵头单位,配合单位\n1,老年助餐服务,新增,市民政局,卫健委、D04\n", encoding="utf-8"
    )
    call_command("import_items", str(good), "--year", "2023")
    item = LivelihoodItem.objects.get(code="2023-01")
    assert item.lead_department.code == "D05"
    assert {o.code for o in item.co_departments.all()} == {"D06", "D04"}
    assert AuditEvent.objects.filter(action="item.import", target_id=str(item.pk)).exists()


def test_import_items_reads_xlsx_with_a_title_row(db, org_tree, tmp_path) -> None:
    import xlsxwriter

    from minsheng.projects.models import LivelihoodItem

    path = tmp_path / "items.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("2024年")
    sheet.merge_range(0, 0, 0, 3, "青河市2024年民生实事项目清单")
    for col, head in enumerate(["序号", "名称", "状态", "牵头单位"]):
        sheet.write(1, col, head)
    sheet.write_number(2, 0, 1)
    sheet.write(2, 1, "老旧小区改造")
    sheet.write(2, 2, "延续")
    sheet.write(2, 3, "住建局")
    sheet.write(3, 0, "合计")
    book.close()
    from django.core.management import call_command

    call_command("import_items", str(path), "--year", "2024")
    item = LivelihoodItem.objects.get(code="2024-01")
    assert item.name == "老旧小区改造" and item.status == "continuing" and item.lead_department.code == "D09"


def test_department_saves_its_item_through_the_admin_form(client, site, meals, users) -> None:
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    client.force_login(users["minzheng"])
    steps = [
        {"id": s.pk, "title": s.title, "description": s.description, "ORDER": n}
        for n, s in enumerate(meals.steps.all())
    ]
    targets = [
        {
            "id": t.pk,
            "description": t.description,
            "quantity": str(t.quantity),
            "unit": t.unit,
            "weight": "1",
            "ORDER": n,
        }
        for n, t in enumerate(meals.targets.all())
    ]
    data = nested_form_data(
        {
            "year": 2022,
            "seq": 7,
            "name": meals.name,
            "category": meals.category,
            "status": meals.status,
            "lead_department": meals.lead_department_id,
            "co_departments": [],
            "city_has_task": "on",
            "is_public": "on",
            "summary": meals.summary,
            "policy_content": rich_text("<p>新的政策内容</p>"),
            "eligibility": rich_text(meals.eligibility),
            "standard": rich_text(meals.standard),
            "consultation_phone": "0550-1112223",
            "reports_by_town": "",
            "weight": "1",
            "steps": inline_formset(steps),
            "faqs": inline_formset([]),
            "targets": inline_formset(targets),
            "milestones": inline_formset([]),
        }
    )
    response = client.post(reverse("items:edit", args=[meals.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meals.refresh_from_db()
    assert meals.consultation_phone == "0550-1112223"
    assert "新的政策内容" in meals.policy_content
    assert AuditEvent.objects.filter(action="item.update", target_id=str(meals.pk), actor=users["minzheng"]).exists()
    # and cannot post to another department's item
    other = meals.__class__.objects.get(code="2022-03")
    assert client.post(reverse("items:edit", args=[other.pk]), data).status_code == 404


def test_report_review_flow_through_the_admin(client, site, meals, users, django_capture_on_commit_callbacks) -> None:
    from minsheng.core.models import Notice
    from minsheng.projects.models import ProgressReport, ProgressValue
    from minsheng.projects.services import report_save

    report = report_save(
        actor=users["minzheng"], report=ProgressReport(item=meals, period=date(2022, 1, 1), narrative="选址完成")
    )
    ProgressValue.objects.create(report=report, target=meals.targets.first(), value=12)
    url = reverse("progress_review", args=[report.pk])
    # the department submits
    client.force_login(users["minzheng"])
    client.post(url, {"action": "confirm"})  # not theirs to confirm: refused
    report.refresh_from_db()
    assert report.status == "draft"
    assert client.post(url, {"action": "submit"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    # another department cannot even open it
    client.force_login(users["jiaoyu"])
    assert client.get(url).status_code == 404
    # the coordinator returns it without a reason: refused; with one: returned, and the department is told
    client.force_login(users["coord"])
    page = client.post(url, {"action": "return", "reason": ""}, follow=True).content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "return", "reason": "请补充照片"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "returned" and report.return_reason == "请补充照片"
    assert Notice.objects.filter(org__code="D05", kind="report.returned").exists()
    # resubmitted and confirmed: now it counts on the public page
    client.force_login(users["minzheng"])
    client.post(url, {"action": "submit"})
    client.force_login(users["coord"])
    client.post(url, {"action": "confirm"})
    report.refresh_from_db()
    assert report.status == "confirmed"
    assert 'aria-valuenow="20.0"' in client.get("/items/2022-07/").content.decode()  # 12 / 60
    assert page  # the refused return re-rendered the review page
