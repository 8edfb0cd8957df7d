from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "minsheng.projects"
    label = "projects"
    verbose_name = _("Livelihood items")

    def ready(self) -> None:
        from minsheng.orgs.choices import Role
        from minsheng.orgs.roles import ROLE_MODEL_PERMISSIONS

        ROLE_MODEL_PERMISSIONS[Role.COORDINATOR] += [
            "projects.add_livelihooditem",
            "projects.change_livelihooditem",
            "projects.delete_livelihooditem",
            "projects.view_livelihooditem",
            "projects.view_progressreport",
            "projects.change_progressreport",
            "projects.change_progresssettings",
        ]
        ROLE_MODEL_PERMISSIONS[Role.DEPARTMENT_LIAISON] += [
            "projects.change_livelihooditem",
            "projects.view_livelihooditem",
            "projects.add_progressreport",
            "projects.change_progressreport",
            "projects.view_progressreport",
        ]
        ROLE_MODEL_PERMISSIONS[Role.TOWN_LIAISON] += ["projects.view_progressreport"]

        from . import home  # noqa: F401  (registers the home page's items section)
