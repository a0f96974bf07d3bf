"""The recommendation register as a table; portal.exports writes it as XLSX or CSV and neutralises formulas."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exports import DATE, DATETIME, NUMBER, URL, Column, Table

CHUNK = 500


def _absolute(path: str, request=None) -> str:
    return request.build_absolute_uri(path) if request is not None else f"{settings.PORTAL_BASE_URL}{path}"


def table(queryset, *, request=None, filters=()) -> Table:
    """The register; the rows are read in chunks (with their prefetches), never all at once."""
    columns = [
        Column("id", _("ID"), NUMBER),
        Column("title_en", _("Title (English)")),
        Column("title_ru", _("Title (Russian)")),
        Column("title_kk", _("Title (Kazakh)")),
        Column("themes", _("Themes")),
        Column("status", _("Status")),
        Column("priority", _("Priority")),
        Column("due_date", _("Due date"), DATE),
        Column("overdue", _("Overdue")),
        Column("lead_organization", _("Lead responsible organization")),
        Column("supporting_organizations", _("Supporting organizations")),
        Column("sites", _("Sites")),
        Column("source", _("Source")),
        Column("seminar", _("Seminar")),
        Column("source_reference", _("Source reference")),
        Column("decision_number", _("Committee decision")),
        Column("decision_paragraph", _("Paragraph")),
        Column("icc_session", _("ICC session"), NUMBER),
        Column("source_year", _("Year of the source"), NUMBER),
        Column("source_url", _("Link to the source"), URL),
        Column("last_report_at", _("Last progress report"), DATETIME),
        Column("text", _("Text")),
        Column("url", _("Link"), URL),
    ]
    today = timezone.localdate()

    def rows() -> Iterator[list]:
        for rec in queryset.iterator(chunk_size=CHUNK):
            yield [
                rec.pk,
                rec.title_en,
                rec.title_ru,
                rec.title_kk,
                # All its themes in one cell, in the order of the list of themes (not of choosing them).
                "; ".join(str(theme.label) for theme in rec.all_themes),
                rec.get_status_display(),
                rec.get_priority_display(),
                rec.due_date,
                _("yes") if rec.is_overdue(today) else _("no"),
                rec.lead_organization.name,
                "; ".join(org.name for org in rec.supporting_organizations.all()),
                "; ".join(site.name for site in rec.sites.all()),
                rec.get_source_kind_display(),
                rec.seminar.title if rec.seminar_id else "",
                rec.source_reference,
                rec.decision_number,
                rec.decision_paragraph,
                rec.icc_session,
                rec.source_year,
                rec.source_url,
                rec.last_report_at,
                rec.text,
                _absolute(rec.get_absolute_url(), request),
            ]

    return Table(title=_("Recommendations"), columns=columns, rows=rows(), filters=list(filters))
