from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken

LIFETIMES = [(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is it for?"), max_length=100, help_text=_("E.g. “Akimat register”. Only you see it.")
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        help_text=_("Read and write lets the token post progress reports where you may post them."),
    )
    days = forms.TypedChoiceField(label=_("Valid for"), choices=LIFETIMES, coerce=int, initial=90)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name
