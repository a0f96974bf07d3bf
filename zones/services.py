"""Writes of the zones app: a zone or corridor is saved whole, in one transaction, or not at all."""

from __future__ import annotations

from django.db import transaction

from zones import geometry as geo
from zones.models import Corridor, Zone


@transaction.atomic
def save_zone(*, designation, site, kind, upload: geo.Upload, source, source_date, accuracy, user=None) -> Zone:
    """Create the zone, or replace its boundary (the previous one stays in the zone's history)."""
    zone = Zone.objects.select_for_update().filter(designation=designation, site=site, kind=kind).first() or Zone(
        designation=designation, site=site, kind=kind
    )
    zone.set_geometry(upload.geometry)
    zone.area_ha = geo.area_ha(upload.geometry)
    zone.source, zone.source_date, zone.accuracy = source, source_date, accuracy
    zone.source_crs = upload.source_crs
    zone.warnings = "\n".join(upload.warnings)
    zone.uploaded_by = user if user is not None and user.is_authenticated else None
    zone.full_clean()
    zone.save()
    return zone


@transaction.atomic
def save_corridor(*, upload: geo.Upload, name, species, source, source_date, accuracy, user=None) -> Corridor:
    corridor = Corridor(name=name, species=species, source=source, source_date=source_date, accuracy=accuracy)
    corridor.set_geometry(upload.geometry)
    if upload.geometry.geom_type.endswith("Polygon"):
        corridor.area_ha = geo.area_ha(upload.geometry)
    else:
        corridor.length_km = geo.length_km(upload.geometry)
    corridor.source_crs = upload.source_crs
    corridor.warnings = "\n".join(upload.warnings)
    corridor.uploaded_by = user if user is not None and user.is_authenticated else None
    corridor.full_clean()
    corridor.save()
    return corridor
