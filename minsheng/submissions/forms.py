from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .choices import Level, Placement


class AdoptForm(forms.Form):
    placement = forms.ChoiceField(label=_("placement"), choices=Placement.choices, initial=Placement.ORDINARY)
    level = forms.ChoiceField(label=_("level"), choices=Level.choices, initial=Level.CITY)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class SubmissionForm(WagtailAdminModelForm):
    """Checks what the column needs (photos for 图绘民生, a video for 视听民生)."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        images = self.formsets.get("images") if hasattr(self, "formsets") else None
        count = 0
        if images is not None:
            for form in images.forms:
                if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE"):
                    count += 1
        instance = self.instance
        instance.column = cleaned.get("column", instance.column)
        instance.video = cleaned.get("video")
        instance.embed_url = cleaned.get("embed_url", "")
        for field, message in instance.column_problems(image_count=count).items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned


class RankingPeriodForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("period"), choices=[("month", _("Month")), ("quarter", _("Quarter")), ("year", _("Year"))]
    )
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=_("month or quarter"), min_value=1, max_value=12, required=False)
