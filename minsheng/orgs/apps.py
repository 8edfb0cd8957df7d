from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users import apps as wagtail_users_apps


class OrgsConfig(AppConfig):
    name = "minsheng.orgs"
    label = "orgs"
    verbose_name = _("Units and accounts")

    def ready(self) -> None:
        from . import signals  # noqa: F401


class UsersConfig(wagtail_users_apps.WagtailUsersAppConfig):  # type: ignore[misc]
    """``wagtail.users`` with our user viewset: name, role, unit and office phone on the
    account forms, role and unit in the listing. Listed in INSTALLED_APPS in place of
    ``wagtail.users`` (``default = False``: ``minsheng.orgs`` itself stays ``OrgsConfig``)."""

    default = False
    user_viewset = "minsheng.orgs.viewsets.UserViewSet"
