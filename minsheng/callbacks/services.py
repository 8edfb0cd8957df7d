"""Every write of callbacks: campaigns and their samples, phone reveals, calls, corrections,
API tokens. Each is atomic and audited; no personal data in clear in an event."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from minsheng.beneficiaries.models import Benefit, Person
from minsheng.beneficiaries.roster import messages as roster_messages
from minsheng.beneficiaries.services import benefit_correct_field
from minsheng.core import idcard
from minsheng.core.crypto import get_cipher
from minsheng.core.masking import mask_id, mask_name, mask_phone
from minsheng.core.services import audit_event, notice_send, on_commit
from minsheng.orgs.choices import Role
from minsheng.orgs.models import Org, User
from minsheng.orgs.scoping import scope_for
from minsheng.projects.models import LivelihoodItem

from . import selectors
from .choices import (
    PERSONAL_FIELDS,
    AssignTo,
    CheckField,
    CorrectionStatus,
    Method,
    Reached,
    RoundKind,
    Satisfaction,
    Source,
    TaskStatus,
    Understanding,
)
from .models import CHECK_FIELDS, CHECKS, ApiToken, CallAttempt, CallTask, Campaign, CorrectionRequest
from .sampling import stratified_sample

MAX_FAILED_ATTEMPTS = 3
DEFAULT_CITY_SHARE = Decimal("0.2")
# the number on file does not reach the person: a phone correction is opened at once
PHONE_FAULTS = (Reached.EMPTY, Reached.SUSPENDED, Reached.WRONG)
APPLIED_FIELDS = {CheckField.PHONE: "phone", CheckField.ID_NUMBER: "id_number", CheckField.AMOUNT: "amount"}


# --- Campaigns ----------------------------------------------------------------------------


def validate_questions(questions: Any) -> list[dict[str, Any]]:
    """Extra questions: a list of {"key", "text", "choices": [...]}, keys unique."""
    if not isinstance(questions, list):
        raise ValidationError(_("Extra questions must be a list."))
    keys: set[str] = set()
    out: list[dict[str, Any]] = []
    for q in questions:
        if not isinstance(q, dict) or not str(q.get("text", "")).strip():
            raise ValidationError(_("Each extra question needs a text."))
        choices = q.get("choices")
        if not isinstance(choices, list) or len(choices) < 2 or not all(isinstance(c, str) and c for c in choices):
            raise ValidationError(_("Each extra question needs at least two choices."))
        key = str(q.get("key") or f"q{len(out) + 1}")
        if key in keys:
            raise ValidationError(_("Extra question keys must be unique."))
        keys.add(key)
        out.append({"key": key, "text": str(q["text"]).strip(), "choices": [c.strip() for c in choices]})
    return out


def campaign_create(
    *,
    actor: User | None,
    name: str,
    year: int,
    round: str,
    owner: Org,
    items: Iterable[LivelihoodItem],
    starts_on: date,
    ends_on: date,
    orgs: Iterable[Org] = (),
    share: Decimal | None = None,
    seed: int | None = None,
    exclude_days: int = 0,
    assign_to: str | None = None,
    extra_questions: list[dict[str, Any]] | None = None,
) -> Campaign:
    """Create a campaign, draw its sample and make one call task per selected benefit."""
    items = list(items)
    orgs = list(orgs)
    if actor is not None:
        if not actor.has_perm("callbacks.add_campaign"):
            raise PermissionDenied
        scope = scope_for(actor)
        if round == RoundKind.CITY and not scope.everything:
            raise PermissionDenied(_("Only the livelihood office runs the city re-check."))
        if not scope.can_see_org(owner) or not all(scope.can_see_org(o) for o in orgs):
            raise PermissionDenied
    if not items:
        raise ValidationError(_("Choose at least one item."))
    if ends_on < starts_on:
        raise ValidationError(_("The period ends before it starts."))
    if round == RoundKind.TOWN:
        share = Decimal(1)
        if not orgs:
            orgs = [owner]
    elif share is None:
        share = DEFAULT_CITY_SHARE
    if not 0 < share <= 1:
        raise ValidationError(_("The share must be between 0 and 100%."))
    if seed is None:
        seed = secrets.randbits(48)
    questions = validate_questions(extra_questions or [])
    assign = assign_to or (AssignTo.VILLAGE if round == RoundKind.TOWN else AssignTo.OWNER)

    benefits = Benefit.objects.filter(item__in=items, year=year)
    if orgs:
        area = Q(pk__in=[])
        for org in orgs:
            area |= Q(village__path__startswith=org.path)
        benefits = benefits.filter(area)
    elif actor is not None:
        benefits = scope_for(actor).filter(benefits, org_field="village", department_field="item__lead_department")
    rows: list[tuple[int, int, int, int, int]] = [
        (r[0], r[1] or 0, r[2], r[3], r[4])
        for r in benefits.values_list("id", "village__parent_id", "village_id", "person_id", "item_id")
    ]
    excluded: set[int] = set()
    if exclude_days:
        since = timezone.now() - timedelta(days=exclude_days)
        recent = set(CallAttempt.objects.filter(called_at__gte=since).values_list("person_id", flat=True))
        excluded = {r[0] for r in rows if r[3] in recent}
    picked = stratified_sample(((r[0], r[1], r[2]) for r in rows), share=share, seed=seed, exclude=excluded)
    by_id = {r[0]: r for r in rows}
    staffed = set(
        User.objects.filter(role=Role.VILLAGE_STAFF, is_active=True, org__isnull=False).values_list("org_id", flat=True)
    )

    def assignee(village_id: int, town_id: int) -> int:
        if assign == AssignTo.OWNER:
            return owner.pk
        if assign == AssignTo.VILLAGE and village_id in staffed:
            return village_id
        return town_id

    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name,
            year=year,
            round=round,
            owner=owner,
            share=share,
            seed=seed,
            starts_on=starts_on,
            ends_on=ends_on,
            exclude_days=exclude_days,
            assign_to=assign,
            extra_questions=questions,
            population=len(rows),
            excluded=len(excluded),
            created_by=actor if actor is not None and actor.pk else None,
        )
        campaign.items.set(items)
        campaign.orgs.set(orgs)
        tasks = []
        for benefit_id in picked:
            _b, town_id, village_id, person_id, item_id = by_id[benefit_id]
            tasks.append(
                CallTask(
                    campaign=campaign,
                    benefit_id=benefit_id,
                    person_id=person_id,
                    item_id=item_id,
                    village_id=village_id,
                    town_id=town_id,
                    assigned_org_id=assignee(village_id, town_id),
                )
            )
        CallTask.objects.bulk_create(tasks, batch_size=5000)
        audit_event(
            actor=actor,
            action="callback.campaign_create",
            target=campaign,
            org=owner,
            data={
                "round": round,
                "share": str(share),
                "seed": seed,
                "population": len(rows),
                "excluded": len(excluded),
                "tasks": len(tasks),
            },
        )
    return campaign


# --- Calls --------------------------------------------------------------------------------


def _callable_task(actor: User, task: CallTask) -> CallTask:
    if not actor.has_perm("callbacks.call_calltask"):
        raise PermissionDenied
    found = selectors.call_tasks(user=actor).filter(pk=task.pk).first()
    if found is None:
        raise PermissionDenied
    return found


def task_reveal_phone(*, actor: User, task: CallTask, request: Any = None) -> str:
    """The full phone number of an open task the actor is calling; audited (masked)."""
    task = _callable_task(actor, task)
    if not task.is_open:
        raise PermissionDenied(_("This task is closed."))
    phone = task.person.phone()
    with transaction.atomic():
        audit_event(
            actor=actor,
            action="callback.reveal_phone",
            target=task,
            org=task.village,
            data={"person": task.person_id, "name": mask_name(task.person.name), "phone": mask_phone(phone)},
            request=request,
        )
    return phone


@dataclass
class Outcome:
    reached: str
    method: str = Method.PHONE
    identity_confirmed: bool = False
    checks: dict[str, bool] = field(default_factory=dict)  # address_ok … amount_ok; missing: True
    proposed: dict[str, str] = field(default_factory=dict)  # CheckField → the right value
    knows: bool = False
    understanding: str = ""
    satisfaction: str = ""
    comments: str = ""
    answers: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return self.reached == Reached.REACHED and self.identity_confirmed


def _check_outcome(outcome: Outcome, campaign: Campaign) -> None:
    if outcome.reached not in Reached.values or outcome.method not in Method.values:
        raise ValidationError(_("Choose whether the call got through."))
    if outcome.valid and (not outcome.understanding or not outcome.satisfaction):
        raise ValidationError(_("A reached and confirmed call records understanding and satisfaction."))
    if outcome.understanding and outcome.understanding not in Understanding.values:
        raise ValidationError(_("Not one of the choices."))
    if outcome.satisfaction and outcome.satisfaction not in Satisfaction.values:
        raise ValidationError(_("Not one of the choices."))
    for key in outcome.checks:
        if key not in CHECKS:
            raise ValidationError(_("Unknown info check."))
    for q in campaign.extra_questions:
        answer = outcome.answers.get(q["key"])
        if answer and answer not in q["choices"]:
            raise ValidationError(_("Not one of the choices."))


def _current_masked(task: CallTask, check: str) -> str:
    person = task.person
    if check == CheckField.ADDRESS:
        return f"{task.town.name} {task.village.name}"
    if check == CheckField.ID_NUMBER:
        return mask_id(person.id_number())
    if check == CheckField.PHONE:
        return mask_phone(person.phone())
    if check == CheckField.ITEM:
        return f"{task.item.code} {task.item.name}"
    return str(task.benefit.amount or "")


def _correction(*, actor: User, task: CallTask, check: str, proposed: str, note: str) -> CorrectionRequest:
    cipher = get_cipher()
    personal = check in PERSONAL_FIELDS
    return CorrectionRequest.objects.create(
        task=task,
        benefit_id=task.benefit_id,
        person_id=task.person_id,
        village_id=task.village_id,
        item_id=task.item_id,
        field=check,
        current_masked=_current_masked(task, check),
        proposed_enc=cipher.encrypt(proposed) if personal and proposed else None,
        proposed_text="" if personal else proposed[:200],
        note=note,
        requested_by=actor,
    )


def call_record(*, actor: User, task: CallTask, outcome: Outcome, source: str = Source.FORM) -> CallAttempt:
    """Record one call (or home visit) of a task; the same service for the form and the API."""
    task = _callable_task(actor, task)
    if not task.is_open:
        raise ValidationError(_("This task is closed."))
    _check_outcome(outcome, task.campaign)
    now = timezone.now()
    checks = {key: bool(outcome.checks.get(key, True)) for key in CHECKS}
    valid = outcome.valid
    if not valid:  # nothing was checked or asked
        checks = dict.fromkeys(CHECKS, True)
    with transaction.atomic():
        task = (
            CallTask.objects.select_for_update()
            .select_related("person", "item", "village", "town", "benefit")
            .get(pk=task.pk)
        )
        attempt = CallAttempt.objects.create(
            task=task,
            called_at=now,
            caller=actor,
            person_id=task.person_id,
            method=outcome.method,
            source=source,
            reached=outcome.reached,
            identity_confirmed=outcome.identity_confirmed and outcome.reached == Reached.REACHED,
            knows=outcome.knows and valid,
            understanding=outcome.understanding if valid else "",
            satisfaction=outcome.satisfaction if valid else "",
            comments=outcome.comments,
            answers={k: v for k, v in outcome.answers.items() if v} if valid else {},
            **checks,
        )
        task.attempts += 1
        task.last_called_at = now
        task.caller = actor
        task.reached = attempt.reached
        task.identity_confirmed = attempt.identity_confirmed
        task.knows = attempt.knows
        task.understanding = attempt.understanding
        task.satisfaction = attempt.satisfaction
        for key in CHECKS:
            setattr(task, key, checks[key])
        if outcome.reached in (Reached.REACHED, Reached.REFUSED):
            task.status = TaskStatus.DONE
        elif (
            outcome.reached in PHONE_FAULTS
            or task.attempts >= MAX_FAILED_ATTEMPTS
            or outcome.method == Method.HOME  # not found at home: stays a home visit
        ):
            task.status = TaskStatus.HOME_VISIT
        else:
            task.status = TaskStatus.RETRY
        task.save()
        made = []
        if valid:
            for key in CHECKS:
                if not checks[key]:
                    check = CHECK_FIELDS[key]
                    made.append(
                        _correction(
                            actor=actor,
                            task=task,
                            check=check,
                            proposed=outcome.proposed.get(check, "").strip(),
                            note=outcome.comments,
                        )
                    )
        if (
            outcome.reached in PHONE_FAULTS
            and not task.corrections.filter(field=CheckField.PHONE, status=CorrectionStatus.OPEN).exists()
        ):
            made.append(
                _correction(
                    actor=actor,
                    task=task,
                    check=CheckField.PHONE,
                    proposed=outcome.proposed.get(CheckField.PHONE, "").strip(),
                    note="",  # the list shows the call's outcome (空号/停机/号码错误) in the reader's language
                )
            )
        for correction in made:
            _notify_requested(correction, task)
        audit_event(
            actor=actor,
            action="callback.call",
            target=task,
            org=task.village,
            data={
                "reached": outcome.reached,
                "method": outcome.method,
                "status": task.status,
                "source": source,
                "corrections": [c.pk for c in made],
            },
        )
    return attempt


# --- Corrections --------------------------------------------------------------------------


def _notice_title(template: str, correction: CorrectionRequest, person: Person, village: Org) -> str:
    return template % {
        "field": correction.get_field_display(),
        "name": mask_name(person.name),
        "village": village.name,
        "reason": correction.reason,
    }


def _notify(*, correction: CorrectionRequest, org: Org | None, event: str, title: str) -> None:
    """One notice per event of a correction (its key makes a second send a no-op), after commit."""
    if org is None:
        return
    key = f"callback.correction:{correction.pk}:{event}"
    status = CorrectionStatus.OPEN if event == "requested" else event
    url = f"{reverse('callbacks_corrections')}?status={status}"
    on_commit(lambda: notice_send(kind=f"callback.correction_{event}", title=title, org=org, url=url, key=key))


def _notify_requested(correction: CorrectionRequest, task: CallTask) -> None:
    """Tell the unit that decides: the town of the record's village, which owns the registry
    there (the item's department and the office may decide too; they see the list)."""
    template = _("Callback correction to decide: %(field)s of %(name)s (%(village)s)")
    title = _notice_title(template, correction, task.person, task.village)
    _notify(correction=correction, org=task.town, event="requested", title=title)


def _notify_decided(correction: CorrectionRequest) -> None:
    """Tell the unit that asked: the requesting caller's unit (else the unit the task was assigned to)."""
    requester = correction.requested_by
    org = requester.org if requester is not None and requester.org_id else correction.task.assigned_org
    if correction.status == CorrectionStatus.APPROVED:
        template = _("Callback correction approved: %(field)s of %(name)s (%(village)s)")
    else:
        template = _("Callback correction rejected: %(field)s of %(name)s (%(village)s): %(reason)s")
    title = _notice_title(template, correction, correction.person, correction.village)
    _notify(correction=correction, org=org, event=correction.status, title=title)


def _decidable(actor: User, correction: CorrectionRequest) -> CorrectionRequest:
    if not actor.has_perm("callbacks.decide_correctionrequest"):
        raise PermissionDenied
    found = selectors.corrections(user=actor).filter(pk=correction.pk).first()
    if found is None:
        raise PermissionDenied
    if found.status != CorrectionStatus.OPEN:
        raise ValidationError(_("This correction has been decided."))
    return found


def _taken_id_number() -> ValidationError:
    return ValidationError(
        _(
            "This ID number already belongs to another registered person, so it cannot be given to this one; "
            "check the number with the beneficiary."
        )
    )


def _check_id_number(correction: CorrectionRequest, value: str) -> None:
    """An ID number the registry can take: a valid one (else the roster's message for its
    code) that no other registered person has (whose, is not told)."""
    try:
        number = idcard.parse(value).number
    except idcard.IdNumberError as exc:
        raise ValidationError(roster_messages().get(exc.code, exc.code)) from exc
    index = get_cipher().blind_index(number)
    if Person.objects.filter(id_index=index).exclude(pk=correction.benefit.person_id).exists():
        raise _taken_id_number()


def correction_approve(*, actor: User, correction: CorrectionRequest, value: str | None = None) -> CorrectionRequest:
    """Apply a correction through the registry's service (audited there too).

    Phone, ID number and amount change the registry; address and item have no registry
    field to change (they are recorded, and the owning unit follows up). A value the
    registry cannot take leaves the correction open and nothing written."""
    correction = _decidable(actor, correction)
    proposed = correction.proposed_value() if value is None else value.strip()
    with transaction.atomic():
        target = APPLIED_FIELDS.get(CheckField(correction.field))
        if target == "id_number":
            _check_id_number(correction, proposed)
        if target is not None:
            try:
                with transaction.atomic():  # a savepoint: a unique-index race must not break the transaction
                    benefit_correct_field(
                        actor=actor, benefit=correction.benefit, field=target, value=proposed, note=correction.note
                    )
            except ValueError as exc:
                raise ValidationError(str(exc)) from exc
            except IntegrityError as exc:  # the same ID registered by someone else meanwhile
                if target != "id_number":
                    raise
                raise _taken_id_number() from exc
        if value is not None:
            if correction.field in PERSONAL_FIELDS:
                correction.proposed_enc = get_cipher().encrypt(proposed) if proposed else None
            else:
                correction.proposed_text = proposed[:200]
        correction.status = CorrectionStatus.APPROVED
        correction.decided_by = actor
        correction.decided_at = timezone.now()
        correction.save()
        audit_event(
            actor=actor,
            action="callback.correction_approve",
            target=correction,
            org=correction.village,
            data={"field": correction.field, "applied": target is not None, "proposed": correction.proposed_masked},
        )
        _notify_decided(correction)
    return correction


def correction_reject(*, actor: User, correction: CorrectionRequest, reason: str) -> CorrectionRequest:
    correction = _decidable(actor, correction)
    if not reason.strip():
        raise ValidationError(_("Give a reason."))
    with transaction.atomic():
        correction.status = CorrectionStatus.REJECTED
        correction.reason = reason.strip()
        correction.decided_by = actor
        correction.decided_at = timezone.now()
        correction.save()
        audit_event(
            actor=actor,
            action="callback.correction_reject",
            target=correction,
            org=correction.village,
            data={"field": correction.field, "reason": reason[:200]},
        )
        _notify_decided(correction)
    return correction


# --- API tokens ---------------------------------------------------------------------------


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, actor: User | None, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``; the raw token is returned once and never stored."""
    raw = "ms_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name[:100], prefix=raw[:8], key_hash=token_hash(raw))
        audit_event(actor=actor, action="callback.api_token_create", target=user, data={"prefix": token.prefix})
    return token, raw


def api_token_authenticate(raw: str) -> User | None:
    token = ApiToken.objects.select_related("user", "user__org").filter(key_hash=token_hash(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
