"""Statutory follow-up kept in the portal by a site's managers and focal points: obligations and biosphere
reserve periodic reviews; a review recorded as submitted moves the next one on and ends its reminders."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from reminders import planning
from reminders.models import ReminderItem
from sites.models import Designation, Obligation, PeriodicReview
from tests.factories import (
    DesignationFactory,
    ObligationFactory,
    SiteDesignationFactory,
    SiteFactory,
    UserFactory,
)
from tests.reminders import dataset

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("sites.migrations.0009_periodic_reviews")


@pytest.fixture
def reserve(site_a) -> Designation:
    reserve = DesignationFactory(biosphere_reserve=True, name_en="Reserve", year=2013)
    SiteDesignationFactory(site=site_a, designation=reserve)
    return reserve


def test_a_site_manager_records_a_state_of_conservation_report(client, site_a, site_manager):
    client.force_login(site_manager)
    designation = site_a.designations.get()
    response = client.post(
        reverse("sites:obligation_create", args=[site_a.slug]),
        {
            "designation": designation.pk,
            "title": "State of conservation report",
            "decision_number": "41 COM 7B.88",
            "decision_paragraph": "6",
            "due_date": "2027-02-01",
        },
    )
    assert response.status_code == 302
    obligation = Obligation.objects.get()
    assert (obligation.designation, obligation.decision_number, obligation.due_date) == (
        designation,
        "41 COM 7B.88",
        dt.date(2027, 2, 1),
    )
    html = client.get(site_a.get_absolute_url()).text
    assert "Decision 41 COM 7B.88, paragraph 6" in html
    assert reverse("sites:obligation_edit", args=[site_a.slug, obligation.pk]) in html


def test_the_focal_point_of_the_managing_organization_records_a_submitted_review(client, site_a, reserve):
    focal = UserFactory(email="focal-site@test.example")
    focal.focal_point_for.add(site_a.managing_organization)
    client.force_login(focal)
    assert reserve.next_periodic_review_year == 2023
    response = client.post(
        reverse("sites:review_create", args=[site_a.slug]),
        {"designation": reserve.pk, "year": "2023", "status": "submitted", "submitted_on": "2023-09-29"},
    )
    assert response.status_code == 302
    reserve.refresh_from_db()
    assert (reserve.last_periodic_review, reserve.next_periodic_review_year) == (2023, 2033)
    assert PeriodicReview.objects.get().history.get().history_user == focal


def test_the_review_form_offers_only_the_sites_biosphere_reserves(client, site_a, site_manager, reserve):
    client.force_login(site_manager)
    form = client.get(reverse("sites:review_create", args=[site_a.slug])).context["form"]
    assert list(form.fields["designation"].queryset) == [reserve]
    response = client.post(
        reverse("sites:review_create", args=[site_a.slug]),
        {"designation": site_a.designations.exclude(pk=reserve.pk).get().pk, "year": "2023", "status": "due"},
    )
    assert "designation" in response.context["form"].errors


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "due", "submitted_on": "2023-01-10"}, "status"),
        ({"status": "submitted", "outcome": "meets_criteria"}, "outcome"),
        ({"status": "due", "year": "1900"}, "year"),
    ],
    ids=["due-with-date", "outcome-before-examination", "old-year"],
)
def test_a_review_says_one_consistent_thing(client, site_a, site_manager, reserve, data, field):
    client.force_login(site_manager)
    response = client.post(
        reverse("sites:review_create", args=[site_a.slug]), {"designation": reserve.pk, "year": "2023", **data}
    )
    assert field in response.context["form"].errors
    assert PeriodicReview.objects.count() == 0


def test_a_record_of_another_sites_designation_is_not_found_here(client, site_a, site_manager, region):
    other = ObligationFactory()
    SiteDesignationFactory(site=SiteFactory(regions=[region]), designation=other.designation)
    client.force_login(site_manager)
    assert client.get(reverse("sites:obligation_edit", args=[site_a.slug, other.pk])).status_code == 404


def test_the_icc_recommendations_link_prefills_the_register(client, site_a, organizer, reserve):
    PeriodicReview.objects.create(
        designation=reserve,
        year=2023,
        status="examined",
        icc_session=36,
        outcome="more_information",
        icc_recommendations="Strengthen the zonation.",
    )
    client.force_login(organizer)
    html = client.get(site_a.get_absolute_url()).text
    link = f"{reverse('recommendations:create')}?source_kind=periodic_review&amp;icc_session=36&amp;source_year=2023"
    assert link in html
    form = client.get(link.replace("&amp;", "&") + f"&site={site_a.slug}").context["form"]
    assert (form.initial["source_kind"], form.initial["icc_session"], form.initial["source_year"]) == (
        "periodic_review",
        36,
        2023,
    )


def test_a_submitted_review_ends_the_reminders_for_its_year():
    data = dataset.build()
    reserve = Designation.objects.get(name_en="Reserve One")
    planning.plan(dataset.TODAY)
    assert ReminderItem.objects.filter(designation=reserve).count() == 1
    PeriodicReview.objects.create(designation=reserve, year=2025, status="submitted")
    ReminderItem.objects.all().delete()
    planning.plan(dataset.TODAY + dt.timedelta(days=400))
    assert ReminderItem.objects.filter(designation=reserve).count() == 0
    assert data.expected  # the rest of the dataset still plans


def test_deleting_the_only_submitted_review_brings_the_due_year_back(reserve):
    review = PeriodicReview.objects.create(designation=reserve, year=2023, status="submitted")
    review.delete()
    reserve.refresh_from_db()
    assert reserve.next_periodic_review_year == 2023


def test_the_migration_turns_each_bare_year_into_a_submitted_review():
    reserve = DesignationFactory(biosphere_reserve=True, year=2012)
    Designation.objects.filter(pk=reserve.pk).update(last_periodic_review=2022)
    MIGRATION.reviews_from_years(apps, None)
    review = PeriodicReview.objects.get()
    assert (review.designation_id, review.year, review.status) == (reserve.pk, 2022, "submitted")
