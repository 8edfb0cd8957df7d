from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    NEW = "new", _("New")
    ADJUSTED = "adjusted", _("Adjusted")
    CONTINUING = "continuing", _("Continuing")
