"""The shapes of the API's answers (OpenAPI components). Names are in the requested language (`?lang=`)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Schema


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[dict]


class Ref(Schema):
    """Something named, by its stable slug."""

    slug: str
    name: str


class Names(Schema):
    kk: str
    ru: str
    en: str


class DesignationOut(Schema):
    slug: str
    kind: str
    name: str
    names: Names
    unesco_ref: int | None
    unesco_url: str | None
    category: str | None
    criteria: list[str]
    year: int | None
    area_ha: Decimal | None
    buffer_zone_ha: Decimal | None
    core_area_ha: Decimal | None
    transition_area_ha: Decimal | None
    is_serial: bool
    is_transboundary: bool
    transboundary_countries: list[str]
    source_url: str | None


class SiteDesignationOut(Schema):
    slug: str
    kind: str
    name: str
    unesco_ref: int | None
    year: int | None
    component: str | None


class SiteOut(Schema):
    slug: str
    name: str
    names: Names
    other_names: list[str]
    regions: list[Ref]
    districts: list[Ref]
    latitude: Decimal | None
    longitude: Decimal | None
    managing_organization: Ref | None
    management_plan: str
    management_plan_year: int | None
    management_plan_url: str | None
    threats: list[str]
    designations: list[SiteDesignationOut]
    url: str
    updated_at: datetime.datetime


class SiteDetailOut(SiteOut):
    description: str
    visitor_facilities: str
    source_url: str | None


class SeminarOut(Schema):
    slug: str
    title: str
    kind: str
    status: str
    start: datetime.datetime
    end: datetime.datetime
    venue: str
    city: str
    region: Ref | None
    project: Ref | None
    organizers: list[Ref]
    sites: list[Ref]
    registration_open: bool
    url: str


class SeminarDetailOut(SeminarOut):
    agenda: str
    outcome_summary: str


class SitePage(Schema):
    results: list[SiteOut]
    next: str | None


class DesignationPage(Schema):
    results: list[DesignationOut]
    next: str | None


class SeminarPage(Schema):
    results: list[SeminarOut]
    next: str | None
