"""Every write of 公示: prepare, edit, delete, submit, approve, publish, withdraw, end;
the print sheet's download; objections.

Who may do what (checked here, whatever the caller):

* prepare and submit (``disclosures.add_disclosure``): the coordinator for any unit; a
  department for itself; a town for itself and its villages; village staff for their
  village. The listed records must be the item's, in the issuer's area (a department: its
  own items) and visible to the preparer. The same units edit
  (``disclosures.change_disclosure``) and delete (``disclosures.delete_disclosure``) a
  draft.
* approve, return, publish, withdraw and answer objections
  (``disclosures.approve_disclosure``): the coordinator; the issuing department; the town
  the issuer lies in (a village's 公示 is approved by its town). Village staff never.
* the 公示栏 print sheet (full names): staff who see the disclosure through the scoped
  selector, while it is published and not over; each download is audited. A sheet may be
  made for one village of the disclosure; village staff see their town's published 公示
  that list their villagers (``selectors.board_read``), read-only, and print only their
  own village's sheet.
* an objector's full contact (``disclosures.reveal_objection_contact``): those who may
  answer the objection; each reveal is audited.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from minsheng.beneficiaries import selectors as registry_selectors
from minsheng.beneficiaries import services as registry_services
from minsheng.beneficiaries.models import Benefit, ImportBatch
from minsheng.core.crypto import get_cipher
from minsheng.core.services import audit_event, notice_send, on_commit
from minsheng.core.workdays import add_working_days
from minsheng.orgs.choices import AREA_KINDS, TOWN_KINDS, OrgKind
from minsheng.orgs.models import Org, User
from minsheng.orgs.scoping import scope_for
from minsheng.projects.models import LivelihoodItem

from .choices import MIN_PERIOD_DAYS, OBJECTION_WORKING_DAYS, DisclosureState, ObjectionOutcome, ObjectionStatus
from .models import Disclosure, DisclosureEntry, Objection
from .outputs import board_rows, disclosure_docx, disclosure_pdf

S = DisclosureState


# --- rules ----------------------------------------------------------------------------------


def can_prepare(user: Any, issuer: Org) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("disclosures.add_disclosure"):
        return False
    if user.is_coordinator:
        return True
    if user.org_id is None:
        return False
    if user.org.is_department:
        return bool(issuer.pk == user.org_id)
    return issuer.kind in AREA_KINDS and scope_for(user).can_see_org(issuer)


def _can_change_draft(user: Any, disclosure: Disclosure, perm: str) -> bool:
    return (
        disclosure.state == S.DRAFT
        and getattr(user, "is_authenticated", False)
        and user.has_perm(perm)
        and can_prepare(user, disclosure.issuer)
    )


def can_edit(user: Any, disclosure: Disclosure) -> bool:
    """A draft, by the unit that prepares it."""
    return _can_change_draft(user, disclosure, "disclosures.change_disclosure")


def can_delete(user: Any, disclosure: Disclosure) -> bool:
    """A draft, by the unit that prepares it."""
    return _can_change_draft(user, disclosure, "disclosures.delete_disclosure")


def issuer_town(issuer: Org) -> Org | None:
    return issuer.town() if issuer.kind in AREA_KINDS else None


def can_approve(user: Any, disclosure: Disclosure) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("disclosures.approve_disclosure"):
        return False
    if user.is_coordinator:
        return True
    org = user.org
    if org is None:
        return False
    issuer = disclosure.issuer
    if org.is_department:
        return bool(issuer.pk == org.pk)
    if org.kind in TOWN_KINDS:
        town = issuer_town(issuer)
        return town is not None and town.pk == org.pk
    return False


def can_answer(user: Any, objection: Objection) -> bool:
    """Whoever may approve the disclosure answers its objections."""
    return can_approve(user, objection.disclosure)


def can_reveal_contact(user: Any, objection: Objection) -> bool:
    """The objector's full contact: only for those who must reply, with the permission."""
    return (
        getattr(user, "is_authenticated", False)
        and user.has_perm("disclosures.reveal_objection_contact")
        and can_answer(user, objection)
    )


def make_title(*, issuer: Org, item: LivelihoodItem, year: int) -> str:
    return f"{issuer.name}{year}年{item.name}受益对象公示"


