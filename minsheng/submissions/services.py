"""Every write of submissions, reviews, external placements and the point tables."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import Page, Workflow, WorkflowContentType, WorkflowState, WorkflowTask
from wagtail.rich_text import RichText

from minsheng.core.services import audit_event, notice_send, on_commit
from minsheng.orgs.choices import TOWN_KINDS, VILLAGE_KINDS, OrgKind, Role
from minsheng.orgs.models import Org, User
from minsheng.portal.choices import Column
from minsheng.portal.models import ArticlePage, ColumnPage, PhotoStoryImage, PhotoStoryPage, VideoPage

from .choices import (
    EDITABLE_STATUSES,
    Level,
    Placement,
    PlacementStatus,
    ReviewAction,
    SubmissionStatus,
)
from .models import (
    SUBMISSION_RICH_TEXT_FEATURES,
    ExternalPlacement,
    PointRule,
    PointScheme,
    ReviewOutcome,
    Submission,
    SubmissionReviewTask,
    SubmissionSettings,
)
from .scoring import DEFAULT_LEVEL_POINTS

WORKFLOW_NAME = "信息报送审核"
TASK_NAME = "市民生办审核"


# --- Who may do what --------------------------------------------------------------------


def is_reviewer(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or getattr(user, "role", "") == Role.COORDINATOR)


def can_submit(user: Any) -> bool:
    """Departments and towns submit; villages only when the setting allows it."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "org", None) is None:
        return False
    if user.role in (Role.DEPARTMENT_LIAISON, Role.TOWN_LIAISON):
        return user.org.kind in (OrgKind.DEPARTMENT, *TOWN_KINDS)
    if user.role == Role.VILLAGE_STAFF and user.org.kind in VILLAGE_KINDS:
        return bool(SubmissionSettings.load().villages_may_submit)
    return False


def _check_owner(actor: User, submission: Submission) -> None:
    if not can_submit(actor) or actor.org_id != submission.unit_id:
        raise PermissionDenied(_("Only the submitting unit may do this."))


def _check_reviewer(actor: User) -> None:
    if not is_reviewer(actor):
        raise PermissionDenied(_("Only the livelihood office reviews submissions."))


def clean_body(html: str) -> str:
    """Keep only what the restricted editor allows: no scripts, no event handlers, no embeds."""
    if not html:
        return ""
    return str(EditorHTMLConverter(features=SUBMISSION_RICH_TEXT_FEATURES).to_database_format(html))


# --- The review workflow ----------------------------------------------------------------


def review_workflow() -> Workflow:
    """The one moderation workflow of submissions (created on first use and after migrate)."""
    from django.contrib.contenttypes.models import ContentType

    task = SubmissionReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SubmissionReviewTask.objects.create(name=TASK_NAME)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    ct = ContentType.objects.get_for_model(Submission)
    WorkflowContentType.objects.update_or_create(content_type=ct, defaults={"workflow": workflow})
    return workflow


# --- Writing and submitting -------------------------------------------------------------


def submission_create(
    *, actor: User, submission: Submission, save: Callable[[], Submission] | None = None
) -> Submission:
    """A new draft of ``actor``'s unit. ``save`` is the admin's save (revision and all);
    without it the piece and a first revision are saved here."""
    if not can_submit(actor):
        raise PermissionDenied(_("Your unit does not submit pieces."))
    assert actor.org is not None
    with transaction.atomic():
        submission.unit = actor.org
        submission.created_by = actor
        submission.status = SubmissionStatus.DRAFT
        submission.body = clean_body(submission.body)
        if save is not None:
            submission = save()
        else:
            submission.save()
            submission.save_revision(user=actor)
        audit_event(actor=actor, action="submission.create", target=submission, org=submission.unit)
    return submission


def submission_edit(*, actor: User, submission: Submission, save: Callable[[], Submission] | None = None) -> Submission:
    """Change a draft, a returned or a withdrawn piece (the reviewer may touch up a submitted one)."""
    if is_reviewer(actor):
        if submission.status not in (*EDITABLE_STATUSES, SubmissionStatus.SUBMITTED):
            raise PermissionDenied(_("A decided piece cannot be changed."))
    else:
        _check_owner(actor, submission)
        if submission.status not in EDITABLE_STATUSES:
            raise PermissionDenied(_("The piece is with the livelihood office or already decided."))
    with transaction.atomic():
        submission.body = clean_body(submission.body)
        if save is not None:
            submission = save()
        else:
            submission.save()
            submission.save_revision(user=actor)
        audit_event(actor=actor, action="submission.edit", target=submission, org=submission.unit)
    return submission


