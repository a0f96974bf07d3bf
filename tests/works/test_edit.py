"""Editing a planned work: its author or an admin; a new geometry or distance screens it again, other edits
do not."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.works import test_screening
from tests.works.test_screening import north_south, road
from works.models import ScreeningNotice
from zones import geometry as geo

pytestmark = pytest.mark.django_db

altyn_emel = test_screening.altyn_emel  # the fixture


def form_data(work, **changes) -> dict:
    data = {
        "title": work.title,
        "kind": work.kind,
        "stage": work.stage,
        "responsible_body": work.responsible_body,
        "expected_approval_date": work.expected_approval_date.isoformat(),
        "description": work.description,
        "screening_distance_m": work.screening_distance_m,
    }
    return data | changes


def drawn(line) -> str:
    return json.dumps({"type": "Feature", "properties": {}, "geometry": json.loads(geo.to_geojson(line))})


@pytest.fixture
def far_road(altyn_emel, official):
    """A road 200 km away, recorded by the official: screened once, nothing found."""
    work = road(north_south(200))
    work.created_by = official
    work.save(update_fields=["created_by"])
    return work


def test_moving_the_road_into_the_buffer_screens_it_again_and_notifies(client, far_road, official, site_manager):
    client.force_login(official)
    response = client.post(
        reverse("works:edit", kwargs={"pk": far_road.pk}), form_data(far_road, drawn=drawn(north_south(20)))
    )
    assert response.status_code == 302
    latest = far_road.screenings.order_by("-pk").first()
    assert far_road.screenings.count() == 2
    assert {h.zone_kind for h in latest.hits.all()} == {"br_buffer", "br_transition"}
    assert sorted(ScreeningNotice.objects.filter(screening=latest).values_list("recipient_email", flat=True)) == sorted(
        ["park@example.org", site_manager.email]
    )
    far_road.refresh_from_db()
    assert far_road.length_km == pytest.approx(100, rel=0.01)


def test_editing_only_the_facts_keeps_the_geometry_and_the_screening(client, far_road, official):
    before = far_road.geojson
    client.force_login(official)
    response = client.post(reverse("works:edit", kwargs={"pk": far_road.pk}), form_data(far_road, stage="approval"))
    assert response.status_code == 302
    far_road.refresh_from_db()
    assert (far_road.stage, far_road.geojson, far_road.screenings.count()) == ("approval", before, 1)


def test_a_larger_distance_screens_again(client, far_road, official):
    client.force_login(official)
    client.post(reverse("works:edit", kwargs={"pk": far_road.pk}), form_data(far_road, screening_distance_m=100_000))
    assert far_road.screenings.count() == 2


def test_a_bad_geometry_is_refused_and_nothing_changes(client, far_road, official):
    before = far_road.geojson
    client.force_login(official)
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[78.4, 44.3], [78.5, 44.4], [78.5, 44.3], [78.4, 44.4], [78.4, 44.3]]],
    }
    response = client.post(
        reverse("works:edit", kwargs={"pk": far_road.pk}),
        form_data(far_road, title="Changed", drawn=json.dumps(bowtie)),
    )
    assert response.status_code == 200
    assert "crosses itself" in response.content.decode()
    far_road.refresh_from_db()
    assert (far_road.title, far_road.geojson, far_road.screenings.count()) == ("Road", before, 1)


def test_only_the_author_and_admins_may_edit(client, far_road, official, site_manager, admin_user):
    url = reverse("works:edit", kwargs={"pk": far_road.pk})
    client.force_login(site_manager)  # may record works, but did not record this one
    assert client.get(url).status_code == 403
    assert client.get(far_road.get_absolute_url()).context["can_edit"] is False
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    client.force_login(official)
    assert client.get(url).status_code == 200
    assert client.get(far_road.get_absolute_url()).context["can_edit"] is True
