"""Chinese for the Wagtail admin texts that never pass through gettext, so no catalogue reaches them.

Wagtail's missing *translations* are supplied by minsheng/wagtail_zh's catalogues. What is
left here are texts Wagtail never marks for translation: form labels made from field names
(the link choosers' "Link text", "Email address", …), the sites listing's column headers
("Port", "Site name", "Root page") and booleans printed as True/False in inspect views.
``CoreConfig.ready()`` calls ``relabel_wagtail_admin()`` once; the labels are lazy, so each
request still gets its own language. ``scripts/find_english_admin.py`` finds such texts.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.template.defaultfilters import yesno
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class
from wagtail.admin.ui.tables import Column


def yes_no(value: Any) -> str:
    """是 / 否 (Django's own "yes,no,maybe" wording); empty for an unknown value."""
    return "" if value is None else str(yesno(bool(value)))


class YesNoDisplay(BaseFieldDisplay):  # type: ignore[misc]
    """A boolean field in an inspect view: 是 / 否 rather than True / False."""

    def render_html(self, parent_context: Any = None) -> str:
        return yes_no(self.value)


class YesNoColumn(Column):  # type: ignore[misc]
    """A boolean listing column: 是 / 否 rather than True / False."""

    def get_value(self, instance: Any) -> str:
        return yes_no(super().get_value(instance))


def field_label(model: type[models.Model], name: str) -> Any:
    """The field's verbose name, capitalised (lazily, so in each request's language)."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), name
    return capfirst(field.verbose_name)


def relabel_wagtail_admin() -> None:
    from wagtail.admin.forms import choosers
    from wagtail.models import Site
    from wagtail.sites.views import IndexView as SiteIndexView

    link_text = _("Link text")
    form_labels: dict[type[forms.Form], dict[str, Any]] = {
        choosers.ExternalLinkChooserForm: {"link_text": link_text},
        choosers.AnchorLinkChooserForm: {"link_text": link_text},
        choosers.EmailLinkChooserForm: {
            "email_address": _("Email address"),
            "link_text": link_text,
            "subject": _("Subject"),
            "body": _("Body"),
        },
        choosers.PhoneLinkChooserForm: {"phone_number": _("Phone number"), "link_text": link_text},
    }
    for form_class, labels in form_labels.items():
        for name, label in labels.items():
            if name in form_class.base_fields:
                form_class.base_fields[name].label = label

    for column in SiteIndexView.columns:
        if column.name in {"port", "site_name", "root_page"}:
            column.label = field_label(Site, column.name)

    register_display_class(models.BooleanField, display_class=YesNoDisplay)
