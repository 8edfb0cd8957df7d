"""公示: a list of benefit records made public for a period, and the objections to it.

The public state is computed from the dates: a published disclosure is *running* from
its start to its end date, then *ended* (lists nobody) unless long-term; ``end_disclosures``
records the change daily but the portal never depends on it having run.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.crypto import get_cipher
from minsheng.core.masking import mask_name
from minsheng.core.models import TimeStampedModel

from .choices import DEFAULT_PERIOD_DAYS, DisclosureState, ObjectionOutcome, ObjectionStatus


class Disclosure(TimeStampedModel):
    item = models.ForeignKey(
        "projects.LivelihoodItem", verbose_name=_("livelihood item"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    issuer = models.ForeignKey(
        "orgs.Org", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="disclosures"
    )
    title = models.CharField(_("title"), max_length=200)
    batch = models.ForeignKey(
        "beneficiaries.ImportBatch",
        verbose_name=_("import batch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=DisclosureState.choices, default=DisclosureState.DRAFT, db_index=True
    )
    period_days = models.PositiveSmallIntegerField(_("period (days)"), default=DEFAULT_PERIOD_DAYS)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    long_term = models.BooleanField(_("long-term"), default=False)
    objection_phone = models.CharField(_("objection phone"), max_length=50)
    objection_address = models.CharField(_("objection address"), max_length=200, blank=True)
    objection_office = models.CharField(_("objection office"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ended or withdrawn at"), null=True, blank=True)
    withdraw_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    benefits = models.ManyToManyField(  # type: ignore[var-annotated]
        "beneficiaries.Benefit", through="DisclosureEntry", related_name="disclosures"
    )

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-start_date", "-id"]
        permissions = [("approve_disclosure", "Can approve, publish and withdraw disclosures")]

    def __str__(self) -> str:
        return self.title

    # --- the state the public sees, computed from the dates ---------------------------

    def effective_state(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if self.state == DisclosureState.PUBLISHED and self.period_over(today) and not self.long_term:
            return DisclosureState.ENDED
        return self.state

    def period_over(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.end_date is not None and today > self.end_date

    def is_public(self, today: date | None = None) -> bool:
        """Published (or ended) and started: the page exists."""
        today = today or timezone.localdate()
        return (
            self.state in (DisclosureState.PUBLISHED, DisclosureState.ENDED)
            and self.start_date is not None
            and self.start_date <= today
        )

    def lists_entries(self, today: date | None = None) -> bool:
        """Running, or past its period but long-term."""
        today = today or timezone.localdate()
        return self.is_public(today) and self.effective_state(today) == DisclosureState.PUBLISHED

    def prints_board_sheet(self, today: date | None = None) -> bool:
        """Published and not over (or long-term): the 公示栏 sheet may be printed, also
        before the start date so that it goes up on the board on the day."""
        return self.state == DisclosureState.PUBLISHED and self.effective_state(today) == DisclosureState.PUBLISHED

    def accepts_objections(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.lists_entries(today) and not self.period_over(today)

    @property
    def effective_state_label(self) -> str:
        return str(DisclosureState(self.effective_state()).label)

    @staticmethod
    def period_end(start: date, days: int) -> date:
        return start + timedelta(days=days - 1)


class DisclosureEntry(models.Model):
    """One benefit record listed on a disclosure (the through table)."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="entries")
    benefit = models.ForeignKey(
        "beneficiaries.Benefit", verbose_name=_("benefit record"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("disclosure entry")
        verbose_name_plural = _("disclosure entries")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["disclosure", "benefit"], name="disclosure_entry_unique")]

    def __str__(self) -> str:
        return f"{self.disclosure_id}#{self.position}"

    @property
    def web_label(self) -> str:
        person = self.benefit.person
        return f"{self.position}. {mask_name(person.name)}（{self.benefit.village.display_name}）"


class Objection(TimeStampedModel):
    """异议: filed by anyone on a running disclosure; the contact is stored encrypted."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="objections")
    entry = models.ForeignKey(
        DisclosureEntry, verbose_name=_("entry"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entry_label = models.CharField(_("entry concerned"), max_length=200)
    name = models.CharField(_("objector's name"), max_length=50)
    contact_enc = models.BinaryField(_("contact (encrypted)"))
    reason = models.TextField(_("reason"), max_length=2000)
    filed_on = models.DateField(_("filed on"))
    deadline = models.DateField(_("answer due"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ObjectionStatus.choices, default=ObjectionStatus.RECEIVED, db_index=True
    )
    recheck = models.TextField(_("re-check done"), blank=True)
    outcome = models.CharField(_("result"), max_length=12, choices=ObjectionOutcome.choices, blank=True)
    answer = models.TextField(_("answer to the objector"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["status", "deadline", "id"]
        permissions = [("reveal_objection_contact", "Can reveal an objector's full contact")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.entry_label}"

    def contact(self) -> str:
        return get_cipher().decrypt(self.contact_enc)

    def days_left(self, today: date | None = None) -> int:
        from minsheng.core.workdays import working_days_between

        return working_days_between(today or timezone.localdate(), self.deadline)


# --- the portal column 公示公告 ----------------------------------------------------------------

from django.http import HttpRequest, HttpResponse  # noqa: E402
from wagtail.admin.panels import FieldPanel  # noqa: E402
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path  # noqa: E402
from wagtail.fields import RichTextField  # noqa: E402
from wagtail.models import Page  # noqa: E402


class DisclosureIndexPage(RoutablePageMixin, Page):
    """公示公告: the running disclosures, each one's page and objection forms.

    The 公示栏 print sheet (full names) is not served here: staff download it from the
    back office (``admin_views.disclosure_sheet``), audited."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("disclosures page")
        verbose_name_plural = _("disclosures pages")

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        from . import views

        return views.disclosure_index(request, page=self)

    @path("<int:pk>/")
    def detail(self, request: HttpRequest, pk: int) -> HttpResponse:
        from . import views

        return views.disclosure_detail(request, page=self, pk=pk)

    @path("<int:pk>/objection/")
    def objection(self, request: HttpRequest, pk: int) -> HttpResponse:
        from . import views

        return views.objection_form(request, page=self, pk=pk)

    @re_path(r"^objection/(?P<token>[A-Za-z0-9_-]{10,64})/$")
    def objection_status(self, request: HttpRequest, token: str) -> HttpResponse:
        from . import views

        return views.objection_status(request, page=self, token=token)

    def detail_url(self, disclosure: Disclosure, request: HttpRequest | None = None) -> str:
        return str(self.get_url(request)) + self.reverse_subpage("detail", kwargs={"pk": disclosure.pk})

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, object]]:
        from .selectors import running_disclosures

        urls = list(super().get_sitemap_urls(request))
        base = self.get_full_url(request)
        for disclosure in running_disclosures():
            urls.append(
                {
                    "location": base + self.reverse_subpage("detail", kwargs={"pk": disclosure.pk}),
                    "lastmod": disclosure.updated_at,
                }
            )
        return urls
