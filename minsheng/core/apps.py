from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "minsheng.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .admin_labels import relabel_wagtail_admin

        relabel_wagtail_admin()
