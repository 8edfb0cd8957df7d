from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .models import Notice


def notice_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notice]:
    """Notices for the user and for the user's unit."""
    if not getattr(user, "is_authenticated", False):
        return Notice.objects.none()
    cond = Q(user=user)
    if getattr(user, "org_id", None):
        cond |= Q(org_id=user.org_id, user__isnull=True)
    qs = Notice.objects.filter(cond)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs
