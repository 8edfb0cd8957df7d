from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class OrgKind(models.TextChoices):
    CITY = "city", _("City")
    COORDINATOR = "coordinator", _("Livelihood projects office")
    DEPARTMENT = "department", _("Department")
    TOWN = "town", _("Town")
    SUBDISTRICT = "subdistrict", _("Subdistrict")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")
    COMMUNITY = "community", _("Community")


TOWN_KINDS = (OrgKind.TOWN, OrgKind.SUBDISTRICT, OrgKind.TOWNSHIP)
VILLAGE_KINDS = (OrgKind.VILLAGE, OrgKind.COMMUNITY)
AREA_KINDS = (OrgKind.CITY, *TOWN_KINDS, *VILLAGE_KINDS)


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator (livelihood office)")
    DEPARTMENT_LIAISON = "department_liaison", _("Department liaison")
    TOWN_LIAISON = "town_liaison", _("Town liaison")
    VILLAGE_STAFF = "village_staff", _("Village staff")
    SUPERVISOR = "supervisor", _("Invited supervisor")


# Which kinds of org each role may belong to (a supervisor belongs to none).
ROLE_ORG_KINDS: dict[str, tuple[str, ...]] = {
    Role.COORDINATOR: (OrgKind.COORDINATOR, OrgKind.CITY),
    Role.DEPARTMENT_LIAISON: (OrgKind.DEPARTMENT,),
    Role.TOWN_LIAISON: TOWN_KINDS,
    Role.VILLAGE_STAFF: VILLAGE_KINDS,
    Role.SUPERVISOR: (),
}

# The same rule in words, for the error shown when a unit does not fit a role.
ROLE_ORG_RULES: dict[str, StrOrPromise] = {
    Role.COORDINATOR: _("A coordinator belongs to the livelihood projects office or the city."),
    Role.DEPARTMENT_LIAISON: _("A department liaison belongs to a city department."),
    Role.TOWN_LIAISON: _("A town liaison belongs to a town, subdistrict or township."),
    Role.VILLAGE_STAFF: _("Village staff belong to a village or community."),
}
