from __future__ import annotations

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Language, Organization
from portal.sorting import by_name
from portal.text import normalise_email
from portal.validators import validate_email_fits_when_lowercased
from seminars import imports
from seminars.models import FeedbackQuestion, Person, Registration, Seminar

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class SeminarForm(forms.ModelForm):
    """Times are entered and shown in Asia/Almaty, the portal's time zone."""

    class Meta:
        model = Seminar
        fields = [
            "title_en",
            "title_ru",
            "title_kk",
            "kind",
            "status",
            "project",
            "organizers",
            "start",
            "end",
            "venue",
            "venue_ru",
            "venue_kk",
            "city",
            "city_ru",
            "city_kk",
            "region",
            "sites",
            "capacity",
            "registration_state",
            "registration_deadline",
            "public_registration",
            "reminder_days",
            "feedback_anonymous",
            "agenda",
            "agenda_ru",
            "agenda_kk",
            "outcome_summary",
            "outcome_summary_ru",
            "outcome_summary_kk",
        ]
        widgets = {
            "start": DateTimeLocalInput(),
            "end": DateTimeLocalInput(),
            "registration_deadline": DateTimeLocalInput(),
            # Search-as-you-type (static/js/autocomplete.js); without JavaScript, a plain multiple select.
            "organizers": forms.SelectMultiple(attrs={"data-searchable": ""}),
            "sites": forms.SelectMultiple(attrs={"data-searchable": ""}),
        }
        help_texts = {
            "organizers": _("Your own organization is always included."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end", "registration_deadline"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        self.fields["organizers"].required = False
        self.fields["organizers"].queryset = by_name(Organization.objects.all())
        self.fields["sites"].queryset = by_name(self.fields["sites"].queryset)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f) for f in ("title_en", "title_ru", "title_kk")):
            self.add_error("title_en", _("Give a title in at least one language."))
        start, end, deadline = cleaned.get("start"), cleaned.get("end"), cleaned.get("registration_deadline")
        if start and end and end < start:
            self.add_error("end", _("The seminar cannot end before it starts."))
        if deadline and end and deadline > end:
            self.add_error("registration_deadline", _("The registration deadline must be before the seminar ends."))
        if cleaned.get("public_registration") and cleaned.get("registration_state") != Seminar.RegistrationState.OPEN:
            self.add_error("registration_state", _("Open the registration, or untick public self-registration."))
        return cleaned


PERSON_FIELDS = [
    "full_name",
    "email",
    "phone",
    "organization",
    "organization_name",
    "organization_kind",
    "position",
    "gender",
    "language",
]


def _clean_phone(phone: str) -> str:
    phone = phone.strip()
    if phone and not imports.is_phone(phone):
        raise forms.ValidationError(_("Enter a phone number, e.g. +7 701 123 45 67."))
    return phone


def lower_email(value: str | None) -> str:
    """The e-mail as it is stored: lower-cased, and valid again after that.

    Lower-casing can lengthen an address beyond the 254 characters the column holds ("İ" becomes "i" and a
    combining dot): refuse it like any invalid address rather than fail on saving it.
    """
    validate_email_fits_when_lowercased(value)
    email = normalise_email(value)
    if email:
        validate_email(email)
    return email


class ParticipantAddForm(forms.Form):
    """The details given for a new registration of this seminar."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Registration, fields=PERSON_FIELDS))
        self.fields["organization"].queryset = by_name(Organization.objects.all())

    def clean_email(self):
        return lower_email(self.cleaned_data.get("email"))

    def clean_phone(self):
        return _clean_phone(self.cleaned_data.get("phone") or "")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Give an e-mail or a phone."))
        return cleaned


class RegistrationDetailsForm(forms.ModelForm):
    """The details held on one registration; the seminar's one-e-mail rule is checked by the service."""

    class Meta:
        model = Registration
        fields = PERSON_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = by_name(Organization.objects.all())

    def clean_email(self):
        return lower_email(self.cleaned_data.get("email")) or None

    def clean_phone(self):
        return _clean_phone(self.cleaned_data.get("phone") or "")

    def clean(self):
        # "An e-mail or a phone" is also the model's constraint, but full_clean skips it: it names
        # anonymised_at, a field this form leaves out.
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error(None, _("Give an e-mail or a phone."))
        return cleaned


class SelfRegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organization_name = forms.CharField(
        label=_("Organization"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organization_kind = forms.ChoiceField(
        label=_("Kind of organization"), choices=[("", "—"), *Organization.Kind.choices], required=False
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Person.Gender.choices,
        initial=Person.Gender.NOT_STATED,
        help_text=_("Asked only to report participation by gender, as UNESCO projects must."),
    )
    language = forms.ChoiceField(label=_("Language for our e-mails"), choices=Language.choices)
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data for organizing this seminar and reporting on it."),
        help_text=_("As described in the privacy notice linked above."),
        required=True,
    )
    recommendation_news = forms.BooleanField(
        label=_(
            "Send me news of this seminar's recommendations: at most one e-mail a week, when one changes status "
            "or gets a progress report. One click in any of them stops them."
        ),
        required=False,
    )

    def clean_email(self):
        return lower_email(self.cleaned_data["email"])


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("CSV (UTF-8 or Windows-1251) or Excel .xlsx; at most 2 MB and 5,000 rows; a header row first."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB. Split it into smaller files."))
        # Read into memory and parse by content; the upload's name is never used to store anything.
        data = b"".join(upload.chunks())
        try:
            self.table = imports.read_table(data)
        except imports.ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


class ColumnMappingForm(forms.Form):
    """One choice per column of the file: which field it feeds, or ignore it."""

    def __init__(self, *args, headers: list[str], samples: list[list[str]], initial_mapping: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— ignore this column —")), *imports.FIELDS]
        self.columns = []
        for index, header in enumerate(headers):
            name = f"col_{index}"
            label = header or _("Column %(n)d") % {"n": index + 1}
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=initial_mapping[index]
            )
            self.columns.append(
                {"field": name, "header": label, "samples": [row[index] for row in samples if index < len(row)]}
            )

    @property
    def bound_columns(self):
        for column in self.columns:
            yield {**column, "bound": self[column["field"]]}

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(column["field"], "") for column in self.columns]

    def clean(self):
        cleaned = super().clean()
        for message in imports.mapping_errors(self.mapping()):
            self.add_error(None, message)
        return cleaned


class AttendanceForm(forms.Form):
    STATUSES = [
        ("attended", _("Attended")),
        ("no_show", _("No-show")),
        ("registered", _("Not checked in")),
    ]
    status = forms.ChoiceField(choices=STATUSES)
    registration = forms.TypedMultipleChoiceField(coerce=int, choices=[], required=True)

    def __init__(self, *args, registration_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [(pk, pk) for pk in registration_ids]
        self.fields["registration"].error_messages["required"] = _("Tick at least one participant.")


def local_now_input() -> str:
    return timezone.localtime().strftime(DATETIME_FORMAT)


class InviteForm(forms.Form):
    """Whom to invite: past participants, a pasted list, a file, organizations (their contact addresses)."""

    past = forms.MultipleChoiceField(
        label=_("People from your earlier seminars"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    pasted = forms.CharField(
        label=_("A pasted list"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One person a line: “Name <e-mail>”, or the e-mail and the name separated by a comma."),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("CSV or Excel .xlsx with a header row; the e-mail column is found by its header."),
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The invitation goes to each organization's contact addresses."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=Language.choices,
        help_text=_("For those whose language is not known."),
    )

    def __init__(self, *args, past_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["past"].choices = list(past_choices)
        self.fields["organizations"].queryset = by_name(Organization.objects.filter(emails__isnull=False).distinct())

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        self.table = None
        if upload:
            if upload.size > imports.MAX_BYTES:
                raise forms.ValidationError(_("The file is larger than 2 MB. Split it into smaller files."))
            try:
                self.table = imports.read_table(b"".join(upload.chunks()))
            except imports.ImportFileError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in ("past", "pasted", "file", "organizations")):
            raise forms.ValidationError(_("Choose or give at least one person or organization to invite."))
        return cleaned


class InvitationReminderForm(forms.Form):
    """Whom of those who have not answered to remind, and when."""

    invitations = forms.MultipleChoiceField(label=_("Remind"), widget=forms.CheckboxSelectMultiple)
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        input_formats=[DATETIME_FORMAT],
        widget=DateTimeLocalInput(),
        help_text=_("Empty: now. Whoever registers or declines before then is not reminded."),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitations"].choices = list(choices)


class FeedbackQuestionForm(forms.ModelForm):
    class Meta:
        model = FeedbackQuestion
        fields = ["kind", "text", "text_ru", "text_kk", "choices", "choices_ru", "choices_kk"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("choices", "choices_ru", "choices_kk")}

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("text", "text_ru", "text_kk")):
            self.add_error("text", _("Write the question in at least one language."))
        if cleaned.get("kind") == FeedbackQuestion.Kind.CHOICE and not any(
            (cleaned.get(name) or "").strip() for name in ("choices", "choices_ru", "choices_kk")
        ):
            self.add_error("choices", _("A choice needs its options, one a line."))
        return cleaned
