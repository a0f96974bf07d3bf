"""Uploading zones and corridors through the pages: saved whole with versions, or refused writing nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import DesignationFactory, SiteDesignationFactory, SiteFactory
from tests.zones.files import BOWTIE, SQUARE, geojson_file, shapefile_zip
from zones.models import Corridor, Zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def reserve():
    return DesignationFactory(biosphere_reserve=True, core_area_ha=Decimal("8856"))


def post_zone(client, reserve, upload, **extra):
    data = {"designation": reserve.pk, "kind": Zone.Kind.BR_CORE, "file": upload, "source": "Test survey"}
    data |= {"accuracy": "digitised", **extra}
    return client.post(reverse("zones:upload"), data)


def nothing_written() -> bool:
    return Zone.objects.count() == 0 and Zone.history.count() == 0


def test_admin_uploads_a_zone_and_a_second_upload_is_a_new_version(client, admin_user, reserve):
    client.force_login(admin_user)
    response = post_zone(client, reserve, geojson_file())
    zone = Zone.objects.get()
    assert response.status_code == 302 and response["Location"] == zone.get_absolute_url()
    assert (zone.kind, zone.accuracy, round(zone.area_ha)) == ("br_core", "digitised", 8862)
    assert zone.warnings == ""  # within 10 % of the stated core area
    bigger = [(78.40, 44.30), (78.60, 44.30), (78.60, 44.40), (78.40, 44.40), (78.40, 44.30)]
    post_zone(client, reserve, geojson_file(bigger), source="Second survey")
    zone.refresh_from_db()
    assert (Zone.objects.count(), zone.history.count(), zone.source) == (1, 2, "Second survey")
    assert "+100 %" in zone.warnings  # twice the stated area
    page = client.get(zone.get_absolute_url())
    assert page.status_code == 200
    assert page.content.decode().count("Test survey") == 1  # the first version is listed


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: geojson_file(BOWTIE), "crosses itself"),
        (
            lambda: SimpleUploadedFile("zone.zip", shapefile_zip([[SQUARE]], prj='PROJCS["x",NONSENSE]')),
            "not one we know",
        ),
        (lambda: geojson_file(crs="EPSG:999999"), "EPSG:999999 is not a projection we know"),
        (lambda: SimpleUploadedFile("zone.gpx", b"<gpx/>"), "Upload a GeoJSON"),
    ],
    ids=["self-intersecting", "unknown-prj", "unknown-epsg", "other-format"],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_written(client, admin_user, reserve, upload, message):
    client.force_login(admin_user)
    response = post_zone(client, reserve, upload())
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert nothing_written()


def test_file_over_the_size_limit_is_refused(client, admin_user, reserve, settings):
    settings.ZONES_MAX_UPLOAD_BYTES = 2048
    client.force_login(admin_user)
    padded = geojson_file()
    padded = SimpleUploadedFile("zone.geojson", padded.read() + b" " * 4096)
    response = post_zone(client, reserve, padded)
    assert response.context["form"].errors["file"] == [
        "The file is larger than 0 MB. Simplify the geometry or split the file."
    ]
    assert nothing_written()


def test_wrong_kind_for_the_designation_is_refused(client, admin_user, reserve):
    client.force_login(admin_user)
    response = post_zone(client, reserve, geojson_file(), kind=Zone.Kind.WH_BUFFER)
    assert response.context["form"].errors["kind"] == ["This kind of zone does not belong to a Biosphere reserve."]
    assert nothing_written()


def test_site_manager_uploads_only_for_their_own_designations(client, site_manager, reserve):
    other = DesignationFactory(biosphere_reserve=True)
    SiteDesignationFactory(site=SiteFactory(managers=[site_manager]), designation=reserve)
    client.force_login(site_manager)
    assert post_zone(client, reserve, geojson_file()).status_code == 302
    response = post_zone(client, other, geojson_file())
    assert "designation" in response.context["form"].errors
    assert Zone.objects.filter(designation=other).count() == 0


def test_corridor_upload_measures_its_length(client, admin_user):
    client.force_login(admin_user)
    line = geojson_file([(78.0, 44.0), (79.0, 44.0)], kind="LineString")
    response = client.post(
        reverse("zones:corridor_upload"),
        {
            "name": "Goitered gazelle route",
            "species": "Gazella subgutturosa",
            "file": line,
            "source": "Survey",
            "accuracy": "schematic",
        },
    )
    corridor = Corridor.objects.get()
    assert response["Location"] == corridor.get_absolute_url()
    assert round(corridor.length_km) == 80  # one degree of longitude at 44° N


def streamed_json(response) -> dict:
    import gzip
    import json

    body = b"".join(response.streaming_content)
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return json.loads(body)


def test_site_zones_geojson_lists_the_sites_zones_with_pop_up_facts(client, admin_user, reserve):
    site = SiteFactory()
    SiteDesignationFactory(site=site, designation=reserve)
    client.force_login(admin_user)
    post_zone(client, reserve, geojson_file())
    client.logout()
    data = streamed_json(client.get(reverse("site_zones_geojson", kwargs={"slug": site.slug})))
    [feature] = data["features"]
    assert {k: feature["properties"][k] for k in ("designation", "zone", "source", "accuracy")} == {
        "designation": reserve.name_en,
        "zone": "Biosphere reserve core area",
        "source": "Test survey",
        "accuracy": "Digitised",
    }
    assert (
        streamed_json(client.get(reverse("site_zones_geojson", kwargs={"slug": SiteFactory().slug})))["features"] == []
    )


def test_streamed_features_carry_the_stored_geometry_text_unchanged(client, admin_user, reserve):
    import json

    from zones import exports

    client.force_login(admin_user)
    post_zone(client, reserve, geojson_file())
    zone = Zone.objects.select_related("designation", "site").get()
    streamed = json.loads("".join(exports.stream_collection([exports.zone_feature(zone, raw=True)])))
    parsed = {"type": "FeatureCollection", "features": [exports.zone_feature(zone)]}
    assert streamed == parsed
    assert f'"geometry":{zone.geojson},' in "".join(exports.stream_collection([exports.zone_feature(zone, raw=True)]))


def test_site_page_zones_section_loads_the_sites_zones_geojson(client):
    site = SiteFactory()
    page = client.get(site.get_absolute_url()).content.decode()
    url = reverse("site_zones_geojson", kwargs={"slug": site.slug})
    assert f'data-zones-url="{url}"' in page
    assert 'src="/static/js/site-zones.js"' in page


def test_site_zones_geojson_is_compressed_and_not_sent_again_while_unchanged(client, admin_user, reserve):
    site = SiteFactory()
    SiteDesignationFactory(site=site, designation=reserve)
    url = reverse("site_zones_geojson", kwargs={"slug": site.slug})
    first = client.get(url, headers={"accept-encoding": "gzip, deflate"})
    assert (first["Content-Encoding"], streamed_json(first)["features"]) == ("gzip", [])
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    client.force_login(admin_user)
    post_zone(client, reserve, geojson_file())  # a new zone: the tag changes, the file is sent again
    client.logout()
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert len(streamed_json(again)["features"]) == 1
