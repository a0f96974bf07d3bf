"""Every geometric operation of the portal, in one module: reading uploads, reprojecting, validating, measuring.

Geometries are shapely 2 objects in WGS84 longitude/latitude, stored as GeoJSON text with their bounding box
in plain columns (see zones.models). Measures (areas, lengths, distances) are taken in the UTM zone of the
geometry, in metres. Keeping all of it here means PostGIS can replace the storage and the bounding-box
prefilter later without touching the views: they only call `read_upload`, `to_geojson`, `measure` and `screen`.

No GDAL: shapely and pyproj ship GEOS and PROJ in their wheels (see the README).
"""

from __future__ import annotations

import io
import itertools
import json
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

import numpy as np
import shapefile
import shapely
from defusedxml import ElementTree
from django.conf import settings
from django.utils.translation import gettext as _
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import (
    LineString,
    MultiLineString,
    MultiPolygon,
    Polygon,
    shape,
)
from shapely.validation import explain_validity

WGS84 = 4326
# Kazakhstan's extent with a margin of about 0.5°, as (west, south, east, north) in degrees.
KAZAKHSTAN_EXTENT = (46.0, 40.0, 88.0, 56.0)
# Projections offered by name in the upload forms; any other EPSG code may be typed.
COMMON_EPSG = (4326, 32641, 32642, 32643, 32644, 32645)
AREA_TOLERANCE = 0.10
POLYGONAL = "polygonal"
LINEAR = "linear"
ANY = "any"


class GeometryError(Exception):
    """A file or geometry we refuse; the message is for the person who uploaded it."""


@dataclass
class Upload:
    geometry: shapely.Geometry  # WGS84
    source_crs: str
    features: int
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------
# Projections


@lru_cache(maxsize=64)
def crs_from_epsg(code: int) -> CRS:
    try:
        return CRS.from_epsg(int(code))
    except (CRSError, ValueError, TypeError) as exc:
        raise GeometryError(_("EPSG:%(code)s is not a projection we know.") % {"code": code}) from exc


@lru_cache(maxsize=64)
def _transformer(source: CRS, target: CRS) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def reproject(geometry: shapely.Geometry, source: CRS, target: CRS) -> shapely.Geometry:
    if source == target:
        return geometry
    transformer = _transformer(source, target)

    def apply(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, apply)


def utm_epsg(longitude: float, latitude: float) -> int:
    """The WGS84 UTM zone's EPSG code at a point (32641-32645 across most of Kazakhstan)."""
    zone = min(60, max(1, math.floor((longitude + 180) / 6) + 1))
    return (32600 if latitude >= 0 else 32700) + zone


def to_metres(geometry: shapely.Geometry, epsg: int | None = None) -> tuple[shapely.Geometry, int]:
    """The geometry in the UTM zone of its centre (or ``epsg``), and that zone's code."""
    if epsg is None:
        centre = geometry.envelope.centroid
        epsg = utm_epsg(centre.x, centre.y)
    return reproject(geometry, crs_from_epsg(WGS84), crs_from_epsg(epsg)), epsg


def area_ha(geometry: shapely.Geometry) -> float:
    projected, _epsg = to_metres(geometry)
    return projected.area / 10_000


def length_km(geometry: shapely.Geometry) -> float:
    projected, _epsg = to_metres(geometry)
    return projected.length / 1000


def circle(longitude: float, latitude: float, hectares: float, *, segments: int = 64) -> Polygon:
    """A polygon of ``hectares`` around a point, drawn in the point's UTM zone (for schematic zones)."""
    epsg = utm_epsg(longitude, latitude)
    wgs, utm = crs_from_epsg(WGS84), crs_from_epsg(epsg)
    centre = reproject(shapely.Point(longitude, latitude), wgs, utm)
    # A buffer is a polygon inscribed in the circle: widen the radius so that its area is the stated one.
    n = segments * 4
    polygon_factor = n / (2 * math.pi) * math.sin(2 * math.pi / n)
    radius = math.sqrt(hectares * 10_000 / (math.pi * polygon_factor))
    return reproject(centre.buffer(radius, quad_segs=segments), utm, wgs)


