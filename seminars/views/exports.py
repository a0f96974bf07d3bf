"""Participant lists out of the portal: CSV, XLSX (formula injection neutralised) and a printable sign-in sheet."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, View

from portal.exports import csv_response, xlsx_response
from portal.models import Organization
from seminars.filters import RegistrationFilter
from seminars.models import Registration
from seminars.permissions import SeminarPermissionMixin
from seminars.views.base import NoStoreMixin

SIGNIN_BLANK_ROWS = 8


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class ExportMixin(NoStoreMixin, SeminarPermissionMixin):
    """The rows of the participant list, with the list's filters applied."""

    permission_required = "seminars.view_participants"

    def header(self) -> list[str]:
        return [
            _("Full name"),
            _("Organization"),
            _("Organization kind"),
            _("Position"),
            _("E-mail"),
            _("Phone"),
            _("Gender"),
            _("Language"),
            _("Status"),
            _("Source"),
            _("Registered at"),
            _("Checked in at"),
        ]

    def rows(self):
        base = Registration.objects.filter(seminar=self.seminar).for_listing().order_by("full_name", "pk")
        registrations = RegistrationFilter(self.request.GET or None, queryset=base).qs
        kinds = dict(Organization.Kind.choices)
        for r in registrations.iterator(chunk_size=1000):
            p = r  # the details given for this registration
            yield [
                p.full_name,
                p.organization_display,
                str(kinds.get(p.effective_organization_kind, "")),
                p.position,
                p.email or "",
                p.phone,
                p.get_gender_display(),
                p.get_language_display(),
                r.get_status_display(),
                r.get_source_display(),
                _when(r.created_at),
                _when(r.checked_in_at),
            ]

    def filename(self, extension: str) -> str:
        return f"{self.seminar.slug}-participants.{extension}"


class ExportCsvView(ExportMixin, View):
    def get(self, request, *args, **kwargs):
        return csv_response(self.filename("csv"), self.header(), self.rows(), private=True)


class ExportXlsxView(ExportMixin, View):
    def get(self, request, *args, **kwargs):
        return xlsx_response(self.filename("xlsx"), self.header(), self.rows(), title=_("Participants"), private=True)


class SigninSheetView(NoStoreMixin, SeminarPermissionMixin, ListView):
    permission_required = "seminars.view_participants"
    """A printable A4 list for the day: those holding a seat, by name, with room to sign and a few blank lines."""

    template_name = "seminars/signin_sheet.html"

    def get_queryset(self):
        return (
            Registration.objects.filter(seminar=self.seminar)
            .active()
            .select_related("organization")
            .order_by("full_name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(seminar=self.seminar, blank_rows=range(SIGNIN_BLANK_ROWS))
        return context
