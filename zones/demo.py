"""Schematic zones for the demo: a circle of the stated area around the site's point, for every designation
that states an area and has exactly one located site (around which point would a serial property's circle go?).

Every such zone is labelled on the map and in the exports (zones.models.SCHEMATIC_NOTE): it is a placeholder
for the official boundary, never a boundary. Designations left without one are listed by `unzoned()`.
"""

from __future__ import annotations

import datetime as dt

from sites.models import Designation
from zones import geometry as geo
from zones.models import Accuracy, Zone
from zones.services import save_zone

SOURCE = "Mura demo: drawn from the stated area and the site's point (not a boundary)"
DATE = dt.date(2025, 1, 1)

# Inner to outer: each zone is a ring around the ones before it.
RINGS = {
    Designation.Kind.WORLD_HERITAGE: [(Zone.Kind.WH_PROPERTY, "area_ha"), (Zone.Kind.WH_BUFFER, "buffer_zone_ha")],
    Designation.Kind.BIOSPHERE_RESERVE: [
        (Zone.Kind.BR_CORE, "core_area_ha"),
        (Zone.Kind.BR_BUFFER, "buffer_zone_ha"),
        (Zone.Kind.BR_TRANSITION, "transition_area_ha"),
    ],
}


def schematic_zones(designation: Designation, longitude: float, latitude: float) -> list[tuple[str, object]]:
    """(kind, geometry) for each stated area, inner first; stops at the first area not stated."""
    result = []
    inner = None
    for kind, field in RINGS[designation.kind]:
        hectares = getattr(designation, field)
        if not hectares:
            break
        if inner is None:
            shape = geo.circle(longitude, latitude, float(hectares))
            inner = shape
        else:
            shape = geo.ring_around(inner, float(hectares))
            inner = inner.union(shape)
        result.append((kind, shape))
    return result


def load() -> None:
    for designation in Designation.objects.prefetch_related("site_links__site").order_by("pk"):
        sites = [link.site for link in designation.site_links.all()]
        located = [site for site in sites if site.has_coordinates]
        if len(sites) != 1 or len(located) != 1:
            continue
        site = located[0]
        for kind, shape in schematic_zones(designation, float(site.longitude), float(site.latitude)):
            existing = Zone.objects.filter(designation=designation, site=site, kind=kind).first()
            if existing is not None and existing.accuracy != Accuracy.SCHEMATIC:
                continue  # an official or digitised boundary replaced the placeholder: keep it
            if existing is not None and existing.source == SOURCE:
                continue  # idempotent
            upload = geo.Upload(
                geometry=geo.MultiPolygon([shape]) if shape.geom_type == "Polygon" else shape,
                source_crs="EPSG:4326",
                features=1,
            )
            save_zone(
                designation=designation,
                site=site,
                kind=kind,
                upload=upload,
                source=SOURCE,
                source_date=DATE,
                accuracy=Accuracy.SCHEMATIC,
            )


def unzoned() -> list[Designation]:
    """Designations the demo drew no zone for (no stated area, no located site, or several sites)."""
    return list(Designation.objects.filter(zones__isnull=True).order_by("kind", "name_en"))
