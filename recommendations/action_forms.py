"""Forms about actions: setting one up (editors), reporting on it and moving its status (its owner's focal points;
reviewers confirm or return a reported implementation)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.models import Organization
from portal.sorting import by_name
from recommendations import action_services
from recommendations.forms import DateInput
from recommendations.models import Action, ActionReport

AStatus = Action.Status


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "title_en",
            "title_ru",
            "title_kk",
            "owner",
            "supporting_organizations",
            "due_date",
            "indicator_en",
            "indicator_ru",
            "indicator_kk",
            "unit",
            "baseline",
            "target",
        ]
        widgets = {
            "due_date": DateInput(),
            "owner": forms.Select(attrs={"data-searchable": ""}),
            "supporting_organizations": forms.SelectMultiple(attrs={"data-searchable": ""}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = by_name(Organization.objects.all())
        self.fields["owner"].help_text = _("Its focal points report on the action and receive its reminders.")
        self.fields["supporting_organizations"].queryset = by_name(Organization.objects.all())
        self.fields["indicator_en"].help_text = _("Optional: what is measured, e.g. “Meetings of the working group”.")

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("title_en", "title_ru", "title_kk")):
            self.add_error("title_en", _("Give the action a title in at least one language."))
        owner = cleaned.get("owner")
        if owner and owner in (cleaned.get("supporting_organizations") or []):
            self.add_error("supporting_organizations", _("The owner cannot also be a supporting organization."))
        has_indicator = any(cleaned.get(name) for name in ("indicator_en", "indicator_ru", "indicator_kk"))
        if not has_indicator and any(cleaned.get(name) not in (None, "") for name in ("unit", "baseline", "target")):
            self.add_error("indicator_en", _("Name the indicator that the unit, baseline and target belong to."))
        return cleaned


class ActionReportForm(forms.ModelForm):
    evidence_url = forms.URLField(label=_("Link to evidence"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = ActionReport
        fields = ["organization", "date", "text", "evidence", "evidence_url", "value"]
        widgets = {
            "date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 5}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, action: Action, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        speaks_for = set(action.organization_ids)
        if not roles.is_admin(user):
            speaks_for &= {user.organization_id, *user.focal_point_for.values_list("pk", flat=True)}
        self.fields["organization"].queryset = by_name(Organization.objects.filter(pk__in=speaks_for))
        self.fields["organization"].help_text = _("The organization this report speaks for.")
        self.fields["date"].help_text = _("When the work was done or the evidence dated.")
        if action.has_indicator:
            self.fields["value"].label = _("Value of the indicator")
            self.fields["value"].help_text = _("“%(indicator)s” on that date%(unit)s; leave empty if not measured.") % {
                "indicator": action.indicator,
                "unit": f" ({action.unit})" if action.unit else "",
            }
        else:
            del self.fields["value"]
        if not self.is_bound:
            self.initial.setdefault("organization", action.owner_id if action.owner_id in speaks_for else None)
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Say what was done."))
        return text


class ActionStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when an action is cancelled, returned or reopened."),
    )

    def __init__(self, *args, action: Action, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.action, self.user = action, user
        self.fields["to_status"].choices = [(s, AStatus(s).label) for s in choices_for(action, user)]

    def clean(self):
        cleaned = super().clean()
        to_status = cleaned.get("to_status")
        if to_status:
            try:
                action_services.check_transition(self.action, to_status, cleaned.get("comment", ""), user=self.user)
            except action_services.TransitionError as exc:
                self.add_error("comment" if exc.code == "comment_required" else None, exc)
        return cleaned


def choices_for(action: Action, user) -> tuple[str, ...]:
    """The moves ``user`` may make: a reporter's, a reviewer's, or both."""
    moves: list[str] = []
    if user.has_perm("recommendations.report_on_action", action):
        moves += action_services.allowed_transitions(action.status, reviewer=False)
    if user.has_perm("recommendations.review_implementation", action.recommendation):
        moves += action_services.allowed_transitions(action.status, reviewer=True)
    return tuple(dict.fromkeys(moves))
