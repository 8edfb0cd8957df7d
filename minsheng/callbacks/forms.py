from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minsheng.orgs.scoping import scope_for
from minsheng.projects.models import LivelihoodItem

from .choices import AssignTo, CheckField, Method, Reached, RoundKind, Satisfaction, Understanding
from .models import CHECK_FIELDS, CHECKS, Campaign
from .services import Outcome

YES_NO = [("1", _("Yes")), ("0", _("No"))]
OK_WRONG = [("1", _("Correct")), ("0", _("Wrong"))]


def _radio(label: Any, choices: Any, required: bool = False, initial: str | None = None) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, required=required, initial=initial)


class CallForm(forms.Form):
    """One call, phone first: every answer is one tap on a big button."""

    method = _radio(_("Method"), Method.choices, required=True, initial=Method.PHONE)
    reached = _radio(_("Did the call get through?"), Reached.choices, required=True)
    identity_confirmed = _radio(_("Identity confirmed"), YES_NO, initial="1")
    address_ok = _radio(CheckField.ADDRESS.label, OK_WRONG, initial="1")
    id_ok = _radio(CheckField.ID_NUMBER.label, OK_WRONG, initial="1")
    phone_ok = _radio(CheckField.PHONE.label, OK_WRONG, initial="1")
    item_ok = _radio(CheckField.ITEM.label, OK_WRONG, initial="1")
    amount_ok = _radio(CheckField.AMOUNT.label, OK_WRONG, initial="1")
    knows = _radio(_("Knows it is a livelihood project"), YES_NO)
    understanding = _radio(_("Policy understanding"), Understanding.choices)
    satisfaction = _radio(_("Satisfaction"), Satisfaction.choices)
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        for check in CHECKS:
            self.fields[f"{check}_value"] = forms.CharField(
                label=_("Right value"),
                required=False,
                max_length=100,
                widget=forms.TextInput(attrs={"inputmode": "text"}),
            )
        for q in campaign.extra_questions:
            self.fields[f"q_{q['key']}"] = _radio(q["text"], [(c, c) for c in q["choices"]])

    def check_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[c], self[f"{c}_value"]) for c in CHECKS]

    def extra_fields(self) -> list[forms.BoundField]:
        return [self[f"q_{q['key']}"] for q in self.campaign.extra_questions]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reached") == Reached.REACHED and data.get("identity_confirmed") == "1":
            for name in ("knows", "understanding", "satisfaction"):
                if not data.get(name):
                    self.add_error(name, _("Required for a reached and confirmed call."))
        return data

    def outcome(self) -> Outcome:
        d = self.cleaned_data
        return Outcome(
            reached=d["reached"],
            method=d["method"],
            identity_confirmed=d.get("identity_confirmed") == "1",
            checks={c: d.get(c) != "0" for c in CHECKS},
            proposed={CHECK_FIELDS[c]: d.get(f"{c}_value", "") for c in CHECKS if d.get(f"{c}_value")},
            knows=d.get("knows") == "1",
            understanding=d.get("understanding") or "",
            satisfaction=d.get("satisfaction") or "",
            comments=d.get("comments", ""),
            answers={q["key"]: d.get(f"q_{q['key']}") or "" for q in self.campaign.extra_questions},
        )


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    round = forms.ChoiceField(label=_("Round"), choices=RoundKind.choices)
    items = forms.ModelMultipleChoiceField(label=_("Livelihood items"), queryset=LivelihoodItem.objects.none())
    share = forms.DecimalField(
        label=_("Sample share (%)"), min_value=1, max_value=100, initial=20, help_text=_("City re-check only.")
    )
    seed = forms.IntegerField(
        label=_("Random seed"), required=False, help_text=_("Empty: a new random seed (recorded).")
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    exclude_days = forms.IntegerField(label=_("Skip people called in the last N days"), min_value=0, initial=0)
    # Empty: the service's default for the round (docs/architecture.md): village staff for a
    # town's round, the campaign's own unit (the office) for the city re-check.
    assign_to = forms.ChoiceField(
        label=_("Callers"),
        choices=[
            ("", _("Default: village staff for a town round, the office itself for the city re-check")),
            *AssignTo.choices,
        ],
        required=False,
    )
    extra_questions = forms.CharField(
        label=_("Extra questions (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_('For example: [{"text": "Did you receive the notice?", "choices": ["Yes", "No"]}]'),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items_field: Any = self.fields["items"]
        items_field.queryset = LivelihoodItem.objects.filter(city_has_task=True).order_by("-year", "seq")
        if not scope_for(user).everything:
            round_field: Any = self.fields["round"]
            round_field.choices = [(RoundKind.TOWN, RoundKind.TOWN.label)]

    def clean_extra_questions(self) -> list[Any]:
        text = (self.cleaned_data.get("extra_questions") or "").strip()
        if not text:
            return []
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("Not valid JSON.")) from exc
        if not isinstance(value, list):
            raise forms.ValidationError(_("Extra questions must be a list."))
        return value


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
