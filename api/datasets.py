"""The open datasets of /data/: what each holds, its data dictionary, and its records.

A record is a dict of typed values keyed by the dataset's field keys. The keys are stable (scripts read them);
values are codes, slugs, numbers and ISO dates rather than labels, so a download is the same in every language
and only the data dictionary (the page) is translated. Nothing about people: the seminar statistics are counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.models import District
from recommendations.models import Recommendation
from recommendations.signals import RECOMMENDATIONS
from seminars.models import Gender, Registration, Seminar
from seminars.signals import PARTICIPANTS
from sites.models import Designation, Site, SiteDesignation
from sites.signals import CATALOGUE

LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_ID = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CHUNK = 500


@dataclass(frozen=True)
class Type:
    """A type of the data dictionary: its code, what a reader is told, and how a value is written (shown as code)."""

    code: str
    label: Promise
    format: str = ""


TEXT = Type("text", _("text"))
INTEGER = Type("integer", _("whole number"))
DECIMAL = Type("decimal", _("decimal number, a dot before the decimals"), "12345.67")
DATE = Type("date", _("date"), "YYYY-MM-DD")
DATETIME = Type("datetime", _("date and time in Almaty time; in JSON as ISO 8601 with the offset"), "YYYY-MM-DD HH:MM")
BOOLEAN = Type("boolean", _("yes or no"), "true / false")
URL = Type("url", _("web address"))
CODE = Type("code", _("code, one of the values listed"))
LIST = Type("list", _("list: in CSV the values are separated by a semicolon and a space, in JSON an array"), "a; b")


@dataclass(frozen=True)
class Field:
    key: str
    type: Type
    meaning: Promise
    choices: type | None = None  # a TextChoices class: its codes and labels are listed in the dictionary

    @property
    def codes(self) -> list[tuple[str, str]]:
        return list(self.choices.choices) if self.choices else []


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    namespace: str  # the page-cache namespace whose changes make a download stale (portal.pagecache)
    fields: tuple[Field, ...]
    records: Callable[[HttpRequest], Iterator[dict[str, Any]]]

    @property
    def keys(self) -> list[str]:
        return [field.key for field in self.fields]


def _slugs(objects) -> list[str]:
    return [obj.slug for obj in objects]


# --- sites ----------------------------------------------------------------------------------------------------


def site_records(request: HttpRequest) -> Iterator[dict[str, Any]]:
    sites = (
        Site.objects.select_related("managing_organization")
        .prefetch_related(
            "regions",
            Prefetch("districts", queryset=District.objects.select_related("region")),
            Prefetch("designation_links", queryset=SiteDesignation.objects.select_related("designation")),
        )
        .order_by("pk")
    )
    for site in sites.iterator(chunk_size=CHUNK):
        links = list(site.designation_links.all())
        yield {
            "slug": site.slug,
            "name_kk": site.name_kk,
            "name_ru": site.name_ru,
            "name_en": site.name_en,
            "designations": [link.designation.slug for link in links],
            "components": [link.component_name for link in links if link.component_name],
            "regions": _slugs(site.regions.all()),
            "districts": [f"{district.region.slug}/{district.slug}" for district in site.districts.all()],
            "latitude": site.latitude,
            "longitude": site.longitude,
            "managing_organization": site.managing_organization.slug if site.managing_organization_id else None,
            "management_plan": site.management_plan or None,
            "management_plan_year": site.management_plan_year,
            "threats": list(site.threats),
            "source_url": site.source_url or None,
            "url": request.build_absolute_uri(site.get_absolute_url()),
            "updated_at": site.updated_at,
        }


SITES = Dataset(
    slug="sites",
    title=_("Sites"),
    description=_(
        "Every site of the catalogue: its names in the three languages, designations, regions, coordinates and "
        "management. One row per site."
    ),
    namespace=CATALOGUE,
    fields=(
        Field("slug", TEXT, _("The site's identifier; also the last part of its page's address.")),
        Field("name_kk", TEXT, _("Name in Kazakh.")),
        Field("name_ru", TEXT, _("Name in Russian.")),
        Field("name_en", TEXT, _("Name in English.")),
        Field("designations", LIST, _("Identifiers of its UNESCO designations: see the designations dataset.")),
        Field("components", LIST, _("Component names, when the site is a component of a serial property.")),
        Field("regions", LIST, _("Identifiers of the regions the site lies in.")),
        Field("districts", LIST, _("Districts, each as region identifier / district identifier.")),
        Field("latitude", DECIMAL, _("Latitude in degrees (WGS 84); empty when not known.")),
        Field("longitude", DECIMAL, _("Longitude in degrees (WGS 84); empty when not known.")),
        Field("managing_organization", TEXT, _("Identifier of the organization that manages the site.")),
        Field("management_plan", CODE, _("State of the management plan."), Site.ManagementPlan),
        Field("management_plan_year", INTEGER, _("Year the management plan was adopted.")),
        Field("threats", LIST, _("Main threats, as codes."), Site.Threat),
        Field("source_url", URL, _("Where the facts come from.")),
        Field("url", URL, _("The site's page in the portal.")),
        Field("updated_at", DATETIME, _("When the record last changed.")),
    ),
    records=site_records,
)


# --- designations ---------------------------------------------------------------------------------------------


def designation_records(request: HttpRequest) -> Iterator[dict[str, Any]]:
    designations = Designation.objects.prefetch_related(
        Prefetch("sites", queryset=Site.objects.only("pk", "slug").order_by("pk"))
    ).order_by("pk")
    for d in designations.iterator(chunk_size=CHUNK):
        yield {
            "slug": d.slug,
            "kind": d.kind,
            "name_kk": d.name_kk,
            "name_ru": d.name_ru,
            "name_en": d.name_en,
            "unesco_ref": d.unesco_ref,
            "category": d.category or None,
            "criteria": d.criteria_list,
            "year": d.year,
            "area_ha": d.area_ha,
            "buffer_zone_ha": d.buffer_zone_ha,
            "core_area_ha": d.core_area_ha,
            "transition_area_ha": d.transition_area_ha,
            "is_serial": d.is_serial,
            "is_transboundary": d.is_transboundary,
            "last_periodic_review": d.last_periodic_review,
            "sites": _slugs(d.sites.all()),
            "unesco_url": d.unesco_url or None,
            "source_url": d.source_url or None,
        }


DESIGNATIONS = Dataset(
    slug="designations",
    title=_("Designations"),
    description=_(
        "World Heritage properties and biosphere reserves as UNESCO records them, with their areas and the sites "
        "they cover. One row per designation."
    ),
    namespace=CATALOGUE,
    fields=(
        Field("slug", TEXT, _("The designation's identifier.")),
        Field("kind", CODE, _("What UNESCO designated."), Designation.Kind),
        Field("name_kk", TEXT, _("Name in Kazakh.")),
        Field("name_ru", TEXT, _("Name in Russian.")),
        Field("name_en", TEXT, _("Name in English.")),
        Field("unesco_ref", INTEGER, _("UNESCO's reference number.")),
        Field("category", CODE, _("World Heritage category; empty for biosphere reserves."), Designation.Category),
        Field("criteria", LIST, _("World Heritage criteria, in roman numerals from one to ten.")),
        Field("year", INTEGER, _("Year inscribed or designated.")),
        Field("area_ha", DECIMAL, _("Area of the property in hectares.")),
        Field("buffer_zone_ha", DECIMAL, _("Area of the buffer zone in hectares.")),
        Field("core_area_ha", DECIMAL, _("Core area of a biosphere reserve in hectares.")),
        Field("transition_area_ha", DECIMAL, _("Transition area of a biosphere reserve in hectares.")),
        Field("is_serial", BOOLEAN, _("Whether the property is serial (made of several components).")),
        Field("is_transboundary", BOOLEAN, _("Whether the property extends into other countries.")),
        Field("last_periodic_review", INTEGER, _("Year of the last periodic review.")),
        Field("sites", LIST, _("Identifiers of the sites it covers: see the sites dataset.")),
        Field("unesco_url", URL, _("The designation's page at UNESCO.")),
        Field("source_url", URL, _("Where the facts come from.")),
    ),
    records=designation_records,
)


# --- published recommendations --------------------------------------------------------------------------------


def recommendation_records(request: HttpRequest) -> Iterator[dict[str, Any]]:
    today = timezone.localdate()
    recommendations = (
        Recommendation.objects.published()
        .select_related("lead_organization", "seminar")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.only("pk", "slug")),
            "supporting_organizations",
            "sdg_targets",
            "themes",
        )
        .annotate(report_count=Count("progress_reports"))
        .order_by("pk")
    )
    for rec in recommendations.iterator(chunk_size=CHUNK):
        # A draft seminar is not public (seminars.models.SeminarQuerySet.public): not even its identifier.
        seminar = rec.seminar if rec.seminar_id and rec.seminar.status != Seminar.Status.DRAFT else None
        yield {
            "id": rec.pk,
            "title_kk": rec.title_kk,
            "title_ru": rec.title_ru,
            "title_en": rec.title_en,
            "text_kk": rec.text_kk,
            "text_ru": rec.text_ru,
            "text_en": rec.text,
            "theme": rec.theme,
            "themes": [theme.value for theme in rec.all_themes],
            "status": rec.status,
            "priority": rec.priority,
            "due_date": rec.due_date,
            "overdue": rec.is_overdue(today),
            "lead_organization": rec.lead_organization.slug,
            "supporting_organizations": _slugs(rec.supporting_organizations.all()),
            "sites": _slugs(rec.sites.all()),
            "source_kind": rec.source_kind,
            "seminar": seminar.slug if seminar else None,
            "source_reference": rec.source_reference,
            "decision_number": rec.decision_number or None,
            "decision_paragraph": rec.decision_paragraph or None,
            "icc_session": rec.icc_session,
            "source_year": rec.source_year,
            "source_url": rec.source_url or None,
            "source_verified": rec.source_verified,
            "sdg_targets": [target.code for target in rec.sdg_targets.all()],
            "progress_reports": rec.report_count,
            "last_report_at": rec.last_report_at,
            "url": request.build_absolute_uri(rec.get_absolute_url()),
        }


RECOMMENDATIONS_DATASET = Dataset(
    slug="recommendations",
    title=_("Published recommendations"),
    description=_(
        "The public register: each published recommendation, who is responsible for it, its status, due date and "
        "how many progress reports it has. One row per recommendation."
    ),
    namespace=RECOMMENDATIONS,
    fields=(
        Field("id", INTEGER, _("The recommendation's number; also the last part of its page's address.")),
        Field("title_kk", TEXT, _("Title in Kazakh.")),
        Field("title_ru", TEXT, _("Title in Russian.")),
        Field("title_en", TEXT, _("Title in English.")),
        Field("text_kk", TEXT, _("Full text in Kazakh.")),
        Field("text_ru", TEXT, _("Full text in Russian.")),
        Field("text_en", TEXT, _("Full text in English.")),
        Field("theme", CODE, _("Main theme, one of its themes."), Recommendation.Theme),
        Field("themes", LIST, _("All its themes, as codes; it is counted under each."), Recommendation.Theme),
        Field("status", CODE, _("Where it stands."), Recommendation.Status),
        Field("priority", CODE, _("Priority."), Recommendation.Priority),
        Field("due_date", DATE, _("When it should be implemented; empty without a deadline.")),
        Field("overdue", BOOLEAN, _("Open (accepted or in progress) and past its due date on the day of download.")),
        Field("lead_organization", TEXT, _("Identifier of the lead responsible organization.")),
        Field("supporting_organizations", LIST, _("Identifiers of the supporting organizations.")),
        Field("sites", LIST, _("Identifiers of the sites it concerns: see the sites dataset.")),
        Field("source_kind", CODE, _("Where it comes from."), Recommendation.SourceKind),
        Field("seminar", TEXT, _("Identifier of the seminar it came from, when public.")),
        Field("source_reference", TEXT, _("Reference in the source document.")),
        Field("decision_number", TEXT, _("World Heritage Committee decision it comes from, e.g. 41 COM 7B.88.")),
        Field("decision_paragraph", TEXT, _("Paragraph of that decision.")),
        Field("icc_session", INTEGER, _("Session of the MAB International Coordinating Council (periodic reviews).")),
        Field("source_year", INTEGER, _("Year of the decision, review or report.")),
        Field("source_url", URL, _("Where the source can be read.")),
        Field("source_verified", BOOLEAN, _("Whether the wording was checked against the source.")),
        Field("sdg_targets", LIST, _("Sustainable Development Goal targets it serves, as UN codes (e.g. 11.4).")),
        Field("progress_reports", INTEGER, _("Number of progress reports posted.")),
        Field("last_report_at", DATETIME, _("When the last progress report was posted.")),
        Field("url", URL, _("The recommendation's page in the portal.")),
    ),
    records=recommendation_records,
)


# --- seminar statistics ---------------------------------------------------------------------------------------

_ACTIVE = ~Q(registrations__status=Registration.Status.CANCELLED)


def _count(**condition) -> Count:
    return Count("registrations", filter=Q(**{f"registrations__{key}": value for key, value in condition.items()}))


def seminar_statistic_records(request: HttpRequest) -> Iterator[dict[str, Any]]:
    seminars = (
        Seminar.objects.public()
        .select_related("region")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.only("pk", "slug")),
            "organizers",
        )
        .annotate(
            n_registered=_count(status=Registration.Status.REGISTERED),
            n_waitlisted=_count(status=Registration.Status.WAITLISTED),
            n_cancelled=_count(status=Registration.Status.CANCELLED),
            n_attended=_count(status=Registration.Status.ATTENDED),
            n_no_show=_count(status=Registration.Status.NO_SHOW),
            n_women=Count("registrations", filter=_ACTIVE & Q(registrations__gender=Gender.FEMALE)),
            n_men=Count("registrations", filter=_ACTIVE & Q(registrations__gender=Gender.MALE)),
            n_other=Count(
                "registrations",
                filter=_ACTIVE & Q(registrations__gender__in=[Gender.ANOTHER, Gender.NOT_STATED]),
            ),
        )
        .order_by("pk")
    )
    for seminar in seminars.iterator(chunk_size=CHUNK):
        yield {
            "seminar": seminar.slug,
            "title_kk": seminar.title_kk,
            "title_ru": seminar.title_ru,
            "title_en": seminar.title_en,
            "kind": seminar.kind,
            "status": seminar.status,
            "start_date": timezone.localdate(seminar.start),
            "end_date": timezone.localdate(seminar.end),
            "region": seminar.region.slug if seminar.region_id else None,
            "sites": _slugs(seminar.sites.all()),
            "organizers": _slugs(seminar.organizers.all()),
            "capacity": seminar.capacity,
            "registered": seminar.n_registered,
            "waitlisted": seminar.n_waitlisted,
            "cancelled": seminar.n_cancelled,
            "attended": seminar.n_attended,
            "no_show": seminar.n_no_show,
            "women": seminar.n_women,
            "men": seminar.n_men,
            "gender_other_or_not_stated": seminar.n_other,
            "url": request.build_absolute_uri(seminar.get_absolute_url()),
        }


SEMINAR_STATISTICS = Dataset(
    slug="seminar-statistics",
    title=_("Seminar statistics"),
    description=_(
        "Each public seminar with the number of its registrations by status and by gender: counts only, never "
        "a participant's name or contact. One row per seminar."
    ),
    namespace=PARTICIPANTS,
    fields=(
        Field("seminar", TEXT, _("The seminar's identifier; also the last part of its page's address.")),
        Field("title_kk", TEXT, _("Title in Kazakh.")),
        Field("title_ru", TEXT, _("Title in Russian.")),
        Field("title_en", TEXT, _("Title in English.")),
        Field("kind", CODE, _("Kind of event."), Seminar.Kind),
        Field("status", CODE, _("Status of the seminar."), Seminar.Status),
        Field("start_date", DATE, _("First day, in Almaty time.")),
        Field("end_date", DATE, _("Last day, in Almaty time.")),
        Field("region", TEXT, _("Identifier of the region where it takes place.")),
        Field("sites", LIST, _("Identifiers of the sites it concerns.")),
        Field("organizers", LIST, _("Identifiers of the organizing organizations.")),
        Field("capacity", INTEGER, _("Number of seats; empty when there is no limit.")),
        Field("registered", INTEGER, _("Registrations holding a seat, not yet marked attended or absent.")),
        Field("waitlisted", INTEGER, _("Registrations on the waiting list.")),
        Field("cancelled", INTEGER, _("Cancelled registrations.")),
        Field("attended", INTEGER, _("Participants marked as attended.")),
        Field("no_show", INTEGER, _("Participants who registered but did not come.")),
        Field("women", INTEGER, _("Registrations, not cancelled, of women.")),
        Field("men", INTEGER, _("Registrations, not cancelled, of men.")),
        Field(
            "gender_other_or_not_stated",
            INTEGER,
            _(
                "Registrations, not cancelled, of another gender or without one stated (one count, so that no "
                "person stands out)."
            ),
        ),
        Field("url", URL, _("The seminar's page in the portal.")),
    ),
    records=seminar_statistic_records,
)

DATASETS = {d.slug: d for d in (SITES, DESIGNATIONS, RECOMMENDATIONS_DATASET, SEMINAR_STATISTICS)}


# --- values ---------------------------------------------------------------------------------------------------


def csv_value(value: Any) -> Any:
    """A value for portal.exports' CSV writer (which writes dates as ISO and neutralises formulas)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
