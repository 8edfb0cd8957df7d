"""The yearly catalogue of livelihood items (民生实事): content, targets, milestones,
monthly progress reports; and the highlight pages (亮点 / 典型案例)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from minsheng.core.models import TimeStampedModel
from minsheng.portal.blocks import ArticleBodyBlock

from .choices import ItemStatus, ReportStatus, Weighting

TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]


class LivelihoodItem(TimeStampedModel, ClusterableModel):
    year = models.PositiveSmallIntegerField(
        _("year"), db_index=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    seq = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(99)])
    code = models.CharField(_("code"), max_length=10, unique=True, editable=False, help_text=_("YYYY-NN"))
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=30, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.NEW)
    city_has_task = models.BooleanField(_("the city has a task"), default=True)
    lead_department = models.ForeignKey(
        "orgs.Org", verbose_name=_("lead department"), on_delete=models.PROTECT, related_name="led_items"
    )
    co_departments = ParentalManyToManyField(
        "orgs.Org", verbose_name=_("co-operating departments"), blank=True, related_name="co_items"
    )
    summary = models.TextField(
        _("what it gives"), max_length=500, blank=True, help_text=_("One or two sentences residents read first.")
    )
    policy_content = RichTextField(_("policy content"), blank=True, features=TEXT_FEATURES)
    eligibility = RichTextField(_("who qualifies"), blank=True, features=TEXT_FEATURES)
    standard = RichTextField(
        _("standard"), blank=True, features=TEXT_FEATURES, help_text=_("Subsidy amounts, service standards.")
    )
    consultation_phone = models.CharField(_("consultation phone"), max_length=100, blank=True)
    is_construction = models.BooleanField(_("construction project"), default=False)
    reports_by_town = models.BooleanField(
        _("progress reported by town"),
        default=False,
        help_text=_("If set, the city's figure is the sum of each town's latest confirmed figure."),
    )
    weight = models.DecimalField(
        _("weight in the overall progress"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_public = models.BooleanField(_("shown on the portal"), default=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        TabbedInterface(
            [
                ObjectList(
                    [
                        FieldRowPanel([FieldPanel("year"), FieldPanel("seq")]),
                        FieldPanel("name"),
                        FieldRowPanel([FieldPanel("category"), FieldPanel("status")]),
                        FieldRowPanel([FieldPanel("lead_department"), FieldPanel("co_departments")]),
                        FieldRowPanel(
                            [FieldPanel("city_has_task"), FieldPanel("is_construction"), FieldPanel("is_public")]
                        ),
                        FieldPanel("summary"),
                        FieldPanel("cover_image"),
                    ],
                    heading=_("Item"),
                ),
                ObjectList(
                    [
                        FieldPanel("policy_content"),
                        FieldPanel("eligibility"),
                        FieldPanel("standard"),
                        FieldPanel("consultation_phone"),
                        InlinePanel("steps", label=_("procedure steps")),
                        InlinePanel("faqs", label=_("FAQs")),
                    ],
                    heading=_("Policy"),
                ),
                ObjectList(
                    [
                        InlinePanel("targets", label=_("targets"), min_num=0),
                        FieldRowPanel([FieldPanel("reports_by_town"), FieldPanel("weight")]),
                        InlinePanel("milestones", label=_("milestones")),
                    ],
                    heading=_("Targets and milestones"),
                ),
            ]
        )
    ]

    class Meta:
        verbose_name = _("livelihood item")
        verbose_name_plural = _("livelihood items")
        ordering = ["-year", "seq"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"], name="item_unique_year_seq")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = f"{self.year}-{self.seq:02d}"
        super().save(*args, **kwargs)


class ItemTarget(Orderable):
    """A target: a number, a unit and what it counts (e.g. 新建 60 个 老年助餐点)."""

    item = ParentalKey(LivelihoodItem, on_delete=models.CASCADE, related_name="targets")
    description = models.CharField(_("what is counted"), max_length=200)
    quantity = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    unit = models.CharField(_("unit"), max_length=20)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(Decimal("0"))]
    )

    panels = [
        FieldRowPanel([FieldPanel("description"), FieldPanel("quantity"), FieldPanel("unit"), FieldPanel("weight")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.description} {self.quantity.normalize():f}{self.unit}"


class ProcedureStep(Orderable):
    item = ParentalKey(LivelihoodItem, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=100)
    description = models.TextField(_("details"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("procedure step")


class ItemFAQ(Orderable):
    item = ParentalKey(LivelihoodItem, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"))

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("FAQ")


class Milestone(Orderable):
    item = ParentalKey(LivelihoodItem, on_delete=models.CASCADE, related_name="milestones")
    planned_on = models.DateField(_("planned date"))
    title = models.CharField(_("milestone"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("planned_on"), FieldPanel("achieved_on")]),
        FieldPanel("title"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        ordering = ["planned_on", "sort_order"]


class ProgressReport(TimeStampedModel, ClusterableModel):
    """A monthly progress report of an item by its lead department (optionally per town).
    Values are cumulative: what has been reached by the end of the month."""

    item = models.ForeignKey(
        LivelihoodItem, verbose_name=_("livelihood item"), on_delete=models.CASCADE, related_name="reports"
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month reported on."))
    town = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a report on the whole city."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    investment_wan = models.DecimalField(
        _("investment to date (10,000 yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    beneficiaries = models.PositiveIntegerField(_("beneficiaries to date"), null=True, blank=True)
    narrative = models.TextField(_("progress this month"), blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("item"), FieldPanel("period"), FieldPanel("town")]),
        InlinePanel("values", label=_("values reached")),
        FieldRowPanel([FieldPanel("investment_wan"), FieldPanel("beneficiaries")]),
        FieldPanel("narrative"),
        InlinePanel("photos", label=_("photos")),
    ]

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period", "item__seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "period"], condition=models.Q(town__isnull=True), name="report_unique_city_month"
            ),
            models.UniqueConstraint(
                fields=["item", "period", "town"],
                condition=models.Q(town__isnull=False),
                name="report_unique_town_month",
            ),
        ]

    def __str__(self) -> str:
        where = f" {self.town.name}" if self.town_id and self.town else ""
        return f"{self.item} · {self.period:%Y-%m}{where}"

    def clean(self) -> None:
        if self.period and self.period.day != 1:
            self.period = self.period.replace(day=1)
        if self.town_id and self.town and not self.town.is_town:
            raise ValidationError({"town": _("Choose a town, subdistrict or township.")})

    @property
    def editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ProgressValue(models.Model):
    report = ParentalKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(ItemTarget, verbose_name=_("target"), on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(
        _("reached to date"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    panels = [FieldRowPanel([FieldPanel("target"), FieldPanel("value")])]

    class Meta:
        verbose_name = _("value reached")
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="progress_value_unique_target")]

    def __str__(self) -> str:
        return f"{self.target}: {self.value}"


class ProgressPhoto(Orderable):
    report = ParentalKey(ProgressReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alt text"), max_length=200)
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


@register_setting(icon="date")
class ProgressSettings(BaseGenericSetting):
    report_due_day = models.PositiveSmallIntegerField(
        _("reports due by day"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("A month's report is late if it is not in by this day of the next month."),
    )
    target_weighting = models.CharField(
        _("targets within an item"), max_length=10, choices=Weighting.choices, default=Weighting.EQUAL
    )
    item_weighting = models.CharField(
        _("items in the overall figure"), max_length=10, choices=Weighting.choices, default=Weighting.EQUAL
    )
    reference_date = models.DateField(
        _("reporting date"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use today. Set a date only for training or demonstration data."),
    )

    class Meta:
        verbose_name = _("progress settings")


# --- Portal pages -----------------------------------------------------------------------


class ItemIndexPage(RoutablePageMixin, Page):
    """民生实事: the year's items (list, filters, year switcher), each item's page and its 明白纸."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("livelihood items page")
        verbose_name_plural = _("livelihood items pages")

    @path("")
    def year_index(self, request: HttpRequest, year: int | None = None) -> HttpResponse:
        from . import views

        return views.item_list(request, page=self, year=year)

    @path("<int:year>/")
    def year_list(self, request: HttpRequest, year: int) -> HttpResponse:
        from . import views

        return views.item_list(request, page=self, year=year)

    @re_path(r"^(?P<code>\d{4}-\d{2})/$")
    def item_detail(self, request: HttpRequest, code: str) -> HttpResponse:
        from . import views

        return views.item_detail(request, page=self, code=code)

    @re_path(r"^(?P<code>\d{4}-\d{2})/mingbaizhi/$")
    def item_sheet(self, request: HttpRequest, code: str) -> HttpResponse:
        from . import views

        return views.item_sheet(request, page=self, code=code)


