"""User forms for the Wagtail users admin: unit and role, kept consistent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from .choices import VILLAGE_KINDS, Role
from .models import Org, User, role_org_problem
from .roles import ROLE_GROUPS
from .selectors import unit_choices


class UnitChoiceField(forms.ModelChoiceField):
    """A unit shown by its short name and code; villages indented under their town."""

    def label_from_instance(self, obj: Org) -> str:
        indent = "\u3000" if obj.kind in VILLAGE_KINDS else ""
        return indent + _("%(name)s (%(code)s)") % {"name": obj.display_name, "code": obj.code}


# Account first, then what the account may see and do, then the log-in.
FIELD_ORDER = [
    "username",
    "full_name",
    "role",
    "org",
    "phone",
    "email",
    "password1",
    "password2",
    "is_active",
    "is_superuser",
    "groups",
]


class _OrgRoleMixin(forms.Form):
    """Name, role, unit and office phone on Wagtail's user forms.

    The role is the source of truth for what an account may do: its permission group
    follows the role (``services._sync_user_groups``). So the raw administrator switch
    and group boxes are shown to superusers only, and even they see only the groups
    beyond the role groups. Role and unit are not saved by the form: the view hands them
    to ``services.user_create`` / ``user_update`` (groups synced, audited).
    """

    full_name = forms.CharField(label=_("full name"), max_length=50)
    role = forms.ChoiceField(
        label=_("role"),
        choices=[("", "---------"), *Role.choices],
        required=False,
        help_text=_("What the account may do and see; its permission group follows the role."),
        error_messages={"required": _("Choose the role of the account.")},
    )
    org = UnitChoiceField(
        label=_("unit"),
        queryset=Org.objects.none(),
        required=False,
        help_text=_("The unit the account works for; it sees that unit's data only. An invited supervisor has none."),
    )
    phone = forms.CharField(label=_("office phone"), max_length=30, required=False)
    # Chinese names are one field (full_name), not Wagtail's first and last name.
    first_name = None
    last_name = None

    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        instance = getattr(self, "instance", None)
        current = instance.org if instance is not None and instance.pk and instance.org_id else None
        unit_field = self.fields["org"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.queryset = unit_choices(user=for_user, current=current)
        if instance is not None and instance.pk:
            self.initial.setdefault("role", instance.role)
            self.initial.setdefault("org", instance.org_id)
        # Village staff often have no e-mail, and password reset by e-mail is off.
        self.fields["email"].required = False
        if not getattr(for_user, "is_superuser", False):
            # Only a superuser may make an account without a role (an administrator).
            self.fields["role"].required = True
            self.fields.pop("is_superuser", None)
            self.fields.pop("groups", None)
        elif "groups" in self.fields:
            groups = self.fields["groups"]
            assert isinstance(groups, forms.ModelMultipleChoiceField)
            groups.queryset = Group.objects.exclude(name__in=ROLE_GROUPS.values()).order_by("name")
            groups.required = False
            groups.help_text = _("Groups beyond the role's own, which follows the role.")
        self.order_fields(FIELD_ORDER)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, org = data.get("role") or "", data.get("org")
        # The switch is not on the form when editing oneself: the account's own flag counts.
        if "is_superuser" in self.fields:
            superuser = bool(data.get("is_superuser"))
        else:
            superuser = bool(getattr(getattr(self, "instance", None), "is_superuser", False))
        if not role and "role" not in self.errors and not superuser:
            self.add_error("role", _("Choose the role of the account."))
        problem = role_org_problem(role, org)
        if problem:
            self.add_error("org", problem)
        return data


class UserCreationForm(_OrgRoleMixin, WagtailUserCreationForm):  # type: ignore[misc]
    class Meta:
        model = User
        fields = ["username", "full_name", "phone", "email", "is_superuser", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserEditForm(_OrgRoleMixin, WagtailUserEditForm):  # type: ignore[misc]
    class Meta:
        model = User
        fields = ["username", "full_name", "phone", "email", "is_active", "is_superuser", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}


class ExtraGroupForm(forms.Form):
    """The bulk "assign role" of Wagtail's user listing, limited to groups beyond the role groups."""

    role = forms.ModelChoiceField(
        label=_("group"), queryset=Group.objects.exclude(name__in=ROLE_GROUPS.values()).order_by("name")
    )


class LoginForm(WagtailLoginForm):  # type: ignore[misc]
    """The admin log-in form with labels and hints in plain words (Wagtail leaves the
    password without a label and builds the user-name hint from the field's name)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["username"].widget.attrs["placeholder"] = _("Your user name")
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs["placeholder"] = _("Your password")
        self.error_messages["invalid_login"] = _(
            "The user name or password is wrong. After %(limit)d failed attempts the account is locked for a while."
        ) % {"limit": settings.AXES_FAILURE_LIMIT}
