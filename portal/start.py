"""The start page at `/` after log-in: for each role the user holds, what is theirs and what is due.

Each section is built from a fixed number of queries, whatever the size of the data (tests/portal/
test_start_page.py counts them at two sizes). A user with several roles sees each of their sections.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal import roles

LIST_LIMIT = 10  # rows per list; each list links to the full, filtered register
DUE_SOON_DAYS = 60
RECENT_SEMINAR_DAYS = 30  # an organizer's seminars stay on the start page this long after they end...
CERTIFICATES_DUE_DAYS = 365  # ... or this long while participants marked attended have no certificate


@dataclass
class OfficialSection:
    region: object | None
    overdue_total: int
    bodies: list  # [(organization, overdue count)]


@dataclass
class SeminarStep:
    seminar: object
    steps: list[str] = field(default_factory=list)  # codes the template words: open, today, attendance, record


@dataclass
class ManagerSection:
    sites: list
    obligations: list
    reviews: list  # [(designation, year)]
    recommendations: list
    today: datetime.date


@dataclass
class FocalSection:
    organizations: list
    overdue: list
    due_soon: list
    unreported: list
    today: datetime.date


@dataclass
class AdminSection:
    failed_deliveries: list
    failed_total: int
    stale_imports: int


def official_section(user) -> OfficialSection:
    from portal.models import Organization
    from recommendations.models import Recommendation

    region = user.organization.region if user.organization_id and user.organization.region_id else None
    today = timezone.localdate()
    overdue = Recommendation.objects.overdue(today)
    # One join of each body with the overdue recommendations it leads, counted without DISTINCT (each row is one
    # recommendation): no semi-join against a second scan of the recommendations and no sort for Count(distinct).
    # (The conditions in one filter() call: a second call would join the recommendations again.)
    conditions = Q(
        led_recommendations__status__in=Recommendation.OPEN_STATUSES, led_recommendations__due_date__lt=today
    )
    if region is not None:
        in_region = Recommendation.objects.filter(sites__regions=region).values("pk")
        overdue = overdue.filter(pk__in=in_region)
        conditions &= Q(led_recommendations__pk__in=in_region)
    counts = (
        Organization.objects.filter(conditions)
        .annotate(overdue_count=Count("led_recommendations"))
        .order_by("-overdue_count", "name_en")
    )
    bodies = [(org, org.overdue_count) for org in counts[:LIST_LIMIT]]
    return OfficialSection(region=region, overdue_total=overdue.count(), bodies=bodies)


def _per_seminar_count(rows):
    """``rows`` (a queryset of some model with a ``seminar`` key, filtered on OuterRef("pk")) counted for each
    seminar as a scalar subquery: no join, so no GROUP BY over the seminar's registrations and recommendations
    (that made PostgreSQL evaluate the certificate subquery once per joined registration: 0.8 s at world scale)."""
    counted = rows.order_by().values("seminar").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _certificates_due():
    """Per seminar: registrations marked attended without a valid certificate."""
    from seminars.models import Certificate, Registration

    return _per_seminar_count(
        Registration.objects.filter(seminar=OuterRef("pk"), status=Registration.Status.ATTENDED).exclude(
            Exists(Certificate.objects.filter(registration=OuterRef("pk"), revoked_at__isnull=True))
        )
    )


def organizer_section(user, now=None) -> list[SeminarStep]:
    from recommendations.models import Recommendation
    from seminars.models import Registration, Seminar

    now = now or timezone.now()
    today = timezone.localdate(now)
    seminars = Seminar.objects.all()
    if not roles.is_admin(user):
        seminars = seminars.filter(organizers=user.organization_id)
    seminars = (
        seminars.exclude(status=Seminar.Status.CANCELLED)
        .filter(end__gte=now - datetime.timedelta(days=CERTIFICATES_DUE_DAYS))
        .annotate(certificates_due=_certificates_due())
        .filter(Q(end__gte=now - datetime.timedelta(days=RECENT_SEMINAR_DAYS)) | Q(certificates_due__gt=0, end__lt=now))
        .annotate(
            # Each count its own subquery (registration_queue_idx, the recommendations' seminar index): a
            # participant is counted once whatever the recommendations, and nothing is grouped.
            still_registered=_per_seminar_count(
                Registration.objects.filter(seminar=OuterRef("pk"), status=Registration.Status.REGISTERED)
            ),
            seated=_per_seminar_count(
                Registration.objects.filter(seminar=OuterRef("pk"), status__in=Registration.SEAT_HOLDING)
            ),
            recommendation_count=_per_seminar_count(Recommendation.objects.filter(seminar=OuterRef("pk"))),
        )
        .order_by("start")[:LIST_LIMIT]
    )
    items = []
    for seminar in seminars:
        item = SeminarStep(seminar=seminar)
        if seminar.status == Seminar.Status.DRAFT:
            item.steps.append("draft")
        if seminar.registration_is_open(now):
            item.steps.append("open")
        if timezone.localdate(seminar.start) <= today <= timezone.localdate(seminar.end):
            item.steps.append("today")
        if seminar.end < now and seminar.still_registered:
            item.steps.append("attendance")
        if seminar.end < now and not seminar.recommendation_count:
            item.steps.append("record")
        if seminar.end < now and seminar.certificates_due:
            item.steps.append("certificates")
        items.append(item)
    return items


def manager_section(user, today=None) -> ManagerSection:
    from recommendations.models import Recommendation
    from sites.models import Designation, Obligation, Site

    today = today or timezone.localdate()
    sites = list(Site.objects.filter(managers=user).order_by("name_en")[:LIST_LIMIT])
    site_ids = Site.objects.filter(managers=user).values("pk")
    obligations = list(
        Obligation.objects.filter(designation__site_links__site__in=site_ids, completed_on__isnull=True)
        .select_related("designation")
        .distinct()
        .order_by("due_date")[:LIST_LIMIT]
    )
    reviews = []
    for designation in Designation.objects.filter(
        site_links__site__in=site_ids, kind=Designation.Kind.BIOSPHERE_RESERVE
    ).distinct():
        year = designation.next_periodic_review_year
        if year is not None and year <= today.year + 1:
            reviews.append((designation, year))
    reviews.sort(key=lambda pair: pair[1])
    recommendations = list(
        Recommendation.objects.open()
        .filter(sites__in=site_ids)
        .distinct()
        .select_related("lead_organization")
        .order_by("due_date", "pk")[:LIST_LIMIT]
    )
    return ManagerSection(
        sites=sites, obligations=obligations, reviews=reviews, recommendations=recommendations, today=today
    )


def focal_section(user, today=None) -> FocalSection:
    from recommendations.models import Recommendation

    today = today or timezone.localdate()
    organizations = list(user.focal_point_for.order_by("name_en"))
    ids = [org.pk for org in organizations]
    # Theirs as lead or as supporting body: the ids of both in one UNION subquery, each from its own index, so the
    # open recommendations are looked up by primary key. (An OR across the supporting-organizations join needed
    # DISTINCT and scanned every open recommendation: 270 ms for the three lists at world scale.)
    Supporting = Recommendation.supporting_organizations.through
    theirs = (
        Recommendation.objects.filter(lead_organization__in=ids)
        .order_by()
        .values("pk")
        .union(Supporting.objects.filter(organization__in=ids).order_by().values("recommendation_id"))
    )
    ours = Recommendation.objects.open().filter(pk__in=theirs).select_related("lead_organization")
    overdue = list(ours.filter(due_date__lt=today).order_by("due_date", "pk")[:LIST_LIMIT])
    due_soon = list(
        ours.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)).order_by(
            "due_date", "pk"
        )[:LIST_LIMIT]
    )
    unreported = list(ours.filter(last_report_at__isnull=True).order_by("due_date", "pk")[:LIST_LIMIT])
    return FocalSection(
        organizations=organizations, overdue=overdue, due_soon=due_soon, unreported=unreported, today=today
    )


def admin_section() -> AdminSection:
    from reminders.models import Delivery
    from seminars import import_store

    failed = Delivery.objects.filter(status=Delivery.Status.FAILED)
    return AdminSection(
        failed_deliveries=list(failed.order_by("-created_at")[:LIST_LIMIT]),
        failed_total=failed.count(),
        stale_imports=import_store.count_stale(),
    )


def sections_for(user) -> dict:
    """The sections of `user`'s start page, keyed by role; empty for a user without a role."""
    sections = {}
    if roles.is_official(user):
        sections["official"] = official_section(user)
    if roles.is_organizer(user):
        sections["organizer"] = organizer_section(user)
    if roles.is_site_manager(user):
        sections["manager"] = manager_section(user)
    if roles.is_focal_point(user):
        sections["focal"] = focal_section(user)
    if roles.is_admin(user):
        sections["admin"] = admin_section()
    return sections
