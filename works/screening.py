"""Screen a planned work against every zone and corridor: which it crosses, which lie within the distance.

Only shapes whose bounding box overlaps the work's box grown by the distance are loaded and measured
(zones.models.ShapeQuerySet.in_bbox); the measuring is zones.geometry.relate, in metres, in the work's UTM zone.
Pure reading: services.screen_work writes what this finds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sites.models import SiteDesignation
from zones import geometry as geo
from zones.models import Corridor, Zone


@dataclass
class Finding:
    zone: Zone | None
    corridor: Corridor | None
    site_ids: list[int]
    relation: geo.Relation


def find(work_geometry, distance_m: float) -> tuple[list[Finding], int]:
    """What lies within ``distance_m`` of the work, and how many shapes were measured."""
    box = geo.expand_bbox(geo.bbox(work_geometry), distance_m)
    zones = list(Zone.objects.in_bbox(box).select_related("designation").order_by("pk"))
    corridors = list(Corridor.objects.in_bbox(box).order_by("pk"))
    shapes = [z.geometry for z in zones] + [c.geometry for c in corridors]
    relations = geo.relate(work_geometry, shapes)
    near = [(shape, relation) for shape, relation in zip(zones + corridors, relations, strict=True)]
    near = [(shape, relation) for shape, relation in near if relation.distance_m <= distance_m]

    # A zone of a whole designation concerns each of its sites; a site's own zone, that site.
    designation_ids = {s.designation_id for s, _r in near if isinstance(s, Zone) and s.site_id is None}
    sites_of = defaultdict(list)
    for designation_id, site_id in SiteDesignation.objects.filter(designation_id__in=designation_ids).values_list(
        "designation_id", "site_id"
    ):
        sites_of[designation_id].append(site_id)
    findings = []
    for shape, relation in near:
        if isinstance(shape, Zone):
            site_ids = [shape.site_id] if shape.site_id else sorted(sites_of[shape.designation_id])
            findings.append(Finding(zone=shape, corridor=None, site_ids=site_ids, relation=relation))
        else:
            findings.append(Finding(zone=None, corridor=shape, site_ids=[], relation=relation))
    return findings, len(shapes)
