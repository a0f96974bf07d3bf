"""Record or edit a planned work: its facts, and its geometry drawn on the map or uploaded as a file (when
editing, a new geometry is optional)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from works.models import PlannedWork
from zones import geometry as geo
from zones.forms import EPSG_HELP, file_help


class DateInput(forms.DateInput):
    input_type = "date"


class PlannedWorkForm(forms.ModelForm):
    drawn = forms.CharField(widget=forms.HiddenInput, required=False)
    file = forms.FileField(label=_("Or upload a file"), required=False)
    epsg = forms.IntegerField(label=_("EPSG code of the projection"), required=False, min_value=1, max_value=999_999)

    class Meta:
        model = PlannedWork
        fields = [
            "title",
            "kind",
            "stage",
            "responsible_body",
            "expected_approval_date",
            "description",
            "screening_distance_m",
        ]
        widgets = {"expected_approval_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()
        self.fields["epsg"].help_text = EPSG_HELP
        self.fields["screening_distance_m"].max_value = 100_000
        self.geometry_upload: geo.Upload | None = None

    def clean_expected_approval_date(self):
        date = self.cleaned_data.get("expected_approval_date")
        if date and date.year < timezone.localdate().year - 1:
            raise forms.ValidationError(_("Give the approval date still to come (or of last year at the earliest)."))
        return date

    def clean_screening_distance_m(self):
        distance = self.cleaned_data.get("screening_distance_m")
        if distance is not None and distance > 100_000:
            raise forms.ValidationError(_("Screen at most 100 km around the work."))
        return distance

    def clean(self):
        cleaned = super().clean()
        drawn, uploaded = (cleaned.get("drawn") or "").strip(), cleaned.get("file")
        if self.instance.pk and not drawn and not uploaded:
            return cleaned  # editing: the work keeps its geometry
        if bool(drawn) == bool(uploaded):
            self.add_error(
                "file" if uploaded else None, _("Draw the work on the map or upload a file, one or the other.")
            )
            return cleaned
        try:
            if uploaded:
                self.geometry_upload = geo.read_upload(uploaded, epsg=cleaned.get("epsg"), expect=geo.LINEAR)
            else:
                self.geometry_upload = geo.read_bytes("drawn.geojson", drawn.encode("utf-8"), expect=geo.LINEAR)
        except geo.GeometryError as exc:
            self.add_error("file" if uploaded else None, str(exc))
        return cleaned
