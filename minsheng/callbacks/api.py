"""The mobile app's API (django-ninja): my tasks, one task, record an outcome.

``Authorization: Bearer <token>`` (tokens from ``manage.py callbacks_token``); the same
scoped selectors and the same ``call_record`` service as the call form; masked data only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from . import selectors, services
from .choices import CheckField, Method, Source
from .models import CallTask


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.api_token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return user


api = NinjaAPI(
    urls_namespace="callbacks_api",
    title="Minsheng callbacks API",
    version="1.0",
    description="Callback tasks for village and town callers (masked data only).",
    auth=TokenAuth(),
)


class Question(Schema):
    key: str
    text: str
    choices: list[str]


class TaskOut(Schema):
    id: int
    campaign: str
    status: str
    attempts: int
    name: str
    town: str
    village: str
    item: str
    amount: str | None
    masked_id: str
    masked_phone: str
    questions: list[Question]


class OutcomeIn(Schema):
    reached: str
    method: str = Method.PHONE
    identity_confirmed: bool = False
    address_ok: bool = True
    id_ok: bool = True
    phone_ok: bool = True
    item_ok: bool = True
    amount_ok: bool = True
    proposed: dict[str, str] = {}
    knows: bool = False
    understanding: str = ""
    satisfaction: str = ""
    comments: str = ""
    answers: dict[str, str] = {}


class AttemptOut(Schema):
    id: int
    task_status: str
    attempts: int
    corrections: int


def _task_out(task: CallTask) -> dict[str, Any]:
    return {
        "id": task.pk,
        "campaign": task.campaign.name,
        "status": task.status,
        "attempts": task.attempts,
        "name": task.person.masked_name,
        "town": task.town.name,
        "village": task.village.name,
        "item": task.item.name,
        "amount": str(task.benefit.amount) if task.benefit.amount is not None else None,
        "masked_id": task.person.masked_id,
        "masked_phone": task.person.masked_phone,
        "questions": task.campaign.extra_questions,
    }


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@api.get("/tasks", response=list[TaskOut], summary="My open tasks")
def my_tasks(request: HttpRequest, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    user = _user(request)
    if not user.has_perm("callbacks.call_calltask"):
        raise HttpError(403, "forbidden")
    tasks = selectors.open_call_tasks(user=user)[offset : offset + min(limit, 500)]
    return [_task_out(t) for t in tasks]


@api.get("/tasks/{task_id}", response=TaskOut, summary="One task")
def one_task(request: HttpRequest, task_id: int) -> dict[str, Any]:
    task = get_object_or_404(selectors.call_tasks(user=_user(request)), pk=task_id)
    return _task_out(task)


@api.post("/tasks/{task_id}/calls", response={201: AttemptOut}, summary="Record a call")
def record_call(request: HttpRequest, task_id: int, payload: OutcomeIn) -> Status:
    user = _user(request)
    task = get_object_or_404(selectors.call_tasks(user=user), pk=task_id)
    proposed = {k: v for k, v in payload.proposed.items() if k in CheckField.values}
    outcome = services.Outcome(
        reached=payload.reached,
        method=payload.method,
        identity_confirmed=payload.identity_confirmed,
        checks={
            "address_ok": payload.address_ok,
            "id_ok": payload.id_ok,
            "phone_ok": payload.phone_ok,
            "item_ok": payload.item_ok,
            "amount_ok": payload.amount_ok,
        },
        proposed=proposed,
        knows=payload.knows,
        understanding=payload.understanding,
        satisfaction=payload.satisfaction,
        comments=payload.comments,
        answers=payload.answers,
    )
    try:
        attempt = services.call_record(actor=user, task=task, outcome=outcome, source=Source.API)
    except PermissionDenied as exc:
        raise HttpError(403, "forbidden") from exc
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    task.refresh_from_db()
    body = {"id": attempt.pk, "task_status": task.status, "attempts": task.attempts}
    return Status(201, {**body, "corrections": task.corrections.count()})
