from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def search(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def elder_mode(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
