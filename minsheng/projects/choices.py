from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    NEW = "new", _("New")
    ADJUSTED = "adjusted", _("Adjusted")
    CONTINUING = "continuing", _("Continuing")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Returned for changes")


class Weighting(models.TextChoices):
    EQUAL = "equal", _("Equal weights")
    WEIGHTED = "weighted", _("By the weights set on each target or item")
