"""The yearly catalogue of livelihood items (民生实事). The catalogue issue fills it out."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import TimeStampedModel

from .choices import ItemStatus


class LivelihoodItem(TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    seq = models.PositiveSmallIntegerField(_("number"))
    code = models.CharField(_("code"), max_length=10, unique=True, editable=False, help_text=_("YYYY-NN"))
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.NEW)
    city_has_task = models.BooleanField(_("the city has a task"), default=True)
    lead_department = models.ForeignKey(
        "orgs.Org", verbose_name=_("lead department"), on_delete=models.PROTECT, related_name="led_items"
    )
    co_departments = models.ManyToManyField(
        "orgs.Org", verbose_name=_("co-operating departments"), blank=True, related_name="co_items"
    )

    class Meta:
        verbose_name = _("livelihood item")
        verbose_name_plural = _("livelihood items")
        ordering = ["-year", "seq"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"], name="item_unique_year_seq")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.code = f"{self.year}-{self.seq:02d}"
        super().save(*args, **kwargs)  # type: ignore[arg-type]
