from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "minsheng.submissions"
    label = "submissions"
    verbose_name = _("Submissions")

    def ready(self) -> None:
        from minsheng.orgs.choices import Role
        from minsheng.orgs.roles import ROLE_MODEL_PERMISSIONS

        models = ["submission", "externalplacement", "pointscheme", "pointrule", "quota", "penalty"]
        coordinator = [f"submissions.{verb}_{m}" for m in models for verb in ("add", "change", "delete", "view")]
        coordinator += ["submissions.publish_submission", "submissions.lock_submission"]
        coordinator += ["submissions.change_submissionsettings"]
        ROLE_MODEL_PERMISSIONS[Role.COORDINATOR] += coordinator
        liaison = [
            f"submissions.{verb}_{m}" for m in ("submission", "externalplacement") for verb in ("add", "change", "view")
        ]
        ROLE_MODEL_PERMISSIONS[Role.DEPARTMENT_LIAISON] += liaison
        ROLE_MODEL_PERMISSIONS[Role.TOWN_LIAISON] += liaison
        # Village staff hold the permissions; services refuse them unless the setting allows it.
        ROLE_MODEL_PERMISSIONS[Role.VILLAGE_STAFF] += liaison

        from . import signals  # noqa: F401
