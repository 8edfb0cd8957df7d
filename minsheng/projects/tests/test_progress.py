from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from minsheng.core.models import AuditEvent, Notice
from minsheng.projects import selectors, services
from minsheng.projects.models import ItemTarget, ProgressReport, ProgressSettings, ProgressValue

from .conftest import confirmed_report


def test_item_percent_from_confirmed_reports_only(meals) -> None:
    confirmed_report(meals, date(2022, 1, 1), {"新建老年助餐点": "15", "服务老年人": "3000"})
    confirmed_report(
        meals,
        date(2022, 2, 1),
        {"新建老年助餐点": "45", "服务老年人": "3000"},
        investment_wan=Decimal("120.5"),
        beneficiaries=3000,
    )
    # a submitted (not confirmed) report does not count
    later = ProgressReport.objects.create(item=meals, period=date(2022, 3, 1), status="submitted")
    ProgressValue.objects.create(
        report=later, target=meals.targets.get(description="新建老年助餐点"), value=Decimal("60")
    )
    p = selectors.item_progress([meals])[meals.pk]
    # 45/60 = 75 %, 3000/12000 = 25 %, equal weights → 50 %
    assert [t.percent for t in p.targets] == [Decimal("75.0"), Decimal("25.0")]
    assert p.percent == Decimal("50.0")
    assert p.investment_wan == Decimal("120.5") and p.beneficiaries == 3000
    assert p.last_period == date(2022, 2, 1)


def test_weighting_is_configurable(meals) -> None:
    t1 = meals.targets.order_by("sort_order").first()
    t1.weight = Decimal("3")
    t1.save()
    confirmed_report(meals, date(2022, 2, 1), {"新建老年助餐点": "45", "服务老年人": "3000"})
    conf = ProgressSettings.load()
    conf.target_weighting = "weighted"
    conf.save()
    assert selectors.item_progress([meals])[meals.pk].percent == Decimal("62.5")


def test_overall_percent_averages_items_with_targets(meals, items) -> None:
    confirmed_report(meals, date(2022, 2, 1), {"新建老年助餐点": "60", "服务老年人": "12000"})  # 100 %
    school = items["2022-03"]
    t = ItemTarget.objects.create(
        item=school, description="开展课后服务学校", quantity=Decimal("40"), unit="所", sort_order=0
    )
    r = ProgressReport.objects.create(item=school, period=date(2022, 2, 1), status="confirmed")
    ProgressValue.objects.create(report=r, target=t, value=Decimal("10"))  # 25 %
    progress = selectors.item_progress(selectors.public_item_list(year=2022))
    # items without targets have no percent and are left out: (100 + 25) / 2
    assert selectors.overall_percent(progress) == Decimal("62.5")
    conf = ProgressSettings.load()
    conf.item_weighting = "weighted"
    conf.save()
    meals.weight = Decimal("3")
    meals.save()
    progress = selectors.item_progress(selectors.public_item_list(year=2022))
    assert selectors.overall_percent(progress) == Decimal("81.3")  # (300 + 25) / 4 = 81.25 → 81.3


def test_reports_by_town_are_summed(meals, org_tree) -> None:
    meals.reports_by_town = True
    meals.save()
    confirmed_report(meals, date(2022, 1, 1), {"新建老年助餐点": "5"}, town=org_tree["349981101000"])
    confirmed_report(meals, date(2022, 2, 1), {"新建老年助餐点": "8"}, town=org_tree["349981101000"])
    confirmed_report(meals, date(2022, 2, 1), {"新建老年助餐点": "7"}, town=org_tree["349981102000"])
    p = selectors.item_progress([meals])[meals.pk]
    assert p.targets[0].value == Decimal("15")
    assert p.targets[0].percent == Decimal("25.0")


