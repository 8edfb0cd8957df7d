from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    TOWN = "town", _("Town full round (100%)")
    CITY = "city", _("City re-check (random sample)")


class AssignTo(models.TextChoices):
    VILLAGE = "village", _("Village staff (the town where a village has none)")
    TOWN = "town", _("Town")
    OWNER = "owner", _("The campaign's own unit")


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("To call")
    RETRY = "retry", _("Call again later")
    HOME_VISIT = "home_visit", _("Home visit")
    DONE = "done", _("Done")


class Method(models.TextChoices):
    PHONE = "phone", _("Phone call")
    HOME = "home", _("Home visit")


class Reached(models.TextChoices):
    REACHED = "reached", _("Reached")
    NO_ANSWER = "no_answer", _("No answer")
    EMPTY = "empty", _("Number does not exist")
    SUSPENDED = "suspended", _("Number suspended")
    WRONG = "wrong", _("Wrong number")
    REFUSED = "refused", _("Refused")


class Understanding(models.TextChoices):
    CLEAR = "clear", _("Clear")
    PARTLY = "partly", _("Partly")
    NOT = "not", _("Does not understand")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class CheckField(models.TextChoices):
    ADDRESS = "address", _("Address")
    ID_NUMBER = "id_number", _("ID number")
    PHONE = "phone", _("Phone")
    ITEM = "item", _("Livelihood item")
    AMOUNT = "amount", _("Amount received")


PERSONAL_FIELDS = (CheckField.ID_NUMBER, CheckField.PHONE, CheckField.ADDRESS)


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Source(models.TextChoices):
    FORM = "form", _("Call form")
    API = "api", _("Mobile app")
