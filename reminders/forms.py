from django import forms
from django.utils.translation import gettext_lazy as _


class SendAgainForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the digest goes out again, e.g. the address bounced and has been corrected."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("State a reason."))
        return reason