def ring_around(inner: Polygon, hectares: float) -> shapely.Geometry:
    """A ring of ``hectares`` around ``inner`` (a schematic buffer zone around a schematic property)."""
    centre = inner.centroid
    return circle(centre.x, centre.y, area_ha(inner) + hectares).difference(inner)


# ---------------------------------------------------------------------------------------------------------
# GeoJSON in and out


# Seven decimals of a degree: about 1 cm, finer than any boundary we are given.
PRECISION = 7


def to_geojson(geometry: shapely.Geometry) -> str:
    """The geometry as compact GeoJSON, its coordinates rounded to ``PRECISION`` decimals.

    Rounding is vectorised over the coordinate array and the text written by GEOS: a 300,000-vertex boundary
    takes a fraction of a second (``shapely.set_precision`` and ``json.dumps`` took seconds). Rounding moves
    points by at most 5 mm; should that ever make a polygon invalid (two vertices closer than that),
    ``set_precision`` snaps it to a valid outline instead.
    """
    rounded = shapely.transform(geometry, lambda coords: np.round(coords, PRECISION))
    if rounded.geom_type.endswith("Polygon") and not rounded.is_valid:
        rounded = shapely.set_precision(geometry, 10**-PRECISION)
    return shapely.to_geojson(rounded)


def from_geojson(text: str) -> shapely.Geometry:
    return shapely.from_geojson(text)


def bbox(geometry: shapely.Geometry) -> tuple[float, float, float, float]:
    """(west, south, east, north)."""
    return tuple(float(v) for v in geometry.bounds)


def expand_bbox(box: tuple[float, float, float, float], metres: float) -> tuple[float, float, float, float]:
    """A bounding box grown by ``metres`` on every side (generously: degrees of longitude shrink northwards)."""
    west, south, east, north = box
    dlat = metres / 110_574
    widest = max(abs(south), abs(north)) + dlat
    dlon = metres / (111_320 * max(math.cos(math.radians(min(widest, 89))), 0.01))
    return (west - dlon, south - dlat, east + dlon, north + dlat)


# ---------------------------------------------------------------------------------------------------------
# Reading uploads


