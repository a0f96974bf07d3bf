"""Responsible organizations' accountability figures through the API: the very figures of /organizations/ and
/organizations/<slug>/ (published recommendations), or of the follow-up dashboard (every recommendation) for a
token's owner who may read the register; both come from recommendations.dashboard.organization_rows."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from api.auth import OptionalToken
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate
from api.recommendations import may_read_register
from api.schemas import Problem
from portal.models import Organization
from recommendations.dashboard import OrganizationRow, organization_rows

router = Router(tags=["organizations"], auth=OptionalToken())
PROBLEMS = {400: Problem, 401: Problem, 404: Problem, 429: Problem}


class OrganizationFiguresOut(Schema):
    slug: str
    name: str
    counted: Literal["published", "all"] = Field(
        description="published: the public register's figures (as on /organizations/); all: every recommendation "
        "(as on the follow-up dashboard), for a token's owner who may read the whole register."
    )
    total: int = Field(description="Recommendations it leads or supports.")
    open: int = Field(description="Of those, accepted or in progress.")
    overdue: int = Field(description="Open and past their due date.")
    implemented: int
    implemented_with_due: int = Field(description="Implemented and with a due date.")
    implemented_on_time: int
    on_time_share: int | None = Field(description="Per cent implemented on time; null with none to count.")
    days_without_report: int | None = Field(
        description="Days since the last progress report on its longest-silent open item; null with nothing open."
    )
    url: str


class OrganizationPage(Schema):
    results: list[OrganizationFiguresOut]
    next: str | None


class OrganizationQuery(Schema):
    cursor: str | None = Field(None, max_length=100)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    lang: Literal["kk", "ru", "en"] | None = None


def figures(request: HttpRequest, org: Organization, row: OrganizationRow, today, counted: str) -> dict:
    return {
        "slug": org.slug,
        "name": org.name,
        "counted": counted,
        "total": row.total,
        "open": row.open,
        "overdue": row.overdue,
        "implemented": row.implemented,
        "implemented_with_due": row.implemented_with_due,
        "implemented_on_time": row.on_time,
        "on_time_share": row.on_time_share,
        "days_without_report": row.silent_days(today),
        "url": request.build_absolute_uri(reverse("organizations:detail", kwargs={"slug": org.slug})),
    }


@router.get("/", response={200: OrganizationPage, **PROBLEMS}, summary="Responsible organizations' figures")
def list_organizations(request: HttpRequest, query: Query[OrganizationQuery]):
    """Every organization responsible for a (published) recommendation, with its figures, in id order."""
    today = timezone.localdate()
    full = may_read_register(request)
    rows = organization_rows(today, published_only=not full)
    page, next_url = paginate(request, Organization.objects.filter(pk__in=list(rows)), query.cursor, query.limit)
    counted = "all" if full else "published"
    return {"results": [figures(request, org, rows[org.pk], today, counted) for org in page], "next": next_url}


@router.get("/{slug}/", response={200: OrganizationFiguresOut, **PROBLEMS}, summary="One organization's figures")
def get_organization(request: HttpRequest, slug: str, lang: Literal["kk", "ru", "en"] | None = None):
    """The figures of /organizations/<slug>/ (zero for an organization responsible for nothing published)."""
    org = get_object_or_404(Organization, slug=slug)
    today = timezone.localdate()
    full = may_read_register(request)
    row = organization_rows(today, published_only=not full, organization_id=org.pk).get(org.pk)
    return figures(request, org, row or OrganizationRow(organization_id=org.pk), today, "all" if full else "published")
