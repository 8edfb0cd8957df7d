from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minsheng.core.tabular import SPREADSHEET_SUFFIXES

from . import selectors
from .choices import OnDuplicate
from .roster import FIELD_LABELS, FIELDS


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("roster file"), help_text=gettext_lazy("xlsx, xls, ods, csv, or Excel's Unicode text (txt)")
    )
    item: forms.ModelChoiceField = forms.ModelChoiceField(label=gettext_lazy("livelihood item"), queryset=None)  # type: ignore[arg-type,type-arg]
    org: forms.ModelChoiceField = forms.ModelChoiceField(label=gettext_lazy("unit the roster covers"), queryset=None)  # type: ignore[arg-type,type-arg]
    sheet = forms.CharField(
        label=gettext_lazy("sheet"),
        required=False,
        help_text=gettext_lazy("if empty, the first sheet that holds a roster"),
    )
    on_duplicate = forms.ChoiceField(
        label=gettext_lazy("people already registered for this item"),
        choices=OnDuplicate.choices,
        initial=OnDuplicate.SKIP,
    )
    mapping = forms.CharField(
        label=gettext_lazy("column mapping (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mapping"].help_text = _(
            'JSON such as {"户主": "name", "证件号": "id_number"}; fields: %(fields)s'
        ) % {"fields": ", ".join(f"{f}（{FIELD_LABELS[f]}）" for f in FIELDS)}
        self.fields["item"].queryset = selectors.importable_items(user=user)  # type: ignore[attr-defined]
        self.fields["org"].queryset = selectors.importable_orgs(user=user)  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB; split the roster into several files.") % {"limit": limit}
            )
        name = (upload.name or "").lower()
        if not (name.endswith((".csv", ".txt")) or any(name.endswith(s) for s in SPREADSHEET_SUFFIXES)):
            raise forms.ValidationError(_("Upload an xlsx, xls, ods, csv or txt file."))
        return upload

    def clean_mapping(self) -> dict[str, str]:
        text = (self.cleaned_data.get("mapping") or "").strip()
        if not text:
            return {}
        try:
            mapping = json.loads(text)
        except ValueError:
            raise forms.ValidationError(_("The mapping is not valid JSON.")) from None
        if not isinstance(mapping, dict) or not all(isinstance(k, str) and v in FIELDS for k, v in mapping.items()):
            raise forms.ValidationError(_("Map each heading to one of: %(fields)s.") % {"fields": ", ".join(FIELDS)})
        return mapping