def read_upload(uploaded, *, epsg: int | None = None, expect: str = ANY) -> Upload:
    """Read an uploaded GeoJSON, KML, KMZ or zipped Shapefile; refuse it with a GeometryError if anything is off.

    The size is checked before anything is read. ``epsg`` overrides whatever projection the file declares.
    """
    limit = settings.ZONES_MAX_UPLOAD_BYTES
    size = getattr(uploaded, "size", None)
    if size is None or size > limit:
        raise GeometryError(
            _("The file is larger than %(limit)s MB. Simplify the geometry or split the file.")
            % {"limit": limit // (1024 * 1024)}
        )
    name = (getattr(uploaded, "name", "") or "").lower()
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    return read_bytes(name, data, epsg=epsg, expect=expect)


def read_bytes(name: str, data: bytes, *, epsg: int | None = None, expect: str = ANY) -> Upload:
    suffix = PurePosixPath(name).suffix
    if suffix in (".geojson", ".json"):
        geometries, declared = _read_geojson(data)
    elif suffix == ".kml":
        geometries, declared = _read_kml(data), CRS.from_epsg(WGS84)
    elif suffix == ".kmz":
        geometries, declared = _read_kml(_kml_of_kmz(data)), CRS.from_epsg(WGS84)
    elif suffix == ".zip":
        geometries, declared = _read_shapefile_zip(data)
    else:
        raise GeometryError(_("Upload a GeoJSON (.geojson), KML (.kml), KMZ (.kmz) or zipped Shapefile (.zip)."))
    source = crs_from_epsg(epsg) if epsg else declared
    if source is None:
        raise GeometryError(
            _("The file does not say which projection its coordinates are in. Give the EPSG code (e.g. 32643).")
        )
    return _finish(geometries, source, expect)


def _finish(geometries: list[shapely.Geometry], source: CRS, expect: str) -> Upload:
    if not geometries:
        raise GeometryError(_("The file contains no geometry."))
    warnings: list[str] = []
    polygons = [g for g in geometries if isinstance(g, Polygon | MultiPolygon)]
    lines = [g for g in geometries if isinstance(g, LineString | MultiLineString)]
    if len(polygons) + len(lines) != len(geometries) or (polygons and lines):
        raise GeometryError(_("The file mixes kinds of geometry or has points: give only polygons or only lines."))
    if expect == POLYGONAL and not polygons:
        raise GeometryError(_("A zone must be a polygon or a multipolygon; the file has lines."))
    if expect == LINEAR and not lines and not polygons:
        raise GeometryError(_("The file contains no line or polygon."))
    if source.is_geographic and not _looks_like_degrees(geometries):
        raise GeometryError(
            _(
                "The coordinates are not longitudes and latitudes, and the file names no other projection. "
                "Give the EPSG code of its projection (e.g. 32643 for UTM zone 43N)."
            )
        )
    wgs = crs_from_epsg(WGS84)
    geometries = [reproject(g, source, wgs) for g in geometries]
    if polygons:
        parts = []
        for index, geometry in enumerate(geometries, start=1):
            parts.extend(_valid_polygons(geometry, index, warnings))
        merged = shapely.union_all(parts) if len(parts) > 1 else parts[0]
        if len(parts) > 1 and not math.isclose(merged.area, sum(p.area for p in parts), rel_tol=1e-9):
            warnings.append(_("Overlapping polygons were merged into one outline."))
        if isinstance(merged, Polygon):
            merged = MultiPolygon([merged])
        geometry = merged
    else:
        segments = []
        for geometry in geometries:
            segments.extend(geometry.geoms if isinstance(geometry, MultiLineString) else [geometry])
        for index, segment in enumerate(segments, start=1):
            if segment.length == 0:
                raise GeometryError(_("Line %(n)s has no length.") % {"n": index})
        geometry = segments[0] if len(segments) == 1 else MultiLineString(segments)
    _check_extent(geometry, warnings)
    label = source.to_string() if source.to_epsg() is None else f"EPSG:{source.to_epsg()}"
    return Upload(geometry=geometry, source_crs=label, features=len(geometries), warnings=warnings)


def _looks_like_degrees(geometries: Iterable[shapely.Geometry]) -> bool:
    west, south, east, north = shapely.total_bounds(list(geometries))
    return -180 <= west <= east <= 180 and -90 <= south <= north <= 90


def _valid_polygons(geometry: shapely.Geometry, feature: int, warnings: list[str]) -> list[Polygon]:
    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    result = []
    for polygon in parts:
        if polygon.is_empty:
            raise GeometryError(_("Polygon %(n)s has no area.") % {"n": feature})
        if polygon.is_valid:
            if polygon.area == 0:
                raise GeometryError(_("Polygon %(n)s has no area.") % {"n": feature})
            result.append(polygon)
            continue
        reason = explain_validity(polygon)
        if reason.startswith("Self-intersection"):
            # A boundary that crosses itself has no single meaning (which side is inside?): refuse it.
            raise GeometryError(
                _("Polygon %(n)s crosses itself (%(where)s). Correct the boundary in your GIS and upload it again.")
                % {"n": feature, "where": _where(reason)}
            )
        repaired = shapely.make_valid(polygon, method="structure", keep_collapsed=False)
        pieces = [g for g in getattr(repaired, "geoms", [repaired]) if isinstance(g, Polygon) and g.area > 0]
        if not pieces:
            raise GeometryError(_("Polygon %(n)s cannot be repaired: %(reason)s.") % {"n": feature, "reason": reason})
        warnings.append(
            _("Polygon %(n)s was not valid (%(reason)s) and was repaired; check the outline on the map.")
            % {"n": feature, "reason": reason}
        )
        result.extend(pieces)
    return result


def _where(reason: str) -> str:
    match = re.search(r"\[([-0-9.eE+]+)\s+([-0-9.eE+]+)\]", reason)
    if not match:
        return reason
    return _("near %(x)s, %(y)s") % {"x": f"{float(match.group(1)):.5f}", "y": f"{float(match.group(2)):.5f}"}


def _check_extent(geometry: shapely.Geometry, warnings: list[str]) -> None:
    west, south, east, north = geometry.bounds
    kz_west, kz_south, kz_east, kz_north = KAZAKHSTAN_EXTENT
    if east < kz_west or west > kz_east or north < kz_south or south > kz_north:
        raise GeometryError(
            _(
                "The geometry lies outside Kazakhstan (%(west).2f–%(east).2f°E, %(south).2f–%(north).2f°N). "
                "Is the projection right, or are longitude and latitude swapped?"
            )
            % {"west": west, "east": east, "south": south, "north": north}
        )
    if west < kz_west or east > kz_east or south < kz_south or north > kz_north:
        warnings.append(_("Part of the geometry lies outside Kazakhstan's extent (a transboundary site?)."))


def compare_area(measured_ha: float, stated_ha: float | None) -> str | None:
    """A warning when the measured area is more than 10 % away from the designation's stated area."""
    if not stated_ha:
        return None
    difference = (measured_ha - float(stated_ha)) / float(stated_ha)
    if abs(difference) <= AREA_TOLERANCE:
        return None
    return _(
        "The outline measures %(measured)s ha, %(percent)s %% away from the %(stated)s ha the designation states."
    ) % {
        "measured": f"{measured_ha:,.0f}".replace(",", " "),
        "stated": f"{float(stated_ha):,.0f}".replace(",", " "),
        "percent": f"{difference * 100:+.0f}",
    }


# GeoJSON ------------------------------------------------------------------------------------------------

_GEOJSON_TYPES = {"Polygon", "MultiPolygon", "LineString", "MultiLineString"}


def _read_geojson(data: bytes) -> tuple[list[shapely.Geometry], CRS | None]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise GeometryError(_("The file is not valid GeoJSON: %(error)s") % {"error": exc}) from exc
    if not isinstance(document, dict):
        raise GeometryError(_("The file is not a GeoJSON object."))
    crs = _geojson_crs(document.get("crs"))
    kind = document.get("type")
    if kind == "FeatureCollection":
        raw = [f.get("geometry") if isinstance(f, dict) else None for f in document.get("features") or []]
    elif kind == "Feature":
        raw = [document.get("geometry")]
    else:
        raw = [document]
    geometries = []
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or item.get("type") not in _GEOJSON_TYPES:
            kind_name = item.get("type") if isinstance(item, dict) else "null"
            raise GeometryError(
                _("Feature %(n)s is a %(kind)s; only polygons and lines are accepted.")
                % {"n": index, "kind": kind_name}
            )
        _check_rings_closed(item, index)
        try:
            geometries.append(shape(item))
        except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException) as exc:
            raise GeometryError(_("Feature %(n)s is malformed: %(error)s") % {"n": index, "error": exc}) from exc
    return geometries, crs


