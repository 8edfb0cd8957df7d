"""The portal's pages as a visitor sees them (through the test client)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.template import loader
from django.test import Client
from django.utils import translation

from minsheng.orgs.choices import OrgKind
from minsheng.orgs.models import Org
from minsheng.portal.choices import Column
from minsheng.portal.models import ArticlePage, PhotoStoryPage, VideoPage
from minsheng.portal.selectors import HomeSection, register_home_section, unregister_home_section

from .conftest import Portal, make_image

pytestmark = pytest.mark.django_db


def label(column: Column) -> str:
    with translation.override("zh-hans"):
        return str(column.label)


def html(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


# --- Shell: header, nav, footer ---------------------------------------------------------


def test_shell_has_site_name_nav_search_language_and_footer(client: Client, portal: Portal) -> None:
    page = html(client, "/")
    assert '<html lang="zh-Hans">' in page
    assert "<title>" in page and "青河市民生工程宣传工作平台" in page
    # columns in tree order, each linking to its page
    nav = page[page.index('class="site-nav"') :]
    nav = nav[: nav.index("</nav>")]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs == ["/", "/news/", "/grassroots/", "/photos/", "/videos/", "/policies/"]
    assert label(Column.GRASSROOTS) in nav
    assert 'action="/search/"' in page and 'name="q"' in page
    # language switch: a POST form to Django's set_language with a CSRF token
    form = page[page.index('action="/i18n/setlang/"') - 200 : page.index('action="/i18n/setlang/"') + 600]
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form and 'value="en"' in form
    assert "/elder-mode/?on=1&amp;next=%2F" in page
    # footer
    assert "青河市民生工程领导小组办公室" in page
    assert "0550-1234567" in page and "青河市人民路1号" in page
    assert '<a href="https://beian.miit.gov.cn/"' in page and "皖ICP备12345678号" in page
    assert "皖公网安备 34998102000001号" in page


def test_english_visitor_gets_lang_en(client: Client, portal: Portal) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/news/"})
    assert response.status_code == 302 and response["Location"] == "/news/"
    page = html(client, "/news/")
    assert '<html lang="en">' in page
    assert 'value="zh-hans"' in page  # the switch now offers Chinese


# --- Home -------------------------------------------------------------------------------


def test_home_shows_banner_intro_and_latest_five_of_each_column(
    client: Client, portal: Portal, photo_story: PhotoStoryPage, uploaded_video: VideoPage
) -> None:
    start = date(2022, 1, 1)
    for i in range(6):
        portal.article(Column.NEWS, title=f"工作动态第{i}条", date=start + timedelta(days=i))
    portal.article(Column.GRASSROOTS, title="村里的助餐点开张了", date=start, summary="老人吃上热乎饭。")
    portal.article(Column.POLICIES, title="关于做好民生实事的通知", date=start, doc_number="青政〔2022〕1号")
    banner = make_image("横幅")
    portal.home.banner_image = banner
    portal.home.save_revision().publish()

    page = html(client, "/")
    assert "民生工程 惠及万家" in page and "2022年青河市民生实事" in page
    assert "青河市民生工程宣传工作平台。" in page
    for column in Column:
        assert label(column) in page
    # the five newest news pieces, not the oldest
    for i in range(1, 6):
        assert f"工作动态第{i}条" in page
    assert "工作动态第0条" not in page
    assert page.index("工作动态第5条") < page.index("工作动态第1条")
    assert "2022-01-06" in page
    assert "村里的助餐点开张了" in page and "关于做好民生实事的通知" in page
    # thumbnails of the photo story and the video, the video with a play icon
    assert "老旧小区改造前后对比" in page and "健康义诊进乡村" in page
    assert "portal/icons/play.svg" in page
    assert page.count('class="card"') == 2
    assert 'class="banner__image"' in page


def test_home_sections_registry_renders_registered_sections_in_order(client: Client, portal: Portal) -> None:
    calls: list[str] = []

    def notices(*, home: object, request: object) -> HomeSection:
        calls.append("notices")
        return HomeSection(
            key="disclosures", template="portal/includes/related_items.html", title="公示公告", context={"n": 1}
        )

    def empty(*, home: object, request: object) -> HomeSection | None:
        calls.append("empty")
        return None

    register_home_section("disclosures", notices)
    register_home_section("items", empty)
    try:
        page = html(client, "/")
    finally:
        unregister_home_section("disclosures")
        unregister_home_section("items")
    assert calls == ["empty", "notices"]
    assert "home-section--columns" in page and "home-section--disclosures" in page
    assert "home-section--items" not in page
    assert page.index("home-section--columns") < page.index("home-section--disclosures")
    assert '<h2 class="home-section__title" id="home-section-disclosures">公示公告</h2>' in page


# --- Columns ----------------------------------------------------------------------------


def test_list_column_shows_date_source_summary_and_paginates(client: Client, portal: Portal) -> None:
    unit = Org.objects.create(code="D05", name="青河市卫生健康委员会", kind=OrgKind.DEPARTMENT, path="/D05/")
    for i in range(13):
        portal.article(
            Column.NEWS,
            title=f"动态{i:02d}",
            date=date(2022, 1, 1) + timedelta(days=i),
            summary=f"摘要{i:02d}",
            source_unit=unit if i == 12 else None,
            source_text="" if i == 12 else "安徽日报",
        )
    first = html(client, "/news/")
    assert first.count('class="piece-row"') == 12
    assert "动态12" in first and "动态01" in first and "动态00" not in first
    assert "摘要12" in first and "2022-01-13" in first
    assert "青河市卫生健康委员会" in first and "安徽日报" in first
    assert 'href="?page=2"' in first and 'rel="next"' in first
    assert '<span aria-current="page">1</span>' in first

    second = html(client, "/news/?page=2")
    assert second.count('class="piece-row"') == 1 and "动态00" in second
    assert 'href="?page=1"' in second and 'rel="prev"' in second
    # out of range and junk page numbers fall back instead of failing
    assert "动态00" in html(client, "/news/?page=99")
    assert "动态12" in html(client, "/news/?page=abc")
    # breadcrumbs: home › column
    assert '<nav class="breadcrumbs"' in first and f'<li aria-current="page">{label(Column.NEWS)}</li>' in first


def test_gallery_column_shows_cover_images_with_captions(
    client: Client, portal: Portal, photo_story: PhotoStoryPage
) -> None:
    page = html(client, "/photos/")
    assert "card-grid--gallery" in page
    card = page[page.index('<li class="card">') :]
    card = card[: card.index("</li>")]
    assert "老旧小区改造前后对比" in card and "<img" in card and 'alt=""' in card
    assert "play.svg" not in card


def test_video_column_shows_posters_with_play_icon(
    client: Client, portal: Portal, uploaded_video: VideoPage, embedded_video: VideoPage
) -> None:
    page = html(client, "/videos/")
    assert "card-grid--video" in page
    assert page.count("portal/icons/play.svg") == 2
    assert page.index("民生工程宣传片") < page.index("健康义诊进乡村")  # newest first


# --- Pieces -----------------------------------------------------------------------------


def test_article_shows_meta_body_image_attachment_and_items(
    client: Client, policy_with_attachment: ArticlePage
) -> None:
    from minsheng.projects.models import LivelihoodItem

    unit = Org.objects.create(code="D07", name="青河市民政局", kind=OrgKind.DEPARTMENT, path="/D07/")
    item = LivelihoodItem.objects.create(year=2022, seq=7, name="老年助餐服务", lead_department=unit)
    policy_with_attachment.related_items.add(item)
    policy_with_attachment.save_revision().publish()

    page = html(client, policy_with_attachment.url)
    assert "<h1>青河市2022年民生实事实施方案</h1>" in page
    assert "青河市人民政府办公室" in page and "市民生办" in page and "2022-03-01" in page
    assert "青政办〔2022〕5号" in page
    assert "为扎实推进2022年民生实事，制定本方案。" in page
    assert re.search(r'<img[^>]+alt="民生实事项目分布图"', page)
    assert "<figcaption>图一：项目分布</figcaption>" in page
    attachment = page[page.index('class="attachments"') :]
    assert "方案全文" in attachment and "PDF" in attachment and "2.0\xa0KB" in attachment
    assert "/documents/" in attachment
    assert "老年助餐服务" in page
    assert f">{label(Column.POLICIES)}</a>" in page  # breadcrumb back to the column


def test_photo_story_shows_every_photo_with_alt_and_caption(client: Client, photo_story: PhotoStoryPage) -> None:
    page = html(client, photo_story.url)
    assert "老旧小区改造前后对比" in page and "青河镇三个小区完成改造。" in page
    imgs = re.findall(r"<img[^>]*>", page[page.index('id="gallery"') :])
    assert imgs and all(re.search(r'alt="[^"]+"', tag) for tag in imgs)
    for alt, caption in (
        ("改造前破旧的楼道", "改造前：楼道堆满杂物"),
        ("改造后整洁明亮的楼道", "改造后：楼道整洁明亮"),
    ):
        assert f'alt="{alt}"' in page and caption in page
    # CSS lightbox: each thumbnail opens its large photo, which links onwards
    assert 'href="#photo-1"' in page and 'id="photo-2"' in page and 'href="#photo-2" data-lightbox-next' in page


def test_uploaded_video_plays_in_a_video_element(client: Client, uploaded_video: VideoPage) -> None:
    page = html(client, uploaded_video.url)
    video = re.search(r"<video([^>]*)>", page)
    assert video is not None
    attrs = video.group(1)
    assert "controls" in attrs and 'preload="metadata"' in attrs and "playsinline" in attrs
    assert re.search(r'poster="/media/images/[^"]+"', attrs) or 'poster="' in attrs
    assert f'<source src="{uploaded_video.video.url}" type="video/mp4">' in page
    assert "医生走进村卫生室为群众义诊。" in page
    assert "<iframe" not in page


def test_embedded_video_is_a_sandboxed_iframe(client: Client, embedded_video: VideoPage) -> None:
    page = html(client, embedded_video.url)
    iframe = re.search(r"<iframe([^>]*)>", page)
    assert iframe is not None
    attrs = iframe.group(1)
    assert 'src="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD"' in attrs
    assert 'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"' in attrs
    assert "allowfullscreen" in attrs and 'allow="fullscreen' in attrs
    assert "<video" not in page


def test_iframe_is_not_rendered_for_a_host_no_longer_allowed(
    client: Client, embedded_video: VideoPage, settings: object
) -> None:
    settings.VIDEO_EMBED_HOSTS = ["v.qq.com"]  # type: ignore[attr-defined]
    assert "<iframe" not in html(client, embedded_video.url)


def test_video_clean_rejects_embed_from_a_host_not_allowed(embedded_video: VideoPage) -> None:
    embedded_video.embed_url = "https://evil.example/player?id=1"
    with pytest.raises(ValidationError) as excinfo:
        embedded_video.clean()
    assert "embed_url" in excinfo.value.message_dict
    embedded_video.embed_url = "http://player.bilibili.com/player.html?bvid=1"  # not https
    with pytest.raises(ValidationError):
        embedded_video.clean()
    embedded_video.embed_url = "https://player.bilibili.com/player.html?bvid=1"
    embedded_video.clean()  # allowed


def test_unpublished_piece_is_not_served(client: Client, portal: Portal) -> None:
    piece = portal.article(title="即将撤下的稿件")
    url = piece.url
    html(client, url)
    piece.unpublish()
    html(client, url, status=404)
    assert "即将撤下的稿件" not in html(client, "/news/")


# --- Errors -----------------------------------------------------------------------------


def test_404_page_is_friendly(client: Client, portal: Portal) -> None:
    page = html(client, "/no-such-page/", status=404)
    with translation.override("zh-hans"):
        assert f"<h1>{translation.gettext('Page not found')}</h1>" in page
    assert 'class="error-page"' in page and 'action="/search/"' in page
    assert "青河市民生工程宣传工作平台" in page  # the normal shell around it


def test_500_template_needs_neither_database_nor_context(django_assert_num_queries: object) -> None:
    with django_assert_num_queries(0):  # type: ignore[operator]
        page = loader.get_template("500.html").render()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and 'href="/"' in page
    assert "<link" not in page and "<script" not in page
