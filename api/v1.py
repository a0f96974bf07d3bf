"""Version 1 of the API: the NinjaAPI instance, its error handlers and the public, read-only operations.

Public operations answer anyone, from any origin, with what the portal shows an anonymous visitor; the
filters are the pages' own django-filter sets (given the same parameters), so a list here and on the page
agree. Lists are in id order, a page at a time (`cursor`, `limit`).
"""

from __future__ import annotations

from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Router, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from api import schemas
from api.auth import OptionalToken
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate
from api.problems import problem_response
from portal.i18n import localized
from portal.models import District
from seminars.filters import SeminarFilter
from seminars.models import Seminar
from sites.filters import SiteFilter
from sites.models import Designation, Site, SiteDesignation

Lang = Literal["kk", "ru", "en"]
PROBLEMS = {400: schemas.Problem, 401: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}


class MuraAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Error answers are documented as what they are: `application/problem+json`."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if "application/geo+json" in content:  # GeoJSON answers are documented as that alone
                        content.pop("application/json", None)
                    if str(status).startswith(("4", "5")) and "application/json" in answer.get("content", {}):
                        answer["content"] = {"application/problem+json": answer["content"]["application/json"]}
        return schema


api = MuraAPI(
    title="Mura API",
    version="1",
    description=(
        "The records of Mura, the portal of Kazakhstan's UNESCO sites, for other systems. Public operations need "
        "no account and may be called from any origin. Names and labels come in the language of `?lang=` or "
        "`Accept-Language` (kk, ru, en). Lists are paged with `cursor` and `limit`: follow `next` until it is "
        "null. Every answer carries an `ETag` (and lists of sites a `Last-Modified`): send them back in "
        "`If-None-Match` / `If-Modified-Since` to get a 304. Errors are `application/problem+json`."
    ),
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
)


