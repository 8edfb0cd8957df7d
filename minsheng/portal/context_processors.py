from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, Any]:
    return {"elder_mode": request.COOKIES.get(settings.ELDER_COOKIE) == "1"}