def _check_rings_closed(item: dict, feature: int) -> None:
    coordinates = item.get("coordinates")
    if item["type"] == "Polygon":
        polygons = [coordinates]
    elif item["type"] == "MultiPolygon":
        polygons = coordinates
    else:
        return
    try:
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4 or list(ring[0][:2]) != list(ring[-1][:2]):
                    raise GeometryError(
                        _("A ring of polygon %(n)s is not closed: its first and last points differ.") % {"n": feature}
                    )
    except (TypeError, IndexError, KeyError) as exc:
        raise GeometryError(_("Feature %(n)s is malformed.") % {"n": feature}) from exc


def _geojson_crs(member) -> CRS | None:
    """RFC 7946 GeoJSON is WGS84; the older `crs` member may name an EPSG code (e.g. QGIS exports in UTM)."""
    if member is None:
        return CRS.from_epsg(WGS84)
    name = ""
    if isinstance(member, dict):
        name = str((member.get("properties") or {}).get("name", ""))
    match = re.search(r"EPSG:+(\d+)$", name) or re.search(r"CRS84$", name)
    if match is None:
        raise GeometryError(
            _("The file names a projection we do not know (%(name)s). Give its EPSG code.") % {"name": name or "?"}
        )
    if match.re.pattern.startswith("CRS84"):
        return CRS.from_epsg(WGS84)
    return crs_from_epsg(int(match.group(1)))


# KML / KMZ ----------------------------------------------------------------------------------------------


