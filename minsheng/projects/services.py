"""Every write to the catalogue and to progress reports."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minsheng.core.imports import ImportRejected, LoadResult
from minsheng.core.services import audit_event, notice_send, on_commit
from minsheng.core.tabular import TableError, cell_text, read_rows
from minsheng.orgs.choices import OrgKind
from minsheng.orgs.models import Org, User
from minsheng.orgs.scoping import scope_for

from .choices import ItemStatus, ReportStatus
from .models import LivelihoodItem, ProgressReport

# --- Import -----------------------------------------------------------------------------

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "seq": ("seq", "序号", "编号", "项目序号"),
    "name": ("name", "名称", "项目名称", "民生实事名称", "民生工程名称", "实事名称"),
    "status": ("status", "状态", "类型", "项目类型"),
    "category": ("category", "类别", "领域", "分类"),
    "lead_dept": ("lead_dept", "牵头单位", "牵头部门", "责任单位"),
    "co_dept": ("co_dept", "配合单位", "配合部门", "协办单位"),
    "city_has_task": ("city_has_task", "市有任务", "本市有任务", "是否有任务"),
    "summary": ("summary", "简介", "主要内容"),
    "policy_content": ("policy_content", "政策内容"),
    "eligibility": ("eligibility", "补助对象", "受益对象", "申请条件"),
    "standard": ("standard", "补助标准", "标准"),
    "consultation_phone": ("consultation_phone", "咨询电话"),
    "is_construction": ("is_construction", "工程类", "是否工程类"),
}
REQUIRED = ("seq", "name", "status", "lead_dept")
STATUS_ALIASES = {
    "new": ItemStatus.NEW,
    "新增": ItemStatus.NEW,
    "新": ItemStatus.NEW,
    "adjusted": ItemStatus.ADJUSTED,
    "调整": ItemStatus.ADJUSTED,
    "提标扩面": ItemStatus.ADJUSTED,
    "continuing": ItemStatus.CONTINUING,
    "延续": ItemStatus.CONTINUING,
    "继续实施": ItemStatus.CONTINUING,
    "持续": ItemStatus.CONTINUING,
}
TRUE_WORDS = {"1", "true", "yes", "是", "有", "√", "y"}
FALSE_WORDS = {"0", "false", "no", "否", "无", "", "n"}


class ItemImportError(ImportRejected):
    """A catalogue file that was not loaded."""


ItemImportResult = LoadResult


def _normalise_header(text: str) -> str:
    return re.sub(r"[\s（）()]", "", text).lower()


def _map_header(cells: list[str]) -> dict[str, int]:
    lookup = {_normalise_header(alias): key for key, aliases in HEADER_ALIASES.items() for alias in aliases}
    mapping: dict[str, int] = {}
    for idx, cell in enumerate(cells):
        key = lookup.get(_normalise_header(cell))
        if key and key not in mapping:
            mapping[key] = idx
    return mapping


def _find_department(value: str, depts: dict[str, Org]) -> Org | None:
    value = value.strip()
    if value in depts:
        return depts[value]
    for org in depts.values():
        if value in (org.name, org.short_name) or (value and org.name == f"市{value}"):
            return org
    return None


def items_import(*, actor: User | None, path: Path | str, year: int, sheet: str | None = None) -> ItemImportResult:
    """Load a spreadsheet or CSV of items shaped like ``livelihood_items_2022.csv`` for ``year``.

    All or nothing: every row is checked first and every problem reported with its row
    number and column; nothing is written unless there are none.
    """
    if not 2000 <= year <= 2100:
        raise ItemImportError([_("The year %(year)s is not valid.") % {"year": year}])
    try:
        rows = [(n, [cell_text(c) for c in cells]) for n, cells in read_rows(path, sheet=sheet)]
    except TableError as exc:
        raise ItemImportError([str(exc)]) from exc

    header_at = None
    mapping: dict[str, int] = {}
    for idx, (_n, cells) in enumerate(rows[:20]):
        candidate = _map_header(cells)
        if {"seq", "name"} <= candidate.keys():
            header_at, mapping = idx, candidate
            break
    if header_at is None:
        raise ItemImportError([_("No header row found: the file needs columns such as 序号 (seq) and 名称 (name).")])
    missing = [k for k in REQUIRED if k not in mapping]
    if missing:
        raise ItemImportError([_("Missing column(s): %(cols)s") % {"cols": ", ".join(missing)}])

    depts = {o.code: o for o in Org.objects.filter(kind__in=[OrgKind.DEPARTMENT, OrgKind.COORDINATOR])}
    errors: list[str] = []
    parsed: list[dict[str, Any]] = []
    seen: dict[int, int] = {}

    def col(cells: list[str], key: str) -> str:
        i = mapping.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for rowno, cells in rows[header_at + 1 :]:
        if not any(c.strip() for c in cells):
            continue
        if col(cells, "seq") in {"合计", "小计", "总计"}:
            continue

        def err(column: str, message: str, rowno: int = rowno) -> None:
            errors.append(_("Row %(row)d, column %(col)s: %(msg)s") % {"row": rowno, "col": column, "msg": message})

        seq_text = col(cells, "seq")
        seq = int(seq_text) if seq_text.isdigit() else None
        if seq is None or not 1 <= seq <= 99:
            err("seq", _("“%(value)s” is not a number from 1 to 99") % {"value": seq_text})
        elif seq in seen:
            err("seq", _("number %(seq)d already used in row %(row)d") % {"seq": seq, "row": seen[seq]})
        else:
            seen[seq] = rowno
        name = col(cells, "name")
        if not name:
            err("name", _("the name is empty"))
        elif len(name) > 100:
            err("name", _("the name is longer than 100 characters"))
        status = STATUS_ALIASES.get(col(cells, "status").lower())
        if status is None:
            err(
                "status",
                _("unknown status “%(value)s” (new, adjusted or continuing)") % {"value": col(cells, "status")},
            )
        lead = _find_department(col(cells, "lead_dept"), depts)
        if lead is None:
            err("lead_dept", _("unknown department “%(value)s”") % {"value": col(cells, "lead_dept")})
        co: list[Org] = []
        for part in re.split(r"[;；、,，\s]+", col(cells, "co_dept")):
            if not part:
                continue
            dept = _find_department(part, depts)
            if dept is None:
                err("co_dept", _("unknown department “%(value)s”") % {"value": part})
            else:
                co.append(dept)
        flags: dict[str, bool] = {}
        for key in ("city_has_task", "is_construction"):
            if key not in mapping:
                continue  # a column the file does not have leaves the item's value alone
            raw = col(cells, key).lower()
            if raw in TRUE_WORDS:
                flags[key] = True
            elif raw in FALSE_WORDS and raw:
                flags[key] = False
            elif raw:
                err(key, _("“%(value)s” is not yes or no") % {"value": raw})
        parsed.append(
            {
                "seq": seq,
                "name": name,
                "status": status,
                "category": col(cells, "category")[:30],
                "lead_department": lead,
                "co": co,
                **flags,
                **{
                    k: col(cells, k)
                    for k in ("summary", "policy_content", "eligibility", "standard", "consultation_phone")
                    if k in mapping
                },
            }
        )
    if not parsed and not errors:
        errors.append(_("The file has a header but no items."))
    if errors:
        raise ItemImportError(errors)

    result = ItemImportResult()
    with transaction.atomic():
        existing = {i.seq: i for i in LivelihoodItem.objects.filter(year=year)}
        for row in parsed:
            co = row.pop("co")
            item = existing.get(row["seq"]) or LivelihoodItem(year=year, seq=row["seq"])
            created = item.pk is None
            changed = created or any(getattr(item, k) != v for k, v in row.items() if k != "seq")
            for k, v in row.items():
                setattr(item, k, v)
            if changed:
                item.full_clean(exclude=["code"])
                item.save()
            co_changed = created or set(item.co_departments.all()) != set(co)
            if co_changed:
                item.co_departments.set(co)
                item.save()
            if created:
                result.created += 1
            elif changed or co_changed:
                result.updated += 1
            else:
                result.unchanged += 1
            if created or changed or co_changed:
                audit_event(
                    actor=actor, action="item.import", target=item, org=item.lead_department, data={"created": created}
                )
            result.codes.append(item.code)
    return result


# --- Items ------------------------------------------------------------------------------


def _require_item_editor(actor: User, item: LivelihoodItem) -> None:
    scope = scope_for(actor)
    if scope.everything:
        return
    if scope.department_id is None or item.lead_department_id != scope.department_id:
        raise PermissionDenied(_("Only the lead department or the livelihood office may change this item."))


def item_save(*, actor: User, item: LivelihoodItem) -> LivelihoodItem:
    """Create or change an item (with its targets, steps, FAQs and milestones)."""
    if item.pk is None and not scope_for(actor).everything:
        raise PermissionDenied(_("Only the livelihood office adds items."))
    if item.pk is not None:
        original = LivelihoodItem.objects.get(pk=item.pk)
        _require_item_editor(actor, original)
        if not scope_for(actor).everything and item.lead_department_id != original.lead_department_id:
            raise PermissionDenied(_("Only the livelihood office changes an item's lead department."))
    else:
        original = None
    with transaction.atomic():
        item.save()
        audit_event(
            actor=actor, action="item.update" if original else "item.create", target=item, org=item.lead_department
        )
    return item


# --- Progress reports -----------------------------------------------------------------


def _check_report(report: ProgressReport) -> None:
    report.period = report.period.replace(day=1)
    if report.period.year != report.item.year:
        raise ValidationError(
            {"period": _("The month must be in the item's year %(year)d.") % {"year": report.item.year}}
        )
    if report.period > timezone.localdate().replace(day=1):
        raise ValidationError({"period": _("A report cannot be for a month that has not begun.")})
    if report.town_id and report.town and not report.town.is_town:
        raise ValidationError({"town": _("Choose a town, subdistrict or township.")})
    target_ids = set(report.item.targets.values_list("pk", flat=True))
    for value in report.values.all():
        if value.target_id not in target_ids:
            raise ValidationError(_("A value is given for a target of another item."))


def report_save(*, actor: User, report: ProgressReport) -> ProgressReport:
    """Save a draft (or a returned report being corrected) by the item's department."""
    _require_item_editor(actor, report.item)
    if report.pk is not None:
        current = ProgressReport.objects.get(pk=report.pk)
        if not current.editable:
            raise ValidationError(_("A submitted or confirmed report cannot be changed."))
    else:
        report.status = ReportStatus.DRAFT
    _check_report(report)
    with transaction.atomic():
        created = report.pk is None
        report.save()
        audit_event(
            actor=actor,
            action="report.create" if created else "report.update",
            target=report,
            org=report.item.lead_department,
        )
    return report


