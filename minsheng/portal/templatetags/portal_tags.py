"""Template helpers of the public portal: navigation, breadcrumbs, pagination links,
the elder-mode switch, media attributes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlparse

from django import template
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from minsheng.portal.models import ColumnPage, HomePage
from minsheng.portal.selectors import breadcrumb_pages, nav_columns, site_root

register = template.Library()

VIDEO_TYPES = {"mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm"}


@dataclass
class Link:
    label: str
    url: str
    active: bool = False


def _request(context: template.Context) -> HttpRequest | None:
    request = context.get("request")
    return request if isinstance(request, HttpRequest) else None


@register.filter
def html_lang(code: str | None) -> str:
    """A BCP 47 tag for ``<html lang>``: ``zh-hans`` → ``zh-Hans``, ``en-gb`` → ``en-GB``."""
    if not code:
        return "zh-Hans"
    lang, _sep, rest = str(code).partition("-")
    if not rest:
        return lang.lower()
    return f"{lang.lower()}-{rest.title() if len(rest) == 4 else rest.upper()}"


@register.simple_tag(takes_context=True)
def portal_nav(context: template.Context) -> list[Link]:
    """Home and the columns for the header, the current one marked active."""
    request = _request(context)
    if request is None:
        return []
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    root = site_root(request)
    if root is None:
        return []
    is_root = isinstance(current, Page) and current.pk == root.pk
    links = [Link(_("Home"), root.get_url(request=request) or "/", is_root)]
    for column in nav_columns(request):
        url = column.get_url(request=request) or ""
        label = column.get_column_display() if isinstance(column, ColumnPage) else column.title
        links.append(Link(str(label), url, current_path.startswith(column.path)))
    return links


@register.simple_tag(takes_context=True)
def portal_breadcrumbs(context: template.Context) -> list[Link]:
    """From the home page down to (not including) the current page."""
    request = _request(context)
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return []
    crumbs = []
    for ancestor in breadcrumb_pages(page=page, request=request):
        if isinstance(ancestor, HomePage):
            label = _("Home")
        elif isinstance(ancestor, ColumnPage):
            label = str(ancestor.get_column_display())
        else:
            label = ancestor.title
        crumbs.append(Link(label, ancestor.get_url(request=request) or ""))
    return crumbs


@register.simple_tag
def page_range(page_obj: PaginatorPage) -> list[Any]:
    """Page numbers around the current one, with ``…`` for the gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int) -> str:
    """The current URL's query string with ``page`` set (other parameters kept)."""
    request = _request(context)
    if request is None:
        return f"?page={int(number)}"
    params = request.GET.copy()
    params["page"] = str(number)
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def elder_toggle_url(context: template.Context) -> str:
    """The link that turns elder mode on (or off when it is on) and comes back here."""
    request = _request(context)
    on = "0" if context.get("elder_mode") else "1"
    back = request.get_full_path() if request is not None else "/"
    return reverse("elder_mode") + "?" + urlencode({"on": on, "next": back})


@register.filter
def video_mime(document: Any) -> str:
    ext = str(getattr(document, "file_extension", "") or "").lower()
    return VIDEO_TYPES.get(ext, "video/mp4")


@register.filter
def file_ext(document: Any) -> str:
    return str(getattr(document, "file_extension", "") or "").upper()


@register.filter
def file_size(document: Any) -> int:
    """Size in bytes (for ``filesizeformat``); 0 when the file cannot be read."""
    try:
        return int(document.get_file_size() or 0)
    except (OSError, AttributeError, ValueError):
        return 0


@register.filter
def embed_src(url: str | None) -> str:
    """The player address if its host is still allowed (``VIDEO_EMBED_HOSTS``), else ''."""
    if not url:
        return ""
    parsed = urlparse(str(url))
    if parsed.scheme == "https" and (parsed.hostname or "").lower() in settings.VIDEO_EMBED_HOSTS:
        return str(url)
    return ""
