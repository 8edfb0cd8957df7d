"""Views of the public portal outside the Wagtail page tree: search and elder mode."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_safe

from .search import MAX_QUERY_LENGTH, search_page

ELDER_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """``/search/?q=…&page=…``: the Chinese full-text search of published pieces."""
    outcome = search_page(request.GET.get("q"), page_number=request.GET.get("page"), request=request)
    context = {"search": outcome, "query": outcome.query, "max_query_length": MAX_QUERY_LENGTH}
    return TemplateResponse(request, "portal/search.html", context)


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


@require_http_methods(["GET", "POST"])
def elder_mode(request: HttpRequest) -> HttpResponse:
    """Turn elder-friendly mode (适老化: large text, high contrast) on with ``on=1`` or off
    with ``on=0`` (anything else toggles), remember it in a cookie for a year, and go
    back to ``next`` (a local URL only)."""
    data = request.POST if request.method == "POST" else request.GET
    current = request.COOKIES.get(settings.ELDER_COOKIE) == "1"
    wanted = {"1": True, "0": False}.get(data.get("on", ""), not current)
    response = HttpResponseRedirect(_safe_next(request, data.get("next")))
    if wanted:
        response.set_cookie(
            settings.ELDER_COOKIE,
            "1",
            max_age=ELDER_COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(settings.ELDER_COOKIE, samesite="Lax")
    return response
