from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minsheng.portal.choices import Column


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("submission status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("submission status", "Submitted")
    RETURNED = "returned", pgettext_lazy("submission status", "Returned for changes")
    ADOPTED = "adopted", pgettext_lazy("submission status", "Adopted")
    DECLINED = "declined", pgettext_lazy("submission status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("submission status", "Withdrawn")


# A unit may change (and submit) a piece in these states.
EDITABLE_STATUSES = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED, SubmissionStatus.WITHDRAWN)


class ReviewAction(models.TextChoices):
    ADOPT = "adopt", _("Adopt")
    RETURN = "return", _("Return for changes")
    DECLINE = "decline", _("Decline")


class Placement(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    HEADLINE = "headline", _("Headline")


class Level(models.TextChoices):
    NATIONAL = "national", _("National level")
    PROVINCIAL = "provincial", _("Provincial level")
    CITY = "city", _("City level")
    COUNTY = "county", _("County level")


LEVEL_ORDER = [Level.NATIONAL, Level.PROVINCIAL, Level.CITY, Level.COUNTY]


class PieceKind(models.TextChoices):
    TEXT = "text", _("Text")
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")


def kind_for_column(column: str) -> str:
    if column == Column.PHOTOS:
        return PieceKind.PHOTO
    if column == Column.VIDEOS:
        return PieceKind.VIDEO
    return PieceKind.TEXT


# Columns a unit may submit to (policy documents are the office's own).
SUBMISSION_COLUMNS = [
    (Column.NEWS.value, Column.NEWS.label),
    (Column.GRASSROOTS.value, Column.GRASSROOTS.label),
    (Column.PHOTOS.value, Column.PHOTOS.label),
    (Column.VIDEOS.value, Column.VIDEOS.label),
]


class PlacementStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Outlet(models.TextChoices):
    PROVINCE_SITE = "ahmsgc", "安徽省民生工程网"
    CHINA_FINANCE = "zgcjb", "中国财经报"
    ANHUI_DAILY = "ahrb", "安徽日报"
    WECHAT = "wechat", _("WeChat account")
    DOUYIN = "douyin", _("Douyin")
    OTHER = "other", _("Other")


class QuotaPeriod(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class UnitGroup(models.TextChoices):
    TOWN = "town", _("Every town")
    DEPARTMENT = "department", _("Every department")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
