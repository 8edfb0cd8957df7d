"""Language choice for the public portal.

A Chinese government portal speaks Chinese whatever the browser's Accept-Language
says; a visitor who picks English (the language switcher sets Django's language
cookie) gets English. The Wagtail admin keeps each user's own preference.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageCookieMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if lang not in self.supported:
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response