def _validation_detail(errors: list[dict]) -> list[dict]:
    out = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path", "filters")]
        out.append({"field": ".".join(loc), "message": str(error.get("msg", ""))})
    return out


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return problem_response(400, _("Some parameters are not valid."), _validation_detail(exc.errors))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = str(exc) if str(exc) != "Unauthorized" else _("Send a valid personal API token: Authorization: Bearer …")
    return problem_response(401, detail, WWW_Authenticate='Bearer realm="mura"')


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = max(int(exc.wait or 1), 1)
    return problem_response(
        429, _("Too many requests: try again in %(seconds)d s.") % {"seconds": wait}, Retry_After=str(wait)
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(404, _("There is no such record."))


def api_user(request: HttpRequest):
    """Who is asking: the owner of the request's token, else nobody (the API never reads the session)."""
    return getattr(request, "auth", None) or AnonymousUser()


# --- shapes -------------------------------------------------------------------------------------------------


def _names(obj, field: str = "name") -> dict:
    return {code: getattr(obj, f"{field}_{code}") or localized(obj, field, code) for code in ("kk", "ru", "en")}


def _ref(obj) -> dict | None:
    return None if obj is None else {"slug": obj.slug, "name": obj.name}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def designation_data(d: Designation) -> dict:
    return {
        "slug": d.slug,
        "kind": d.kind,
        "name": d.name,
        "names": _names(d),
        "unesco_ref": d.unesco_ref,
        "unesco_url": d.unesco_url or None,
        "category": d.category or None,
        "criteria": d.criteria_list,
        "year": d.year,
        "area_ha": d.area_ha,
        "buffer_zone_ha": d.buffer_zone_ha,
        "core_area_ha": d.core_area_ha,
        "transition_area_ha": d.transition_area_ha,
        "is_serial": d.is_serial,
        "is_transboundary": d.is_transboundary,
        "transboundary_countries": _split(d.transboundary_countries),
        "source_url": d.source_url or None,
    }


def site_data(request: HttpRequest, site: Site, detail: bool = False) -> dict:
    data = {
        "slug": site.slug,
        "name": site.name,
        "names": _names(site),
        "other_names": _split(site.other_names),
        "regions": [_ref(region) for region in site.regions.all()],
        "districts": [_ref(district) for district in site.districts.all()],
        "latitude": site.latitude,
        "longitude": site.longitude,
        "managing_organization": _ref(site.managing_organization),
        "management_plan": site.management_plan,
        "management_plan_year": site.management_plan_year,
        "management_plan_url": site.management_plan_url or None,
        "threats": list(site.threats),
        "designations": [
            {
                "slug": link.designation.slug,
                "kind": link.designation.kind,
                "name": link.designation.name,
                "unesco_ref": link.designation.unesco_ref,
                "year": link.designation.year,
                "component": link.component_name or None,
            }
            for link in site.designation_links.all()
        ],
        "url": request.build_absolute_uri(site.get_absolute_url()),
        "updated_at": site.updated_at,
    }
    if detail:
        data |= {
            "description": site.description,
            "visitor_facilities": site.visitor_facilities,
            "source_url": site.source_url or None,
        }
    return data


def seminar_data(request: HttpRequest, seminar: Seminar, detail: bool = False) -> dict:
    """The fields of the seminar's public page; never its participants, contacts or who created it."""
    data = {
        "slug": seminar.slug,
        "title": seminar.title,
        "kind": seminar.kind,
        "status": seminar.status,
        "start": seminar.start,
        "end": seminar.end,
        "venue": seminar.venue,
        "city": seminar.city,
        "region": _ref(seminar.region),
        "project": _ref(seminar.project),
        "organizers": [_ref(org) for org in seminar.organizers.all()],
        "sites": [_ref(site) for site in seminar.sites.all()],
        "registration_open": seminar.registration_is_open(),
        "url": request.build_absolute_uri(seminar.get_absolute_url()),
    }
    if detail:
        data |= {"agenda": seminar.agenda, "outcome_summary": seminar.outcome_summary}
    return data


def _with_last_modified(response: HttpResponse, rows) -> HttpResponse:
    stamps = [row.updated_at for row in rows if row.updated_at]
    if stamps:
        response["Last-Modified"] = http_date(max(stamps).timestamp())
    return response


# --- sites ----------------------------------------------------------------------------------------------------

sites_router = Router(tags=["sites"], auth=OptionalToken())


class SiteQuery(Schema):
    q: str | None = Field(None, max_length=100, description="Search the names in all three languages.")
    designation: Literal["world_heritage", "biosphere_reserve"] | None = None
    region: str | None = Field(None, max_length=64, description="A region's slug.")
    category: Literal["cultural", "natural", "mixed"] | None = None
    transboundary: Literal["yes", "no"] | None = None
    management_plan: Literal["none", "in_preparation", "adopted"] | None = None
    cursor: str | None = Field(None, max_length=100)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    lang: Lang | None = None


def filtered(filterset_class, query: Schema, queryset, skip=("cursor", "limit", "lang"), **kwargs):
    data = {key: value for key, value in query.dict().items() if key not in skip and value not in (None, "")}
    filterset = filterset_class(data=data, queryset=queryset, **kwargs)
    if not filterset.is_valid():
        errors = [
            {"field": field, "message": str(message)}
            for field, messages in filterset.form.errors.items()
            for message in messages
        ]
        raise FilterError(errors)
    return filterset.qs


class FilterError(Exception):
    """A django-filter form or a portal form said no: a 400 listing each field's errors."""

    def __init__(self, errors: list[dict], detail: str = "") -> None:
        self.errors = errors
        self.detail = detail


@api.exception_handler(FilterError)
def _filter_error(request: HttpRequest, exc: FilterError) -> HttpResponse:
    return problem_response(400, exc.detail or _("Some filters are not valid."), exc.errors)


def _site_queryset():
    return Site.objects.select_related("managing_organization").prefetch_related(
        "regions",
        Prefetch("districts", queryset=District.objects.select_related("region")),
        Prefetch("designation_links", queryset=SiteDesignation.objects.select_related("designation")),
    )


@sites_router.get("/", response={200: schemas.SitePage, **PROBLEMS}, summary="List sites")
def list_sites(request: HttpRequest, response: HttpResponse, query: Query[SiteQuery]):
    """Sites with their designations (components of a serial property name the component), filtered as the
    catalogue page filters them."""
    rows, next_url = paginate(request, filtered(SiteFilter, query, _site_queryset()), query.cursor, query.limit)
    _with_last_modified(response, rows)
    return {"results": [site_data(request, site) for site in rows], "next": next_url}


@sites_router.get("/{slug}/", response={200: schemas.SiteDetailOut, **PROBLEMS}, summary="One site")
def get_site(request: HttpRequest, response: HttpResponse, slug: str, lang: Lang | None = None):
    site = get_object_or_404(_site_queryset(), slug=slug)
    _with_last_modified(response, [site])
    return site_data(request, site, detail=True)


# --- designations ---------------------------------------------------------------------------------------------

designations_router = Router(tags=["designations"], auth=OptionalToken())


class DesignationQuery(Schema):
    kind: Literal["world_heritage", "biosphere_reserve"] | None = None
    cursor: str | None = Field(None, max_length=100)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    lang: Lang | None = None


@designations_router.get("/", response={200: schemas.DesignationPage, **PROBLEMS}, summary="List designations")
def list_designations(request: HttpRequest, query: Query[DesignationQuery]):
    """World Heritage properties and biosphere reserves as UNESCO records them."""
    queryset = Designation.objects.all()
    if query.kind:
        queryset = queryset.filter(kind=query.kind)
    rows, next_url = paginate(request, queryset, query.cursor, query.limit)
    return {"results": [designation_data(d) for d in rows], "next": next_url}


@designations_router.get("/{slug}/", response={200: schemas.DesignationOut, **PROBLEMS}, summary="One designation")
def get_designation(request: HttpRequest, slug: str, lang: Lang | None = None):
    return designation_data(get_object_or_404(Designation, slug=slug))


# --- seminars -------------------------------------------------------------------------------------------------

seminars_router = Router(tags=["seminars"], auth=OptionalToken())


class SeminarQuery(Schema):
    year: int | None = Field(None, ge=1900, le=2200)
    region: str | None = Field(None, max_length=64, description="A region's slug.")
    site: str | None = Field(None, max_length=100, description="A site's slug.")
    status: Literal["draft", "published", "cancelled", "completed"] | None = None
    cursor: str | None = Field(None, max_length=100)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    lang: Lang | None = None


def _seminar_queryset(user):
    return Seminar.objects.visible_to(user).select_related("region", "project").prefetch_related("organizers", "sites")


@seminars_router.get("/", response={200: schemas.SeminarPage, **PROBLEMS}, summary="List seminars")
def list_seminars(request: HttpRequest, query: Query[SeminarQuery]):
    """Seminars as their public pages show them (drafts only to their organizers, with a token); never the
    participants."""
    user = api_user(request)
    queryset = filtered(SeminarFilter, query, _seminar_queryset(user), user=user)
    rows, next_url = paginate(request, queryset, query.cursor, query.limit)
    return {"results": [seminar_data(request, s) for s in rows], "next": next_url}


@seminars_router.get("/{slug}/", response={200: schemas.SeminarDetailOut, **PROBLEMS}, summary="One seminar")
def get_seminar(request: HttpRequest, slug: str, lang: Lang | None = None):
    seminar = get_object_or_404(_seminar_queryset(api_user(request)), slug=slug)
    return seminar_data(request, seminar, detail=True)


api.add_router("/sites/", sites_router)
api.add_router("/designations/", designations_router)
api.add_router("/seminars/", seminars_router)

from api.recommendations import router as recommendations_router  # noqa: E402  (it imports helpers above)

api.add_router("/recommendations/", recommendations_router)

from api.organizations import router as organizations_router  # noqa: E402
from api.zones import router as zones_router  # noqa: E402

api.add_router("/organizations/", organizations_router)
api.add_router("/zones/", zones_router)