def _kml_of_kmz(data: bytes) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise GeometryError(_("The KMZ file is not a valid zip archive.")) from exc
    _check_unpacked_size(archive)
    names = [n for n in archive.namelist() if n.lower().endswith(".kml")]
    if not names:
        raise GeometryError(_("The KMZ archive contains no .kml file."))
    main = "doc.kml" if "doc.kml" in names else names[0]
    return archive.read(main)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kml_coordinates(element) -> list[tuple[float, float]]:
    text = next((c.text or "" for c in element.iter() if _local(c.tag) == "coordinates"), "")
    points = []
    for chunk in text.split():
        values = chunk.split(",")
        try:
            points.append((float(values[0]), float(values[1])))
        except (ValueError, IndexError) as exc:
            raise GeometryError(_("The KML file has a malformed coordinate: %(value)s") % {"value": chunk}) from exc
    return points


def _read_kml(data: bytes) -> list[shapely.Geometry]:
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except Exception as exc:  # defusedxml raises several kinds: all mean "not a KML we read"
        raise GeometryError(_("The file is not valid KML: %(error)s") % {"error": exc}) from exc
    geometries: list[shapely.Geometry] = []
    for index, placemark in enumerate((e for e in root.iter() if _local(e.tag) == "Placemark"), start=1):
        for element in placemark.iter():
            tag = _local(element.tag)
            if tag == "Polygon":
                rings = {"outerBoundaryIs": [], "innerBoundaryIs": []}
                for boundary in element:
                    if _local(boundary.tag) in rings:
                        ring = _kml_coordinates(boundary)
                        if len(ring) < 4 or ring[0] != ring[-1]:
                            raise GeometryError(
                                _("A ring of polygon %(n)s is not closed: its first and last points differ.")
                                % {"n": index}
                            )
                        rings[_local(boundary.tag)].append(ring)
                if not rings["outerBoundaryIs"]:
                    raise GeometryError(_("Polygon %(n)s has no outer boundary.") % {"n": index})
                geometries.append(Polygon(rings["outerBoundaryIs"][0], rings["innerBoundaryIs"]))
            elif tag == "LineString":
                points = _kml_coordinates(element)
                if len(points) < 2:
                    raise GeometryError(_("Line %(n)s has fewer than two points.") % {"n": index})
                geometries.append(LineString(points))
    return geometries