def test_late_flags_follow_the_due_day(meals, users) -> None:
    conf = ProgressSettings.load()
    conf.report_due_day = 5
    conf.save()
    jan = ProgressReport.objects.create(
        item=meals, period=date(2022, 1, 1), status="submitted", submitted_at=timezone.make_aware(datetime(2022, 2, 3))
    )
    late = [r for r in selectors.late_reports(user=users["minzheng"], today=date(2022, 3, 6)) if r.item == meals]
    # January is in; February was due 2022-03-05 and is one day late; March is not yet due
    assert [(r.item.code, r.period) for r in late] == [("2022-07", date(2022, 2, 1))]
    assert late[0].days_late == 1
    assert not selectors.is_submitted_late(jan)
    # on the due day itself nothing is late yet
    assert [r for r in selectors.late_reports(user=users["minzheng"], today=date(2022, 3, 5)) if r.item == meals] == []
    # another department does not see 民政局's late reports; the coordinator sees all
    assert all(
        r.item.lead_department.code == "D04"
        for r in selectors.late_reports(user=users["jiaoyu"], today=date(2022, 3, 6))
    )
    coord_late = selectors.late_reports(user=users["coord"], today=date(2022, 3, 6))
    assert ("2022-07", date(2022, 2, 1)) in [(r.item.code, r.period) for r in coord_late]
    # items the city has no task in are never late
    assert not any(not r.item.city_has_task for r in coord_late)


def test_late_report_notices_are_sent_once(meals) -> None:
    sent = services.late_reports_notify(today=date(2022, 2, 10))
    assert sent >= 1
    notice = Notice.objects.get(key="report.late:2022-07:2022-01")
    assert notice.org.code == "D05"
    assert services.late_reports_notify(today=date(2022, 2, 10)) == 0


def test_submitted_after_deadline_is_flagged(meals) -> None:
    r = ProgressReport.objects.create(
        item=meals, period=date(2022, 1, 1), status="submitted", submitted_at=timezone.make_aware(datetime(2022, 2, 9))
    )
    assert selectors.is_submitted_late(r)


def test_report_lifecycle_submit_return_resubmit_confirm(meals, users, django_capture_on_commit_callbacks) -> None:
    dept, coord = users["minzheng"], users["coord"]
    report = ProgressReport(item=meals, period=date(2022, 1, 1), narrative="完成15个助餐点选址")
    services.report_save(actor=dept, report=report)
    ProgressValue.objects.create(report=report, target=meals.targets.first(), value=Decimal("15"))
    services.report_submit(actor=dept, report=report)
    assert report.status == "submitted" and report.submitted_by == dept
    with pytest.raises(ValidationError):
        services.report_return(actor=coord, report=report, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(actor=coord, report=report, reason="请补充投资金额")
    assert report.status == "returned"
    assert Notice.objects.filter(org__code="D05", kind="report.returned", title__contains="请补充投资金额").exists()
    report.investment_wan = Decimal("50")
    services.report_save(actor=dept, report=report)
    services.report_submit(actor=dept, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_confirm(actor=coord, report=report)
    assert report.status == "confirmed"
    assert list(
        AuditEvent.objects.filter(target_type="projects.progressreport", target_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["report.create", "report.submit", "report.return", "report.update", "report.submit", "report.confirm"]
    with pytest.raises(ValidationError):
        services.report_save(actor=dept, report=report)  # confirmed: locked


def test_only_the_lead_department_reports_and_only_the_coordinator_reviews(meals, users) -> None:
    report = ProgressReport(item=meals, period=date(2022, 1, 1))
    with pytest.raises(PermissionDenied):
        services.report_save(actor=users["jiaoyu"], report=report)
    services.report_save(actor=users["minzheng"], report=report)
    report.narrative = "x"
    services.report_submit(actor=users["minzheng"], report=report)
    with pytest.raises(PermissionDenied):
        services.report_confirm(actor=users["minzheng"], report=report)


def test_report_month_must_be_in_the_items_year(meals, users) -> None:
    with pytest.raises(ValidationError):
        services.report_save(actor=users["minzheng"], report=ProgressReport(item=meals, period=date(2023, 1, 1)))


def test_town_sees_reports_about_itself_only(meals, users, org_tree) -> None:
    mine = ProgressReport.objects.create(item=meals, period=date(2022, 1, 1), town=org_tree["349981101000"])
    ProgressReport.objects.create(item=meals, period=date(2022, 1, 1), town=org_tree["349981102000"])
    ProgressReport.objects.create(item=meals, period=date(2022, 1, 1))
    assert list(selectors.report_list(user=users["qingshan"])) == [mine]
    assert selectors.report_list(user=users["minzheng"]).count() == 3
    assert selectors.report_list(user=users["jiaoyu"]).count() == 0
