"""Test files in every format the uploads accept, built in memory."""

from __future__ import annotations

import io
import json
import zipfile

import shapefile
from django.core.files.uploadedfile import SimpleUploadedFile
from pyproj import CRS

# Around Altyn-Emel (44.333 N, 78.433 E), a square of about 8 × 11 km.
SQUARE = [(78.40, 44.30), (78.50, 44.30), (78.50, 44.40), (78.40, 44.40), (78.40, 44.30)]
# A bow tie: the boundary crosses itself at (78.45, 44.35).
BOWTIE = [(78.40, 44.30), (78.50, 44.40), (78.50, 44.30), (78.40, 44.40), (78.40, 44.30)]


def geojson_file(coordinates=SQUARE, name="zone.geojson", crs=None, kind="Polygon") -> SimpleUploadedFile:
    geometry = {"type": kind, "coordinates": [coordinates] if kind == "Polygon" else coordinates}
    document = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": geometry, "properties": {}}]}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    return SimpleUploadedFile(name, json.dumps(document).encode(), content_type="application/geo+json")


def kml_bytes(coordinates=SQUARE) -> bytes:
    text = " ".join(f"{x},{y},0" for x, y in coordinates)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>'
        f"<name>Zone</name><Polygon><outerBoundaryIs><LinearRing><coordinates>{text}</coordinates></LinearRing>"
        "</outerBoundaryIs></Polygon></Placemark></Document></kml>"
    ).encode()


def kmz_bytes(coordinates=SQUARE) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.kml", kml_bytes(coordinates))
    return buffer.getvalue()


def shapefile_zip(polygons, *, prj: str | None, lines: bool = False) -> bytes:
    """A zipped Shapefile of ``polygons`` (lists of rings) or lines, with ``prj`` as its .prj (None: no .prj)."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYLINE if lines else shapefile.POLYGON) as w:
        w.field("name", "C")
        for index, parts in enumerate(polygons):
            if lines:
                w.line(parts)
            else:
                w.poly(parts)
            w.record(f"part {index}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zone.shp", shp.getvalue())
        archive.writestr("zone.shx", shx.getvalue())
        archive.writestr("zone.dbf", dbf.getvalue())
        if prj is not None:
            archive.writestr("zone.prj", prj)
    return buffer.getvalue()


def utm_prj(epsg: int = 32644) -> str:
    return CRS.from_epsg(epsg).to_wkt("WKT1_ESRI")
