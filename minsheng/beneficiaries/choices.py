from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class BatchStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    ROLLED_BACK = "rolled_back", _("Rolled back")


class OnDuplicate(models.TextChoices):
    SKIP = "skip", _("Skip (keep what is stored)")
    UPDATE = "update", _("Update with the file's values")
    ERROR = "error", _("Reject the row")
