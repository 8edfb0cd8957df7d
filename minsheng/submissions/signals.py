"""Our side of Wagtail's workflow: a (re)submission from the editor marks the piece submitted."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_migrate
from django.dispatch import receiver
from wagtail.signals import task_submitted, workflow_cancelled

from .models import Submission, SubmissionReviewTask


@receiver(task_submitted)
def _task_submitted(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    from .services import submission_mark_submitted

    if not isinstance(instance.task.specific, SubmissionReviewTask):
        return
    content = instance.workflow_state.content_object
    if isinstance(content, Submission):
        submission_mark_submitted(actor=user, submission=Submission.objects.get(pk=content.pk))


@receiver(post_migrate)
def _ensure_workflow(sender: Any, **kwargs: Any) -> None:
    if getattr(sender, "label", "") == "submissions":
        from .services import review_workflow

        review_workflow()


@receiver(workflow_cancelled)
def _workflow_cancelled(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    """The unit cancelling the workflow in Wagtail's editor is a withdrawal."""
    from .choices import SubmissionStatus
    from .services import is_reviewer, submission_withdraw

    content = instance.content_object
    if not isinstance(content, Submission) or user is None or is_reviewer(user):
        return
    submission = Submission.objects.get(pk=content.pk)
    if submission.status == SubmissionStatus.SUBMITTED:
        submission_withdraw(actor=user, submission=submission)
