"""Portal pages (Wagtail): home, column pages, articles, photo stories, videos; site settings;
and the Chinese search index."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from .blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from .choices import COLUMN_PAGE_TYPES, Column

PIECE_PAGE_TYPES = ["portal.ArticlePage", "portal.PhotoStoryPage", "portal.VideoPage"]


class HomePage(Page):
    banner_title = models.CharField(_("banner title"), max_length=100, blank=True)
    banner_subtitle = models.CharField(_("banner subtitle"), max_length=200, blank=True)
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("banner image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("banner_title"), FieldPanel("banner_subtitle"), FieldPanel("banner_image")], heading=_("banner")
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(home=self, request=request))
        return context


class ColumnPage(Page):
    """One column of the portal (工作动态, 基层话民生, 图绘民生, 视听民生, 政策文件)."""

    column = models.CharField(_("column"), max_length=20, choices=Column.choices, unique=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("column"), FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = PIECE_PAGE_TYPES
    page_size = 12

    class Meta:
        verbose_name = _("column page")
        verbose_name_plural = _("column pages")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import column_pieces

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(column_pieces(column_page=self), self.page_size)
        context["pieces"] = paginator.get_page(request.GET.get("page"))
        context["layout"] = {Column.PHOTOS: "gallery", Column.VIDEOS: "video"}.get(self.column, "list")  # type: ignore[call-overload]
        return context

    def allowed_piece_types(self) -> list[str]:
        return COLUMN_PAGE_TYPES.get(self.column, PIECE_PAGE_TYPES)  # type: ignore[call-overload]


class PiecePage(Page):
    """Fields every published piece shares (who sent it, when, for which items)."""

    date = models.DateField(_("date"), default=timezone.localdate)
    source_unit = models.ForeignKey(
        "orgs.Org", verbose_name=_("source unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_text = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_("If not one of our units, e.g. 安徽日报")
    )
    author = models.CharField(_("author"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_items = ParentalManyToManyField(
        "projects.LivelihoodItem", verbose_name=_("livelihood items"), blank=True, related_name="+"
    )
    is_headline = models.BooleanField(
        _("headline"), default=False, help_text=_("A headline (头条) leads its column on the home page.")
    )

    meta_panels = [
        FieldPanel("date"),
        FieldPanel("source_unit"),
        FieldPanel("source_text"),
        FieldPanel("author"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("related_items"),
        FieldPanel("is_headline"),
    ]
    parent_page_types = ["portal.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    @property
    def source_label(self) -> str:
        if self.source_unit_id and self.source_unit:
            return self.source_unit.name
        return self.source_text

    def search_text(self) -> str:
        """Plain text of the piece for the Chinese search index."""
        return self.summary

    def list_image(self) -> Any:
        return self.cover_image


class ArticlePage(PiecePage):
    doc_number = models.CharField(
        _("document number"), max_length=100, blank=True, help_text=_("For policy documents, e.g. 青政办〔2022〕5号")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(PiecePage.meta_panels, heading=_("piece")),
        FieldPanel("doc_number"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("attachments")),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def search_text(self) -> str:
        from .search import stream_text

        return "\n".join(t for t in (self.summary, self.doc_number, stream_text(self.body)) if t)

    def list_image(self) -> Any:
        if self.cover_image_id:
            return self.cover_image
        for block in self.body:
            if block.block_type == "image":
                return block.value["image"]
        return None


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self) -> str:
        return self.title or self.document.title


class PhotoStoryPage(PiecePage):
    """图绘民生: a story told in photos, each with a caption."""

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(PiecePage.meta_panels, heading=_("piece")),
        InlinePanel("photos", label=_("photos"), min_num=1),
    ]

    class Meta:
        verbose_name = _("photo story")
        verbose_name_plural = _("photo stories")

    def search_text(self) -> str:
        return "\n".join([self.summary, *(p.caption for p in self.photos.all())])

    def list_image(self) -> Any:
        if self.cover_image_id:
            return self.cover_image
        first = self.photos.first()
        return first.image if first else None


class PhotoStoryImage(Orderable):
    page = ParentalKey(PhotoStoryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alt text"), max_length=200, help_text=_("Describe the picture for readers who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


def validate_embed_url(value: str) -> None:
    host = (urlparse(value).hostname or "").lower()
    if urlparse(value).scheme != "https" or host not in settings.VIDEO_EMBED_HOSTS:
        raise ValidationError(
            _("Only https player addresses from %(hosts)s can be embedded."),
            params={"hosts": "、".join(settings.VIDEO_EMBED_HOSTS)},
        )


class VideoPage(PiecePage):
    """视听民生: an uploaded video played in the page, or a player embedded from a video site."""

    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 (H.264) file plays on every phone."),
    )
    embed_url = models.URLField(
        _("player address"),
        blank=True,
        validators=[validate_embed_url],
        help_text=_("e.g. https://player.bilibili.com/player.html?bvid=…"),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(PiecePage.meta_panels, heading=_("piece")),
        FieldPanel("video"),
        FieldPanel("embed_url"),
        FieldPanel("poster"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def clean(self) -> None:
        super().clean()
        if not self.video_id and not self.embed_url:
            raise ValidationError({"video": _("Upload a video file or give a player address.")})
        if self.embed_url:
            try:
                validate_embed_url(self.embed_url)
            except ValidationError as exc:
                raise ValidationError({"embed_url": exc.messages}) from exc
        if self.video_id and self.video and self.video.file_extension.lower() not in {"mp4", "webm", "m4v"}:
            raise ValidationError({"video": _("The video must be an MP4 or WebM file.")})

    def search_text(self) -> str:
        from .search import html_text

        return "\n".join(t for t in (self.summary, html_text(self.description)) if t)

    def list_image(self) -> Any:
        return self.cover_image or self.poster


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    site_name = models.CharField(_("site name"), max_length=100, default="青河市民生工程宣传工作平台")
    host_unit = models.CharField(_("host unit"), max_length=100, default="青河市民生工程领导小组办公室")
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    icp_number = models.CharField(_("ICP number"), max_length=50, blank=True, help_text=_("e.g. 皖ICP备12345678号"))
    police_record_number = models.CharField(_("public security record number"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("portal settings")


class SearchEntry(models.Model):
    """One live, public page as the Chinese search sees it. Kept in step with publishing
    by signals (see ``search.py``); withdrawn or private pages have no entry."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    folded = models.TextField(blank=True, help_text="title and body, NFKC and case-folded: what queries match")
    kind = models.CharField(max_length=30, blank=True)
    date = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return self.title
