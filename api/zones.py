"""Zones through the API: the boundaries of the designations (properties, buffer zones, core and transition areas)
as a GeoJSON FeatureCollection, with the properties the zone map's pop-ups show. Every zone is public, as on the
zone map (/zones/)."""

from __future__ import annotations

import json
from typing import Literal

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from api.auth import OptionalToken
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate
from api.schemas import Problem
from zones import exports
from zones.models import Zone

router = Router(tags=["zones"], auth=OptionalToken())
PROBLEMS = {400: Problem, 401: Problem, 404: Problem, 429: Problem}
GEOJSON = exports.GEOJSON_CONTENT_TYPE
ZONE_COLLECTION_REF = "#/components/schemas/ZoneCollection"


class ZoneProperties(Schema):
    layer: str = Field(description="The kind of zone, as a code (wh_property, wh_buffer, br_core...).")
    name: str
    designation: str
    zone: str = Field(description="The kind of zone, in the requested language.")
    area_ha: float
    source: str
    source_date: str | None
    accuracy: str
    note: str
    url: str


class ZoneFeature(Schema):
    type: Literal["Feature"]
    id: str
    geometry: dict
    properties: ZoneProperties


class ZoneCollection(Schema):
    type: Literal["FeatureCollection"]
    features: list[ZoneFeature]
    next: str | None = Field(description="The next page (a foreign member of the collection); null on the last.")


class ZoneQuery(Schema):
    designation: str | None = Field(None, max_length=100, description="A designation's slug.")
    site: str | None = Field(None, max_length=100, description="A site's slug: its own zones and its designations'.")
    kind: Literal[tuple(Zone.Kind.values)] | None = None  # type: ignore[valid-type]
    cursor: str | None = Field(None, max_length=100)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    lang: Literal["kk", "ru", "en"] | None = None


@router.get(
    "/",
    response={200: ZoneCollection, **PROBLEMS},
    summary="Zones as GeoJSON",
    # The answer is GeoJSON's own media type (RFC 7946), not plain JSON.
    openapi_extra={"responses": {200: {"content": {GEOJSON: {"schema": {"$ref": ZONE_COLLECTION_REF}}}}}},
)
def list_zones(request: HttpRequest, query: Query[ZoneQuery]):
    """A page of zones as a GeoJSON FeatureCollection (RFC 7946: longitude, latitude in WGS 84), in id order."""
    queryset = exports.zones_for_export()
    if query.designation:
        queryset = queryset.filter(designation__slug=query.designation)
    if query.site:
        queryset = queryset.filter(
            Q(site__slug=query.site) | Q(site__isnull=True, designation__site_links__site__slug=query.site)
        ).distinct()
    if query.kind:
        queryset = queryset.filter(kind=query.kind)
    rows, next_url = paginate(request, queryset, query.cursor, query.limit)
    features = [exports.zone_feature(zone, request.build_absolute_uri) for zone in rows]
    body = {"type": "FeatureCollection", "features": features, "next": next_url}
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type=GEOJSON)
