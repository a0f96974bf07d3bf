"""The report drafts (issue 17 item 4), each a DOCX in Kazakh, Russian or English, built from the portal's data
only: the seminar report, the annual progress report of a region, and the follow-up annex of a biosphere
reserve's periodic review. Counts and lists, no personal data: participants appear as numbers by gender and
kind of organization, never by name."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.i18n import localized
from portal.models import Region
from recommendations.models import ProgressReport, Recommendation
from reminders.models import Delivery
from reports.word import Report, date
from seminars.certificates import date_range, organizer_names
from seminars.models import Registration, Seminar
from sites.models import Designation, Site


def _recommendation_rows(recommendations, language: str, today: dt.date) -> list[list[str]]:
    rows = []
    for n, rec in enumerate(recommendations, start=1):
        rows.append(
            [
                str(n),
                localized(rec, "title", language),
                localized(rec.lead_organization, "name", language),
                date(rec.due_date),
                str(rec.get_status_display()) + (f" ({_('overdue')})" if rec.is_overdue(today) else ""),
            ]
        )
    return rows


def _recommendation_headings() -> list[str]:
    return [_("No."), _("Recommendation"), _("Responsible"), _("Due date"), _("Status")]


def seminar_report(seminar: Seminar, language: str) -> bytes:
    today = timezone.localdate()
    with translation.override(language):
        title = localized(seminar, "title", language)
        report = Report(title=_("Seminar report: %(title)s") % {"title": title}, language=language)
        report.heading(_("The seminar"))
        venue = ", ".join(
            part
            for part in (localized_field(seminar, "venue", language), localized_field(seminar, "city", language))
            if part
        )
        report.facts(
            [
                (_("Title"), title),
                (_("Kind"), str(seminar.get_kind_display())),
                (_("Dates"), date_range(seminar.start, seminar.end)),
                (_("Venue"), venue),
                (_("Region"), localized(seminar.region, "name", language) if seminar.region_id else ""),
                (_("Organized by"), ", ".join(organizer_names(seminar, language))),
                (_("Sites"), ", ".join(localized(site, "name", language) for site in seminar.sites.all())),
                (_("Project"), localized(seminar.project, "name", language) if seminar.project_id else ""),
            ]
        )

        statistics = Registration.objects.filter(seminar=seminar).statistics()
        report.heading(_("Participants"))
        report.table(
            [_("Registrations"), _("Number")],
            [[str(row["label"]), str(row["count"])] for row in statistics["by_status"]],
        )
        report.heading(_("By gender"), level=2)
        report.table(
            [_("Gender"), _("With a seat"), _("Attended")],
            [[str(row["label"]), str(row["seated"]), str(row["attended"])] for row in statistics["by_gender"]],
        )
        report.heading(_("By kind of organization"), level=2)
        rows = [[str(row["label"] or _("Not stated")), str(row["count"])] for row in statistics["by_kind"]]
        if rows:
            report.table([_("Kind of organization"), _("With a seat")], rows)
        else:
            report.none()

        report.heading(_("Programme"))
        agenda = localized_field(seminar, "agenda", language)
        report.text(agenda) if agenda else report.none()
        report.heading(_("Outcome"))
        outcome = localized_field(seminar, "outcome_summary", language)
        report.text(outcome) if outcome else report.none()

        report.heading(_("Recommendations raised"))
        recommendations = list(
            Recommendation.objects.filter(seminar=seminar).select_related("lead_organization").order_by("pk")
        )
        if recommendations:
            report.table(_recommendation_headings(), _recommendation_rows(recommendations, language, today))
        else:
            report.none()
        return report.as_bytes()


def localized_field(obj, field: str, language: str) -> str:
    """Like portal.i18n.localized, for the fields whose English version kept the bare name (agenda, venue...)."""
    for code in {"kk": ("kk", "ru", "en"), "ru": ("ru", "en", "kk"), "en": ("en", "ru", "kk")}[language]:
        value = getattr(obj, field if code == "en" else f"{field}_{code}", "") or ""
        if value:
            return value
    return ""


def region_recommendations(region: Region):
    return Recommendation.objects.filter(pk__in=Recommendation.objects.filter(sites__regions=region).values("pk"))


def region_report(region: Region, year: int, language: str) -> bytes:
    """The annual progress report of a region for the ministry and the National Commission: recommendations
    concerning the region's sites by status and overdue (as at the end of the year, or today in the current
    year), progress reports received and reminders sent during the year."""
    today = timezone.localdate()
    as_of = min(today, dt.date(year, 12, 31))
    recommendations = region_recommendations(region)
    with translation.override(language):
        name = localized(region, "name", language)
        report = Report(
            title=_("Annual progress report %(year)s: %(region)s") % {"year": year, "region": name},
            language=language,
        )
        report.paragraph(
            _("Recommendations concerning the UNESCO-designated sites of %(region)s, as at %(date)s.")
            % {"region": name, "date": date(as_of)}
        )
        sites = Site.objects.filter(regions=region).order_by("name_en")
        report.facts(
            [
                (_("Region"), name),
                (_("Year"), str(year)),
                (_("Sites"), ", ".join(localized(site, "name", language) for site in sites)),
                (_("Recommendations"), str(recommendations.count())),
                (_("Recorded during the year"), str(recommendations.filter(created_at__year=year).count())),
            ]
        )

        report.heading(_("Recommendations by status"))
        counts = dict(recommendations.values_list("status").annotate(n=Count("pk")).order_by())
        report.table(
            [_("Status"), _("Number")],
            [[str(label), str(counts.get(value, 0))] for value, label in Recommendation.Status.choices],
        )

        report.heading(_("Overdue"))
        overdue = list(
            recommendations.filter(status__in=Recommendation.OPEN_STATUSES, due_date__lt=as_of)
            .select_related("lead_organization")
            .order_by("due_date", "pk")
        )
        if overdue:
            report.table(
                [_("No."), _("Recommendation"), _("Responsible"), _("Due date"), _("Days overdue")],
                [
                    [
                        str(n),
                        localized(rec, "title", language),
                        localized(rec.lead_organization, "name", language),
                        date(rec.due_date),
                        str((as_of - rec.due_date).days),
                    ]
                    for n, rec in enumerate(overdue, start=1)
                ],
            )
        else:
            report.none()

        report.heading(_("Progress reports received"))
        reports = list(
            ProgressReport.objects.filter(recommendation__in=recommendations, date__year=year)
            .select_related("recommendation", "organization")
            .order_by("date", "pk")
        )
        report.paragraph(_("During the year: %(n)s.") % {"n": len(reports)})
        if reports:
            report.table(
                [_("Date"), _("Recommendation"), _("From")],
                [
                    [
                        date(progress.date),
                        localized(progress.recommendation, "title", language),
                        localized(progress.organization, "name", language) if progress.organization_id else "—",
                    ]
                    for progress in reports
                ],
            )

        report.heading(_("Reminders sent"))
        sent = Delivery.objects.filter(
            status=Delivery.Status.SENT,
            sent_at__year=year,
            pk__in=Delivery.objects.filter(items__recommendation__in=recommendations).values("pk"),
        )
        report.facts(
            [
                (_("Reminder digests sent that named these recommendations"), str(sent.count())),
                (_("Of them escalated to a parent organization"), str(sent.filter(escalated=True).count())),
            ]
        )
        return report.as_bytes()


def review_annex(designation: Designation, language: str) -> bytes:
    """The follow-up annex of a biosphere reserve's periodic review: the recommendations concerning its sites
    and its obligations, with their state today."""
    today = timezone.localdate()
    with translation.override(language):
        name = localized(designation, "name", language)
        report = Report(title=_("Follow-up annex to the periodic review: %(name)s") % {"name": name}, language=language)
        report.facts(
            [
                (_("Biosphere reserve"), name),
                (_("Designated"), str(designation.year or "—")),
                (_("Last periodic review"), str(designation.last_periodic_review or "—")),
                (_("Next periodic review"), str(designation.next_periodic_review_year or "—")),
                (
                    _("Sites"),
                    ", ".join(
                        localized(site, "name", language)
                        for site in Site.objects.filter(designation_links__designation=designation).order_by("name_en")
                    ),
                ),
            ]
        )
        report.heading(_("Recommendations"))
        recommendations = list(
            Recommendation.objects.filter(
                pk__in=Recommendation.objects.filter(sites__designation_links__designation=designation).values("pk")
            )
            .select_related("lead_organization")
            .order_by("due_date", "pk")
        )
        if recommendations:
            report.table(_recommendation_headings(), _recommendation_rows(recommendations, language, today))
        else:
            report.none()
        report.heading(_("Obligations"))
        obligations = list(designation.obligations.order_by("due_date", "pk"))
        if obligations:
            report.table(
                [_("Obligation"), _("Due date"), _("Completed on")],
                [
                    [
                        localized_field(obligation, "title", language),
                        date(obligation.due_date),
                        date(obligation.completed_on),
                    ]
                    for obligation in obligations
                ],
            )
        else:
            report.none()
        return report.as_bytes()
