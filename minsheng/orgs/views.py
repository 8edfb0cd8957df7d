"""Admin views for units and accounts: listings through the scoped selectors, writes
through services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.users.views import users as wagtail_users

from .models import Org, User
from .selectors import can_manage_user, org_list, user_list, user_manageable_list
from .services import org_save, user_create, user_update


class OrgIndexView(generic.IndexView):  # type: ignore[misc]
    def get_base_queryset(self) -> QuerySet[Org]:
        return org_list(user=self.request.user)


class OrgCreateView(generic.CreateView):  # type: ignore[misc]
    def save_instance(self) -> Org:
        instance: Org = self.form.save(commit=False)
        return org_save(actor=self.request.user, org=instance)


class OrgEditView(generic.EditView):  # type: ignore[misc]
    def get_object(self, queryset: Any = None) -> Org:
        return org_list(user=self.request.user).get(pk=self.kwargs["pk"])

    def save_instance(self) -> Org:
        instance: Org = self.form.save(commit=False)
        return org_save(actor=self.request.user, org=instance)


# --- Accounts (Settings → Users; wired in by viewsets.UserViewSet) ----------------------


class UserIndexView(wagtail_users.IndexView):  # type: ignore[misc]
    """Wagtail's user listing, scoped, with role and unit columns and search by full name."""

    def get_base_queryset(self) -> QuerySet[User]:
        return user_list(user=self.request.user)

    @cached_property
    def columns(self) -> list[Any]:
        columns = list(super().columns)
        at = next(i for i, c in enumerate(columns) if c.name == User.USERNAME_FIELD) + 1
        columns[at:at] = [
            Column("role", label=_("role"), accessor="get_role_display", sort_key="role", width="12%"),
            Column("org", label=_("unit"), accessor=_unit_label, sort_key="org__path", width="15%"),
        ]
        return columns

    @cached_property
    def search_fields(self) -> list[str]:
        return ["username", "full_name", "email", "phone"]

    def order_queryset(self, queryset: QuerySet[User]) -> QuerySet[User]:
        if self.ordering in ("name", "-name"):
            return queryset.order_by(self.ordering.replace("name", "full_name"), "username")
        result: QuerySet[User] = super().order_queryset(queryset)
        return result

    def get_edit_url(self, instance: User) -> str | None:
        if not can_manage_user(user=self.request.user, target=instance):
            return None
        url: str | None = super().get_edit_url(instance)
        return url


def _unit_label(user: User) -> str:
    return user.org.display_name if user.org else ""


class _UserFormMixin:
    """Hands the acting user to the form (it decides the units offered and whether the
    administrator switch and groups are shown) and turns a service's validation error
    into form errors instead of a server error."""

    request: Any

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["for_user"] = self.request.user
        return kwargs

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, messages in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]
        return response


class UserCreateView(_UserFormMixin, wagtail_users.CreateView):  # type: ignore[misc]
    def save_instance(self) -> User:
        data = self.form.cleaned_data
        return user_create(
            actor=self.request.user,
            username=data[User.USERNAME_FIELD],
            role=data.get("role") or "",
            org=data.get("org"),
            full_name=data.get("full_name", ""),
            password=data.get("password1") or None,
            email=data.get("email") or "",
            phone=data.get("phone", ""),
            is_superuser=bool(data.get("is_superuser")),
            extra_groups=list(data.get("groups") or []),
        )


class UserEditView(_UserFormMixin, wagtail_users.EditView):  # type: ignore[misc]
    def get_queryset(self) -> QuerySet[User]:
        # A superuser's account is not even opened by someone who is not one.
        return user_manageable_list(user=self.request.user)

    def save_instance(self) -> User:
        data = self.form.cleaned_data
        instance: User = self.form.save(commit=False)  # account fields and a new password, unsaved
        user = user_update(
            actor=self.request.user,
            user=instance,
            role=data.get("role") or "",
            org=data.get("org"),
            extra_groups=list(data.get("groups") or []) if "groups" in self.form.fields else None,
        )
        if user == self.request.user and "password1" in self.form.changed_data:
            update_session_auth_hash(self.request, user)
        return user
