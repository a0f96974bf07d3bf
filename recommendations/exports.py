"""The rows of the CSV and XLSX exports; portal.exports writes them and neutralises formulas."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

CHUNK = 500


def _absolute(path: str, request=None) -> str:
    return request.build_absolute_uri(path) if request is not None else f"{settings.PORTAL_BASE_URL}{path}"


def table(queryset, *, request=None) -> tuple[list[str], Iterator[list]]:
    """Header and rows; the rows are read in chunks (with their prefetches), never all at once."""
    header = [
        _("ID"),
        _("Title (English)"),
        _("Title (Russian)"),
        _("Title (Kazakh)"),
        _("Theme"),
        _("Status"),
        _("Priority"),
        _("Due date"),
        _("Overdue"),
        _("Lead responsible organization"),
        _("Supporting organizations"),
        _("Sites"),
        _("Source"),
        _("Seminar"),
        _("Source reference"),
        _("Last progress report"),
        _("Text"),
        _("Link"),
    ]
    today = timezone.localdate()

    def rows() -> Iterator[list]:
        for rec in queryset.iterator(chunk_size=CHUNK):
            yield [
                rec.pk,
                rec.title_en,
                rec.title_ru,
                rec.title_kk,
                rec.get_theme_display(),
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
                timezone.localtime(rec.last_report_at).replace(tzinfo=None) if rec.last_report_at else None,
                rec.text,
                _absolute(rec.get_absolute_url(), request),
            ]

    return header, rows()
