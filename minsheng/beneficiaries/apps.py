from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeneficiariesConfig(AppConfig):
    name = "minsheng.beneficiaries"
    label = "beneficiaries"
    verbose_name = _("Beneficiary registry")

    def ready(self) -> None:
        from minsheng.orgs.choices import Role
        from minsheng.orgs.roles import ROLE_MODEL_PERMISSIONS

        view = ["beneficiaries.view_person", "beneficiaries.view_benefit", "beneficiaries.view_importbatch"]
        # Reveal (full ID and phone, audited): the office, and the units that own and check
        # the data (departments for their items, towns for their villages). Village staff
        # see masked values only.
        ROLE_MODEL_PERMISSIONS[Role.COORDINATOR] += [
            *view,
            "beneficiaries.add_importbatch",
            "beneficiaries.reveal_person",
            "beneficiaries.rollback_importbatch",
        ]
        ROLE_MODEL_PERMISSIONS[Role.DEPARTMENT_LIAISON] += [
            *view,
            "beneficiaries.add_importbatch",
            "beneficiaries.reveal_person",
        ]
        ROLE_MODEL_PERMISSIONS[Role.TOWN_LIAISON] += [
            *view,
            "beneficiaries.add_importbatch",
            "beneficiaries.reveal_person",
        ]
        ROLE_MODEL_PERMISSIONS[Role.VILLAGE_STAFF] += ["beneficiaries.view_person", "beneficiaries.view_benefit"]
