"""The start page at `/`: each role sees what is theirs and due, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recommendations.models import Recommendation
from reminders.models import Delivery
from seminars.models import Registration, Seminar
from sites.models import Designation
from tests.factories import (
    DesignationFactory,
    ObligationFactory,
    ProgressReportFactory,
    RecommendationFactory,
    RegistrationFactory,
    SeminarFactory,
    SiteDesignationFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _count(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


def test_anonymous_visitor_keeps_the_front_page(client):
    response = client.get("/")
    assert response.templates[0].name == "home.html"


def test_user_without_a_role_keeps_the_front_page(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(email="nobody@test.example", password="x"))
    assert client.get("/").templates[0].name == "home.html"


def _focal_items(organization, other_organization, n):
    today = _today()
    for i in range(n):
        RecommendationFactory(lead_organization=organization, due_date=today - dt.timedelta(days=10 + i))
        RecommendationFactory(
            lead_organization=other_organization,
            supporting_organizations=[organization],
            due_date=today + dt.timedelta(days=5 + i),
        )
        reported = RecommendationFactory(lead_organization=organization, due_date=today + dt.timedelta(days=200))
        ProgressReportFactory(recommendation=reported)
        reported.last_report_at = timezone.now()
        reported.save()
    # Not theirs, and not open: never listed.
    RecommendationFactory(lead_organization=other_organization, due_date=today - dt.timedelta(days=3))
    RecommendationFactory(lead_organization=organization, status=Recommendation.Status.IMPLEMENTED)


def test_focal_point_sees_overdue_due_and_unreported_each_with_its_report_link(
    client, focal_point, organization, other_organization
):
    _focal_items(organization, other_organization, 1)
    client.force_login(focal_point)
    response = client.get("/")
    section = response.context["sections"]["focal"]
    lead_overdue = Recommendation.objects.get(lead_organization=organization, due_date__lt=_today())
    supported = Recommendation.objects.get(supporting_organizations=organization)
    assert section.overdue == [lead_overdue]
    assert section.due_soon == [supported]
    assert section.unreported == [lead_overdue, supported]
    html = response.content.decode()
    assert f'href="/recommendations/{lead_overdue.pk}/report/"' in html
    assert f'href="/recommendations/{supported.pk}/report/"' in html
    assert set(response.context["sections"]) == {"focal"}


def test_focal_point_start_page_queries_do_not_grow(client, focal_point, organization, other_organization):
    client.force_login(focal_point)
    _focal_items(organization, other_organization, 1)
    _response, small = _count(client)
    _focal_items(organization, other_organization, 3)
    _response, large = _count(client)
    # session, user, groups; focal organizations; overdue, due soon, unreported: the same for 1 and 3 of each.
    assert small == large


def _organizer_items(organization, n):
    now = timezone.now()
    for i in range(n):
        today = SeminarFactory(
            organizers=[organization], start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=5)
        )
        RegistrationFactory(seminar=today)
        past = SeminarFactory(
            organizers=[organization],
            start=now - dt.timedelta(days=3 + i),
            end=now - dt.timedelta(days=3 + i) + dt.timedelta(hours=6),
        )
        RegistrationFactory(seminar=past)
        RegistrationFactory(seminar=past, status=Registration.Status.ATTENDED)
    SeminarFactory(organizers=[organization], start=now - dt.timedelta(days=90), end=now - dt.timedelta(days=89))


def test_organizer_sees_their_seminars_with_next_steps(client, organizer, organization, other_organization):
    _organizer_items(organization, 1)
    SeminarFactory(organizers=[other_organization])  # someone else's
    client.force_login(organizer)
    items = client.get("/").context["sections"]["organizer"]
    # The past seminar's attended participant has no certificate yet (issue 17): "certificates to send".
    assert [item.steps for item in items] == [["attendance", "record", "certificates"], ["open", "today"]]
    past = items[0].seminar
    assert (past.still_registered, past.seated) == (1, 2)


def test_organizer_start_page_queries_do_not_grow(client, organizer, organization):
    client.force_login(organizer)
    _organizer_items(organization, 1)
    _response, small = _count(client)
    _organizer_items(organization, 3)
    _response, large = _count(client)
    assert small == large


def _manager_items(site_manager, n):
    today = _today()
    for _i in range(n):
        site = SiteFactory(managers=[site_manager])
        reserve = DesignationFactory(
            kind=Designation.Kind.BIOSPHERE_RESERVE, unesco_ref=None, category="", criteria="", year=today.year - 10
        )
        SiteDesignationFactory(site=site, designation=reserve)
        ObligationFactory(designation=reserve, due_date=today - dt.timedelta(days=1))
        ObligationFactory(designation=reserve, due_date=today + dt.timedelta(days=30), completed_on=today)
        RecommendationFactory(sites=[site], due_date=today + dt.timedelta(days=20))
    SiteFactory()  # not theirs


def test_site_manager_sees_sites_obligations_reviews_and_recommendations(client, site_manager):
    _manager_items(site_manager, 1)
    client.force_login(site_manager)
    section = client.get("/").context["sections"]["manager"]
    site = site_manager.managed_sites.get()
    assert section.sites == [site]
    assert [ob.completed_on for ob in section.obligations] == [None]
    assert [(d.pk, year) for d, year in section.reviews] == [(site.designations.get().pk, _today().year)]
    assert section.recommendations == list(Recommendation.objects.filter(sites=site))


def test_site_manager_start_page_queries_do_not_grow(client, site_manager):
    client.force_login(site_manager)
    _manager_items(site_manager, 1)
    _response, small = _count(client)
    _manager_items(site_manager, 3)
    _response, large = _count(client)
    assert small == large


def test_official_sees_overdue_by_body_in_their_region(client, official, organization, other_organization, region):
    official.organization = organization
    official.save()
    today = _today()
    in_region = SiteFactory(regions=[region])
    elsewhere = SiteFactory()
    RecommendationFactory(lead_organization=organization, sites=[in_region], due_date=today - dt.timedelta(days=2))
    RecommendationFactory(lead_organization=organization, sites=[in_region], due_date=today - dt.timedelta(days=9))
    RecommendationFactory(
        lead_organization=other_organization, sites=[in_region], due_date=today - dt.timedelta(days=1)
    )
    RecommendationFactory(
        lead_organization=other_organization, sites=[elsewhere], due_date=today - dt.timedelta(days=1)
    )
    client.force_login(official)
    section = client.get("/").context["sections"]["official"]
    assert section.region == region
    assert section.overdue_total == 3
    assert [(org, n) for org, n in section.bodies] == [(organization, 2), (other_organization, 1)]


def test_official_start_page_queries_do_not_grow(client, official, organization, region):
    official.organization = organization
    official.save()
    client.force_login(official)
    today = _today()

    def add(n):
        for _i in range(n):
            RecommendationFactory(sites=[SiteFactory(regions=[region])], due_date=today - dt.timedelta(days=4))

    add(1)
    _response, small = _count(client)
    add(3)
    _response, large = _count(client)
    assert small == large


def _delivery(status):
    n = Delivery.objects.count()
    return Delivery.objects.create(
        recipient_email=f"akimat{n}@test.example",
        cycle=_today(),
        planned_on=_today(),
        status=status,
        last_error="refused",
    )


def test_admin_sees_failed_deliveries_and_stale_imports(client, admin_user, organizer, organization):
    from seminars.models import PendingImport

    failed = _delivery(Delivery.Status.FAILED)
    _delivery(Delivery.Status.PENDING)
    old_seminar, new_seminar = SeminarFactory(organizers=[organization]), SeminarFactory(organizers=[organization])
    stale = PendingImport.objects.create(seminar=old_seminar, created_by=organizer, table={"headers": [], "rows": []})
    PendingImport.objects.filter(pk=stale.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    PendingImport.objects.create(seminar=new_seminar, created_by=organizer, table={"headers": [], "rows": []})
    client.force_login(admin_user)
    response = client.get("/")
    section = response.context["sections"]["admin"]
    assert (section.failed_deliveries, section.failed_total, section.stale_imports) == ([failed], 1, 1)
    assert f"/admin/reminders/delivery/{failed.pk}/change/" in response.content.decode()


def test_admin_start_page_queries_do_not_grow(client, admin_user):
    client.force_login(admin_user)
    _delivery(Delivery.Status.FAILED)
    _response, small = _count(client)
    for _i in range(3):
        _delivery(Delivery.Status.FAILED)
    _response, large = _count(client)
    assert small == large


def test_focal_point_sees_no_other_organizations_items(client, focal_point, other_organization):
    RecommendationFactory(lead_organization=other_organization, due_date=_today() - dt.timedelta(days=3))
    client.force_login(focal_point)
    section = client.get("/").context["sections"]["focal"]
    assert (section.overdue, section.due_soon, section.unreported) == ([], [], [])


def test_draft_seminar_asks_to_be_published(client, organizer, organization):
    SeminarFactory(organizers=[organization], status=Seminar.Status.DRAFT)
    client.force_login(organizer)
    assert [item.steps for item in client.get("/").context["sections"]["organizer"]] == [["draft"]]


def test_organizer_counts_each_participant_once_whatever_the_recommendations(client, organizer, organization):
    """The recommendations' join repeated each registration once per recommendation: 2 became 6 with three."""
    now = timezone.now()
    past = SeminarFactory(organizers=[organization], start=now - dt.timedelta(days=3), end=now - dt.timedelta(days=2))
    RegistrationFactory(seminar=past)
    RegistrationFactory(seminar=past, status=Registration.Status.ATTENDED)
    for _i in range(3):
        RecommendationFactory(seminar=past)
    client.force_login(organizer)
    (item,) = client.get("/").context["sections"]["organizer"]
    assert (item.seminar.still_registered, item.seminar.seated) == (1, 2)
