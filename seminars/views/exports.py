"""Participant lists out of the portal: XLSX, CSV (formula injection neutralised) and a printable sign-in sheet."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import ListView, View

from portal.exports import DATETIME, XLSX_CONTENT_TYPE, Column, Table, describe_filters, export_response
from portal.models import Organization
from seminars.filters import RegistrationFilter
from seminars.import_template import template_bytes
from seminars.models import Registration
from seminars.permissions import SeminarPermissionMixin
from seminars.views.base import NoStoreMixin

SIGNIN_BLANK_ROWS = 8


class ExportMixin(NoStoreMixin, SeminarPermissionMixin):
    """The rows of the participant list, with the list's filters applied."""

    permission_required = "seminars.view_participants"

    def columns(self) -> list[Column]:
        return [
            Column("full_name", _("Full name")),
            Column("organization", _("Organization")),
            Column("organization_kind", _("Organization kind")),
            Column("position", _("Position")),
            Column("email", _("E-mail")),
            Column("phone", _("Phone")),
            Column("gender", _("Gender")),
            Column("language", _("Language")),
            Column("status", _("Status")),
            Column("source", _("Source")),
            Column("registered_at", _("Registered at"), DATETIME),
            Column("checked_in_at", _("Checked in at"), DATETIME),
        ]

    def filterset(self) -> RegistrationFilter:
        base = Registration.objects.filter(seminar=self.seminar).for_listing().order_by("full_name", "pk")
        return RegistrationFilter(self.request.GET or None, queryset=base)

    def rows(self):
        registrations = self.filterset().qs
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
                r.created_at,
                r.checked_in_at,
            ]

    fmt = "xlsx"

    def get(self, request, *args, **kwargs):
        table = Table(
            title=_("Participants: %(seminar)s") % {"seminar": self.seminar.title},
            columns=self.columns(),
            rows=self.rows(),
            filters=describe_filters(self.filterset()),
        )
        return export_response(request, table, basename=f"{self.seminar.slug}-participants", fmt=self.fmt, private=True)


class ExportCsvView(ExportMixin, View):
    fmt = "csv"


class ExportXlsxView(ExportMixin, View):
    fmt = "xlsx"


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


class ImportTemplateView(NoStoreMixin, SeminarPermissionMixin, View):
    """The participant import's template, in the organizer's language (see seminars.import_template)."""

    permission_required = "seminars.change_participants"

    def get(self, request, *args, **kwargs):
        response = HttpResponse(template_bytes(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.seminar.slug}-participants-template.xlsx"'
        return response
