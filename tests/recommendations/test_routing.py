"""Routing after the 2022 reform (issue 18 item 7): a 2019 recommendation to the Akimat of Almaty region about a
site now in Zhetisu region reaches the Akimat of Zhetisu region; the 2019 addressee stays in the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal.models import Organization
from recommendations import routing
from recommendations.models import Handover, Recommendation
from reminders import planning
from reminders.models import Delivery
from tests.factories import (
    ActionFactory,
    OrganizationFactory,
    RecommendationFactory,
    RegionFactory,
    SiteFactory,
)
from tests.reminders import dataset

pytestmark = pytest.mark.django_db

REGIONAL = Organization.Kind.REGIONAL_AKIMAT


@pytest.fixture
def reform(db):
    almaty = RegionFactory(slug="almaty-r", name_en="Almaty region")
    zhetisu = RegionFactory(slug="zhetisu-r", name_en="Zhetisu region")
    return {
        "almaty": almaty,
        "zhetisu": zhetisu,
        "almaty_akimat": OrganizationFactory(
            slug="akimat-almaty", kind=REGIONAL, region=almaty, emails=["almaty@example.org"]
        ),
        "zhetisu_akimat": OrganizationFactory(
            slug="akimat-zhetisu", kind=REGIONAL, region=zhetisu, emails=["zhetisu@example.org"]
        ),
        "kayalyk": SiteFactory(slug="kayalyk", regions=[zhetisu], region_before_2022=almaty),
        "talgar": SiteFactory(slug="talgar", regions=[almaty]),
    }


def test_a_2019_recommendation_about_a_moved_site_passes_to_the_new_akimat(reform, client, official):
    rec = RecommendationFactory(
        lead_organization=reform["almaty_akimat"], sites=[reform["kayalyk"]], due_date=dataset.days(-10)
    )
    action = ActionFactory(recommendation=rec, owner=reform["almaty_akimat"])

    handovers = routing.route_after_reform()

    rec.refresh_from_db()
    action.refresh_from_db()
    assert rec.lead_organization == reform["zhetisu_akimat"]
    assert action.owner == reform["zhetisu_akimat"]
    assert [(h.action_id, h.from_organization.slug, h.to_organization.slug) for h in handovers] == [
        (None, "akimat-almaty", "akimat-zhetisu"),
        (action.pk, "akimat-almaty", "akimat-zhetisu"),
    ]
    # The 2019 addressee stays in the history.
    first = rec.history.order_by("history_date", "history_id").first()
    assert first.lead_organization_id == reform["almaty_akimat"].pk
    client.force_login(official)
    content = client.get(reverse("recommendations:detail", args=[rec.pk])).content.decode()
    assert "Passed to another organization" in content
    # The reminders now reach the Akimat of Zhetisu region.
    planning.plan(dataset.TODAY)
    assert set(Delivery.objects.values_list("recipient_email", flat=True)) == {"zhetisu@example.org"}


def test_a_recommendation_about_moved_and_remaining_sites_reaches_both(reform):
    rec = RecommendationFactory(lead_organization=reform["almaty_akimat"], sites=[reform["kayalyk"], reform["talgar"]])
    routing.route_after_reform()
    rec.refresh_from_db()
    assert rec.lead_organization == reform["almaty_akimat"]
    assert list(rec.supporting_organizations.all()) == [reform["zhetisu_akimat"]]


def test_routing_twice_changes_nothing(reform):
    rec = RecommendationFactory(lead_organization=reform["almaty_akimat"], sites=[reform["kayalyk"]])
    routing.route_after_reform()
    versions = rec.history.count()
    assert routing.route_after_reform() == []
    assert (Handover.objects.count(), rec.history.count()) == (1, versions)


def test_final_and_unrelated_recommendations_are_left_alone(reform):
    closed = RecommendationFactory(
        lead_organization=reform["almaty_akimat"], sites=[reform["kayalyk"]], status=Recommendation.Status.SUPERSEDED
    )
    staying = RecommendationFactory(lead_organization=reform["almaty_akimat"], sites=[reform["talgar"]])
    routing.route_after_reform()
    assert Handover.objects.count() == 0
    for rec in (closed, staying):
        rec.refresh_from_db()
        assert rec.lead_organization == reform["almaty_akimat"]


def test_the_command_routes_and_says_what_it_did(reform):
    from io import StringIO

    from django.core.management import call_command

    rec = RecommendationFactory(lead_organization=reform["almaty_akimat"], sites=[reform["kayalyk"]])
    out = StringIO()
    call_command("route_after_reform", stdout=out)
    assert f"Recommendation {rec.pk} (recommendation): akimat-almaty -> akimat-zhetisu" in out.getvalue()
    out = StringIO()
    call_command("route_after_reform", stdout=out)
    assert out.getvalue().strip() == "0 handovers."
