"""Fill the demo's 16 city items (policy, procedure, FAQs, targets, milestones) and give each
six months of progress reports, from ``items_content``.

Writes go through the catalogue's services: ``item_save`` for an item and its inline rows,
``report_save`` → ``report_submit`` → ``report_confirm`` for a report (so the audit trail is
the real one). Only the report's dates are then set back to 2022 with one ``update`` — the
services stamp "now", and a demo of the first half of 2022 needs the months' own dates
(submitted in the following month, a few of them after the due day).

Idempotent and respectful of later edits: a text field is filled only while it is empty,
an item's steps, FAQs, targets and milestones only while it has none, and a month's report
(per town, where the item reports by town) only while there is none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
from django.conf import settings
from django.utils.html import escape

from minsheng.orgs.choices import Role
from minsheng.orgs.models import Org, User
from minsheng.projects.models import (
    ItemFAQ,
    ItemTarget,
    LivelihoodItem,
    Milestone,
    ProcedureStep,
    ProgressPhoto,
    ProgressReport,
    ProgressSettings,
    ProgressValue,
)
from minsheng.projects.services import item_save, report_confirm, report_save, report_submit

from . import content, items_content
from .content import Img
from .items_content import Bullets, ItemSpec, Number, Report, Rich

ImageFor = Callable[[Img], Any]


@dataclass
class ItemsResult:
    items_filled: int = 0
    reports_created: int = 0
    settings_changed: bool = False


def rich_html(blocks: Rich) -> str:
    """Paragraphs and bulleted lists as rich-text HTML."""
    parts = []
    for block in blocks:
        if isinstance(block, Bullets):
            parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in block.lines) + "</ul>")
        else:
            parts.append(f"<p>{escape(block)}</p>")
    return "".join(parts)


def _decimal(value: Number) -> Decimal:
    return Decimal(str(value))


def seed_items(*, image: ImageFor) -> ItemsResult:
    result = ItemsResult()
    actors = _Actors()
    items = {
        i.seq: i
        for i in LivelihoodItem.objects.filter(year=items_content.YEAR, seq__in=[s.seq for s in items_content.ITEMS])
    }
    for spec in items_content.ITEMS:
        item = items[spec.seq]
        if _fill_item(item, spec, actor=actors.coordinator):
            result.items_filled += 1
        result.reports_created += _seed_reports(item, spec, actors=actors, image=image)
    result.settings_changed = _seed_settings()
    return result


class _Actors:
    """Who does what: each department's demo liaison submits its own reports (the
    coordinator where a department has no demo account); the coordinator confirms."""

    def __init__(self) -> None:
        names = [u.username for u in content.DEMO_USERS if u.role in (Role.COORDINATOR, Role.DEPARTMENT_LIAISON)]
        users = list(User.objects.filter(username__in=names, is_active=True).select_related("org"))
        self.coordinator = next(u for u in users if u.role == Role.COORDINATOR)
        self.liaisons = {u.org.code: u for u in users if u.role == Role.DEPARTMENT_LIAISON and u.org}

    def submitter(self, item: LivelihoodItem) -> User:
        return self.liaisons.get(item.lead_department.code, self.coordinator)


# --- Items ------------------------------------------------------------------------------


def _fill_item(item: LivelihoodItem, spec: ItemSpec, *, actor: User) -> bool:
    changed = False
    texts = {
        "summary": spec.summary,
        "policy_content": rich_html(tuple(spec.policy)),
        "eligibility": rich_html(spec.eligibility),
        "standard": rich_html(spec.standard),
        "consultation_phone": spec.phone,
    }
    for name, value in texts.items():
        if not getattr(item, name):
            setattr(item, name, value)
            changed = True
    # How progress is reported is chosen before the first report, never after.
    if spec.by_town and not item.reports_by_town and not item.reports.exists():
        item.reports_by_town = True
        changed = True
    if not item.steps.exists():
        item.steps = [  # type: ignore[misc]
            ProcedureStep(title=s.title, description=s.description, sort_order=n) for n, s in enumerate(spec.steps)
        ]
        changed = True
    if not item.faqs.exists():
        item.faqs = [  # type: ignore[misc]
            ItemFAQ(question=f.question, answer=f.answer, sort_order=n) for n, f in enumerate(spec.faqs)
        ]
        changed = True
    if not item.targets.exists():
        item.targets = [  # type: ignore[misc]
            ItemTarget(description=t.description, quantity=_decimal(t.quantity), unit=t.unit, sort_order=n)
            for n, t in enumerate(spec.targets)
        ]
        changed = True
    if not item.milestones.exists():
        item.milestones = [  # type: ignore[misc]
            Milestone(
                planned_on=m.planned_on,
                title=m.title,
                description=m.description,
                achieved_on=m.achieved_on,
                sort_order=n,
            )
            for n, m in enumerate(spec.milestones)
        ]
        changed = True
    if changed:
        item_save(actor=actor, item=item)
    return changed


# --- Progress reports -------------------------------------------------------------------


def _seed_reports(item: LivelihoodItem, spec: ItemSpec, *, actors: _Actors, image: ImageFor) -> int:
    # Values go to the item's targets of the same description (so an edited list still works).
    by_description = {t.description: t for t in item.targets.all()}
    targets = [by_description.get(t.description) for t in spec.targets]
    places: dict[str | None, tuple[Report, ...]] = {}
    if spec.by_town:
        places.update(spec.town_reports)
    else:
        places[None] = spec.reports
    towns = {o.code: o for o in Org.objects.filter(code__in=[c for c in places if c])}
    existing = set(ProgressReport.objects.filter(item=item).values_list("period", "town_id"))
    submitter = actors.submitter(item)
    created = 0
    for place_no, (place, reports) in enumerate(places.items()):
        town = towns[place] if place else None
        for month, spec_report in enumerate(reports, start=1):
            period = date(items_content.YEAR, month, 1)
            if (period, town.pk if town else None) in existing:
                continue
            report = ProgressReport(
                item=item,
                period=period,
                town=town,
                investment_wan=_decimal(spec_report.investment_wan),
                beneficiaries=spec_report.beneficiaries,
                narrative=spec_report.narrative,
            )
            report.values = [  # type: ignore[misc]
                ProgressValue(target=t, value=_decimal(v))
                for t, v in zip(targets, spec_report.values, strict=True)
                if t is not None and v is not None
            ]
            report.photos = [  # type: ignore[misc]
                ProgressPhoto(image=image(f.image), alt_text=f.alt, caption=f.caption, sort_order=n)
                for n, f in enumerate(spec_report.photos)
            ]
            report_save(actor=submitter, report=report)
            report_submit(actor=submitter, report=report)
            confirm = not (month == 6 and spec.june == "submitted")
            if confirm:
                report_confirm(actor=actors.coordinator, report=report)
            _backdate(report, spec=spec, salt=place_no, override=spec_report.submitted_on, reviewed=confirm)
            created += 1
    return created


def _backdate(report: ProgressReport, *, spec: ItemSpec, salt: int, override: date | None, reviewed: bool) -> None:
    submitted_on = override or submission_day(report.period, seq=spec.seq + salt)
    submitted_at = _at(
        submitted_on, 9 + (spec.seq * 3 + report.period.month + salt) % 8, (spec.seq * 7 + salt * 13) % 60
    )
    reviewed_at = None
    if reviewed:
        reviewed_on = _next_workday(submitted_on, skip=(spec.seq + salt) % 2)
        reviewed_at = _at(reviewed_on, 10 + (spec.seq + report.period.month) % 7, (spec.seq * 11 + salt * 17) % 60)
    ProgressReport.objects.filter(pk=report.pk).update(
        created_at=submitted_at - timedelta(days=1 + spec.seq % 2, hours=2),
        updated_at=reviewed_at or submitted_at,
        submitted_at=submitted_at,
        reviewed_at=reviewed_at,
    )


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _is_workday(day: date) -> bool:
    return bool(chinese_calendar.is_workday(day))


def _next_workday(day: date, *, skip: int = 0) -> date:
    """The first working day after ``day`` (after ``skip`` more working days)."""
    found = 0
    while True:
        day += timedelta(days=1)
        if _is_workday(day):
            if found == skip:
                return day
            found += 1


def submission_day(period: date, *, seq: int) -> date:
    """An on-time day to submit the report on ``period``: a working day from the 1st to the
    due day of the next month; if there is none (the Spring Festival holiday covered
    1–6 February 2022), one of the last working days of the month itself."""
    start = (period.replace(day=28) + timedelta(days=4)).replace(day=1)
    due = start.replace(day=items_content.REPORT_DUE_DAY)
    days = [start + timedelta(days=n) for n in range((due - start).days + 1)]
    candidates = [d for d in days if _is_workday(d)]
    if not candidates:
        tail = [start - timedelta(days=n) for n in range(1, 6)]
        candidates = sorted(d for d in tail if _is_workday(d))[-3:]
    return candidates[seq % len(candidates)]


# --- Settings ---------------------------------------------------------------------------


def _seed_settings() -> bool:
    """The demo's "today" (so January–June are due and June's late report shows as late)
    and the due day; filled only when empty, so later edits survive a rerun."""
    conf = ProgressSettings.objects.first()
    if conf is None:
        ProgressSettings.objects.create(
            report_due_day=items_content.REPORT_DUE_DAY, reference_date=items_content.REFERENCE_DATE
        )
        return True
    if conf.reference_date is None:
        conf.reference_date = items_content.REFERENCE_DATE
        conf.save(update_fields=["reference_date"])
        return True
    return False
