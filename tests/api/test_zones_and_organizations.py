"""Zones as GeoJSON and the responsible organizations' accountability figures through the public API."""

from __future__ import annotations

import pytest
from django.utils import timezone

from api.models import ApiToken
from recommendations.dashboard import build_dashboard
from recommendations.models import Recommendation
from tests.factories import DesignationFactory
from tests.factories.portal import OrganizationFactory
from tests.factories.recommendations import RecommendationFactory
from zones import geometry as geo
from zones.services import save_zone

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    return client.get(url, secure=True, headers=headers)


def make_zone(designation, kind="br_core"):
    upload = geo.Upload(geometry=geo.circle(78.4, 44.3, 1000), source_crs="EPSG:4326", features=1)
    return save_zone(
        designation=designation, site=None, kind=kind, upload=upload, source="Survey", source_date=None,
        accuracy="digitised",
    )  # fmt: skip


def test_zones_are_a_geojson_feature_collection(client):
    reserve = DesignationFactory(biosphere_reserve=True, slug="aksu")
    core, buffer = make_zone(reserve), make_zone(reserve, "br_buffer")
    response = get(client, "/api/v1/zones/?limit=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert [f["id"] for f in body["features"]] == [f"zone-{core.pk}"]
    assert body["features"][0]["geometry"]["type"] == "Polygon"
    assert body["features"][0]["properties"]["layer"] == "br_core"
    second = get(client, body["next"]).json()
    assert [f["id"] for f in second["features"]] == [f"zone-{buffer.pk}"]
    assert second["next"] is None


def test_zones_filter_by_designation_and_kind(client):
    make_zone(DesignationFactory(biosphere_reserve=True, slug="aksu"))
    other = make_zone(DesignationFactory(biosphere_reserve=True, slug="altyn"), "br_transition")
    body = get(client, "/api/v1/zones/?designation=altyn").json()
    assert [f["id"] for f in body["features"]] == [f"zone-{other.pk}"]
    assert get(client, "/api/v1/zones/?kind=br_transition").json()["features"][0]["id"] == f"zone-{other.pk}"
    assert get(client, "/api/v1/zones/?kind=lake").status_code == 400


@pytest.fixture
def register(organization):
    today = timezone.localdate()
    past = today - timezone.timedelta(days=10)
    RecommendationFactory(published=True, lead_organization=organization, due_date=past)
    RecommendationFactory(published=True, lead_organization=organization, status=Recommendation.Status.IMPLEMENTED)
    RecommendationFactory(published=False, lead_organization=organization, due_date=past)
    supported = RecommendationFactory(published=True, lead_organization=OrganizationFactory())
    supported.supporting_organizations.add(organization)
    return organization


def test_organization_figures_equal_the_public_page(client, register):
    page = client.get(f"/organizations/{register.slug}/")
    row = page.context["row"]
    answer = get(client, f"/api/v1/organizations/{register.slug}/").json()
    assert answer["counted"] == "published"
    assert (answer["total"], answer["open"], answer["overdue"], answer["implemented"]) == (
        row.total,
        row.open,
        row.overdue,
        row.implemented,
    )
    assert (answer["total"], answer["overdue"]) == (3, 1)
    listed = {o["slug"]: o for o in get(client, "/api/v1/organizations/").json()["results"]}
    assert listed[register.slug] == answer


def test_organization_figures_for_a_register_reader_equal_the_dashboard(client, register, official):
    _token, secret = ApiToken.issue(official, name="x", scope="read", days=1)
    answer = get(client, f"/api/v1/organizations/{register.slug}/", Authorization=f"Bearer {secret}").json()
    [row] = [r for r in build_dashboard(organization_limit=None).by_organization if r.organization_id == register.pk]
    assert answer["counted"] == "all"
    assert (answer["total"], answer["open"], answer["overdue"], answer["implemented_on_time"]) == (
        row.total,
        row.open,
        row.overdue,
        row.on_time,
    )
    assert (answer["total"], answer["overdue"]) == (4, 2)


def test_an_organization_responsible_for_nothing_has_zero_figures(client):
    idle = OrganizationFactory()
    answer = get(client, f"/api/v1/organizations/{idle.slug}/").json()
    assert (answer["total"], answer["on_time_share"], answer["days_without_report"]) == (0, None, None)
    assert get(client, "/api/v1/organizations/no-such-body/").status_code == 404
