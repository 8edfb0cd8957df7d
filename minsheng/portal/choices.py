from django.db import models
from django.utils.translation import gettext_lazy as _


class Column(models.TextChoices):
    """The portal's columns. The first four are the plan's livelihood-website columns."""

    NEWS = "news", _("Work news")  # 工作动态
    GRASSROOTS = "grassroots", _("Voices from the grassroots")  # 基层话民生
    PHOTOS = "photos", _("Livelihood in pictures")  # 图绘民生
    VIDEOS = "videos", _("Livelihood on screen")  # 视听民生
    POLICIES = "policies", _("Policy documents")  # 政策文件


# Which page types a column holds.
COLUMN_PAGE_TYPES = {
    Column.NEWS: ["portal.ArticlePage"],
    Column.GRASSROOTS: ["portal.ArticlePage"],
    Column.PHOTOS: ["portal.PhotoStoryPage"],
    Column.VIDEOS: ["portal.VideoPage"],
    Column.POLICIES: ["portal.ArticlePage"],
}
