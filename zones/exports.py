"""Zones, corridors and planned works as GeoJSON features: the map's data and the open-data exports."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Iterator

from django.utils.translation import gettext as _

from zones.models import SCHEMATIC_NOTE, Accuracy, Corridor, Zone

GEOJSON_CONTENT_TYPE = "application/geo+json"
CHUNK = 200


class RawGeometry(str):
    """A geometry's stored GeoJSON text, which ``stream_collection`` writes as it is: a large boundary is
    neither parsed nor serialised again on its way out."""


def geometry_of(shape, raw: bool) -> dict | RawGeometry:
    return RawGeometry(shape.geojson) if raw else json.loads(shape.geojson)


def zone_feature(zone: Zone, absolute: Callable[[str], str] = str, *, raw: bool = False) -> dict:
    """A zone with what its pop-up shows: name, designation, zone, area, source (needs designation and site).

    ``raw``: the geometry stays the stored text, for ``stream_collection``.
    """
    designation = zone.designation
    name = zone.site.name if zone.site_id else designation.name
    return {
        "type": "Feature",
        "id": f"zone-{zone.pk}",
        "geometry": geometry_of(zone, raw),
        "properties": {
            "layer": zone.kind,
            "name": name,
            "designation": designation.name,
            "zone": zone.get_kind_display(),
            "area_ha": round(zone.area_ha, 1),
            "source": zone.source,
            "source_date": zone.source_date.isoformat() if zone.source_date else None,
            "accuracy": zone.get_accuracy_display(),
            "note": str(SCHEMATIC_NOTE) if zone.accuracy == Accuracy.SCHEMATIC else "",
            "url": absolute(zone.get_absolute_url()),
        },
    }


def corridor_feature(corridor: Corridor, absolute: Callable[[str], str] = str, *, raw: bool = False) -> dict:
    return {
        "type": "Feature",
        "id": f"corridor-{corridor.pk}",
        "geometry": geometry_of(corridor, raw),
        "properties": {
            "layer": "corridor",
            "name": corridor.name,
            "designation": "",
            "zone": _("Ecological corridor"),
            "species": corridor.species,
            "area_ha": round(corridor.area_ha, 1) if corridor.area_ha else None,
            "length_km": round(corridor.length_km, 1) if corridor.length_km else None,
            "source": corridor.source,
            "source_date": corridor.source_date.isoformat() if corridor.source_date else None,
            "accuracy": corridor.get_accuracy_display(),
            "note": "",
            "url": absolute(corridor.get_absolute_url()),
        },
    }


def zones_for_export():
    return Zone.objects.select_related("designation", "site").order_by("pk")


def stream_collection(features: Iterable[dict]) -> Iterator[str]:
    """A FeatureCollection written feature by feature, so that a large export never sits in memory."""
    yield '{"type":"FeatureCollection","features":['
    first = True
    for feature in features:
        geometry = feature.get("geometry")
        if isinstance(geometry, RawGeometry):
            rest = json.dumps({**feature, "geometry": None}, ensure_ascii=False, separators=(",", ":"))
            # The members are written in order: "type", "id", then "geometry", the first null written.
            text = rest.replace('"geometry":null', '"geometry":' + geometry, 1)
        else:
            text = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        yield ("" if first else ",") + text
        first = False
    yield "]}"


def gzip_stream(chunks: Iterable[str]) -> Iterator[bytes]:
    """Compress a text stream as one gzip member, chunk by chunk."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    buffer: list[str] = []
    size = 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= 64 * 1024:
            if data := compressor.compress("".join(buffer).encode("utf-8")):
                yield data
            buffer, size = [], 0
    yield compressor.compress("".join(buffer).encode("utf-8")) + compressor.flush()
