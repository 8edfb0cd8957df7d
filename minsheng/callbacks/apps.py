from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallbacksConfig(AppConfig):
    name = "minsheng.callbacks"
    label = "callbacks"
    verbose_name = _("Beneficiary callbacks")

    def ready(self) -> None:
        from minsheng.orgs.choices import Role
        from minsheng.orgs.roles import ROLE_MODEL_PERMISSIONS

        call = ["callbacks.view_calltask", "callbacks.call_calltask", "callbacks.view_campaign"]
        decide = ["callbacks.view_correctionrequest", "callbacks.decide_correctionrequest"]
        ROLE_MODEL_PERMISSIONS[Role.COORDINATOR] += [*call, *decide, "callbacks.add_campaign"]
        ROLE_MODEL_PERMISSIONS[Role.DEPARTMENT_LIAISON] += ["callbacks.view_campaign", *decide]
        ROLE_MODEL_PERMISSIONS[Role.TOWN_LIAISON] += [*call, *decide, "callbacks.add_campaign"]
        ROLE_MODEL_PERMISSIONS[Role.VILLAGE_STAFF] += call
