from django.db import models
from django.utils.translation import gettext_lazy as _


class DisclosureState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    ENDED = "ended", _("Ended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ANSWERED = "answered", _("Answered")


class ObjectionOutcome(models.TextChoices):
    NOT_UPHELD = "not_upheld", _("Not upheld: the entry is correct")
    CORRECTED = "corrected", _("Upheld: the entry was corrected")
    REMOVED = "removed", _("Upheld: the entry was removed")


MIN_PERIOD_DAYS = 7
DEFAULT_PERIOD_DAYS = 7
OBJECTION_WORKING_DAYS = 20
