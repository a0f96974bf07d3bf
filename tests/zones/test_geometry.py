"""zones.geometry: reading every accepted format, reprojecting, validating and measuring."""

from __future__ import annotations

import json

import pytest
import shapely
from django.core.files import File
from pyproj import Transformer
from shapely.geometry import LineString

from tests.zones.files import BOWTIE, SQUARE, geojson_file, kml_bytes, kmz_bytes, shapefile_zip, utm_prj
from zones import geometry as geo


def test_geojson_square_is_read_and_measured_in_metres():
    upload = geo.read_upload(geojson_file(), expect=geo.POLYGONAL)
    assert (upload.geometry.geom_type, upload.source_crs, upload.warnings) == ("MultiPolygon", "EPSG:4326", [])
    # 0.1° × 0.1° at 44.35 N: 7,965 m × 11,120 m.
    assert geo.area_ha(upload.geometry) == pytest.approx(8856, rel=0.01)


def test_kml_and_kmz_give_the_same_polygon_as_geojson():
    from_json = geo.read_upload(geojson_file()).geometry
    assert geo.read_bytes("zone.kml", kml_bytes()).geometry.equals(from_json)
    assert geo.read_bytes("zone.kmz", kmz_bytes()).geometry.equals(from_json)


def test_shapefile_in_utm_is_reprojected_to_wgs84():
    to_utm = Transformer.from_crs(4326, 32644, always_xy=True)
    ring = [to_utm.transform(x, y) for x, y in SQUARE]
    upload = geo.read_bytes("zone.zip", shapefile_zip([[ring]], prj=utm_prj(32644)), expect=geo.POLYGONAL)
    assert upload.source_crs == "EPSG:32644"
    assert upload.geometry.bounds == pytest.approx((78.40, 44.30, 78.50, 44.40), abs=1e-6)


def test_epsg_given_in_the_form_reads_a_shapefile_without_prj():
    to_utm = Transformer.from_crs(4326, 32643, always_xy=True)
    ring = [to_utm.transform(x, y) for x, y in SQUARE]
    upload = geo.read_bytes("zone.zip", shapefile_zip([[ring]], prj=None), epsg=32643)
    assert upload.geometry.bounds == pytest.approx((78.40, 44.30, 78.50, 44.40), abs=1e-6)


def test_shapefile_without_prj_or_epsg_is_refused():
    with pytest.raises(geo.GeometryError, match="does not say which projection"):
        geo.read_bytes("zone.zip", shapefile_zip([[SQUARE]], prj=None))


def test_unknown_projection_in_prj_is_refused():
    with pytest.raises(geo.GeometryError, match="not one we know"):
        geo.read_bytes("zone.zip", shapefile_zip([[SQUARE]], prj='PROJCS["Nowhere",GARBAGE]'))


def test_unknown_epsg_code_is_refused():
    with pytest.raises(geo.GeometryError, match="EPSG:999999 is not a projection we know"):
        geo.read_upload(geojson_file(), epsg=999999)


def test_geojson_naming_an_unknown_crs_is_refused():
    with pytest.raises(geo.GeometryError, match="names a projection we do not know"):
        geo.read_upload(geojson_file(crs="urn:ogc:def:crs:Local::Plant-grid"))


def test_metre_coordinates_without_a_projection_are_refused():
    ring = [(x * 10_000, y * 100_000) for x, y in SQUARE]
    with pytest.raises(geo.GeometryError, match="not longitudes and latitudes"):
        geo.read_upload(geojson_file(ring))


def test_self_intersecting_polygon_is_refused_with_where_it_crosses():
    with pytest.raises(geo.GeometryError, match=r"crosses itself \(near 78\.45000, 44\.35000\)"):
        geo.read_upload(geojson_file(BOWTIE), expect=geo.POLYGONAL)


def test_self_touching_ring_is_repaired_with_a_warning():
    # A ring that touches itself at one point (an "inverted" hole): valid once split.
    ring = [(78.40, 44.30), (78.50, 44.30), (78.50, 44.40), (78.45, 44.30), (78.40, 44.40), (78.40, 44.30)]
    upload = geo.read_upload(geojson_file(ring), expect=geo.POLYGONAL)
    assert upload.geometry.is_valid
    assert len(upload.warnings) == 1 and "repaired" in upload.warnings[0]


def test_unclosed_ring_is_refused():
    with pytest.raises(geo.GeometryError, match="not closed"):
        geo.read_upload(geojson_file([*SQUARE[:-1], (78.41, 44.30)]))


def test_geometry_outside_kazakhstan_is_refused():
    swapped = [(y, x) for x, y in SQUARE]  # latitude and longitude swapped
    with pytest.raises(geo.GeometryError, match="outside Kazakhstan"):
        geo.read_upload(geojson_file(swapped))


def test_lines_are_refused_as_a_zone():
    with pytest.raises(geo.GeometryError, match="must be a polygon"):
        geo.read_upload(geojson_file([(78.4, 44.3), (78.5, 44.4)], kind="LineString"), expect=geo.POLYGONAL)


def test_file_over_the_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.ZONES_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
    path = tmp_path / "huge.geojson"
    with path.open("wb") as handle:  # sparse: 200 MB + 1 byte on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024 + 1)

    class Unreadable(File):
        def read(self, *args):
            raise AssertionError("the file was read")

    with path.open("rb") as handle, pytest.raises(geo.GeometryError, match="larger than 200 MB"):
        geo.read_upload(Unreadable(handle, name="huge.geojson"))