def report_submit(*, actor: User, report: ProgressReport) -> ProgressReport:
    _require_item_editor(actor, report.item)
    if not report.editable:
        raise ValidationError(_("Only a draft or a returned report can be submitted."))
    if not report.values.exists() and not report.narrative.strip():
        raise ValidationError(_("Give at least one value reached or a description of the progress."))
    with transaction.atomic():
        report.status = ReportStatus.SUBMITTED
        report.submitted_by = actor
        report.submitted_at = timezone.now()
        report.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
        audit_event(actor=actor, action="report.submit", target=report, org=report.item.lead_department)
    return report


def _require_coordinator(actor: User) -> None:
    if not scope_for(actor).everything:
        raise PermissionDenied(_("Only the livelihood office reviews progress reports."))


def report_confirm(*, actor: User, report: ProgressReport) -> ProgressReport:
    _require_coordinator(actor)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be confirmed."))
    with transaction.atomic():
        report.status = ReportStatus.CONFIRMED
        report.reviewed_by = actor
        report.reviewed_at = timezone.now()
        report.return_reason = ""
        report.save(update_fields=["status", "reviewed_by", "reviewed_at", "return_reason", "updated_at"])
        audit_event(actor=actor, action="report.confirm", target=report, org=report.item.lead_department)
        dept = report.item.lead_department
        on_commit(
            lambda: notice_send(
                kind="report.confirmed",
                org=dept,
                title=_("Progress report %(report)s was confirmed") % {"report": report},
            )
        )
    return report


