"""The home page's grid of this year's livelihood items."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from minsheng.portal.selectors import HomeSection, register_home_section

from . import selectors
from .models import ItemIndexPage


def items_section(*, home: Any, request: Any) -> HomeSection | None:
    year = selectors.current_year()
    if year is None:
        return None
    items = list(selectors.public_item_list(year=year, city_only=True))
    if not items:
        return None
    progress = selectors.item_progress(items)
    index = ItemIndexPage.objects.live().descendant_of(home).first()
    return HomeSection(
        key="items",
        template="projects/home_items.html",
        title=_("%(year)d livelihood items") % {"year": year},
        context={
            "year": year,
            "items": [progress[i.pk] for i in items],
            "overall": selectors.overall_percent(progress),
            "index_url": index.url if index else "",
        },
    )


register_home_section("items", items_section)
