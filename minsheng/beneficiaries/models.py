"""The beneficiary registry: people, what each received (benefit records), import batches.

ID and phone numbers are stored only encrypted (AES-GCM, ``minsheng.core.crypto``) with a
keyed blind index of the ID for look-up and de-duplication; the name is in clear (it is
shown on 公示 boards and searched). Gender and birth date are derived from the ID.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.crypto import get_cipher
from minsheng.core.masking import mask_id, mask_name, mask_phone
from minsheng.core.models import TimeStampedModel

from .choices import BatchStatus, Gender, OnDuplicate


class Person(TimeStampedModel):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)  # no index: bulk imports
    # No index on the name: search by name is a substring match (no b-tree helps) and lists
    # sort by village first; two name indexes cost a million-row import ≈ 5 s on PostgreSQL.
    name = models.CharField(_("name"), max_length=50)
    id_number_enc = models.BinaryField(_("ID number (encrypted)"))
    id_index = models.BinaryField(_("ID number blind index"), max_length=32, unique=True)
    phone_enc = models.BinaryField(_("phone (encrypted)"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    village = models.ForeignKey(
        "orgs.Org", verbose_name=_("village"), on_delete=models.PROTECT, related_name="beneficiaries"
    )

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["village_id", "name", "id"]
        permissions = [("reveal_person", "Can reveal full ID and phone numbers")]

    def __str__(self) -> str:
        return mask_name(self.name)

    # Decrypting is cheap (microseconds); lists decrypt only the page they show.
    def id_number(self) -> str:
        return get_cipher().decrypt(self.id_number_enc)

    def phone(self) -> str:
        return get_cipher().decrypt(self.phone_enc) if self.phone_enc else ""

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number())

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone())


class ImportBatch(models.Model):
    """One roster file imported (or being imported) for one item and unit."""

    created_at = models.DateTimeField(_("started at"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("imported by"), max_length=150, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    stored_file = models.CharField(max_length=500, blank=True, editable=False)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    item = models.ForeignKey(
        "projects.LivelihoodItem", verbose_name=_("livelihood item"), on_delete=models.PROTECT, related_name="+"
    )
    org = models.ForeignKey("orgs.Org", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    on_duplicate = models.CharField(
        _("duplicates"), max_length=10, choices=OnDuplicate.choices, default=OnDuplicate.SKIP
    )
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.RUNNING, db_index=True
    )
    message = models.TextField(_("message"), blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    rows_imported = models.PositiveIntegerField(_("imported"), default=0)
    rows_updated = models.PositiveIntegerField(_("updated"), default=0)
    rows_skipped = models.PositiveIntegerField(_("skipped"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rejected"), default=0)
    # errors and warnings: [{"row", "column", "code", "message"}] (no ID or phone in them)
    errors = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # the rejected rows as they were in the file (header + cells): they hold ID and phone
    # numbers, so they are stored encrypted, for the error report download
    rejected_enc = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]
        permissions = [("rollback_importbatch", "Can roll back an import batch")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name}"

    @property
    def effective_status(self) -> str:
        """A batch still ``running`` long after it started died (killed worker): failed."""
        if self.status == BatchStatus.RUNNING and self.is_stale:
            return BatchStatus.FAILED
        return self.status

    @property
    def effective_status_label(self) -> str:
        return str(BatchStatus(self.effective_status).label)

    @property
    def is_stale(self) -> bool:
        limit = timedelta(minutes=getattr(settings, "IMPORT_STALE_MINUTES", 60))
        return self.status == BatchStatus.RUNNING and self.created_at < timezone.now() - limit

    @property
    def percent(self) -> int:
        if self.status != BatchStatus.RUNNING:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class Benefit(TimeStampedModel):
    """What one person received from one item in one year."""

    # Indexes are few on purpose (every one slows a million-row import): the unique
    # (person, item, year) serves look-ups by person, (item, year) those by item.
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    person = models.ForeignKey(
        Person, verbose_name=_("beneficiary"), on_delete=models.CASCADE, related_name="benefits", db_index=False
    )
    item = models.ForeignKey(
        "projects.LivelihoodItem",
        verbose_name=_("livelihood item"),
        on_delete=models.PROTECT,
        related_name="benefits",
        db_index=False,
        db_constraint=False,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(_("payout date"), null=True, blank=True)
    # Item, village, source unit and batch are checked by the import service (the item and unit
    # were looked up, the village is found inside the importer's scope, the batch was just
    # created) and protected by the ORM (PROTECT); the database does not check them again row
    # by row, which a million-row COPY would pay for (PostgreSQL runs one trigger per foreign
    # key per row, ≈ 2 s per million each). The person keeps its constraint.
    village = models.ForeignKey(
        "orgs.Org", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    source_org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("source unit"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("benefit record")
        verbose_name_plural = _("benefit records")
        ordering = ["-year", "item_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "item", "year"], name="benefit_unique_person_item_year")
        ]
        indexes = [models.Index(fields=["item", "year"])]

    def __str__(self) -> str:
        return f"{self.item_id}/{self.year}"