def report_return(*, actor: User, report: ProgressReport, reason: str) -> ProgressReport:
    _require_coordinator(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"return_reason": _("Say why the report is returned.")})
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    with transaction.atomic():
        report.status = ReportStatus.RETURNED
        report.reviewed_by = actor
        report.reviewed_at = timezone.now()
        report.return_reason = reason
        report.save(update_fields=["status", "reviewed_by", "reviewed_at", "return_reason", "updated_at"])
        audit_event(
            actor=actor, action="report.return", target=report, org=report.item.lead_department, data={"reason": reason}
        )
        dept = report.item.lead_department
        on_commit(
            lambda: notice_send(
                kind="report.returned",
                org=dept,
                title=_("Progress report %(report)s was returned: %(reason)s") % {"report": report, "reason": reason},
            )
        )
    return report


def late_reports_notify(*, today: date | None = None) -> int:
    """Tell each department about its late monthly reports (once per item and month)."""
    from .selectors import late_reports_of

    sent = 0
    for late in late_reports_of(items=LivelihoodItem.objects.select_related("lead_department"), today=today):
        notice = notice_send(
            kind="report.late",
            org=late.item.lead_department,
            title=_("The %(month)s progress report of %(item)s is late (due %(deadline)s)")
            % {"month": f"{late.period:%Y-%m}", "item": late.item, "deadline": late.deadline.isoformat()},
            key=f"report.late:{late.item.code}:{late.period:%Y-%m}",
        )
        sent += notice is not None
    return sent
