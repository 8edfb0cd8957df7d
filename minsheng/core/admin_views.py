"""The back office's inbox: every notice for the user and the user's unit."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .selectors import notice_list


def notice_index(request: HttpRequest) -> HttpResponse:
    notices = notice_list(user=request.user).order_by("-created_at", "-pk")
    page = Paginator(notices, 30).get_page(request.GET.get("p"))
    context: dict[str, Any] = {
        "header_title": _("Notices"),
        "page": page,
        "unread": notice_list(user=request.user, unread_only=True).count(),
    }
    return render(request, "core/admin/notice_index.html", context)


def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notice read and go where it points (only inside this site)."""
    notice = get_object_or_404(notice_list(user=request.user), pk=pk)
    services.notice_mark_read(user=request.user, notice=notice)
    target = notice.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("minsheng_notices")
    return HttpResponseRedirect(target)


@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    services.notices_mark_all_read(user=request.user)
    return HttpResponseRedirect(reverse("minsheng_notices"))
