"""Elder-friendly mode (适老化): a cookie set by /elder-mode/, rendered as <html class="elder">."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from .conftest import Portal

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 60 * 60


def html_tag(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<html") : page.index(">", page.index("<html")) + 1]


def test_turning_elder_mode_on_sets_a_cookie_and_comes_back(client: Client, portal: Portal) -> None:
    assert html_tag(client, "/") == '<html lang="zh-Hans">'

    response = client.get("/elder-mode/", {"on": "1", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    cookie = response.cookies[settings.ELDER_COOKIE]
    assert cookie.value == "1"
    assert cookie["max-age"] == ONE_YEAR
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"

    assert html_tag(client, "/") == '<html lang="zh-Hans" class="elder">'
    # it persists on other pages, and the header now offers the way back
    assert 'class="elder"' in html_tag(client, "/news/")
    page = client.get("/search/", {"q": "助餐"}).content.decode()
    assert '<html lang="zh-Hans" class="elder">' in page
    assert "/elder-mode/?on=0&amp;next=%2Fsearch%2F%3Fq%3D%25E5%258A%25A9%25E9%25A4%2590" in page
    assert 'aria-pressed="true"' in page


def test_turning_it_off_clears_the_cookie(client: Client, portal: Portal) -> None:
    client.get("/elder-mode/", {"on": "1", "next": "/"})
    response = client.get("/elder-mode/", {"on": "0", "next": "/news/"})
    assert response.status_code == 302 and response["Location"] == "/news/"
    cookie = response.cookies[settings.ELDER_COOKIE]
    assert cookie.value == "" and cookie["max-age"] == 0
    assert html_tag(client, "/news/") == '<html lang="zh-Hans">'


def test_it_works_by_post_and_toggles_without_on(client: Client, portal: Portal) -> None:
    response = client.post("/elder-mode/", {"on": "1", "next": "/news/"})
    assert response.status_code == 302 and response["Location"] == "/news/"
    assert client.cookies[settings.ELDER_COOKIE].value == "1"
    client.get("/elder-mode/", {"next": "/"})  # no on=: toggles off
    assert 'class="elder"' not in html_tag(client, "/")
    client.get("/elder-mode/")  # and on again, back to the home page
    assert 'class="elder"' in html_tag(client, "/")


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)", "http://evil.example", ""]
)
def test_elder_mode_refuses_to_redirect_elsewhere(client: Client, next_url: str) -> None:
    response = client.get("/elder-mode/", {"on": "1", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_pages_vary_on_cookie(client: Client, portal: Portal) -> None:
    # The same URL renders differently with the cookie: shared caches must keep both.
    response = client.get("/")
    assert "Cookie" in response["Vary"]
