"""User forms for the Wagtail users admin: unit and role, kept consistent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from .choices import Role
from .models import Org


class _OrgRoleMixin(forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=50, required=False)
    role = forms.ChoiceField(label=_("role"), choices=[("", "---------"), *Role.choices], required=False)
    org = forms.ModelChoiceField(label=_("unit"), queryset=Org.objects.filter(is_active=True), required=False)
    phone = forms.CharField(label=_("office phone"), max_length=30, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, org = data.get("role"), data.get("org")
        from .choices import ROLE_ORG_KINDS

        if role == Role.SUPERVISOR and org is not None:
            self.add_error("org", _("An invited supervisor does not belong to a unit."))
        elif role and role != Role.SUPERVISOR:
            if org is None:
                self.add_error("org", _("This role needs a unit."))
            elif org.kind not in ROLE_ORG_KINDS.get(role, ()):
                self.add_error("org", _("This unit does not fit the role."))
        return data

    def save(self, commit: bool = True) -> Any:
        from .services import _sync_user_groups

        user = super().save(commit=commit)  # type: ignore[misc]
        if commit:
            _sync_user_groups(user)
        return user


class UserCreationForm(_OrgRoleMixin, WagtailUserCreationForm):  # type: ignore[misc]
    pass


class UserEditForm(_OrgRoleMixin, WagtailUserEditForm):  # type: ignore[misc]
    pass


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
