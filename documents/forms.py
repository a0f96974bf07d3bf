"""The upload form: a file, its title in up to three languages, what it is and who may see it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Attachment
from documents.sniff import TYPES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AttachmentForm(forms.ModelForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT), JPEG, PNG or a zipped Shapefile."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png,.zip," + ",".join(t.media_type for t in TYPES.values())
            }
        ),
    )

    class Meta:
        model = Attachment
        fields = ["title_kk", "title_ru", "title_en", "kind", "language", "date", "visibility"]
        widgets = {"date": DateInput(), "visibility": forms.RadioSelect}
        help_texts = {
            "visibility": _("Those who may edit the page always see it."),
            "title_en": _("At least one of the three titles."),
        }

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"title_{code}") for code in ("kk", "ru", "en")):
            self.add_error("title_en", _("Give the document a title in at least one language."))
        return cleaned