# Shapefile ----------------------------------------------------------------------------------------------


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    limit = settings.ZONES_MAX_UPLOAD_BYTES
    if sum(info.file_size for info in archive.infolist()) > limit:
        raise GeometryError(
            _("Unpacked, the archive would be larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}
        )


def _read_shapefile_zip(data: bytes) -> tuple[list[shapely.Geometry], CRS | None]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise GeometryError(_("The file is not a valid zip archive.")) from exc
    _check_unpacked_size(archive)
    members = {PurePosixPath(n).suffix.lower(): n for n in archive.namelist() if not n.startswith("__MACOSX")}
    shp_names = [n for n in archive.namelist() if n.lower().endswith(".shp") and not n.startswith("__MACOSX")]
    if len(shp_names) != 1:
        raise GeometryError(_("The zip archive must contain exactly one Shapefile (.shp, .shx, .dbf, .prj)."))
    stem = shp_names[0][:-4]

    def member(ext: str) -> bytes | None:
        for candidate in (stem + ext, stem + ext.upper()):
            if candidate in archive.namelist():
                return archive.read(candidate)
        return archive.read(members[ext]) if ext in members else None

    shp, shx, dbf, prj = member(".shp"), member(".shx"), member(".dbf"), member(".prj")
    crs = None
    if prj:
        try:
            crs = CRS.from_wkt(prj.decode("latin-1"))
        except CRSError as exc:
            raise GeometryError(
                _("The projection in the .prj file is not one we know. Give its EPSG code instead.")
            ) from exc
    try:
        reader = shapefile.Reader(
            shp=io.BytesIO(shp),
            shx=io.BytesIO(shx) if shx else None,
            dbf=io.BytesIO(dbf) if dbf else None,
        )
        shapes = reader.shapes()
    except (shapefile.ShapefileException, ValueError, TypeError, OSError) as exc:
        raise GeometryError(_("The Shapefile cannot be read: %(error)s") % {"error": exc}) from exc
    geometries = []
    for index, item in enumerate(shapes, start=1):
        if item.shapeType == shapefile.NULL:
            continue
        if item.shapeType not in _SHAPEFILE_POLYGONS | _SHAPEFILE_LINES:
            raise GeometryError(
                _("Feature %(n)s is a %(kind)s; only polygons and lines are accepted.")
                % {"n": index, "kind": item.shapeTypeName.title()}
            )
        try:
            geometries.append(_shapefile_geometry(item))
        except (ValueError, TypeError, IndexError, shapely.errors.GEOSException) as exc:
            raise GeometryError(_("Feature %(n)s is malformed: %(error)s") % {"n": index, "error": exc}) from exc
    return geometries, crs


_SHAPEFILE_POLYGONS = frozenset({shapefile.POLYGON, shapefile.POLYGONM, shapefile.POLYGONZ})
_SHAPEFILE_LINES = frozenset({shapefile.POLYLINE, shapefile.POLYLINEM, shapefile.POLYLINEZ})


def _shapefile_geometry(item) -> shapely.Geometry:
    """A shape's parts as shapely geometries built from numpy arrays (pyshp's ``__geo_interface__`` walks every
    point in Python: seconds for a large boundary).

    Polygon rings follow the Shapefile rule: clockwise rings are outer boundaries, counter-clockwise ones holes,
    each hole in the smallest outer ring that covers it; a hole inside none becomes an outer ring, and so do
    all rings when none is clockwise (a writer that ignored the rule), as pyshp does.
    """
    points = np.asarray(item.points, dtype=float)
    if points.ndim != 2 or not len(points):
        raise ValueError(_("it has no points"))
    starts = [*item.parts, len(points)]
    parts = [points[start:end, :2] for start, end in itertools.pairwise(starts) if end > start]
    if item.shapeType in _SHAPEFILE_LINES:
        lines = [shapely.linestrings(part) for part in parts]
        return lines[0] if len(lines) == 1 else MultiLineString(lines)
    rings = np.array([shapely.linearrings(part) for part in parts], dtype=object)
    counter_clockwise = shapely.is_ccw(rings)
    outers, holes = list(rings[~counter_clockwise]), list(rings[counter_clockwise])
    if not outers:
        outers, holes = holes, []
    if len(outers) == 1:
        return Polygon(outers[0], holes)
    shells = shapely.polygons(outers)
    areas = shapely.area(shells)
    inside: dict[int, list] = {i: [] for i in range(len(outers))}
    shapely.prepare(shells)
    for hole in holes:
        candidates = np.flatnonzero(shapely.covers(shells, hole))
        if len(candidates):
            inside[int(candidates[np.argmin(areas[candidates])])].append(hole)
        else:
            outers.append(hole)
            inside[len(outers) - 1] = []
    return MultiPolygon([Polygon(outer, inside[i]) for i, outer in enumerate(outers)])


# ---------------------------------------------------------------------------------------------------------
# Screening


@dataclass
class Relation:
    """How a planned work relates to one zone or corridor, in metres (square metres for areas)."""

    length_inside_m: float
    area_inside_m2: float
    distance_m: float

    @property
    def intersects(self) -> bool:
        return self.distance_m == 0


def relate(work: shapely.Geometry, targets: list[shapely.Geometry]) -> list[Relation]:
    """Measure ``work`` against each of ``targets`` (all WGS84) in the UTM zone of the work."""
    if not targets:
        return []
    work_m, epsg = to_metres(work)
    transformer = _transformer(crs_from_epsg(WGS84), crs_from_epsg(epsg))
    array = np.array(targets, dtype=object)
    coords = shapely.get_coordinates(array)
    x, y = transformer.transform(coords[:, 0], coords[:, 1])
    targets_m = shapely.set_coordinates(array.copy(), np.column_stack([x, y]))
    distances = shapely.distance(work_m, targets_m)
    inside = shapely.intersection(work_m, targets_m)
    linear = work_m.geom_type.endswith("LineString")
    result = []
    for distance, piece in zip(distances, inside, strict=True):
        result.append(
            Relation(
                length_inside_m=float(piece.length) if linear else 0.0,
                area_inside_m2=0.0 if linear else float(piece.area),
                distance_m=float(distance),
            )
        )
    return result