def selectable_benefits(*, user: Any, item: LivelihoodItem, year: int, issuer: Org) -> QuerySet[Benefit]:
    """The records a 公示 of ``issuer`` may list: the item's, in the issuer's area (a
    department: its own items anywhere) and visible to ``user``."""
    qs = registry_selectors.benefit_list(user=user).filter(item=item, year=year)
    if issuer.kind in (OrgKind.DEPARTMENT, OrgKind.COORDINATOR):
        if issuer.kind == OrgKind.DEPARTMENT and item.lead_department_id != issuer.pk:
            return qs.none()
        return qs
    return qs.filter(village__path__startswith=issuer.path)


def _select_records(
    *,
    actor: User,
    item: LivelihoodItem,
    issuer: Org,
    year: int,
    batch: ImportBatch | None,
    villages: Sequence[Org] | None,
    benefit_ids: Sequence[int] | None,
) -> list[int]:
    records = selectable_benefits(user=actor, item=item, year=year, issuer=issuer)
    if batch is not None:
        records = records.filter(batch=batch)
    if villages:
        records = records.filter(village__in=villages)
    if benefit_ids is not None:
        records = records.filter(pk__in=benefit_ids)
    ids = list(records.order_by("village__path", "person__name", "id").values_list("id", flat=True))
    if not ids:
        raise ValidationError(_("No benefit records match this selection."))
    return ids


def _write_entries(disclosure: Disclosure, ids: list[int]) -> None:
    DisclosureEntry.objects.bulk_create(
        [DisclosureEntry(disclosure=disclosure, benefit_id=pk, position=n) for n, pk in enumerate(ids, 1)],
        batch_size=2000,
    )


def _check_period(days: int) -> None:
    if days < MIN_PERIOD_DAYS:
        raise ValidationError(_("A disclosure runs at least %(days)d days.") % {"days": MIN_PERIOD_DAYS})


def _require_state(disclosure: Disclosure, *states: str) -> None:
    if disclosure.state not in states:
        raise ValidationError(
            _("This cannot be done to a disclosure in the state “%(state)s”.")
            % {"state": disclosure.get_state_display()}
        )


def _locked(disclosure: Disclosure) -> Disclosure:
    return Disclosure.objects.select_for_update().select_related("issuer", "item").get(pk=disclosure.pk)


def _notify(disclosure: Disclosure, org: Org | None, title: str, key: str) -> None:
    if org is None:
        return
    pk = disclosure.pk
    on_commit(
        lambda: notice_send(
            kind="disclosure", title=title, org=org, url=f"/admin/disclosures/{pk}/", key=f"disclosure:{pk}:{key}"
        )
    )


# --- the disclosure --------------------------------------------------------------------------


def disclosure_create(
    *,
    actor: User,
    item: LivelihoodItem,
    issuer: Org,
    objection_phone: str,
    year: int | None = None,
    batch: ImportBatch | None = None,
    villages: list[Org] | None = None,
    benefit_ids: list[int] | None = None,
    period_days: int = 7,
    long_term: bool = False,
    objection_address: str = "",
    objection_office: str = "",
    title: str = "",
    note: str = "",
) -> Disclosure:
    """A draft listing the item's records from ``batch``, or chosen by filter (``villages``,
    ``benefit_ids``) within the issuer's area."""
    if not can_prepare(actor, issuer):
        raise PermissionDenied(_("You may not prepare a disclosure for this unit."))
    _check_period(period_days)
    if not objection_phone.strip():
        raise ValidationError(_("Give a phone number for objections."))
    year = year or item.year
    ids = _select_records(
        actor=actor, item=item, issuer=issuer, year=year, batch=batch, villages=villages, benefit_ids=benefit_ids
    )
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            item=item,
            year=year,
            issuer=issuer,
            title=title.strip() or make_title(issuer=issuer, item=item, year=year),
            batch=batch,
            period_days=period_days,
            long_term=long_term,
            objection_phone=objection_phone.strip(),
            objection_address=objection_address.strip(),
            objection_office=objection_office.strip(),
            note=note,
            created_by=actor,
        )
        _write_entries(disclosure, ids)
        audit_event(
            actor=actor,
            action="disclosure.create",
            target=disclosure,
            org=issuer,
            data={"entries": len(ids), "item": item.code, "batch": batch.pk if batch else None},
        )
    return disclosure


