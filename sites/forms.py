"""The site manager's form: the management fields of one site, nothing else."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.factors import FACTORS, PRIMARY_OF, grouped_choices
from sites.models import Designation, Obligation, PeriodicReview, Site


class ThreatsField(forms.MultipleChoiceField):
    """The World Heritage list of factors as checkboxes grouped by primary factor, stored in the list's order."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Main threats"))
        kwargs.setdefault("required", False)
        super().__init__(choices=grouped_choices(), **kwargs)

    def clean(self, value):
        chosen = set(super().clean(value) or [])
        return [threat for threat in Site.Threat.values if threat in chosen]


class SiteManagementForm(forms.ModelForm):
    management_plan_url = forms.URLField(
        label=_("Management plan link"), max_length=500, required=False, assume_scheme="https"
    )
    threats = ThreatsField()

    class Meta:
        model = Site
        fields = [
            "management_plan",
            "management_plan_year",
            "management_plan_url",
            "threats",
            "visitor_facilities",
            "visitor_facilities_ru",
            "visitor_facilities_kk",
        ]
        widgets = {
            "visitor_facilities": forms.Textarea(attrs={"rows": 4}),
            "visitor_facilities_ru": forms.Textarea(attrs={"rows": 4}),
            "visitor_facilities_kk": forms.Textarea(attrs={"rows": 4}),
        }

    def threat_groups(self) -> list[dict]:
        """The checkboxes under their primary factor; a group with a ticked box is shown open."""
        by_primary: dict[int, list] = {primary.number: [] for primary in FACTORS}
        for checkbox in self["threats"].subwidgets:
            by_primary[PRIMARY_OF[checkbox.data["value"]].number].append(checkbox)
        return [
            {
                "primary": primary,
                "checkboxes": by_primary[primary.number],
                "open": any(box.data["selected"] for box in by_primary[primary.number]),
            }
            for primary in FACTORS
        ]

    def clean_management_plan_year(self):
        year = self.cleaned_data.get("management_plan_year")
        # The World Heritage Convention dates from 1972; a plan is not adopted more than a few years ahead.
        if year is not None and not 1972 <= year <= timezone.localdate().year + 5:
            raise forms.ValidationError(_("Enter a year between 1972 and five years from now."))
        return year

    def clean(self):
        cleaned = super().clean()
        plan = cleaned.get("management_plan")
        if plan == Site.ManagementPlan.ADOPTED and not cleaned.get("management_plan_year"):
            self.add_error("management_plan_year", _("Give the year the plan was adopted."))
        return cleaned


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class FollowUpForm(forms.ModelForm):
    """An obligation or a periodic review of one of the site's designations (of the kinds ``kinds``)."""

    kinds: tuple[str, ...] = ()

    def __init__(self, *args, site: Site, **kwargs):
        super().__init__(*args, **kwargs)
        designations = Designation.objects.filter(site_links__site=site, kind__in=self.kinds).order_by("name_en")
        self.fields["designation"].queryset = designations
        if designations.count() == 1 and not self.instance.pk:
            self.fields["designation"].initial = designations.get()


class ObligationForm(FollowUpForm):
    kinds = tuple(Designation.Kind.values)

    class Meta:
        model = Obligation
        fields = [
            "designation",
            "title",
            "title_ru",
            "title_kk",
            "decision_number",
            "decision_paragraph",
            "due_date",
            "completed_on",
            "notes",
        ]
        widgets = {"due_date": DateInput(), "completed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class PeriodicReviewForm(FollowUpForm):
    kinds = (Designation.Kind.BIOSPHERE_RESERVE,)

    class Meta:
        model = PeriodicReview
        fields = [
            "designation",
            "year",
            "due_on",
            "status",
            "submitted_on",
            "icc_session",
            "outcome",
            "icc_recommendations",
            "notes",
        ]
        widgets = {
            "due_on": DateInput(),
            "submitted_on": DateInput(),
            "icc_recommendations": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
