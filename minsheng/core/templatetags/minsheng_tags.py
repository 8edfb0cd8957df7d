from __future__ import annotations

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """Whole minutes of a timedelta (rounded up)."""
    if not value:
        return 0
    return int(-(-value.total_seconds() // 60))


@register.simple_tag
def colon() -> str:
    """The label colon of the active language: "：" in Chinese, ": " in English."""
    from django.utils.translation import get_language

    return "：" if (get_language() or "").startswith("zh") else ": "