def test_zip_that_inflates_past_the_limit_is_refused(settings):
    settings.ZONES_MAX_UPLOAD_BYTES = 4096
    data = shapefile_zip([[SQUARE]] * 200, prj=utm_prj())
    assert len(data) < 4096
    with pytest.raises(geo.GeometryError, match="Unpacked"):
        geo.read_bytes("zone.zip", data)


def test_area_warning_beyond_ten_percent():
    assert geo.compare_area(1090, 1000) is None
    assert geo.compare_area(1120, 1000) == (
        "The outline measures 1 120 ha, +12 % away from the 1 000 ha the designation states."
    )


def test_circle_has_the_stated_area():
    assert geo.area_ha(geo.circle(78.433, 44.333, 54_767.5)) == pytest.approx(54_767.5, rel=1e-4)


def test_relate_measures_length_inside_and_distance_in_metres():
    square = geo.read_upload(geojson_file()).geometry
    through = LineString([(78.35, 44.35), (78.55, 44.35)])  # crosses the 0.1° square east-west
    away = LineString([(78.60, 44.30), (78.60, 44.40)])  # 0.1° east of it
    [inside, outside] = [geo.relate(line, [square])[0] for line in (through, away)]
    assert (inside.intersects, outside.intersects) == (True, False)
    assert inside.length_inside_m == pytest.approx(7965, rel=0.01)
    assert outside.distance_m == pytest.approx(7965, rel=0.01)


def _square(x: float, y: float, size: float, *, clockwise: bool) -> list[tuple[float, float]]:
    ring = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]
    return ring[::-1] if clockwise else ring


def _pyshp_reading(data: bytes):
    """What pyshp's own GeoJSON conversion makes of the first shape (the slow path the reader replaced)."""
    import io
    import zipfile

    import shapefile
    from shapely.geometry import shape

    archive = zipfile.ZipFile(io.BytesIO(data))
    reader = shapefile.Reader(shp=io.BytesIO(archive.read("zone.shp")), shx=io.BytesIO(archive.read("zone.shx")))
    return shape(reader.shape(0).__geo_interface__)


@pytest.mark.parametrize(
    "rings",
    [
        # One outer ring with two holes.
        [
            _square(78.0, 44.0, 1, clockwise=True),
            _square(78.1, 44.1, 0.2, clockwise=False),
            _square(78.5, 44.5, 0.2, clockwise=False),
        ],
        # Two outer rings, each with its hole (listed after both outers).
        [
            _square(78.0, 44.0, 1, clockwise=True),
            _square(80.0, 44.0, 1, clockwise=True),
            _square(80.2, 44.2, 0.3, clockwise=False),
            _square(78.2, 44.2, 0.3, clockwise=False),
        ],
        # An island in a lake in an island: the inner hole belongs to the smallest outer ring around it.
        [
            _square(78.0, 44.0, 2, clockwise=True),
            _square(78.2, 44.2, 1.6, clockwise=False),
            _square(78.4, 44.4, 1.2, clockwise=True),
            _square(78.6, 44.6, 0.2, clockwise=False),
        ],
        # A hole outside every outer ring becomes an outer ring of its own.
        [
            _square(78.0, 44.0, 1, clockwise=True),
            _square(80.0, 44.0, 1, clockwise=True),
            _square(82.0, 44.0, 1, clockwise=False),
        ],
        # A writer that ignored the orientation rule: every ring counter-clockwise, each read as an outer ring.
        [_square(78.0, 44.0, 1, clockwise=False), _square(80.0, 44.0, 1, clockwise=False)],
    ],
    ids=["holes", "two-outers", "nested", "orphan-hole", "all-counter-clockwise"],
)
def test_shapefile_rings_are_organised_as_pyshp_organises_them(rings):
    data = shapefile_zip([rings], prj=None)
    read = geo.read_bytes("zone.zip", data, epsg=4326, expect=geo.POLYGONAL).geometry
    expected = _pyshp_reading(data)
    assert read.normalize().equals(shapely.MultiPolygon(getattr(expected, "geoms", [expected])).normalize())
    assert read.area == pytest.approx(expected.area)


def test_shapefile_multipart_line_is_read_as_a_multilinestring():
    parts = [[(78.0, 44.0), (78.5, 44.2)], [(78.6, 44.3), (79.0, 44.5), (79.2, 44.4)]]
    upload = geo.read_bytes("lines.zip", shapefile_zip([parts], prj=None, lines=True), epsg=4326)
    assert upload.geometry.equals(shapely.MultiLineString(parts))


def test_stored_geojson_is_rounded_to_seven_decimals_and_reads_back():
    polygon = shapely.Polygon([(78.123456789, 44.0), (78.5, 44.000000049), (78.5, 44.5), (78.123456789, 44.0)])
    text = geo.to_geojson(polygon)
    assert json.loads(text) == {
        "type": "Polygon",
        "coordinates": [[[78.1234568, 44.0], [78.5, 44.0], [78.5, 44.5], [78.1234568, 44.0]]],
    }
    assert geo.from_geojson(text).equals_exact(polygon, tolerance=1e-7)


def test_rounding_that_would_break_a_polygon_snaps_it_to_a_valid_outline():
    # A spike 3 mm wide at its foot: rounded to 7 decimals its two feet fall on the same point.
    ring = [(78.0, 44.0), (78.1, 44.0), (78.10000004, 44.05), (78.10000003, 44.0), (78.2, 44.0), (78.2, 44.1)]
    polygon = shapely.Polygon([*ring, (78.0, 44.1), (78.0, 44.0)])
    assert polygon.is_valid
    assert not shapely.transform(polygon, lambda coords: coords.round(7)).is_valid
    stored = geo.from_geojson(geo.to_geojson(polygon))
    assert stored.is_valid
    assert stored.area == pytest.approx(polygon.area, rel=1e-6)
