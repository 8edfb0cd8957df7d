"""Pieces that units submit for the portal's columns, their review outcomes, external
placements, and the yearly point rules, quotas and penalties the rankings are computed from.

The review runs on Wagtail's machinery (a snippet with drafts, revisions, locking and a
moderation workflow whose one task is :class:`SubmissionReviewTask`); the outcome, level,
placement and reason are our own fields and :class:`ReviewOutcome` rows, never read back
from workflow states.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, Task, TaskState, WorkflowMixin

from minsheng.core.models import TimeStampedModel
from minsheng.portal.choices import Column
from minsheng.portal.models import validate_embed_url

from .choices import (
    SUBMISSION_COLUMNS,
    Level,
    Outlet,
    PieceKind,
    Placement,
    PlacementStatus,
    QuotaPeriod,
    ReviewAction,
    SubmissionStatus,
    UnitGroup,
    kind_for_column,
)
from .forms import SubmissionForm

# No embeds, no raw HTML, no images inside the text (photos are their own inline list).
SUBMISSION_RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "blockquote"]

# Our own fields: a revision never carries them back (see ``with_content_json``).
OUTCOME_FIELDS = (
    "unit_id",
    "status",
    "round",
    "submitted_at",
    "last_submitted_at",
    "decided_at",
    "adopted_page_id",
    "placement",
    "level",
    "created_by_id",
)


class Submission(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TimeStampedModel, ClusterableModel):
    unit = models.ForeignKey(
        "orgs.Org", verbose_name=_("submitting unit"), on_delete=models.PROTECT, related_name="submissions"
    )
    column = models.CharField(_("column"), max_length=20, choices=SUBMISSION_COLUMNS, default=Column.NEWS)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("text"), blank=True, features=SUBMISSION_RICH_TEXT_FEATURES)
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For 视听民生: an MP4 file, or give a player address."),
    )
    embed_url = models.URLField(_("player address"), blank=True, validators=[validate_embed_url])
    related_items = ParentalManyToManyField(
        "projects.LivelihoodItem", verbose_name=_("livelihood items"), blank=True, related_name="submissions"
    )
    author = models.CharField(_("author"), max_length=100, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT, db_index=True
    )
    round = models.PositiveSmallIntegerField(_("round"), default=0, help_text=_("How many times it was submitted."))
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True, db_index=True)
    last_submitted_at = models.DateTimeField(_("last submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, db_index=True)
    adopted_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("published page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    placement = models.CharField(_("placement"), max_length=20, choices=Placement.choices, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="submission")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="submission",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("column"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("images", label=_("photos"), heading=_("photos")),
        MultiFieldPanel([FieldPanel("video"), FieldPanel("embed_url")], heading=_("video")),
        FieldPanel("related_items"),
        FieldPanel("author"),
    ]
    base_form_class = SubmissionForm

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self) -> Any:
        return self._revisions

    @property
    def kind(self) -> str:
        return kind_for_column(self.column)

    def with_content_json(self, content: dict[str, Any]) -> Submission:
        """A revision restores the piece's text, never our outcome fields."""
        obj: Submission = super().with_content_json(content)
        for name in OUTCOME_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def column_problems(self, *, image_count: int) -> dict[str, str]:
        """What the column needs and the piece lacks (图绘民生 photos, 视听民生 a video)."""
        problems: dict[str, str] = {}
        if self.column == Column.PHOTOS and image_count < 1:
            problems["column"] = str(_("A piece for 图绘民生 needs at least one photo."))
        if self.column == Column.VIDEOS and not self.video_id and not self.embed_url:
            problems["video"] = str(_("A piece for 视听民生 needs a video file or a player address."))
        return problems

    def clean(self) -> None:
        super().clean()
        if self.video_id and self.video and self.video.file_extension.lower() not in {"mp4", "webm", "m4v"}:
            raise ValidationError({"video": _("The video must be an MP4 or WebM file.")})

    @property
    def waiting_days(self) -> int | None:
        from django.utils import timezone

        if self.status != SubmissionStatus.SUBMITTED or self.last_submitted_at is None:
            return None
        return (timezone.now() - self.last_submitted_at).days


