"""Public 公示 pages, served through DisclosureIndexPage's routes (thin: select, render).

The web profile only (张*明, no ID, no phone). The 公示栏 print sheet carries full names, so
it is not public: staff download it from the back office (``admin_views.disclosure_sheet``).
No masked download either: the page itself is the public version (and prints), and a file
saved from the portal would outlive the automatic take-down at the end of the period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from minsheng.core.services import client_ip

from . import selectors, services
from .forms import ObjectionForm
from .outputs import channel_lines, period_text, web_rows

PAGE_SIZE = 100
RATE_WINDOW = 60 * 60


def _rate_limit() -> int:
    return int(getattr(settings, "OBJECTION_RATE_LIMIT", 5))


def _rate_key(request: HttpRequest) -> str:
    return f"disclosures:objection-rate:{client_ip(request) or 'unknown'}"


def disclosure_index(request: HttpRequest, *, page: Any) -> HttpResponse:
    base = page.get_url(request)
    running = [(d, base + page.reverse_subpage("detail", kwargs={"pk": d.pk})) for d in selectors.running_disclosures()]
    ended = [
        (d, base + page.reverse_subpage("detail", kwargs={"pk": d.pk})) for d in selectors.ended_disclosures()[:20]
    ]
    context = page.get_context(request)
    context.update({"running": running, "ended": ended})
    return TemplateResponse(request, "disclosures/index.html", context)


def _public(pk: int) -> Any:
    disclosure = selectors.public_disclosure(pk=pk)
    if disclosure is None:
        raise Http404
    return disclosure


def disclosure_detail(request: HttpRequest, *, page: Any, pk: int) -> HttpResponse:
    disclosure = _public(pk)
    entries = selectors.public_entries(disclosure=disclosure)
    paged = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    base = page.get_url(request)
    context = page.get_context(request)
    context.update(
        {
            "disclosure": disclosure,
            "rows": web_rows(paged.object_list),
            "paged": paged,
            "lists_entries": disclosure.lists_entries(),
            "accepts_objections": disclosure.accepts_objections(),
            "period": period_text(disclosure),
            "channel": channel_lines(disclosure),
            "objection_url": base + page.reverse_subpage("objection", kwargs={"pk": pk}),
        }
    )
    return TemplateResponse(request, "disclosures/detail.html", context)


def objection_form(request: HttpRequest, *, page: Any, pk: int) -> HttpResponse:
    disclosure = _public(pk)
    context = page.get_context(request)
    context["disclosure"] = disclosure
    context["detail_url"] = page.get_url(request) + page.reverse_subpage("detail", kwargs={"pk": pk})
    if not disclosure.accepts_objections():
        context["closed"] = True
        return TemplateResponse(request, "disclosures/objection_form.html", context, status=410)
    entries = list(selectors.public_entries(disclosure=disclosure))
    if request.method == "POST":
        form = ObjectionForm(request.POST, entries=entries)
        key = _rate_key(request)
        count = int(cache.get(key, 0))
        # every post counts too (a flood of invalid posts is throttled), with room for a
        # person correcting mistakes: four times the limit of filed objections
        attempts_key = f"{key}:attempts"
        attempts = int(cache.get(attempts_key, 0))
        cache.set(attempts_key, attempts + 1, RATE_WINDOW)
        if count >= _rate_limit() or attempts >= 4 * _rate_limit():
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Too many objections were sent from your network in the last hour. Please try again later or call the objection phone."
                ),
            )
            context["form"] = form
            return TemplateResponse(request, "disclosures/objection_form.html", context, status=429)
        if form.is_valid():
            cache.set(key, count + 1, RATE_WINDOW)
            try:
                filed = services.objection_file(
                    disclosure=disclosure,
                    entry=form.cleaned_data["entry"],
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                status_url = request.build_absolute_uri(
                    page.get_url(request) + page.reverse_subpage("objection_status", kwargs={"token": filed.token})
                )
                context.update({"objection": filed.objection, "status_url": status_url})
                return TemplateResponse(request, "disclosures/objection_filed.html", context)
    else:
        form = ObjectionForm(entries=entries)
    context["form"] = form
    return TemplateResponse(request, "disclosures/objection_form.html", context)


def objection_status(request: HttpRequest, *, page: Any, token: str) -> HttpResponse:
    objection = selectors.objection_by_token(token=token)
    if objection is None:
        raise Http404
    context = page.get_context(request)
    context["objection"] = objection
    response = TemplateResponse(request, "disclosures/objection_status.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response
