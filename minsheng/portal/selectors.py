"""Reads of the public portal: the home page's sections, column listings, navigation.

Everything here is public (live pages without view restrictions are what the visitor
sees), so there is no user scoping.

Home sections
-------------
The home page shows a list of sections in order. The portal registers its own
(``columns``: the latest pieces of every column); other apps add theirs from their
``AppConfig.ready``::

    from minsheng.portal.selectors import HomeSection, register_home_section

    def items_section(*, home, request):
        items = current_items()
        if not items:
            return None                       # nothing shown
        return HomeSection(key="items", template="projects/home_items.html",
                           title=_("This year's livelihood items"), context={"items": items})

    register_home_section("items", items_section)

Reserved keys, and their place: ``items`` (the livelihood items grid) 10, ``columns`` 20,
``disclosures`` (公示 notices) 30; any other key goes after them unless ``order`` is given.
The home page shows ``section.title`` (if any) as the section's heading, then includes
``section.template`` with the page context plus ``section`` (``section.context`` holds
what the provider returned). A provider that returns ``None`` or a section with
an empty context shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from wagtail.models import Page, Site

from .choices import Column
from .models import ColumnPage, HomePage, PiecePage

HOME_LATEST_COUNT = 5

# Places of the known sections on the home page (lower comes first).
HOME_SECTION_ORDER = {"items": 10, "columns": 20, "disclosures": 30}
DEFAULT_SECTION_ORDER = 100

COLUMN_LAYOUTS = {Column.PHOTOS.value: "gallery", Column.VIDEOS.value: "video"}


@dataclass
class HomeSection:
    key: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    order: int = DEFAULT_SECTION_ORDER


HomeSectionProvider = Callable[..., HomeSection | None]

_home_sections: dict[str, tuple[int, HomeSectionProvider]] = {}


def register_home_section(key: str, provider: HomeSectionProvider, *, order: int | None = None) -> None:
    """Add (or replace) a home page section. ``provider(home=..., request=...)`` returns a
    ``HomeSection`` or ``None``. Registering the same key again replaces it, so calling
    this from ``AppConfig.ready`` is safe."""
    place = order if order is not None else HOME_SECTION_ORDER.get(key, DEFAULT_SECTION_ORDER)
    _home_sections[key] = (place, provider)


def unregister_home_section(key: str) -> None:
    _home_sections.pop(key, None)


def registered_home_sections() -> list[str]:
    return [key for key, _ in sorted(_home_sections.items(), key=lambda kv: (kv[1][0], kv[0]))]


def home_sections(*, home: HomePage, request: HttpRequest) -> dict[str, Any]:
    """Context of the home page: ``home_sections``, the non-empty sections in order."""
    sections: list[HomeSection] = []
    for key in registered_home_sections():
        place, provider = _home_sections[key]
        section = provider(home=home, request=request)
        if section is None or not section.context:
            continue
        section.order = place
        sections.append(section)
    return {"home_sections": sections}


# --- Columns ---------------------------------------------------------------------------


def column_layout(column: str) -> str:
    """``gallery`` for 图绘民生, ``video`` for 视听民生, ``list`` for the others."""
    return COLUMN_LAYOUTS.get(str(column), "list")


def column_pieces(*, column_page: ColumnPage) -> QuerySet[Any] | list[Any]:
    """The live pieces of a column, newest first (by date, then publication).

    A column normally holds one page type: then this is a queryset of that model (so a
    paginator slices it in the database). A column with mixed types is sorted in Python."""
    children = Page.objects.child_of(column_page).live()
    type_ids = list(children.order_by().values_list("content_type_id", flat=True).distinct())
    models = [ContentType.objects.get_for_id(pk).model_class() for pk in type_ids]
    piece_models = [m for m in models if m is not None and issubclass(m, PiecePage)]
    if len(piece_models) == 1 and len(models) == 1:
        model = piece_models[0]
        related = [name for name in ("source_unit", "cover_image", "poster") if _has_field(model, name)]
        return (
            model.objects.child_of(column_page)
            .live()
            .select_related(*related)
            .order_by("-date", "-first_published_at", "-pk")
        )
    if not models:
        return []
    return sorted(children.specific(), key=_piece_sort_key, reverse=True)


def _has_field(model: type[Any], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist
        return False
    return True


def _piece_sort_key(page: Page) -> tuple[int, float, int]:
    day = getattr(page, "date", None)
    published = page.first_published_at.timestamp() if page.first_published_at else 0.0
    return (day.toordinal() if isinstance(day, date) else 0, published, page.pk)


@dataclass
class ColumnSummary:
    page: ColumnPage
    label: str
    layout: str
    pieces: list[Any]
    wide: bool = False  # takes a whole row of the home page's two-column grid


def home_columns(*, home: HomePage) -> list[ColumnSummary]:
    """Each live column under the home page (tree order) with its latest pieces."""
    summaries = []
    for column in ColumnPage.objects.child_of(home).live().order_by("path"):
        pieces = _headlines_first(column_pieces(column_page=column))[:HOME_LATEST_COUNT]
        summaries.append(
            ColumnSummary(
                page=column, label=str(column.get_column_display()), layout=column_layout(column.column), pieces=pieces
            )
        )
    _pair_list_columns(summaries)
    return summaries


def _headlines_first(pieces: QuerySet[Any] | list[Any]) -> list[Any]:
    """Headline pieces (头条) lead their column on the home page; then the newest."""
    if isinstance(pieces, QuerySet):
        return list(pieces.order_by("-is_headline", *pieces.query.order_by)[:HOME_LATEST_COUNT])
    return sorted(pieces, key=lambda p: not getattr(p, "is_headline", False))


def _pair_list_columns(summaries: list[ColumnSummary]) -> None:
    """Galleries and videos take a whole row; list columns sit side by side in pairs, and
    one left without a partner takes the whole row (no hole in the grid)."""
    waiting: ColumnSummary | None = None
    for summary in summaries:
        if summary.layout != "list":
            summary.wide = True
            if waiting is not None:
                waiting.wide, waiting = True, None
        elif waiting is None:
            waiting = summary
        else:
            waiting = None
    if waiting is not None:
        waiting.wide = True


def _columns_section(*, home: HomePage, request: HttpRequest) -> HomeSection | None:
    columns = home_columns(home=home)
    if not columns:
        return None
    return HomeSection(key="columns", template="portal/home/section_columns.html", context={"columns": columns})


register_home_section("columns", _columns_section)


# --- Navigation ------------------------------------------------------------------------


def site_root(request: HttpRequest) -> Page | None:
    site = Site.find_for_request(request)
    return site.root_page if site is not None else None


def nav_columns(request: HttpRequest) -> list[Page]:
    """The live pages directly under the site's root page that belong in the header: every
    column, and any other page marked "show in menus" (民生实事, 亮点展示, later 公示公告),
    in tree order (cached on the request)."""
    cached: list[Page] | None = getattr(request, "_portal_nav_columns", None)
    if cached is not None:
        return cached
    root = site_root(request)
    pages: list[Page] = []
    if root is not None:
        column_type = ContentType.objects.get_for_model(ColumnPage)
        pages = list(
            Page.objects.child_of(root)
            .live()
            .filter(Q(content_type=column_type) | Q(show_in_menus=True))
            .order_by("path")
            .specific()
        )
    request._portal_nav_columns = pages  # type: ignore[attr-defined]
    return pages


def breadcrumb_pages(*, page: Page, request: HttpRequest) -> list[Page]:
    """The ancestors of ``page`` from the site root down (empty for the root itself)."""
    root = site_root(request)
    if root is None or page.depth <= root.depth or not page.path.startswith(root.path):
        return []
    return list(page.get_ancestors().filter(depth__gte=root.depth).specific())