class SubmissionImage(Orderable):
    submission = ParentalKey(Submission, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alt text"), max_length=200, help_text=_("Describe the picture for readers who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class ReviewOutcome(models.Model):
    """One round of review: what the office decided, at what level and placement, and why."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="outcomes")
    round = models.PositiveSmallIntegerField(_("round"))
    action = models.CharField(_("decision"), max_length=20, choices=ReviewAction.choices)
    placement = models.CharField(_("placement"), max_length=20, choices=Placement.choices, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("review outcome")
        verbose_name_plural = _("review outcomes")
        ordering = ["submission", "round", "decided_at"]

    def __str__(self) -> str:
        return f"{self.submission} #{self.round} {self.get_action_display()}"


class SubmissionReviewTask(Task):
    """信息报送审核: the coordinator adopts (with a placement), returns (reason) or declines (reason)."""

    admin_form_fields = Task.admin_form_fields

    def _is_reviewer(self, user: Any) -> bool:
        return bool(getattr(user, "is_superuser", False) or getattr(user, "role", "") == "coordinator")

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        return self._is_reviewer(user)

    def locked_for_user(self, obj: Any, user: Any) -> bool:
        return not self._is_reviewer(user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, Any, bool]]:
        if not self._is_reviewer(user):
            return []
        return [
            (ReviewAction.ADOPT.value, _("Adopt"), True),
            (ReviewAction.RETURN.value, _("Return for changes"), True),
            (ReviewAction.DECLINE.value, _("Decline"), True),
        ]

    def get_form_for_action(self, action: str) -> Any:
        from .forms import AdoptForm, ReasonForm

        return AdoptForm if action == ReviewAction.ADOPT else ReasonForm

    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> None:
        from . import services

        submission = Submission.objects.get(pk=task_state.workflow_state.object_id)
        if action_name == ReviewAction.ADOPT:
            services.submission_adopt(
                actor=user,
                submission=submission,
                placement=kwargs.get("placement") or Placement.ORDINARY,
                level=kwargs.get("level") or Level.CITY,
            )
        elif action_name == ReviewAction.RETURN:
            services.submission_return(actor=user, submission=submission, reason=kwargs.get("reason", ""))
        elif action_name == ReviewAction.DECLINE:
            services.submission_decline(actor=user, submission=submission, reason=kwargs.get("reason", ""))

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> Any:
        if self._is_reviewer(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @classmethod
    def get_description(cls) -> Any:
        return _("The livelihood office adopts, returns or declines a submitted piece")

    class Meta:
        verbose_name = _("submission review task")
        verbose_name_plural = _("submission review tasks")


class ExternalPlacement(TimeStampedModel):
    """A unit's piece (or other work) that appeared in another outlet; the office confirms it
    (then it scores) or rejects it with a reason."""

    unit = models.ForeignKey(
        "orgs.Org", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="external_placements"
    )
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="external_placements",
    )
    title = models.CharField(_("title"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=20, choices=Outlet.choices)
    outlet_name = models.CharField(
        _("outlet name"), max_length=100, blank=True, help_text=_("e.g. the WeChat account's name")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("kind of piece"), max_length=20, choices=PieceKind.choices, default=PieceKind.TEXT)
    placement = models.CharField(_("placement"), max_length=20, choices=Placement.choices, default=Placement.ORDINARY)
    date = models.DateField(_("date published"))
    link = models.URLField(_("link"), blank=True)
    clipping = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("clipping (file)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    clipping_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("clipping (image)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    leader_instruction = models.BooleanField(_("leader's written instruction (领导批示)"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=PlacementStatus.choices, default=PlacementStatus.PENDING, db_index=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    rejection_reason = models.TextField(_("reason for not confirming"), blank=True)

    # ``unit`` is the office's to choose; a unit's own form shows its unit, fixed (see the views).
    panels = [
        FieldPanel("unit"),
        FieldPanel("title"),
        FieldPanel("submission"),
        FieldPanel("outlet"),
        FieldPanel("outlet_name"),
        FieldPanel("level"),
        FieldPanel("kind"),
        FieldPanel("placement"),
        FieldPanel("date"),
        FieldPanel("link"),
        FieldPanel("clipping"),
        FieldPanel("clipping_image"),
        FieldPanel("leader_instruction"),
        FieldPanel("note"),
        MultiFieldPanel(
            [FieldPanel("status", read_only=True), FieldPanel("rejection_reason", read_only=True)],
            heading=_("Confirmation"),
        ),
    ]

    class Meta:
        verbose_name = _("external placement")
        verbose_name_plural = _("external placements")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def outlet_label(self) -> str:
        return self.outlet_name or str(self.get_outlet_display())

    def clean(self) -> None:
        if self.outlet in (Outlet.WECHAT, Outlet.DOUYIN, Outlet.OTHER) and not self.outlet_name:
            raise ValidationError({"outlet_name": _("Name the account or outlet.")})
        if not self.link and not self.clipping_id and not self.clipping_image_id:
            raise ValidationError({"link": _("Give a link or upload a clipping.")})


class PointScheme(models.Model):
    """The year's multipliers and bonuses; the points per level and kind are its rules."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    headline_multiplier = models.DecimalField(
        _("headline multiplier"), max_digits=5, decimal_places=2, default=Decimal("2")
    )
    leader_instruction_bonus = models.DecimalField(
        _("bonus for a leader's instruction"), max_digits=6, decimal_places=2, default=Decimal("10")
    )
    quota_penalty_factor = models.DecimalField(
        _("points lost per missing adoption"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        help_text=_("A missed quota costs this many points per missing adoption."),
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("headline_multiplier"),
        FieldPanel("leader_instruction_bonus"),
        FieldPanel("quota_penalty_factor"),
    ]

    class Meta:
        verbose_name = _("point scheme")
        verbose_name_plural = _("point schemes")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class PointRule(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("kind of piece"), max_length=20, choices=PieceKind.choices)
    points = models.DecimalField(_("points (ordinary placement)"), max_digits=6, decimal_places=2)

    panels = [FieldPanel("year"), FieldPanel("level"), FieldPanel("kind"), FieldPanel("points")]

    class Meta:
        verbose_name = _("point rule")
        verbose_name_plural = _("point rules")
        ordering = ["-year", "level", "kind"]
        constraints = [models.UniqueConstraint(fields=["year", "level", "kind"], name="unique_point_rule")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_level_display()} {self.get_kind_display()}: {self.points}"


class Quota(models.Model):
    """How many adoptions a unit (or every unit of a kind) owes per month or quarter."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    unit = models.ForeignKey(
        "orgs.Org", verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit_group = models.CharField(_("or every unit of"), max_length=20, choices=UnitGroup.choices, blank=True)
    period = models.CharField(_("period"), max_length=10, choices=QuotaPeriod.choices, default=QuotaPeriod.MONTH)
    required = models.PositiveSmallIntegerField(_("adoptions required"))

    panels = [
        FieldPanel("year"),
        FieldPanel("unit"),
        FieldPanel("unit_group"),
        FieldPanel("period"),
        FieldPanel("required"),
    ]

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["-year", "unit_group", "unit"]

    def __str__(self) -> str:
        who = self.unit.name if self.unit_id and self.unit else self.get_unit_group_display()
        return f"{self.year} {who} {self.get_period_display()} {self.required}"

    def clean(self) -> None:
        if bool(self.unit_id) == bool(self.unit_group):
            raise ValidationError(_("Choose either one unit or a kind of unit."))


class Penalty(TimeStampedModel):
    """Points taken off a unit, e.g. for false information (虚假信息)."""

    unit = models.ForeignKey("orgs.Org", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    points = models.DecimalField(_("points deducted"), max_digits=6, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=300)
    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("unit"),
        FieldPanel("date"),
        FieldPanel("points"),
        FieldPanel("reason"),
        FieldPanel("submission"),
    ]

    class Meta:
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} −{self.points} {self.reason}"


@register_setting(icon="mail")
class SubmissionSettings(BaseGenericSetting):
    villages_may_submit = models.BooleanField(
        _("villages and communities may submit"),
        default=False,
        help_text=_("If off, only departments and towns submit pieces."),
    )
    waiting_days = models.PositiveSmallIntegerField(
        _("remind after days waiting"),
        default=3,
        help_text=_("The office hears about submitted pieces that waited longer than this."),
    )
    issuing_office = models.CharField(
        _("issuing office of bulletins"), max_length=100, default="青河市民生工程领导小组办公室"
    )

    panels = [FieldPanel("villages_may_submit"), FieldPanel("waiting_days"), FieldPanel("issuing_office")]

    class Meta:
        verbose_name = _("submission settings")
