"""Callback campaigns (回访), their call tasks and attempts, correction requests, API tokens.

The outcome of a task's latest attempt is copied onto the task, so the metrics are one
aggregate query over tasks; the attempts keep the history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import TimeStampedModel

from .choices import (
    AssignTo,
    CheckField,
    CorrectionStatus,
    Method,
    Reached,
    RoundKind,
    Satisfaction,
    Source,
    TaskStatus,
    Understanding,
)

CHECKS = ("address_ok", "id_ok", "phone_ok", "item_ok", "amount_ok")
CHECK_FIELDS = dict(zip(CHECKS, CheckField.values, strict=True))


class Campaign(TimeStampedModel):
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    round = models.CharField(_("round"), max_length=10, choices=RoundKind.choices)
    owner = models.ForeignKey("orgs.Org", verbose_name=_("run by"), on_delete=models.PROTECT, related_name="+")
    items = models.ManyToManyField("projects.LivelihoodItem", verbose_name=_("livelihood items"), related_name="+")
    orgs = models.ManyToManyField(
        "orgs.Org",
        verbose_name=_("areas"),
        related_name="+",
        blank=True,
        help_text=_("Empty: the whole area of the unit."),
    )
    share = models.DecimalField(_("sample share"), max_digits=4, decimal_places=3, default=1)
    seed = models.BigIntegerField(_("random seed"), default=0)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    exclude_days = models.PositiveSmallIntegerField(
        _("skip people called in the last N days"), default=0, help_text=_("0: nobody is skipped.")
    )
    assign_to = models.CharField(_("callers"), max_length=10, choices=AssignTo.choices, default=AssignTo.VILLAGE)
    # [{"key": "q1", "text": "…", "choices": ["…", "…"]}]
    extra_questions = models.JSONField(_("extra questions"), default=list, blank=True)
    population = models.PositiveIntegerField(_("benefit records in scope"), default=0)
    excluded = models.PositiveIntegerField(_("skipped (called recently)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("callback campaign")
        verbose_name_plural = _("callback campaigns")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name


class CallTask(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="tasks")
    benefit = models.ForeignKey(
        "beneficiaries.Benefit", verbose_name=_("benefit record"), on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        "beneficiaries.Person", verbose_name=_("beneficiary"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(
        "projects.LivelihoodItem", verbose_name=_("livelihood item"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey("orgs.Org", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    town = models.ForeignKey("orgs.Org", verbose_name=_("town"), on_delete=models.PROTECT, related_name="+")
    assigned_org = models.ForeignKey(
        "orgs.Org", verbose_name=_("called by unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_called_at = models.DateTimeField(_("last called"), null=True, blank=True)
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caller"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # the latest attempt's outcome
    reached = models.CharField(_("reached"), max_length=12, choices=Reached.choices, blank=True)
    identity_confirmed = models.BooleanField(_("identity confirmed"), default=False)
    address_ok = models.BooleanField(_("address correct"), default=True)
    id_ok = models.BooleanField(_("ID number correct"), default=True)
    phone_ok = models.BooleanField(_("phone correct"), default=True)
    item_ok = models.BooleanField(_("item correct"), default=True)
    amount_ok = models.BooleanField(_("amount correct"), default=True)
    knows = models.BooleanField(_("knows it is a livelihood project"), default=False)
    understanding = models.CharField(
        _("policy understanding"), max_length=10, choices=Understanding.choices, blank=True
    )
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True)

    class Meta:
        verbose_name = _("call task")
        verbose_name_plural = _("call tasks")
        ordering = ["village_id", "id"]
        permissions = [("call_calltask", "Can make callback calls")]
        constraints = [models.UniqueConstraint(fields=["campaign", "benefit"], name="calltask_unique_benefit")]
        indexes = [models.Index(fields=["campaign", "town", "village"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in (TaskStatus.PENDING, TaskStatus.RETRY, TaskStatus.HOME_VISIT)

    @property
    def is_valid(self) -> bool:
        return self.reached == Reached.REACHED and self.identity_confirmed


class CallAttempt(models.Model):
    task = models.ForeignKey(CallTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="attempt_set")
    called_at = models.DateTimeField(_("called at"), db_index=True)
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("caller"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey("beneficiaries.Person", on_delete=models.CASCADE, related_name="+")
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.PHONE)
    source = models.CharField(_("entered through"), max_length=10, choices=Source.choices, default=Source.FORM)
    reached = models.CharField(_("reached"), max_length=12, choices=Reached.choices)
    identity_confirmed = models.BooleanField(_("identity confirmed"), default=False)
    address_ok = models.BooleanField(_("address correct"), default=True)
    id_ok = models.BooleanField(_("ID number correct"), default=True)
    phone_ok = models.BooleanField(_("phone correct"), default=True)
    item_ok = models.BooleanField(_("item correct"), default=True)
    amount_ok = models.BooleanField(_("amount correct"), default=True)
    knows = models.BooleanField(_("knows it is a livelihood project"), default=False)
    understanding = models.CharField(
        _("policy understanding"), max_length=10, choices=Understanding.choices, blank=True
    )
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True)
    answers = models.JSONField(_("extra answers"), default=dict, blank=True)
    comments = models.TextField(_("comments"), blank=True)

    class Meta:
        verbose_name = _("call attempt")
        verbose_name_plural = _("call attempts")
        ordering = ["-called_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk}"


class CorrectionRequest(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    task = models.ForeignKey(CallTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="corrections")
    benefit = models.ForeignKey("beneficiaries.Benefit", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("beneficiaries.Person", on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey("orgs.Org", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey("projects.LivelihoodItem", on_delete=models.PROTECT, related_name="+")
    field = models.CharField(_("field"), max_length=12, choices=CheckField.choices)
    current_masked = models.CharField(_("current value (masked)"), max_length=200, blank=True)
    proposed_enc = models.BinaryField(_("proposed value (encrypted)"), null=True, blank=True)
    proposed_text = models.CharField(_("proposed value"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN, db_index=True
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at", "-id"]
        permissions = [("decide_correctionrequest", "Can approve or reject corrections")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_field_display()}"

    @property
    def proposed_masked(self) -> str:
        from minsheng.core.crypto import get_cipher
        from minsheng.core.masking import mask_id, mask_phone

        if self.proposed_enc:
            value = get_cipher().decrypt(self.proposed_enc)
            if self.field == CheckField.ID_NUMBER:
                return mask_id(value)
            if self.field == CheckField.PHONE:
                return mask_phone(value)
            return value[:2] + "…" if len(value) > 2 else value
        return self.proposed_text

    def proposed_value(self) -> str:
        from minsheng.core.crypto import get_cipher

        return get_cipher().decrypt(self.proposed_enc) if self.proposed_enc else self.proposed_text


class ApiToken(models.Model):
    """A mobile-app token: only its SHA-256 is stored; the token is shown once."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="callback_api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}…"
