from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from minsheng.beneficiaries.models import ImportBatch
from minsheng.orgs.models import Org
from minsheng.projects.models import LivelihoodItem

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


class DisclosureCreateForm(forms.Form):
    """Create a draft, or (with ``initial`` from the draft) edit one."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for the standard title: unit, year, item."),
    )
    item = forms.ModelChoiceField(label=_("Livelihood item"), queryset=LivelihoodItem.objects.none())
    issuer = forms.ModelChoiceField(label=_("Issuing unit"), queryset=Org.objects.none())
    batch = forms.ModelChoiceField(label=_("From import batch"), queryset=ImportBatch.objects.none(), required=False)
    villages = forms.ModelMultipleChoiceField(
        label=_("Only these villages"), queryset=Org.objects.none(), required=False
    )
    period_days = forms.IntegerField(label=_("Period (days)"), min_value=7, initial=7)
    long_term = forms.BooleanField(label=_("Long-term"), required=False)
    objection_phone = forms.CharField(label=_("Objection phone"), max_length=50)
    objection_address = forms.CharField(label=_("Objection address"), max_length=200, required=False)
    objection_office = forms.CharField(label=_("Objection office"), max_length=100, required=False)

    # choosing these again makes the list again
    SELECTION_FIELDS = frozenset({"item", "issuer", "batch", "villages"})

    def __init__(self, *args: Any, items: Any, issuers: Any, batches: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]
        self.fields["batch"].queryset = batches  # type: ignore[attr-defined]
        self.fields["villages"].queryset = villages  # type: ignore[attr-defined]


class ObjectionAnswerForm(forms.Form):
    recheck = forms.CharField(label=_("Re-check done"), widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(label=_("Result"), choices=[])
    amount = forms.DecimalField(label=_("Corrected amount (yuan)"), required=False, max_digits=12, decimal_places=2)
    answer = forms.CharField(label=_("Answer to the objector"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .choices import ObjectionOutcome

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = ObjectionOutcome.choices  # type: ignore[attr-defined]
