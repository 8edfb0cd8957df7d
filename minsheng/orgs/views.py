"""Admin views for units: listing through the scoped selector, writes through services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from wagtail.admin.views import generic

from .models import Org
from .selectors import org_list
from .services import org_save


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
