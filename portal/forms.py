"""Forms of the portal's own pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import User


class ReminderFrequencyForm(forms.ModelForm):
    """How often reminder digests reach the signed-in person (issue 19, item 5)."""

    class Meta:
        model = User
        fields = ["reminder_frequency"]
        labels = {"reminder_frequency": _("How often you receive reminder digests")}
        help_texts = {
            "reminder_frequency": _(
                "The digests list the work you are responsible for that is due, overdue or without a progress "
                "report. An overdue item escalated to your organization always reaches you."
            )
        }
