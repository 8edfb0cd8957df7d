"""Public item pages, served through ItemIndexPage's routes (thin: select, render)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from . import selectors
from .pdf import item_sheet_pdf


def item_list(request: HttpRequest, *, page: Any, year: int | None) -> HttpResponse:
    years = selectors.item_years()
    if year is None:
        year = selectors.current_year()
    elif year not in years:
        raise Http404
    category = request.GET.get("category", "")[:30]
    department = request.GET.get("department", "")[:20]
    items = list(selectors.public_item_list(year=year, category=category, department_code=department))
    progress = selectors.item_progress(items)
    context = page.get_context(request)
    context.update(
        {
            "year": year,
            "years": years,
            "items": [progress[i.pk] for i in items],
            "overall": selectors.overall_percent(selectors.item_progress(selectors.public_item_list(year=year))),
            "filters": selectors.item_filter_choices(year=year),
            "category": category,
            "department": department,
        }
    )
    return TemplateResponse(request, "projects/item_list.html", context)


def item_detail(request: HttpRequest, *, page: Any, code: str) -> HttpResponse:
    item = selectors.public_item(code=code)
    if item is None:
        raise Http404
    context = page.get_context(request)
    context.update(
        {
            "item": item,
            "progress": selectors.item_progress([item])[item.pk],
            "timeline": selectors.item_timeline(item=item),
            "pieces": selectors.related_pieces(item=item),
            "highlights": list(selectors.highlight_list(item=item)[:6]),
            "sheet_url": page.url + page.reverse_subpage("item_sheet", kwargs={"code": code}),
        }
    )
    return TemplateResponse(request, "projects/item_detail.html", context)


def item_sheet(request: HttpRequest, *, page: Any, code: str) -> HttpResponse:
    item = selectors.public_item(code=code)
    if item is None:
        raise Http404
    item_url = request.build_absolute_uri(page.url + page.reverse_subpage("item_detail", kwargs={"code": code}))
    pdf = item_sheet_pdf(item=item, url=item_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mingbaizhi-{item.code}.pdf"'
    return response
