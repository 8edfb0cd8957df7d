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
