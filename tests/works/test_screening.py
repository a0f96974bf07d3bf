"""Planned works screened against Altyn-Emel's schematic zones (the demo's circles): what is crossed, how much
of it, what lies near, the obligation opened and the notices queued."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from shapely.geometry import LineString

from sites.models import Obligation
from tests.factories import DesignationFactory, OrganizationFactory, SiteDesignationFactory, SiteFactory
from works import services
from works.models import PlannedWork, ScreeningNotice
from zones import demo as zones_demo
from zones import geometry as geo

pytestmark = pytest.mark.django_db

LON, LAT = 78.433, 44.333  # Altyn-Emel, from the facts file


@pytest.fixture
def altyn_emel(site_manager):
    """Altyn-Emel Biosphere Reserve with its stated areas and schematic zones, one manager, one organization."""
    reserve = DesignationFactory(
        biosphere_reserve=True,
        name_en="Altyn-Emel Biosphere Reserve",
        area_ha=Decimal("535909.4"),
        core_area_ha=Decimal("54767.5"),
        buffer_zone_ha=Decimal("252885.8"),
        transition_area_ha=Decimal("228256.1"),
    )
    organization = OrganizationFactory(preferred_language="kk")
    organization.emails.all().delete()
    organization.emails.create(email="park@example.org")
    site = SiteFactory(
        name_en="Altyn-Emel",
        name_ru="Алтын-Эмель",
        latitude=Decimal(LAT),
        longitude=Decimal(LON),
        managing_organization=organization,
    )
    site.managers.add(site_manager)
    SiteDesignationFactory(site=site, designation=reserve)
    zones_demo.load()
    return site


def radii_km() -> tuple[float, float, float]:
    """The schematic circles' radii: core, core + buffer, the whole reserve."""
    from math import pi, sqrt

    return tuple(sqrt(ha * 10_000 / pi) / 1000 for ha in (54767.5, 54767.5 + 252885.8, 535909.4))


def road(line: LineString, **extra) -> PlannedWork:
    work = PlannedWork(
        title="Road",
        kind="road",
        stage="design",
        responsible_body="Kerbulak district Akimat",
        expected_approval_date=dt.date.today() + dt.timedelta(days=90),
        **extra,
    )
    services.record_work(work, line)
    return work


def north_south(km_east: float) -> LineString:
    """A line 100 km long, north to south, ``km_east`` east of the site's point."""
    return LineString([(LON + km_east / 79.7, LAT - 0.45), (LON + km_east / 79.7, LAT + 0.45)])


def test_line_crossing_the_buffer_lists_altyn_emel_with_the_length_inside_each_zone(altyn_emel):
    _core, buffer, outer = radii_km()
    x = 20  # km east: outside the core (13.2 km), inside the buffer ring (31.3 km)
    screening = road(north_south(x)).screenings.get()
    hits = {h.zone_kind: h for h in screening.hits.all()}
    assert {h.site_id for h in hits.values()} == {altyn_emel.pk}
    # The core (radius 13.2 km) is 6.8 km away: beyond the default 5 km, so not listed.
    assert set(hits) == {"br_buffer", "br_transition"}
    assert (hits["br_buffer"].inside, hits["br_transition"].inside) == (True, True)
    # A chord at x km from the centre of a circle of radius r is 2·√(r² − x²) long.
    chord = lambda r: 2 * (r * r - x * x) ** 0.5 * 1000  # noqa: E731
    assert hits["br_buffer"].length_inside_m == pytest.approx(chord(buffer), rel=0.01)
    assert hits["br_transition"].length_inside_m == pytest.approx(chord(outer) - chord(buffer), rel=0.01)
    assert screening.site_count == 1


def test_line_200_km_away_lists_nothing_and_notifies_no_one(altyn_emel):
    screening = road(north_south(200)).screenings.get()
    assert list(screening.hits.all()) == []
    assert (ScreeningNotice.objects.count(), Obligation.objects.count(), screening.site_count) == (0, 0, 0)


def test_a_hit_opens_the_obligation_and_queues_a_notice_per_recipient_in_their_language(altyn_emel, site_manager):
    work = road(north_south(20))
    screening = work.screenings.get()
    [obligation] = screening.obligations.all()
    assert (obligation.title, obligation.due_date) == (
        "Consult the biosphere reserve administration before approval: Road",
        work.expected_approval_date,
    )
    notices = sorted(ScreeningNotice.objects.values_list("recipient_email", "language", "sent_at"))
    assert notices == sorted([("park@example.org", "kk", None), (site_manager.email, site_manager.language, None)])


def test_the_near_core_shows_up_when_the_distance_is_larger(altyn_emel):
    screening = road(north_south(20), screening_distance_m=10_000).screenings.get()
    core = screening.hits.get(zone_kind="br_core")
    assert (core.inside, core.length_inside_m) == (False, 0)
    assert core.distance_m == pytest.approx((20 - radii_km()[0]) * 1000, rel=0.02)


def test_recording_a_drawn_work_through_the_page_screens_it(client, altyn_emel, focal_point):
    client.force_login(focal_point)
    line = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": json.loads(geo.to_geojson(north_south(20)))}],
    }
    response = client.post(
        reverse("works:create"),
        {
            "title": "Dune road",
            "kind": "road",
            "stage": "design",
            "responsible_body": "Akimat",
            "screening_distance_m": 5000,
            "drawn": json.dumps(line),
        },
    )
    work = PlannedWork.objects.get()
    assert response["Location"] == work.get_absolute_url()
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Altyn-Emel" in page and "Biosphere reserve buffer zone" in page
    csv_text = b"".join(client.get(reverse("works:screening_csv", kwargs={"pk": work.pk})).streaming_content)
    rows = list(csv.reader(io.StringIO(csv_text.decode("utf-8-sig"))))
    assert [row[:3] for row in rows[1:]] == [
        ["Altyn-Emel", "Altyn-Emel Biosphere Reserve", "Biosphere reserve buffer zone"],
        ["Altyn-Emel", "Altyn-Emel Biosphere Reserve", "Biosphere reserve transition area"],
    ]


def test_neither_drawn_nor_uploaded_is_refused(client, focal_point):
    client.force_login(focal_point)
    response = client.post(
        reverse("works:create"),
        {
            "title": "Road",
            "kind": "road",
            "stage": "design",
            "responsible_body": "Akimat",
            "screening_distance_m": 5000,
        },
    )
    assert response.context["form"].non_field_errors() == [
        "Draw the work on the map or upload a file, one or the other."
    ]
    assert PlannedWork.objects.count() == 0
