from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "minsheng.disclosures"
    label = "disclosures"
    verbose_name = _("Disclosures")

    def ready(self) -> None:
        from minsheng.orgs.choices import Role
        from minsheng.orgs.roles import ROLE_MODEL_PERMISSIONS

        from . import home  # noqa: F401  (registers the home section)

        prepare = [
            "disclosures.view_disclosure",
            "disclosures.add_disclosure",
            "disclosures.change_disclosure",  # a draft (services.can_edit)
            "disclosures.delete_disclosure",  # a draft (services.can_delete)
            "disclosures.view_objection",
        ]
        # Those who answer objections see the objector's full contact (audited); village
        # staff see it masked, like the registry's reveal (beneficiaries.reveal_person).
        approve = [
            "disclosures.approve_disclosure",
            "disclosures.change_objection",
            "disclosures.reveal_objection_contact",
        ]
        ROLE_MODEL_PERMISSIONS[Role.COORDINATOR] += [*prepare, *approve]
        ROLE_MODEL_PERMISSIONS[Role.DEPARTMENT_LIAISON] += [*prepare, *approve]
        ROLE_MODEL_PERMISSIONS[Role.TOWN_LIAISON] += [*prepare, *approve]
        # Village staff prepare their village's 公示; their town approves it.
        ROLE_MODEL_PERMISSIONS[Role.VILLAGE_STAFF] += prepare
