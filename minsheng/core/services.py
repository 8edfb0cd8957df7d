"""The service helpers every write in Minsheng goes through.

Transaction policy (docs/architecture.md): a service is one ``transaction.atomic``
block; it writes its rows and its audit event together, so either both land or
neither does; side effects (mail, tasks, cache) are scheduled with
``transaction.on_commit`` and never run for a write that rolled back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from .models import AuditEvent, Notice

if TYPE_CHECKING:
    from django.http import HttpRequest

    from minsheng.orgs.models import Org, User


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_event(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    org: Org | None = None,
    data: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``target``.

    ``action`` is a dotted code such as ``org.create`` or ``beneficiary.reveal``.
    ``data`` must not hold personal data in clear (IDs, phones): pass masked values.
    Call it inside the service's transaction so the event and the change commit together.
    """
    actor_obj = actor if actor is not None and getattr(actor, "pk", None) else None
    event = AuditEvent(
        actor=actor_obj,
        actor_label=_actor_label(actor_obj),
        action=action,
        data=data or {},
        ip_address=client_ip(request),
    )
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(target.pk)
        event.target_label = str(target)[:255]
    if org is None and actor_obj is not None:
        org = getattr(actor_obj, "org", None)
    event.org = org
    event.save()
    return event


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return "系统"
    return (getattr(actor, "full_name", "") or actor.get_username())[:150]


def on_commit(func: Any) -> None:
    """Run ``func`` after the surrounding transaction commits (now, if there is none)."""
    transaction.on_commit(func)


def notice_send(
    *,
    kind: str,
    title: str,
    org: Org | None = None,
    user: User | None = None,
    body: str = "",
    url: str = "",
    key: str | None = None,
) -> Notice | None:
    """Tell a unit (or one user) something. With ``key``, a notice is sent only once."""
    if key is not None and Notice.objects.filter(key=key).exists():
        return None
    return Notice.objects.create(kind=kind, title=title[:255], org=org, user=user, body=body, url=url, key=key)


def notice_mark_read(*, user: Any, notice: Notice) -> None:
    """Mark a notice the user can see as read (a unit's notice: read for the whole unit)."""
    from .selectors import notice_list

    notice_list(user=user).filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())


def notices_mark_all_read(*, user: Any) -> int:
    from .selectors import notice_list

    return notice_list(user=user, unread_only=True).update(read_at=timezone.now())
