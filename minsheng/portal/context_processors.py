from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, Any]:
    """``elder_mode`` (the visitor turned on 适老化 mode) and the site name to fall back on
    when no Wagtail site matches the request."""
    return {
        "elder_mode": request.COOKIES.get(settings.ELDER_COOKIE) == "1",
        "default_site_name": settings.WAGTAIL_SITE_NAME,
    }
