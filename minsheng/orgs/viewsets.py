"""The Wagtail users admin (Settings → Users) with our account forms and rules.

Wagtail 6+ takes custom user forms from the users app's ``user_viewset`` (the old
``WAGTAIL_USER_*_FORM`` settings are ignored); ``apps.UsersConfig`` points it here.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.users.views import users as wagtail_users

from .choices import Role
from .forms import UserCreationForm, UserEditForm
from .models import User
from .views import UserCreateView, UserEditView, UserIndexView


class UserFilterSet(wagtail_users.UserFilterSet):  # type: ignore[misc]
    role = django_filters.ChoiceFilter(label=_("role"), choices=Role.choices)

    class Meta:
        model = User
        fields: list[str] = []


class UserViewSet(wagtail_users.UserViewSet):  # type: ignore[misc]
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    filterset_class = UserFilterSet
    # Wagtail's copy view would save through the form, around the services; accounts are
    # not copied.
    copy_view_enabled = False
    # One list of fields in the form's order (Wagtail's templates hard-code first and last name).
    create_template_name = "wagtailadmin/generic/create.html"
    edit_template_name = "wagtailadmin/generic/edit.html"

    def get_form_class(self, for_update: bool = False) -> Any:
        return UserEditForm if for_update else UserCreationForm
