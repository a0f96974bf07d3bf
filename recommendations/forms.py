from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents import services as documents
from documents.models import Attachment
from portal import roles
from portal.i18n import active_language
from portal.models import Organization
from portal.sorting import by_name
from recommendations import services
from recommendations.models import ProgressReport, Recommendation, RecommendationLink, main_theme
from seminars.models import Seminar
from sites.models import Site

Status = Recommendation.Status


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RecommendationForm(forms.ModelForm):
    """Record or edit a recommendation. The status is set here only when recording; later it moves by transitions."""

    class Meta:
        model = Recommendation
        fields = [
            "title_en",
            "title_ru",
            "title_kk",
            "text",
            "text_ru",
            "text_kk",
            "source_kind",
            "seminar",
            "decision_number",
            "decision_paragraph",
            "icc_session",
            "source_year",
            "source_reference",
            "source_url",
            "source_verified",
            "sites",
            "sdg_targets",
            "lead_organization",
            "supporting_organizations",
            "priority",
            "due_date",
            "status",
            "notes",
        ]
        widgets = {
            "due_date": DateInput(),
            # Search-as-you-type (static/js/autocomplete.js); without JavaScript, plain selects.
            "seminar": forms.Select(attrs={"data-searchable": ""}),
            "sites": forms.SelectMultiple(attrs={"data-searchable": ""}),
            "sdg_targets": forms.SelectMultiple(attrs={"data-searchable": ""}),
            "lead_organization": forms.Select(attrs={"data-searchable": ""}),
            "supporting_organizations": forms.SelectMultiple(attrs={"data-searchable": ""}),
            "text": forms.Textarea(attrs={"rows": 6}),
            "text_ru": forms.Textarea(attrs={"rows": 6}),
            "text_kk": forms.Textarea(attrs={"rows": 6}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    source_url = forms.URLField(label=_("Link to the source"), max_length=500, required=False, assume_scheme="https")
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Recommendation.Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("All that apply: a recommendation is counted and found under each of its themes."),
        error_messages={"required": _("Choose at least one theme.")},
    )
    # Before "source_kind", where the single theme was.
    field_order = ["title_en", "title_ru", "title_kk", "text", "text_ru", "text_kk", "themes"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("themes", [theme.value for theme in self.instance.all_themes])
        # Drafts only for those who may see them (their own organization's; all for admins), and the seminar
        # already chosen, so that an edit by someone who cannot see it keeps it.
        visible = Seminar.objects.visible_to(user) if user is not None else Seminar.objects.public()
        if self.instance.seminar_id:
            visible = visible | Seminar.objects.filter(pk=self.instance.seminar_id)
        self.fields["seminar"].queryset = visible.order_by("-start")
        self.fields["sites"].queryset = by_name(Site.objects.all())
        self.fields["lead_organization"].queryset = by_name(Organization.objects.all())
        self.fields["supporting_organizations"].queryset = by_name(Organization.objects.all())
        if self.instance.pk:
            # The status moves only through "Change status", which checks the transition and records it.
            del self.fields["status"]
        else:
            self.fields["status"].choices = [(s.value, s.label) for s in services.INITIAL_STATUSES]
        self.fields["supporting_organizations"].help_text = _("Other organizations responsible with the lead one.")

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("title_en", "title_ru", "title_kk")):
            # On the field (not the whole form), so that clean() goes on to the other checks and the model's
            # own constraint, which says the same in the database's words, is not checked again.
            self.add_error("title_en", _("Give the recommendation a title in at least one language."))
        if not any(cleaned.get(name) for name in ("text", "text_ru", "text_kk")):
            self.add_error("text", _("Give the full text in at least one language."))
        source_kind = cleaned.get("source_kind")
        if source_kind == Recommendation.SourceKind.SEMINAR and not cleaned.get("seminar"):
            self.add_error("seminar", _("Choose the seminar that made this recommendation."))
        if source_kind and source_kind != Recommendation.SourceKind.SEMINAR and cleaned.get("seminar"):
            self.add_error("seminar", _("Leave the seminar empty, or choose “Seminar” as the source."))
        self._clean_source_details(source_kind, cleaned)
        lead = cleaned.get("lead_organization")
        if lead and lead in (cleaned.get("supporting_organizations") or []):
            self.add_error("supporting_organizations", _("The lead organization cannot also be a supporting one."))
        if cleaned.get("themes"):
            # The main theme (the API's `theme`) stays while it is still chosen (recommendations.services).
            self.instance.theme = main_theme(self.instance.theme, cleaned["themes"])
        return cleaned

    def _clean_source_details(self, source_kind: str | None, cleaned: dict) -> None:
        """Each kind of source has its own reference: a decision's number, a review's ICC session and year."""
        Kind = Recommendation.SourceKind
        if source_kind == Kind.COMMITTEE_DECISION:
            if not cleaned.get("decision_number") and "decision_number" not in self.errors:
                self.add_error("decision_number", _("Give the decision's number, e.g. 41 COM 7B.88."))
        else:
            for name in ("decision_number", "decision_paragraph"):
                if cleaned.get(name):
                    self.add_error(name, _("Only a World Heritage Committee decision has a number and paragraphs."))
        if source_kind == Kind.PERIODIC_REVIEW:
            for name in ("icc_session", "source_year"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Give the ICC session and the year of the review."))
        elif cleaned.get("icc_session") is not None:
            self.add_error("icc_session", _("Only a biosphere reserve periodic review has an ICC session."))
        if source_kind in (Kind.MISSION_REPORT, Kind.OTHER) and not cleaned.get("source_reference"):
            self.add_error("source_reference", _("Give the decision, review or report this comes from."))


class ProgressReportForm(forms.ModelForm):
    evidence_url = forms.URLField(label=_("Link to evidence"), max_length=500, required=False, assume_scheme="https")
    # A file kept in the portal (documents.Attachment on the report): a scanned letter that is online nowhere.
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_(
            "A scanned letter, a photo, a table: PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT), JPEG, PNG or a "
            "zipped Shapefile."
        ),
    )
    evidence_language = forms.ChoiceField(
        label=_("Language of the file"), choices=Attachment.Language.choices, required=False
    )
    evidence_visibility = forms.ChoiceField(
        label=_("Who may see the file"),
        choices=Attachment.Visibility.choices,
        initial=Attachment.Visibility.OWNERS,
        required=False,
        help_text=_("“Only those who may edit it”: whoever may report on this recommendation, and the organizers."),
    )

    class Meta:
        model = ProgressReport
        fields = ["organization", "date", "text", "evidence_url"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, recommendation: Recommendation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation
        # Someone speaks for their own organization and those they are the focal point for; admins for any.
        speaks_for = set(recommendation.responsible_organization_ids)
        if not roles.is_admin(user):
            speaks_for &= {user.organization_id, *user.focal_point_for.values_list("pk", flat=True)}
        responsible = by_name(Organization.objects.filter(pk__in=speaks_for))
        self.fields["organization"].queryset = responsible
        self.fields["organization"].help_text = _("The responsible organization this report speaks for.")
        self.fields["date"].help_text = _("When the work was done or the evidence dated.")
        self.fields["evidence_url"].help_text = _("A published document, a photo album, a decree…")
        if not self.is_bound:
            self.initial.setdefault("evidence_language", active_language())
            own = [pk for pk in recommendation.responsible_organization_ids if pk == user.organization_id]
            focal = sorted(
                recommendation.responsible_organization_ids & set(user.focal_point_for.values_list("pk", flat=True))
            )
            default = (own or focal or [None])[0]
            self.initial.setdefault("organization", default)
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

    def clean_evidence_file(self):
        file = self.cleaned_data.get("evidence_file")
        if file:
            documents.inspect(file)  # too large, or not an accepted type: the report is not posted either
        return file

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("evidence_file"):
            cleaned["evidence_language"] = cleaned.get("evidence_language") or Attachment.Language.OTHER
            cleaned["evidence_visibility"] = cleaned.get("evidence_visibility") or Attachment.Visibility.OWNERS
        return cleaned


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when a recommendation is not accepted, superseded or reopened."),
    )

    def __init__(self, *args, recommendation: Recommendation, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation, self.user = recommendation, user
        self.fields["to_status"].choices = [(s, Status(s).label) for s in status_choices_for(recommendation, user)]

    def clean(self):
        cleaned = super().clean()
        to_status = cleaned.get("to_status")
        if to_status:
            try:
                services.check_transition(self.recommendation, to_status, cleaned.get("comment", ""))
                services.check_reviewer(self.recommendation, to_status, self.user)
            except services.TransitionError as exc:
                field = "comment" if exc.code == "comment_required" else None
                self.add_error(field, exc)
        return cleaned


def status_choices_for(rec: Recommendation, user) -> tuple[str, ...]:
    """The moves ``user`` may make: those of one who reports, those of a reviewer (issue 18), or both."""
    if user is None:
        return services.allowed_transitions(rec.status)
    moves: list[str] = []
    if user.has_perm("recommendations.report_progress", rec):
        moves += services.allowed_transitions(rec.status, reviewer=False)
    if user.has_perm("recommendations.review_implementation", rec):
        moves += services.allowed_transitions(rec.status, reviewer=True)
    return tuple(dict.fromkeys(moves))


class RecommendationLinkForm(forms.ModelForm):
    """A link from ``recommendation`` to another, named by its number."""

    to_recommendation = forms.IntegerField(label=_("Number of the other recommendation"), min_value=1)

    class Meta:
        model = RecommendationLink
        fields = ["kind", "to_recommendation"]

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation

    def clean_to_recommendation(self) -> Recommendation:
        number = self.cleaned_data["to_recommendation"]
        if number == self.recommendation.pk:
            raise forms.ValidationError(_("A recommendation cannot be linked to itself."))
        other = Recommendation.objects.filter(pk=number).first()
        if other is None:
            raise forms.ValidationError(_("There is no recommendation with this number."))
        if self.recommendation.links_out.filter(to_recommendation=other).exists():
            raise forms.ValidationError(_("These two recommendations are already linked."))
        return other
