"""Points, quotas and rankings on hand-checked cases."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from minsheng.core.models import Notice
from minsheng.submissions import scoring, selectors, services
from minsheng.submissions.models import ExternalPlacement, Penalty, Quota, Submission

from .conftest import QINGSHAN


def test_pure_arithmetic() -> None:
    assert scoring.piece_points(base=Decimal(4), headline=False) == 4
    assert scoring.piece_points(base=Decimal(4), headline=True) == 8  # front-page lead doubles
    assert scoring.piece_points(base=Decimal(6), headline=True, leader_instruction=True) == 22
    assert scoring.quota_penalty(required=4, achieved=1) == 6  # 2 × shortfall 3
    assert scoring.quota_penalty(required=2, achieved=5) == 0
    assert scoring.adoption_rate(adopted=1, submitted=4) == Decimal("0.25")
    assert scoring.adoption_rate(adopted=0, submitted=0) is None
    assert scoring.competition_ranks([9, 7, 7, 3], key=lambda v: v) == [1, 2, 2, 4]


def _adopted(actor, coord, title, *, when, placement="ordinary", level="city", column="news"):
    sub = services.submission_create(actor=actor, submission=Submission(column=column, title=title, body="<p>x</p>"))
    services.submission_submit(actor=actor, submission=sub)
    Submission.objects.filter(pk=sub.pk).update(submitted_at=when, last_submitted_at=when)
    sub.refresh_from_db()
    services.submission_adopt(actor=coord, submission=sub, placement=placement, level=level, when=when)
    Submission.objects.filter(pk=sub.pk).update(decided_at=when)
    return sub


def test_month_scores_with_headline_missed_quota_placement_and_penalty(site, users) -> None:
    qs, mz, coord = users["qingshan"], users["minzheng"], users["coord"]
    services.point_rules_ensure_defaults(actor=None, year=2022)
    june = timezone.make_aware(datetime(2022, 6, 10, 10))
    # 青山镇: one headline at city level (4 × 2 = 8) and one submitted piece declined
    _adopted(qs, coord, "头条", when=june, placement="headline")
    declined = services.submission_create(
        actor=qs, submission=Submission(column="news", title="不予采用", body="<p>x</p>")
    )
    services.submission_submit(actor=qs, submission=declined)
    Submission.objects.filter(pk=declined.pk).update(submitted_at=june)
    services.submission_decline(actor=coord, submission=declined, reason="重复")
    # 民政局: one ordinary city adoption (4) + a confirmed provincial placement with a leader's
    # instruction (6 + 10) + a pending one that does not count; a penalty of 5
    _adopted(mz, coord, "民政", when=june)
    placement = ExternalPlacement.objects.create(
        unit=mz.org,
        title="省网刊发",
        outlet="ahmsgc",
        level="provincial",
        date=date(2022, 6, 12),
        link="https://example.org/a",
        leader_instruction=True,
    )
    services.external_placement_confirm(actor=coord, placement=placement)
    ExternalPlacement.objects.create(
        unit=mz.org,
        title="待确认",
        outlet="ahrb",
        level="provincial",
        date=date(2022, 6, 13),
        link="https://example.org/b",
    )
    Penalty.objects.create(unit=mz.org, date=date(2022, 6, 20), points=Decimal(5), reason="虚假信息")
    # quotas: every town 2 per month; 民政局 1 per month
    Quota.objects.create(year=2022, unit_group="town", period="month", required=2)
    Quota.objects.create(year=2022, unit=mz.org, period="month", required=1)

    rows = selectors.unit_scores(user=coord, period=scoring.Period("month", 2022, 6))
    by_code = {r.unit.code: r for r in rows}
    q = by_code[QINGSHAN]
    assert (q.submitted, q.adopted, q.headlines, q.points) == (2, 1, 1, 8)
    assert q.rate == Decimal("0.5") and q.rate_percent == "50.0%"
    assert (q.quota_required, q.quota_achieved, q.quota_met, q.quota_penalty) == (2, 1, False, 2)  # missed by 1
    assert q.total == 6
    m = by_code["D05"]
    assert (m.submitted, m.adopted, m.points, m.by_level["provincial"], m.by_level["city"]) == (1, 1, 20, 1, 1)
    assert m.quota_met is True and m.penalty == 5 and m.total == 15
    # another town with no adoption misses its quota of 2 → −4
    baita = by_code[users["baita"].org.code]
    assert baita.quota_penalty == 4 and baita.total == -4
    assert rows[0].unit.code == "D05" and rows[0].rank == 1 and rows[1].unit.code == QINGSHAN and rows[1].rank == 2
    # a quarter sums the three months' quotas (April and May missed entirely)
    quarter = {r.unit.code: r for r in selectors.unit_scores(user=coord, period=scoring.Period("quarter", 2022, 2))}
    assert quarter[QINGSHAN].quota_required == 6 and quarter[QINGSHAN].quota_penalty == 2 + 4 + 4
    # a unit sees its own row only, with its rank among all
    own = selectors.unit_scores(user=qs, period=scoring.Period("month", 2022, 6))
    assert [(r.unit.code, r.rank) for r in own] == [(QINGSHAN, 2)]


def test_external_placement_recorded_by_unit_confirmed_by_office(
    client, site, users, django_capture_on_commit_callbacks
) -> None:
    qs, coord = users["qingshan"], users["coord"]
    client.force_login(qs)
    response = client.post(
        reverse("placements:add"),
        {
            "title": "青山镇长者食堂登上安徽日报",
            "outlet": "ahrb",
            "level": "provincial",
            "kind": "text",
            "placement": "headline",
            "date": "2022-06-15",
            "link": "https://example.org/ahrb",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    placement = ExternalPlacement.objects.get()
    assert placement.unit.code == QINGSHAN and placement.status == "pending"
    client.force_login(users["baita"])
    client.get(reverse("placements:index"))  # consumes the flash message of the previous request
    assert "青山镇长者食堂登上" not in client.get(reverse("placements:index")).content.decode()
    assert client.get(reverse("placements:edit", args=[placement.pk])).status_code == 404
    client.force_login(qs)
    assert client.post(reverse("placement_confirm", args=[placement.pk])).status_code in (302, 403)
    placement.refresh_from_db()
    assert placement.status == "pending"
    client.force_login(coord)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("placement_confirm", args=[placement.pk]))
    placement.refresh_from_db()
    assert placement.status == "confirmed" and placement.confirmed_by == coord
    assert Notice.objects.filter(kind="placement.confirmed", org=placement.unit).exists()
    row = next(
        r for r in selectors.unit_scores(user=coord, period=scoring.Period("month", 2022, 6)) if r.unit.code == QINGSHAN
    )
    assert row.points == 12  # provincial 6 × headline 2


def test_rankings_page_and_point_tables(client, site, users) -> None:
    client.force_login(users["coord"])
    services.point_rules_ensure_defaults(actor=None, year=2022)
    body = client.get(reverse("submission_rankings"), {"kind": "year", "year": 2022}).content.decode()
    assert "submissions/echarts.min.js" in body and "ms-chart" in body
    assert client.get(reverse("point_rules:index")).status_code == 200
    client.force_login(users["qingshan"])
    assert client.get(reverse("point_rules:index")).status_code in (302, 403)
    response = client.get(reverse("submission_rankings"), {"kind": "year", "year": 2022})
    assert [r.unit.code for r in response.context["rows"]] == [QINGSHAN]


def _on(month: int, day: int):
    return timezone.make_aware(datetime(2022, month, day, 10))


def test_quotas_count_only_ended_periods(site, users) -> None:
    """Mid-year (10 July 2022) the year's ranking judges January–June only; July is in
    progress; August–December do not count yet. Hand-checked:

    * every town owes 1 adoption a month. 青山镇 has one in February and one on 5 July:
      ended months 6, met 1, missed 5 → −2 × 5 = −10; July in progress (1/1); points 2 × 4 = 8;
      total −2. (Counting all twelve months it was −2 × 10 = −20.)
    * 白塔镇 has nothing: −2 × 6 = −12 (not −24); July in progress (0/1).
    * 民政局 owes 2 a quarter, has one in May and one on 1 July: Q1 0/2 → −4, Q2 1/2 → −2,
      Q3 in progress (1/2), Q4 not yet → −6; points 8; total 2.
    """
    qs, mz, coord = users["qingshan"], users["minzheng"], users["coord"]
    services.point_rules_ensure_defaults(actor=None, year=2022)
    _adopted(qs, coord, "二月", when=_on(2, 10))
    _adopted(qs, coord, "七月", when=_on(7, 5))
    _adopted(mz, coord, "五月", when=_on(5, 18))
    _adopted(mz, coord, "七月初", when=_on(7, 1))
    Quota.objects.create(year=2022, unit_group="town", period="month", required=1)
    Quota.objects.create(year=2022, unit=mz.org, period="quarter", required=2)
    baita_code = users["baita"].org.code
    today = date(2022, 7, 10)

    year = {r.unit.code: r for r in selectors.unit_scores(user=coord, period=scoring.Period("year", 2022), today=today)}
    q = year[QINGSHAN]
    assert (q.points, q.quota_required, q.quota_achieved, q.quota_penalty, q.total) == (8, 6, 1, 10, -2)
    assert (q.quota_open_required, q.quota_open_achieved) == (1, 1)
    assert q.quota_status == "missed" and q.quota_met is False
    b = year[baita_code]
    assert (b.quota_required, b.quota_penalty, b.total, b.quota_open_achieved) == (6, 12, -12, 0)
    m = year["D05"]
    assert (m.points, m.quota_required, m.quota_achieved, m.quota_penalty, m.total) == (8, 4, 1, 6, 2)
    assert (m.quota_open_required, m.quota_open_achieved) == (2, 1)
    assert m.rank == 1 and q.rank < b.rank

    # the current month is in progress, not missed: no deduction
    july = {
        r.unit.code: r for r in selectors.unit_scores(user=coord, period=scoring.Period("month", 2022, 7), today=today)
    }
    assert july[baita_code].quota_penalty == 0 and july[baita_code].total == 0
    assert july[baita_code].quota_status == "in_progress" and july[baita_code].quota_met is None
    assert (july[baita_code].quota_open_required, july[baita_code].quota_required) == (1, 0)
    assert july[QINGSHAN].quota_status == "in_progress"  # met already, but the month is not over
    # still in progress on its last day; judged from the next
    last_day = selectors.unit_scores(user=coord, period=scoring.Period("month", 2022, 7), today=date(2022, 7, 31))
    assert next(r for r in last_day if r.unit.code == baita_code).quota_penalty == 0
    next_day = selectors.unit_scores(user=coord, period=scoring.Period("month", 2022, 7), today=date(2022, 8, 1))
    assert next(r for r in next_day if r.unit.code == baita_code).quota_status == "missed"
    # an ended month is judged as before; a month not begun is neither met nor missed
    june = {
        r.unit.code: r for r in selectors.unit_scores(user=coord, period=scoring.Period("month", 2022, 6), today=today)
    }
    assert june[baita_code].quota_penalty == 2 and june[baita_code].quota_status == "missed"
    september = selectors.unit_scores(user=coord, period=scoring.Period("month", 2022, 9), today=today)
    assert {r.quota_status for r in september} == {""} and all(r.quota_penalty == 0 for r in september)
    # the third quarter: July in progress, the rest not begun; 民政局's quarter in progress
    q3 = {
        r.unit.code: r
        for r in selectors.unit_scores(user=coord, period=scoring.Period("quarter", 2022, 3), today=today)
    }
    assert q3[baita_code].quota_penalty == 0 and q3[baita_code].quota_status == "in_progress"
    assert q3["D05"].quota_penalty == 0 and (q3["D05"].quota_open_required, q3["D05"].quota_open_achieved) == (2, 1)
    # the whole year once it is over: every month and quarter judged (民政局 4 + 2 + 2 + 4)
    done = {
        r.unit.code: r
        for r in selectors.unit_scores(user=coord, period=scoring.Period("year", 2022), today=date(2023, 1, 1))
    }
    assert (
        done[baita_code].quota_penalty == 24 and done[QINGSHAN].quota_penalty == 20 and done["D05"].quota_penalty == 12
    )


def test_rankings_page_follows_the_reporting_date(client, site, users) -> None:
    """The demo's reporting date (progress settings) is "today" for the rankings too."""
    import io

    import docx

    from minsheng.projects.models import ProgressSettings

    coord = users["coord"]
    services.point_rules_ensure_defaults(actor=None, year=2022)
    Quota.objects.create(year=2022, unit_group="town", period="month", required=1)
    _adopted(users["qingshan"], coord, "六月", when=_on(6, 3))
    conf = ProgressSettings.load()
    conf.reference_date = date(2022, 7, 10)
    conf.save()
    baita_code = users["baita"].org.code
    client.force_login(coord)
    # the default period is the reporting date's month, in progress
    response = client.get(reverse("submission_rankings"))
    assert response.context["period"] == scoring.Period("month", 2022, 7)
    rows = {r.unit.code: r for r in response.context["rows"]}
    assert rows[baita_code].quota_status == "in_progress" and rows[baita_code].total == 0
    assert "0/1" in response.content.decode()
    bulletin = client.get(
        reverse("submission_rankings"), {"kind": "month", "year": 2022, "number": 7, "format": "docx"}
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(bulletin.content)).paragraphs)
    assert "未完成信息报送任务" not in text and "本期尚未结束" in text
    # a period without any quota: the bulletin says nothing about tasks being completed
    Quota.objects.all().delete()
    bulletin = client.get(
        reverse("submission_rankings"), {"kind": "month", "year": 2022, "number": 6, "format": "docx"}
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(bulletin.content)).paragraphs)
    assert "均完成信息报送任务" not in text and "本期尚未结束" not in text and "通报表扬" in text
    Quota.objects.create(year=2022, unit_group="town", period="month", required=1)
    # the year so far: January–June judged (青山镇 met June only)
    response = client.get(reverse("submission_rankings"), {"kind": "year", "year": 2022})
    rows = {r.unit.code: r for r in response.context["rows"]}
    assert rows[baita_code].quota_penalty == 12 and rows[QINGSHAN].quota_penalty == 10
    assert rows[QINGSHAN].total == 4 - 10
