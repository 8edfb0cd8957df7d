"""The admin's JavaScript catalogue: Wagtail's own (wagtail.admin) plus our ``djangojs.po``.

Wagtail serves ``/admin/jsi18n/`` from ``wagtail.admin``'s catalogue only; ``config/urls.py``
routes that address here first so the strings Wagtail's zh_Hans ``djangojs.po`` lacks
(autosave, content metrics, Draftail block picker, …) come out in Chinese too.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

# Later packages win on a clash; ours only adds msgids Wagtail has no Chinese for.
js_catalog = JavaScriptCatalog.as_view(packages=["wagtail.admin", "minsheng.wagtail_zh"])


def admin_js_catalog(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Like Wagtail's ``localized_js_catalog``: in the admin user's preferred language."""
    response: HttpResponse = get_localized_response(js_catalog, request, *args, **kwargs)
    return response
