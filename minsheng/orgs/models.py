"""The org tree (city, office, departments, towns, villages) and back-office users."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import TimeStampedModel

from .choices import ROLE_ORG_KINDS, ROLE_ORG_RULES, TOWN_KINDS, VILLAGE_KINDS, OrgKind, Role


class Org(TimeStampedModel):
    """A unit. ``path`` is the materialised path of codes, ``/349981000000/349981101000/``,
    so a subtree is one indexed prefix query on both SQLite and PostgreSQL."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("12-digit area code, or D01…"))
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_town(self) -> bool:
        return self.kind in TOWN_KINDS

    @property
    def is_village(self) -> bool:
        return self.kind in VILLAGE_KINDS

    @property
    def is_department(self) -> bool:
        return self.kind in (OrgKind.DEPARTMENT, OrgKind.COORDINATOR)

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        return f"{prefix}{self.code}/"

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.path.find(f"/{self.code}/") >= 0:
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})

    def town(self) -> Org | None:
        """The town this org lies in (itself for a town)."""
        node: Org | None = self
        while node is not None:
            if node.kind in TOWN_KINDS:
                return node
            node = node.parent
        return None


def role_org_problem(role: str, org: Org | None) -> str | None:
    """Why ``org`` cannot be the unit of an account with ``role`` (None if it can).

    The one statement of the rule in ``ROLE_ORG_KINDS``, used by the model and the forms.
    """
    if not role:
        return None
    if role == Role.SUPERVISOR:
        return str(_("An invited supervisor does not belong to a unit.")) if org is not None else None
    if org is None:
        return str(_("This role needs a unit."))
    if org.kind not in ROLE_ORG_KINDS.get(role, ()):
        return _("%(rule)s “%(unit)s” is a %(kind)s, which does not fit this role.") % {
            "rule": ROLE_ORG_RULES.get(role, ""),
            "unit": org.display_name,
            "kind": org.get_kind_display(),
        }
    return None


class MinshengUserManager(UserManager["User"]):
    pass


class User(AbstractUser):
    """A back-office account. Each belongs to one org and has one role."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    org = models.ForeignKey(
        Org, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)

    objects = MinshengUserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        problem = role_org_problem(self.role, self.org if self.org_id else None)
        if problem:
            raise ValidationError({"org": problem})

    @property
    def is_coordinator(self) -> bool:
        return self.is_superuser or self.role == Role.COORDINATOR
