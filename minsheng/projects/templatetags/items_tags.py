from __future__ import annotations

from typing import Any

from django import template

from minsheng.projects.models import ItemIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def item_url(context: Any, item: Any) -> str:
    """The public page of a livelihood item ('' when the portal has no items page)."""
    cache = context.render_context
    if "_item_index_url" not in cache:
        index = ItemIndexPage.objects.live().first()
        cache["_item_index_url"] = index.url if index else ""
    base = cache["_item_index_url"]
    return f"{base}{item.code}/" if base else ""