DRAFT_FIELDS = (
    "item",
    "year",
    "issuer",
    "title",
    "batch",
    "period_days",
    "long_term",
    "objection_phone",
    "objection_address",
    "objection_office",
    "note",
)


def _draft_values(disclosure: Disclosure) -> dict[str, Any]:
    return {
        name: getattr(disclosure, f"{name}_id" if name in ("item", "issuer", "batch") else name)
        for name in DRAFT_FIELDS
    }


def disclosure_update(
    *,
    actor: User,
    disclosure: Disclosure,
    item: LivelihoodItem,
    issuer: Org,
    objection_phone: str,
    year: int | None = None,
    batch: ImportBatch | None = None,
    reselect: bool = False,
    villages: list[Org] | None = None,
    benefit_ids: list[int] | None = None,
    period_days: int = 7,
    long_term: bool = False,
    objection_address: str = "",
    objection_office: str = "",
    title: str = "",
    note: str | None = None,
) -> Disclosure:
    """Change a draft: what ``disclosure_create`` sets. The listed records are chosen again
    (from ``batch``, ``villages``, ``benefit_ids``) when ``reselect`` is true or the item,
    year, issuer or batch changes; otherwise the list stays as it is. An empty title is
    made again from the issuer, item and year. ``note=None`` keeps the note."""
    if not can_edit(actor, disclosure):
        raise PermissionDenied(_("You may not edit this disclosure."))
    if not can_prepare(actor, issuer):
        raise PermissionDenied(_("You may not prepare a disclosure for this unit."))
    _check_period(period_days)
    if not objection_phone.strip():
        raise ValidationError(_("Give a phone number for objections."))
    year = year or item.year
    with transaction.atomic():
        disclosure = _locked(disclosure)
        _require_state(disclosure, S.DRAFT)
        before = _draft_values(disclosure)
        reselect = reselect or (
            disclosure.item_id != item.pk
            or disclosure.year != year
            or disclosure.issuer_id != issuer.pk
            or disclosure.batch_id != (batch.pk if batch else None)
        )
        disclosure.item = item
        disclosure.year = year
        disclosure.issuer = issuer
        disclosure.title = title.strip() or make_title(issuer=issuer, item=item, year=year)
        disclosure.batch = batch
        disclosure.period_days = period_days
        disclosure.long_term = long_term
        disclosure.objection_phone = objection_phone.strip()
        disclosure.objection_address = objection_address.strip()
        disclosure.objection_office = objection_office.strip()
        if note is not None:
            disclosure.note = note
        disclosure.save()
        after = _draft_values(disclosure)
        data: dict[str, Any] = {"fields": [name for name in DRAFT_FIELDS if before[name] != after[name]]}
        if reselect:
            ids = _select_records(
                actor=actor,
                item=item,
                issuer=issuer,
                year=year,
                batch=batch,
                villages=villages,
                benefit_ids=benefit_ids,
            )
            old = list(disclosure.entries.order_by("position", "id").values_list("benefit_id", flat=True))
            if old != ids:
                disclosure.entries.all().delete()
                _write_entries(disclosure, ids)
                data.update({"entries": len(ids), "entries_before": len(old)})
        audit_event(actor=actor, action="disclosure.update", target=disclosure, org=issuer, data=data)
    return disclosure


def disclosure_delete(*, actor: User, disclosure: Disclosure) -> None:
    """Delete a draft and its list (the records stay in the registry)."""
    if not can_delete(actor, disclosure):
        raise PermissionDenied(_("You may not delete this disclosure."))
    with transaction.atomic():
        disclosure = _locked(disclosure)
        _require_state(disclosure, S.DRAFT)
        if disclosure.objections.exists():
            raise ValidationError(_("A disclosure with objections cannot be deleted."))
        audit_event(
            actor=actor,
            action="disclosure.delete",
            target=disclosure,
            org=disclosure.issuer,
            data={"item": disclosure.item.code, "year": disclosure.year, "entries": disclosure.entries.count()},
        )
        disclosure.delete()


