from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import DisclosureEntry

MIN_FILL_SECONDS = 5
MAX_FILL_SECONDS = 2 * 60 * 60
SALT = "disclosures.objection"


def stamp() -> str:
    return signing.dumps(int(time.time()), salt=SALT)


class ObjectionForm(forms.Form):
    """The public objection form. Spam resistance: ``website`` is a honeypot hidden from
    people; ``stamp`` is a signed time the form was shown (too fast = a robot)."""

    entry = forms.TypedChoiceField(label=_("Entry concerned"), coerce=int)
    name = forms.CharField(label=_("Your name"), max_length=50)
    contact = forms.CharField(label=_("Phone or other contact"), max_length=100)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 5}), min_length=5, max_length=2000)
    website = forms.CharField(label=_("Leave this empty"), required=False)
    stamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, entries: list[DisclosureEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries = {e.pk: e for e in entries}
        field = self.fields["entry"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *[(e.pk, e.web_label) for e in entries]]
        if not self.is_bound:
            self.initial["stamp"] = stamp()

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your submission could not be accepted."))
        return ""

    def clean_stamp(self) -> int:
        try:
            shown = int(signing.loads(self.cleaned_data["stamp"], salt=SALT, max_age=MAX_FILL_SECONDS))
        except (signing.BadSignature, ValueError, TypeError):
            raise forms.ValidationError(
                _("The form has expired. Please reload the page and fill it in again.")
            ) from None
        if time.time() - shown < MIN_FILL_SECONDS:
            raise forms.ValidationError(_("The form was sent too quickly. Please check it and send it again."))
        return shown

    def clean_entry(self) -> DisclosureEntry:
        pk = self.cleaned_data["entry"]
        if pk not in self.entries:
            raise forms.ValidationError(_("Choose an entry of this disclosure."))
        return self.entries[pk]
