"""Fixtures of the portal tests: a small site built the way editors build it (pages
created under their parents and published through revisions)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from minsheng.portal.choices import Column
from minsheng.portal.models import (
    ArticleAttachment,
    ArticlePage,
    ColumnPage,
    HomePage,
    PhotoStoryImage,
    PhotoStoryPage,
    PortalSettings,
    VideoPage,
)


def make_image(title: str = "图片", colour: str = "#b3121a", size: tuple[int, int] = (64, 48)) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png"))


def make_document(title: str, name: str, content: bytes) -> Document:
    return Document.objects.create(title=title, file=ContentFile(content, name=name))


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@dataclass
class Portal:
    home: HomePage
    columns: dict[str, ColumnPage]

    def add(self, column: str, page: Page) -> Page:
        self.columns[column].add_child(instance=page)
        return publish(page)

    def article(self, column: str = Column.NEWS, *, title: str, body: str = "", **fields: Any) -> ArticlePage:
        stream = [{"type": "paragraph", "value": f"<p>{body}</p>"}] if body else []
        page = ArticlePage(title=title, body=stream, **fields)
        return self.add(column, page)  # type: ignore[return-value]


@pytest.fixture
def portal(db: None) -> Portal:
    root = Page.get_first_root_node()
    # A fresh database has Wagtail's welcome page as the default site's root: replace it.
    home = HomePage(
        title="青河市民生工程",
        slug="qinghe-home",
        banner_title="民生工程 惠及万家",
        banner_subtitle="2022年青河市民生实事",
        intro="<p>青河市民生工程宣传工作平台。</p>",
    )
    root.add_child(instance=home)
    publish(home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "青河"}
    )
    site = Site.objects.get(is_default_site=True)
    PortalSettings.objects.update_or_create(
        site=site,
        defaults={
            "site_name": "青河市民生工程宣传工作平台",
            "host_unit": "青河市民生工程领导小组办公室",
            "contact_phone": "0550-1234567",
            "contact_address": "青河市人民路1号",
            "icp_number": "皖ICP备12345678号",
            "police_record_number": "皖公网安备 34998102000001号",
        },
    )
    columns: dict[str, ColumnPage] = {}
    titles = {
        Column.NEWS: "工作动态",
        Column.GRASSROOTS: "基层话民生",
        Column.PHOTOS: "图绘民生",
        Column.VIDEOS: "视听民生",
        Column.POLICIES: "政策文件",
    }
    for value, title in titles.items():
        column = ColumnPage(title=title, slug=str(value), column=value)
        home.add_child(instance=column)
        columns[str(value)] = publish(column)  # type: ignore[assignment]
    return Portal(home=home, columns=columns)


@pytest.fixture
def image_factory() -> Callable[..., Image]:
    return make_image


@pytest.fixture
def photo_story(portal: Portal) -> PhotoStoryPage:
    page = PhotoStoryPage(title="老旧小区改造前后对比", date=date(2022, 6, 1), summary="青河镇三个小区完成改造。")
    page.photos = [
        PhotoStoryImage(image=make_image("改造前"), alt_text="改造前破旧的楼道", caption="改造前：楼道堆满杂物"),
        PhotoStoryImage(
            image=make_image("改造后", "#0e3572"), alt_text="改造后整洁明亮的楼道", caption="改造后：楼道整洁明亮"
        ),
    ]
    return portal.add(Column.PHOTOS, page)  # type: ignore[return-value]


@pytest.fixture
def video_file() -> Document:
    return make_document("民生视频", "minsheng.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)


@pytest.fixture
def uploaded_video(portal: Portal, video_file: Document) -> VideoPage:
    page = VideoPage(
        title="健康义诊进乡村",
        date=date(2022, 7, 1),
        video=video_file,
        poster=make_image("海报"),
        description="<p>医生走进村卫生室为群众义诊。</p>",
    )
    return portal.add(Column.VIDEOS, page)  # type: ignore[return-value]


@pytest.fixture
def embedded_video(portal: Portal) -> VideoPage:
    page = VideoPage(
        title="民生工程宣传片",
        date=date(2022, 7, 2),
        embed_url="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD",
        description="<p>一分钟了解青河市民生工程。</p>",
    )
    return portal.add(Column.VIDEOS, page)  # type: ignore[return-value]


@pytest.fixture
def policy_with_attachment(portal: Portal) -> ArticlePage:
    image = make_image("政策图解")
    page = ArticlePage(
        title="青河市2022年民生实事实施方案",
        date=date(2022, 3, 1),
        doc_number="青政办〔2022〕5号",
        source_text="青河市人民政府办公室",
        author="市民生办",
        summary="全市实施16项民生实事。",
        body=[
            {"type": "paragraph", "value": "<p>为扎实推进2022年民生实事，制定本方案。</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "民生实事项目分布图", "caption": "图一：项目分布"},
            },
        ],
    )
    page.attachments = [
        ArticleAttachment(
            document=make_document("实施方案全文", "fangan.pdf", b"%PDF-1.4\n" + b"0" * 2048), title="方案全文"
        )
    ]
    return portal.add(Column.POLICIES, page)  # type: ignore[return-value]


@pytest.fixture(autouse=True)
def portal_sections_only() -> Any:
    """The portal's tests see only the portal's own home sections (other apps test theirs)."""
    from minsheng.portal import selectors

    saved = dict(selectors._home_sections)
    for key in list(selectors._home_sections):
        if key != "columns":
            selectors.unregister_home_section(key)
    yield
    selectors._home_sections.clear()
    selectors._home_sections.update(saved)
