"""Open-data exports of the catalogue: GeoJSON (RFC 7946) features and CSV rows.

Both read sites loaded with `Site.objects.for_listing()`, so no row costs an extra query.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from sites.models import Site

GEOJSON_CONTENT_TYPE = "application/geo+json"
# RFC 7946 §11.2: six decimal places are about 10 cm, more than the sources give.
COORDINATE_PRECISION = 6


def _coordinate(value: Decimal) -> float:
    return round(float(value), COORDINATE_PRECISION)


def designation_summary(site: Site) -> list[dict[str, Any]]:
    return [
        {
            "kind": link.designation.kind,
            "name": link.designation.name,
            "name_en": link.designation.name_en,
            "unesco_ref": link.designation.unesco_ref,
            "unesco_url": link.designation.unesco_url or None,
            "year": link.designation.year,
            "component": link.component_name or None,
        }
        for link in site.designation_links.all()
    ]


def site_feature(site: Site, absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """A GeoJSON Feature: a Point at [longitude, latitude], or a null geometry when the site has no coordinates."""
    geometry = None
    if site.has_coordinates:
        geometry = {"type": "Point", "coordinates": [_coordinate(site.longitude), _coordinate(site.latitude)]}
    return {
        "type": "Feature",
        "id": site.slug,
        "geometry": geometry,
        "properties": {
            "slug": site.slug,
            "name": site.name,
            "name_kk": site.name_kk,
            "name_ru": site.name_ru,
            "name_en": site.name_en,
            "url": absolute_url(site.get_absolute_url()),
            "designations": designation_summary(site),
            "regions": [region.slug for region in site.regions.all()],
            "region_names": [region.name for region in site.regions.all()],
            "managing_organization": site.managing_organization.name if site.managing_organization_id else None,
            "management_plan": site.management_plan,
            "source_url": site.source_url or None,
        },
    }


def feature_collection(sites: Iterable[Site], absolute_url: Callable[[str], str]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [site_feature(site, absolute_url) for site in sites]}


def stream_feature_collection(sites: Iterable[Site], absolute_url: Callable[[str], str]) -> Iterator[str]:
    """The same collection, written feature by feature so that a large export never sits whole in memory."""
    yield '{"type": "FeatureCollection", "features": ['
    for index, site in enumerate(sites):
        yield ("," if index else "") + json.dumps(site_feature(site, absolute_url), ensure_ascii=False)
    yield "]}\n"


def csv_header() -> list[str]:
    return [
        "slug",
        "name_kk",
        "name_ru",
        "name_en",
        "designations",
        "unesco_refs",
        "categories",
        "years",
        "components",
        "regions",
        "districts",
        "region_before_2022",
        "latitude",
        "longitude",
        "managing_organization",
        "management_plan",
        "management_plan_year",
        "threats",
        "source_url",
        "url",
    ]


def csv_rows(sites: Iterable[Site], absolute_url: Callable[[str], str]) -> Iterator[list[Any]]:
    for site in sites:
        links = list(site.designation_links.all())
        yield [
            site.slug,
            site.name_kk,
            site.name_ru,
            site.name_en,
            "; ".join(link.designation.name_en for link in links),
            "; ".join(str(link.designation.unesco_ref) for link in links if link.designation.unesco_ref),
            "; ".join(sorted({link.designation.category for link in links if link.designation.category})),
            "; ".join(str(link.designation.year) for link in links if link.designation.year),
            "; ".join(link.component_name for link in links if link.component_name),
            "; ".join(region.name_en for region in site.regions.all()),
            "; ".join(district.name_en for district in site.districts.all()),
            site.region_before_2022.name_en if site.region_before_2022_id else "",
            site.latitude,
            site.longitude,
            site.managing_organization.name_en if site.managing_organization_id else "",
            site.management_plan,
            site.management_plan_year,
            "; ".join(site.threats),
            site.source_url,
            absolute_url(site.get_absolute_url()),
        ]


def filter_error_text(messages: list[str]) -> str:
    return _("The export was not made because a filter was not understood:") + "\n" + "\n".join(messages) + "\n"