def disclosure_submit(*, actor: User, disclosure: Disclosure) -> Disclosure:
    if not can_prepare(actor, disclosure.issuer):
        raise PermissionDenied(_("You may not submit this disclosure."))
    with transaction.atomic():
        disclosure = _locked(disclosure)
        _require_state(disclosure, S.DRAFT)
        disclosure.state = S.SUBMITTED
        disclosure.save(update_fields=["state", "updated_at"])
        audit_event(actor=actor, action="disclosure.submit", target=disclosure, org=disclosure.issuer)
        approver_unit = issuer_town(disclosure.issuer) or disclosure.issuer
        _notify(disclosure, approver_unit, _("A disclosure awaits approval: %s") % disclosure.title, "submit")
    return disclosure


def disclosure_return(*, actor: User, disclosure: Disclosure, reason: str) -> Disclosure:
    if not can_approve(actor, disclosure):
        raise PermissionDenied(_("You may not approve this disclosure."))
    with transaction.atomic():
        disclosure = _locked(disclosure)
        _require_state(disclosure, S.SUBMITTED, S.APPROVED)
        disclosure.state = S.DRAFT
        disclosure.save(update_fields=["state", "updated_at"])
        audit_event(
            actor=actor, action="disclosure.return", target=disclosure, org=disclosure.issuer, data={"reason": reason}
        )
        _notify(disclosure, disclosure.issuer, _("A disclosure was returned: %s") % disclosure.title, "return")
    return disclosure


def disclosure_approve(*, actor: User, disclosure: Disclosure) -> Disclosure:
    if not can_approve(actor, disclosure):
        raise PermissionDenied(_("You may not approve this disclosure."))
    with transaction.atomic():
        disclosure = _locked(disclosure)
        _require_state(disclosure, S.SUBMITTED)
        disclosure.state = S.APPROVED
        disclosure.approved_by = actor
        disclosure.approved_at = timezone.now()
        disclosure.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
        audit_event(actor=actor, action="disclosure.approve", target=disclosure, org=disclosure.issuer)
    return disclosure


def disclosure_publish(*, actor: User, disclosure: Disclosure, start: date | None = None) -> Disclosure:
    """Put an approved disclosure on the portal from ``start`` (default today) for its period."""
    if not can_approve(actor, disclosure):
        raise PermissionDenied(_("You may not publish this disclosure."))
    today = timezone.localdate()
    start = start or today
    if start < today:
        raise ValidationError(_("A disclosure cannot start in the past."))
    with transaction.atomic():
        disclosure = _locked(disclosure)
        _require_state(disclosure, S.APPROVED)
        _check_period(disclosure.period_days)
        disclosure.state = S.PUBLISHED
        disclosure.start_date = start
        disclosure.end_date = Disclosure.period_end(start, disclosure.period_days)
        disclosure.published_at = timezone.now()
        disclosure.save(update_fields=["state", "start_date", "end_date", "published_at", "updated_at"])
        audit_event(
            actor=actor,
            action="disclosure.publish",
            target=disclosure,
            org=disclosure.issuer,
            data={"start": start.isoformat(), "end": disclosure.end_date.isoformat()},
        )
    return disclosure