class HighlightIndexPage(Page):
    """亮点 / 典型案例: the list of highlights."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["projects.HighlightPage"]
    max_count = 1

    class Meta:
        verbose_name = _("highlights page")
        verbose_name_plural = _("highlights pages")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from django.core.paginator import Paginator

        from .selectors import highlight_list

        context = super().get_context(request, *args, **kwargs)
        context["highlights"] = Paginator(highlight_list(parent=self), 12).get_page(request.GET.get("page"))
        return context


class HighlightPage(Page):
    """A typical case or good practice, curated by the coordinator and tied to items and units."""

    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[("highlight", _("Highlight")), ("case", _("Typical case")), ("practice", _("Good practice"))],
        default="highlight",
    )
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    related_items = ParentalManyToManyField(
        LivelihoodItem, verbose_name=_("livelihood items"), blank=True, related_name="highlights"
    )
    units = ParentalManyToManyField("orgs.Org", verbose_name=_("units"), blank=True, related_name="+")

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("related_items"),
        FieldPanel("units"),
        FieldPanel("body"),
    ]
    parent_page_types = ["projects.HighlightIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")

    def search_text(self) -> str:
        from minsheng.portal.search import stream_text

        return "\n".join(t for t in (self.summary, stream_text(self.body)) if t)

    def list_image(self) -> Any:
        if self.cover_image_id:
            return self.cover_image
        for block in self.body:
            if block.block_type == "image":
                return block.value["image"]
        return None