def submission_submit(*, actor: User, submission: Submission) -> Submission:
    """Send the piece to the office: starts the review workflow (or resumes it after a return)."""
    _check_owner(actor, submission)
    if submission.status not in EDITABLE_STATUSES:
        raise ValidationError(_("The piece has already been submitted."))
    problems = submission.column_problems(image_count=submission.images.count())
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        state = submission.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=actor)  # task_submitted → submission_mark_submitted
        else:
            if state is not None:
                state.cancel(user=actor)
            review_workflow().start(submission, actor)
    submission.refresh_from_db()
    return submission


def submission_mark_submitted(*, actor: User | None, submission: Submission) -> Submission:
    """Our side of a (re)submission, whichever way it came (our button or Wagtail's editor)."""
    if submission.status == SubmissionStatus.SUBMITTED:
        return submission
    if actor is not None and not is_reviewer(actor):
        _check_owner(actor, submission)
    if submission.status not in EDITABLE_STATUSES:
        raise PermissionDenied(_("The piece has already been decided."))
    now = timezone.now()
    with transaction.atomic():
        submission.status = SubmissionStatus.SUBMITTED
        submission.round += 1
        submission.submitted_at = submission.submitted_at or now
        submission.last_submitted_at = now
        Submission.objects.filter(pk=submission.pk).update(
            status=submission.status,
            round=submission.round,
            submitted_at=submission.submitted_at,
            last_submitted_at=now,
        )
        audit_event(
            actor=actor,
            action="submission.submit",
            target=submission,
            org=submission.unit,
            data={"round": submission.round},
        )
    return submission