def disclosure_withdraw(*, actor: User, disclosure: Disclosure, reason: str) -> Disclosure:
    """Take a disclosure off the portal for good (wrong data, superseded…)."""
    if not can_approve(actor, disclosure):
        raise PermissionDenied(_("You may not withdraw this disclosure."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the withdrawal."))
    with transaction.atomic():
        disclosure = _locked(disclosure)
        _require_state(disclosure, S.SUBMITTED, S.APPROVED, S.PUBLISHED, S.ENDED)
        disclosure.state = S.WITHDRAWN
        disclosure.withdraw_reason = reason.strip()[:300]
        disclosure.closed_at = timezone.now()
        disclosure.save(update_fields=["state", "withdraw_reason", "closed_at", "updated_at"])
        audit_event(
            actor=actor,
            action="disclosure.withdraw",
            target=disclosure,
            org=disclosure.issuer,
            data={"reason": disclosure.withdraw_reason},
        )
    return disclosure


def disclosures_end(*, today: date | None = None) -> int:
    """Record ``ended`` for every published, not long-term disclosure past its period (the
    portal already treats them as ended; this makes the state and the audit log say so)."""
    today = today or timezone.localdate()
    ended = 0
    with transaction.atomic():
        due = Disclosure.objects.select_for_update().filter(state=S.PUBLISHED, long_term=False, end_date__lt=today)
        for disclosure in due.select_related("issuer"):
            disclosure.state = S.ENDED
            disclosure.closed_at = timezone.now()
            disclosure.save(update_fields=["state", "closed_at", "updated_at"])
            audit_event(
                actor=None,
                action="disclosure.end",
                target=disclosure,
                org=disclosure.issuer,
                data={"end": disclosure.end_date.isoformat() if disclosure.end_date else None},
            )
            ended += 1
    return ended


# --- the 公示栏 print sheet ----------------------------------------------------------------------

SHEET_KINDS = {
    "pdf": ("application/pdf", "pdf"),
    "word": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


@dataclass(frozen=True)
class Sheet:
    content: bytes
    content_type: str
    filename: str


def disclosure_sheet_download(
    *,
    actor: User,
    disclosure: Disclosure,
    kind: str,
    url: str = "",
    request: Any = None,
    village: Org | None = None,
) -> Sheet:
    """The 公示栏 sheet (board profile: full names, no ID, no phone) as PDF or Word, for
    staff to print and post on the notice board. Only for a user who sees the disclosure
    through the scoped selector, while it is published and not over (also before its start
    date, so it can go up on the day); every download is an audit event (no names in it).

    With ``village`` the sheet lists only that village's entries (each village board shows
    its own villagers); the village must be one the disclosure lists and in the actor's
    scope. Village staff reading their town's 公示 (``selectors.board_read``) always get
    their own village's sheet and no other."""
    from .selectors import board_read, disclosure_list, entry_list, sheet_villages

    if kind not in SHEET_KINDS:
        raise ValidationError(_("Unknown format."))
    if not actor.has_perm("disclosures.view_disclosure"):
        raise PermissionDenied(_("This disclosure is outside your unit."))
    if not disclosure_list(user=actor).filter(pk=disclosure.pk).exists():
        board = board_read(user=actor)
        if board is None or not board.disclosures.filter(pk=disclosure.pk).exists():
            raise PermissionDenied(_("This disclosure is outside your unit."))
        if village is not None and village.pk != board.village.pk:
            raise PermissionDenied(_("This village is outside your unit."))
        village = board.village
    elif village is not None and not sheet_villages(user=actor, disclosure=disclosure).filter(pk=village.pk).exists():
        raise ValidationError(_("The disclosure lists nobody of this village."))
    if not disclosure.prints_board_sheet():
        raise ValidationError(_("The print sheet is available only while the disclosure is published."))
    rows = board_rows(entry_list(disclosure=disclosure, village=village))
    render = disclosure_pdf if kind == "pdf" else disclosure_docx
    content = render(disclosure=disclosure, rows=rows, url=url, village=village)
    content_type, extension = SHEET_KINDS[kind]
    data: dict[str, Any] = {"format": extension, "entries": len(rows)}
    if village is not None:
        data.update(village=village.code, village_name=village.name)
    with transaction.atomic():
        audit_event(
            actor=actor,
            action="disclosure.sheet_download",
            target=disclosure,
            org=disclosure.issuer,
            data=data,
            request=request,
        )
    suffix = f"-{village.code}" if village is not None else ""
    return Sheet(content=content, content_type=content_type, filename=f"gongshi-{disclosure.pk}{suffix}.{extension}")


# --- objections -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filed:
    objection: Objection
    token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def objection_file(
    *,
    disclosure: Disclosure,
    entry: DisclosureEntry,
    name: str,
    contact: str,
    reason: str,
    today: date | None = None,
    request: Any = None,
) -> Filed:
    """A member of the public objects to one entry of a running disclosure. The contact is
    stored encrypted; the answer is due in 20 working days (holidays and make-up days
    counted); the issuing unit is told, and so is the town that answers for a village's
    公示. Returns the token for the objector's status page."""
    today = today or timezone.localdate()
    if not disclosure.accepts_objections(today):
        raise ValidationError(_("This disclosure no longer takes objections."))
    if entry.disclosure_id != disclosure.pk:
        raise ValidationError(_("Choose an entry of this disclosure."))
    days = int(getattr(settings, "OBJECTION_WORKING_DAYS", OBJECTION_WORKING_DAYS))
    token = secrets.token_urlsafe(18)
    with transaction.atomic():
        objection = Objection.objects.create(
            disclosure=disclosure,
            entry=entry,
            entry_label=entry.web_label,
            name=name.strip()[:50],
            contact_enc=get_cipher().encrypt(contact.strip()),
            reason=reason.strip(),
            filed_on=today,
            deadline=add_working_days(today, days),
            token_hash=token_hash(token),
        )
        audit_event(
            actor=None,
            action="disclosure.objection_file",
            target=objection,
            org=disclosure.issuer,
            data={"disclosure": disclosure.pk, "entry": entry.web_label, "deadline": objection.deadline.isoformat()},
            request=request,
        )
        title = _("Objection to “%(title)s”, answer due %(date)s") % {
            "title": disclosure.title,
            "date": objection.deadline.isoformat(),
        }
        issuer = disclosure.issuer
        _notify_objection(objection.pk, issuer, title, f"objection:{objection.pk}")
        town = issuer_town(issuer)
        if town is not None and town.pk != issuer.pk:
            _notify_objection(objection.pk, town, title, f"objection:{objection.pk}:town")
    return Filed(objection=objection, token=token)


def _notify_objection(pk: int, org: Org, title: str, key: str) -> None:
    on_commit(
        lambda: notice_send(kind="objection", title=title, org=org, url=f"/admin/disclosures/objections/{pk}/", key=key)
    )


def objection_answer(
    *,
    actor: User,
    objection: Objection,
    recheck: str,
    outcome: str,
    answer: str,
    amount: Decimal | None = None,
) -> Objection:
    """Record the re-check and its result; a removal or correction goes through the
    registry's own (audited) services. The objector reads ``answer`` on the status page."""
    if not can_approve(actor, objection.disclosure):
        raise PermissionDenied(_("You may not answer objections of this unit."))
    if outcome not in ObjectionOutcome.values:
        raise ValidationError(_("Choose a result."))
    if not recheck.strip() or not answer.strip():
        raise ValidationError(_("Record the re-check and the answer to the objector."))
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        if objection.status == ObjectionStatus.ANSWERED:
            raise ValidationError(_("This objection has been answered."))
        entry = objection.entry
        if outcome in (ObjectionOutcome.REMOVED, ObjectionOutcome.CORRECTED) and entry is None:
            raise ValidationError(_("The entry is no longer on the disclosure."))
        if outcome == ObjectionOutcome.CORRECTED:
            if amount is None:
                raise ValidationError(_("Give the corrected amount."))
            assert entry is not None
            registry_services.benefit_correct(
                actor=actor, benefit=entry.benefit, amount=amount, reason=f"objection #{objection.pk}"
            )
        objection.status = ObjectionStatus.ANSWERED
        objection.recheck = recheck.strip()
        objection.outcome = outcome
        objection.answer = answer.strip()
        objection.handled_by = actor
        objection.answered_at = timezone.now()
        objection.save()
        if outcome == ObjectionOutcome.REMOVED:
            assert entry is not None
            registry_services.benefit_remove(actor=actor, benefit=entry.benefit, reason=f"objection #{objection.pk}")
        audit_event(
            actor=actor,
            action="disclosure.objection_answer",
            target=objection,
            org=objection.disclosure.issuer,
            data={
                "outcome": outcome,
                "entry": objection.entry_label,
                "on_time": timezone.localdate() <= objection.deadline,
            },
        )
    return objection


def objection_contact_reveal(*, actor: User, objection: Objection, request: Any = None) -> str:
    """The objector's contact in full, for the handler who must reply: the
    ``disclosures.reveal_objection_contact`` permission, the objection in the actor's scope,
    and the right to answer it. The objector's contact is personal data too: every reveal is
    an audit event (with the masked value)."""
    from minsheng.core.masking import mask_phone

    from .selectors import objection_list

    if not objection_list(user=actor).filter(pk=objection.pk).exists():
        raise PermissionDenied(_("This objection is outside your unit."))
    if not can_reveal_contact(actor, objection):
        raise PermissionDenied(_("You may not see an objector's full contact."))
    contact = objection.contact()
    with transaction.atomic():
        audit_event(
            actor=actor,
            action="disclosure.objection_contact_reveal",
            target=objection,
            org=objection.disclosure.issuer,
            data={"contact": mask_phone(contact)},
            request=request,
        )
    return contact
