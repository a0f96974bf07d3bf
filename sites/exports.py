"""Open-data exports of the catalogue: GeoJSON (RFC 7946) features and CSV rows.

Both read sites loaded with `Site.objects.for_listing()`, so no row costs an extra query.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from portal.exports import NUMBER, URL, Column
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


def table_columns() -> list[Column]:
    """The site export's columns; the keys are stable (README, "Exports"), the labels follow the language."""
    return [
        Column("slug", _("Identifier")),
        Column("name_kk", _("Name (Kazakh)")),
        Column("name_ru", _("Name (Russian)")),
        Column("name_en", _("Name (English)")),
        Column("designations", _("Designations")),
        Column("unesco_refs", _("UNESCO reference numbers")),
        Column("categories", _("Categories")),
        Column("years", _("Years inscribed or designated")),
        Column("components", _("Components")),
        Column("regions", _("Regions")),
        Column("districts", _("Districts")),
        Column("region_before_2022", _("Region before 2022")),
        Column("latitude", _("Latitude"), NUMBER),
        Column("longitude", _("Longitude"), NUMBER),
        Column("managing_organization", _("Managing organization")),
        Column("management_plan", _("Management plan")),
        Column("management_plan_year", _("Management plan year"), NUMBER),
        Column("threats", _("Main threats")),
        Column("source_url", _("Source of the facts"), URL),
        Column("url", _("Page in the portal"), URL),
    ]


def table_rows(sites: Iterable[Site], absolute_url: Callable[[str], str]) -> Iterator[list[Any]]:
    """One row per site, names in the interface language (the three site names each have their column)."""
    for site in sites:
        links = list(site.designation_links.all())
        yield [
            site.slug,
            site.name_kk,
            site.name_ru,
            site.name_en,
            "; ".join(link.designation.name for link in links),
            "; ".join(str(link.designation.unesco_ref) for link in links if link.designation.unesco_ref),
            "; ".join(
                sorted({str(link.designation.get_category_display()) for link in links if link.designation.category})
            ),
            "; ".join(str(link.designation.year) for link in links if link.designation.year),
            "; ".join(link.component_name for link in links if link.component_name),
            "; ".join(region.name for region in site.regions.all()),
            "; ".join(district.name for district in site.districts.all()),
            site.region_before_2022.name if site.region_before_2022_id else "",
            site.latitude,
            site.longitude,
            site.managing_organization.name if site.managing_organization_id else "",
            site.get_management_plan_display() if site.management_plan else "",
            site.management_plan_year,
            "; ".join(site.threat_labels),
            site.source_url,
            absolute_url(site.get_absolute_url()),
        ]


def designation_columns() -> list[Column]:
    return [
        Column("slug", _("Identifier")),
        Column("kind", _("Kind")),
        Column("name_kk", _("Name (Kazakh)")),
        Column("name_ru", _("Name (Russian)")),
        Column("name_en", _("Name (English)")),
        Column("unesco_ref", _("UNESCO reference number"), NUMBER),
        Column("category", _("Category")),
        Column("criteria", _("Criteria")),
        Column("year", _("Year inscribed or designated"), NUMBER),
        Column("area_ha", _("Area (ha)"), NUMBER),
        Column("buffer_zone_ha", _("Buffer zone (ha)"), NUMBER),
        Column("core_area_ha", _("Core area (ha)"), NUMBER),
        Column("transition_area_ha", _("Transition area (ha)"), NUMBER),
        Column("transboundary_countries", _("Transboundary with")),
        Column("last_periodic_review", _("Year of the last periodic review"), NUMBER),
        Column("sites", _("Sites")),
        Column("source_url", _("Source of the facts"), URL),
    ]


def designation_rows(designations) -> Iterator[list[Any]]:
    for designation in designations:
        yield [
            designation.slug,
            designation.get_kind_display(),
            designation.name_kk,
            designation.name_ru,
            designation.name_en,
            designation.unesco_ref,
            designation.get_category_display() if designation.category else "",
            designation.criteria,
            designation.year,
            designation.area_ha,
            designation.buffer_zone_ha,
            designation.core_area_ha,
            designation.transition_area_ha,
            designation.transboundary_countries,
            designation.last_periodic_review,
            "; ".join(site.name for site in designation.sites.all()),
            designation.source_url,
        ]


def filter_error_text(messages: list[str]) -> str:
    return _("The export was not made because a filter was not understood:") + "\n" + "\n".join(messages) + "\n"