def submission_withdraw(*, actor: User, submission: Submission) -> Submission:
    """Take a piece back while it waits for review (not once the office has decided)."""
    _check_owner(actor, submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Only a piece waiting for review can be withdrawn."))
    with transaction.atomic():
        submission.status = SubmissionStatus.WITHDRAWN
        _save_outcome_fields(submission)
        state = submission.current_workflow_state
        if state is not None and state.status in (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES):
            state.cancel(user=actor)  # workflow_cancelled finds the piece already withdrawn
        audit_event(actor=actor, action="submission.withdraw", target=submission, org=submission.unit)
    return submission


def _save_outcome_fields(submission: Submission) -> None:
    Submission.objects.filter(pk=submission.pk).update(
        status=submission.status,
        decided_at=submission.decided_at,
        adopted_page=submission.adopted_page,
        placement=submission.placement,
        level=submission.level,
    )


def _outcome(
    *, actor: User, submission: Submission, action: str, reason: str = "", placement: str = "", level: str = ""
) -> ReviewOutcome:
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted piece can be reviewed."))
    return ReviewOutcome.objects.create(
        submission=submission,
        round=submission.round,
        action=action,
        placement=placement,
        level=level,
        reason=reason,
        reviewer=actor,
        decided_at=timezone.now(),
    )


def _task_state(submission: Submission) -> Any:
    state = submission.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != task_state.STATUS_IN_PROGRESS:
        return None
    return task_state


def _notify(submission: Submission, kind: str, title: str, body: str = "") -> None:
    url = reverse("submission_review", args=[submission.pk])
    on_commit(lambda: notice_send(kind=kind, title=title, org=submission.unit, body=body, url=url))


def submission_adopt(
    *,
    actor: User,
    submission: Submission,
    placement: str = Placement.ORDINARY,
    level: str = Level.CITY,
    when: datetime | None = None,
) -> Submission:
    """Adopt the piece: publish it to its column (头条 when ``placement`` is headline)."""
    _check_reviewer(actor)
    if placement not in Placement.values or level not in Level.values:
        raise ValidationError(_("Choose a placement and a level."))
    with transaction.atomic():
        outcome = _outcome(
            actor=actor, submission=submission, action=ReviewAction.ADOPT, placement=placement, level=level
        )
        if when is not None:
            outcome.decided_at = when
            outcome.save(update_fields=["decided_at"])
        page = _publish_page(
            actor=actor, submission=submission, headline=placement == Placement.HEADLINE, when=outcome.decided_at
        )
        submission.status = SubmissionStatus.ADOPTED
        submission.decided_at = outcome.decided_at
        submission.adopted_page = page
        submission.placement = placement
        submission.level = level
        _save_outcome_fields(submission)
        task_state = _task_state(submission)
        if task_state is not None:
            task_state.approve(user=actor)  # finishes the workflow; the snippet goes live
            _save_outcome_fields(submission)  # publishing may have restored a stale copy
        audit_event(
            actor=actor,
            action="submission.adopt",
            target=submission,
            org=submission.unit,
            data={"placement": placement, "level": level, "page": page.pk, "round": submission.round},
        )
        _notify(
            submission,
            "submission.adopted",
            _("Adopted: %(title)s") % {"title": submission.title},
            _("Published in %(column)s.") % {"column": Column(submission.column).label},
        )
    return submission


def _publish_page(*, actor: User, submission: Submission, headline: bool, when: datetime) -> Page:
    column_page = ColumnPage.objects.filter(column=submission.column).first()
    if column_page is None:
        raise ValidationError(_("The portal has no column page for this column."))
    images = list(submission.images.select_related("image").all())
    body = clean_body(submission.body)
    common: dict[str, Any] = {
        "title": submission.title,
        "slug": f"submission-{submission.pk}",
        "date": timezone.localtime(when).date(),
        "source_unit": submission.unit,
        "author": submission.author,
        "summary": submission.summary[:300],
        "is_headline": headline,
        "cover_image": images[0].image if images else None,
    }
    page: ArticlePage | PhotoStoryPage | VideoPage
    if submission.column == Column.PHOTOS:
        page = PhotoStoryPage(**common)
        page.photos = [PhotoStoryImage(image=i.image, alt_text=i.alt_text, caption=i.caption) for i in images]  # type: ignore[assignment]
    elif submission.column == Column.VIDEOS:
        page = VideoPage(**common, video=submission.video, embed_url=submission.embed_url, description=body)
    else:
        blocks: list[tuple[str, Any]] = [("paragraph", RichText(body))] if body else []
        blocks += [("image", {"image": i.image, "alt_text": i.alt_text, "caption": i.caption}) for i in images]
        page = ArticlePage(**common, body=blocks)
    page.related_items = list(submission.related_items.all())  # type: ignore[assignment]
    column_page.add_child(instance=page)
    # The reviewer's right to adopt was checked above; adoption publishes on the office's behalf.
    page.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    return page


def submission_return(*, actor: User, submission: Submission, reason: str) -> Submission:
    """Send the piece back for changes; the unit edits and resubmits (a new round)."""
    _check_reviewer(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the piece is returned."))
    with transaction.atomic():
        outcome = _outcome(actor=actor, submission=submission, action=ReviewAction.RETURN, reason=reason)
        submission.status = SubmissionStatus.RETURNED
        submission.decided_at = outcome.decided_at
        _save_outcome_fields(submission)
        task_state = _task_state(submission)
        if task_state is not None:
            task_state.reject(user=actor, comment=reason)  # the workflow now needs changes
        audit_event(
            actor=actor, action="submission.return", target=submission, org=submission.unit, data={"reason": reason}
        )
        _notify(
            submission,
            "submission.returned",
            _("Returned for changes: %(title)s") % {"title": submission.title},
            reason,
        )
    return submission


def submission_decline(*, actor: User, submission: Submission, reason: str) -> Submission:
    """Decline the piece, with a reason; the workflow ends."""
    _check_reviewer(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the piece is declined."))
    with transaction.atomic():
        outcome = _outcome(actor=actor, submission=submission, action=ReviewAction.DECLINE, reason=reason)
        submission.status = SubmissionStatus.DECLINED
        submission.decided_at = outcome.decided_at
        _save_outcome_fields(submission)
        task_state = _task_state(submission)
        if task_state is not None:
            task_state.reject(user=actor, comment=reason)
            state = submission.current_workflow_state
            if state is not None:
                state.cancel(user=actor)
        audit_event(
            actor=actor, action="submission.decline", target=submission, org=submission.unit, data={"reason": reason}
        )
        _notify(submission, "submission.declined", _("Declined: %(title)s") % {"title": submission.title}, reason)
    return submission


def submissions_notify_waiting(*, now: datetime | None = None) -> int:
    """Tell the office about pieces waiting longer than the setting (each piece and round once)."""
    now = now or timezone.now()
    days = SubmissionSettings.load().waiting_days
    office = Org.objects.filter(kind=OrgKind.COORDINATOR).order_by("path").first()
    sent = 0
    waiting = Submission.objects.filter(
        status=SubmissionStatus.SUBMITTED, last_submitted_at__lt=now - timedelta(days=days)
    ).select_related("unit")
    for submission in waiting.order_by("last_submitted_at"):
        assert submission.last_submitted_at is not None
        waited = (now - submission.last_submitted_at).days
        notice = notice_send(
            kind="submission.waiting",
            title=_("Waiting %(days)d days for review: %(title)s") % {"days": waited, "title": submission.title},
            org=office,
            body=submission.unit.name,
            url=reverse("submission_review", args=[submission.pk]),
            key=f"submission.waiting:{submission.pk}:{submission.round}",
        )
        if notice is not None:
            sent += 1
    return sent


# --- External placements ----------------------------------------------------------------


def external_placement_save(*, actor: User, placement: ExternalPlacement) -> ExternalPlacement:
    """Record (or correct) a placement. A unit records its own; a confirmed one is the office's."""
    if is_reviewer(actor):
        if placement.unit_id is None:
            raise ValidationError(_("Choose the unit."))
    else:
        if not can_submit(actor):
            raise PermissionDenied(_("Your unit does not record placements."))
        if placement.pk and placement.status != PlacementStatus.PENDING:
            raise ValidationError(_("A confirmed or rejected placement cannot be changed."))
        assert actor.org is not None
        placement.unit = actor.org
        placement.status = PlacementStatus.PENDING
    if placement.submission_id and placement.submission and placement.submission.unit_id != placement.unit_id:
        raise ValidationError({"submission": _("The piece belongs to another unit.")})
    placement.full_clean()
    with transaction.atomic():
        created = placement.pk is None
        placement.save()
        audit_event(
            actor=actor,
            action="placement.create" if created else "placement.edit",
            target=placement,
            org=placement.unit,
        )
    return placement


def can_decide_placement(actor: Any, placement: ExternalPlacement) -> bool:
    """The office confirms or rejects; never a unit, and nobody their own unit's placement."""
    own_unit = getattr(actor, "org_id", None) is not None and actor.org_id == placement.unit_id
    return is_reviewer(actor) and not own_unit


def external_placement_confirm(
    *, actor: User, placement: ExternalPlacement, confirm: bool = True, reason: str = ""
) -> ExternalPlacement:
    """Confirm a placement (from then on it scores) or reject it with a reason. A pending one
    is decided; a decided one may be turned the other way (a mistake corrected). The unit
    is told either way."""
    if not is_reviewer(actor):
        raise PermissionDenied(_("Only the livelihood office confirms placements."))
    if not can_decide_placement(actor, placement):
        raise PermissionDenied(_("A unit cannot confirm its own placement."))
    reason = (reason or "").strip()
    if not confirm and not reason:
        raise ValidationError({"reason": _("Say why the placement is not confirmed.")})
    status = PlacementStatus.CONFIRMED if confirm else PlacementStatus.REJECTED
    with transaction.atomic():
        current = ExternalPlacement.objects.select_for_update().get(pk=placement.pk)
        if current.status == status:
            raise ValidationError(
                _("The placement is already confirmed.") if confirm else _("The placement is already rejected.")
            )
        previous = current.status
        placement.status = status
        placement.confirmed_by = actor
        placement.confirmed_at = timezone.now()
        placement.rejection_reason = "" if confirm else reason
        placement.save(update_fields=["status", "confirmed_by", "confirmed_at", "rejection_reason", "updated_at"])
        data: dict[str, Any] = {"from": previous}
        if reason:
            data["reason"] = reason
        audit_event(
            actor=actor,
            action="placement.confirm" if confirm else "placement.reject",
            target=placement,
            org=placement.unit,
            data=data,
        )
        title = _("Placement confirmed: %(title)s") if confirm else _("Placement not confirmed: %(title)s")
        url = reverse("placements:edit", args=[placement.pk])
        on_commit(
            lambda: notice_send(
                kind="placement.confirmed" if confirm else "placement.rejected",
                title=title % {"title": placement.title},
                org=placement.unit,
                body=reason,
                url=url,
            )
        )
    return placement


# --- Point tables -----------------------------------------------------------------------


def scoring_record_save(*, actor: User, instance: models.Model) -> models.Model:
    """Save a point scheme, rule, quota or penalty (the office's back-office tables)."""
    _check_reviewer(actor)
    instance.full_clean()
    with transaction.atomic():
        created = instance.pk is None
        instance.save()
        audit_event(
            actor=actor,
            action=f"{instance._meta.model_name}.{'create' if created else 'edit'}",
            target=instance,
        )
    return instance


def point_rules_ensure_defaults(*, actor: User | None, year: int) -> int:
    """The DESIGN defaults for ``year`` (city 4, provincial 6, national 20, county 2 for every
    kind of piece; headline ×2; leader's instruction +10; missed quota 2 × shortfall).
    Existing rows are kept. Returns how many rows were created."""
    from .choices import PieceKind

    created = 0
    with transaction.atomic():
        _scheme, made = PointScheme.objects.get_or_create(year=year)
        created += int(made)
        for level, points in DEFAULT_LEVEL_POINTS.items():
            for kind in PieceKind.values:
                _rule, made = PointRule.objects.get_or_create(
                    year=year, level=level, kind=kind, defaults={"points": points}
                )
                created += int(made)
        if created:
            audit_event(actor=actor, action="pointrule.defaults", data={"year": year, "created": created})
    return created
