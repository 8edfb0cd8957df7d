"""The demo's items content (``items_content``), checked without a database."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from minsheng.demo import content, items_content
from minsheng.demo.items_content import ITEMS, Bullets
from minsheng.demo.items_seed import rich_html, submission_day
from minsheng.demo.media import PALETTES, SCENES

DATA = Path(settings.DEMO_DATA_DIR)


def _city_items() -> dict[int, dict[str, str]]:
    with (DATA / "livelihood_items_2022.csv").open(encoding="utf-8-sig") as fh:
        return {int(r["seq"]): r for r in csv.DictReader(fh) if r["city_has_task"] == "1"}


def test_one_spec_per_city_item() -> None:
    city = _city_items()
    assert len(city) == 16
    assert [s.seq for s in ITEMS] == sorted(city)
    assert {s.code for s in ITEMS} == {f"2022-{n:02d}" for n in city}


def test_every_item_is_complete() -> None:
    phones: dict[str, str] = {}
    city = _city_items()
    for spec in ITEMS:
        assert spec.summary and len(spec.summary) <= 500, spec.code
        assert 2 <= len(spec.policy) <= 4, spec.code
        assert spec.eligibility and spec.standard, spec.code
        assert 3 <= len(spec.steps) <= 5 and all(s.title and s.description for s in spec.steps), spec.code
        assert 2 <= len(spec.faqs) <= 4 and all(f.question and f.answer for f in spec.faqs), spec.code
        assert 1 <= len(spec.targets) <= 3, spec.code
        assert all(t.quantity > 0 and t.unit for t in spec.targets), spec.code
        assert 3 <= len(spec.milestones) <= 5, spec.code
        assert all(m.planned_on.year == 2022 for m in spec.milestones), spec.code
        achieved = [m for m in spec.milestones if m.achieved_on]
        assert achieved and len(achieved) < len(spec.milestones), spec.code
        assert all(m.achieved_on <= items_content.REFERENCE_DATE for m in achieved if m.achieved_on), spec.code
        assert spec.phone.startswith("0550-") and len(spec.phone) == 12, spec.code
        # one phone per lead department, and a different one for each department
        lead = city[spec.seq]["lead_dept"]
        assert phones.setdefault(lead, spec.phone) == spec.phone, spec.code
    assert len(set(phones.values())) == len(phones)
    construction = {s.seq for s in ITEMS if s.is_construction}
    assert {2, 4, 5, 15, 16} <= construction


def _reports(spec: items_content.ItemSpec) -> dict[str | None, tuple[items_content.Report, ...]]:
    return dict(spec.town_reports) if spec.by_town else {None: spec.reports}


def test_six_months_of_cumulative_progress() -> None:
    finals = {}
    for spec in ITEMS:
        assert bool(spec.reports) != spec.by_town, spec.code
        months = 5 if spec.june == "missing" else 6
        totals = [Decimal(0)] * len(spec.targets)
        for place, reports in _reports(spec).items():
            assert len(reports) == months, (spec.code, place)
            previous = None
            for report in reports:
                assert len(report.values) == len(spec.targets), spec.code
                assert report.narrative, spec.code
                assert all(f.alt and f.caption for f in report.photos), spec.code
                if previous is not None:  # cumulative: never falls back
                    for now, before in zip(report.values, previous.values, strict=True):
                        if now is not None and before is not None:
                            assert now >= before, (spec.code, place)
                    assert report.investment_wan >= previous.investment_wan, spec.code
                    assert report.beneficiaries >= previous.beneficiaries, spec.code
                previous = report
            for n, value in enumerate(reports[-1].values):
                totals[n] += Decimal(str(value or 0))
        shares = [total / Decimal(str(t.quantity)) for total, t in zip(totals, spec.targets, strict=True)]
        finals[spec.code] = sum(shares) / len(shares)
        assert sum(len(r.photos) > 0 for rs in _reports(spec).values() for r in rs) >= 1, spec.code
    assert all(Decimal("0.2") <= share <= 1 for share in finals.values()), finals
    assert sum(share >= Decimal("0.8") for share in finals.values()) in (1, 2)  # ahead of schedule
    assert sum(share < Decimal("0.4") for share in finals.values()) >= 1  # behind
    assert sorted(s.code for s in ITEMS if s.june == "submitted") == ["2022-05", "2022-12"]
    assert [s.code for s in ITEMS if s.june == "missing"] == ["2022-14"]
    late = [(s.code, r.submitted_on) for s in ITEMS for r in s.reports if r.submitted_on]
    assert len(late) == 2 and all(d and d.day > items_content.REPORT_DUE_DAY for _c, d in late)


def test_the_old_estates_are_reported_by_town() -> None:
    (by_town,) = [s for s in ITEMS if s.by_town]
    assert by_town.code == "2022-16"
    assert {"349981101000", "349981102000", "349981103000"} <= set(by_town.town_reports)


def test_meal_service_agrees_with_the_published_pieces() -> None:
    spec = next(s for s in ITEMS if s.seq == 7)
    assert spec.targets[0].quantity == 48  # as in 老年助餐服务全面铺开
    march = spec.reports[2]
    assert march.values[0] == 21 and march.values[1] == 36000  # "截至3月底……21个……3.6万人次"
    standard = rich_html(spec.standard)
    assert "每人每餐补贴5元" in standard and "每人每餐补贴3元" in standard and "5万元" in standard
    assert len(spec.steps) == 5 and len(spec.milestones) == 5


def test_images_do_not_clash_with_the_portal_pictures() -> None:
    portal = {img.title: img for img in content.all_images()}
    for img in items_content.all_images():
        assert img.scene in SCENES and img.palette in PALETTES
        assert portal.get(img.title, img) == img, img.title


def test_highlights() -> None:
    highlights = items_content.HIGHLIGHTS
    assert 4 <= len(highlights) <= 6
    assert {h.kind for h in highlights} == {"highlight", "case", "practice"}
    assert len({h.slug for h in highlights}) == len(highlights)
    assert all(date(2022, 1, 1) <= h.date <= date(2022, 6, 30) for h in highlights)
    city = _city_items()
    for h in highlights:
        assert h.items and set(h.items) <= set(city) and h.units and h.summary
        figures = [b for b in h.body if isinstance(b, content.Figure)]
        assert figures and all(f.alt for f in figures), h.slug


def test_rich_html() -> None:
    html = rich_html(("一<二", Bullets(("甲", "乙"))))
    assert html == "<p>一&lt;二</p><ul><li>甲</li><li>乙</li></ul>"


def test_submission_days_are_working_days_before_the_due_day() -> None:
    for month in range(1, 7):
        for seq in range(20):
            day = submission_day(date(2022, month, 1), seq=seq)
            if month == 1:  # the Spring Festival holiday (31 January – 6 February): before it
                assert date(2022, 1, 28) <= day <= date(2022, 1, 30)
            else:
                assert day.month == month + 1 and day.day <= items_content.REPORT_DUE_DAY
