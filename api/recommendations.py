"""Recommendations through the API, for a token's owner: read as the register page reads them, and post
progress reports where the portal's report form would let the same person post one."""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from api.auth import OptionalToken, RequiredToken
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate
from api.schemas import Problem, Ref
from portal.models import Organization
from recommendations import services
from recommendations.filters import RecommendationFilter
from recommendations.forms import ProgressReportForm
from recommendations.models import ProgressReport, Recommendation
from recommendations.public import PublicRecommendationFilter

router = Router(tags=["recommendations"], auth=OptionalToken())
PROBLEMS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem}


class StatusChangeOut(Schema):
    from_status: str | None
    to_status: str
    changed_at: datetime.datetime
    comment: str | None = Field(description="Only for a token's owner who may read the register.")


class ProgressReportOut(Schema):
    id: int
    date: datetime.date
    organization: Ref | None
    text: str
    evidence_url: str | None
    created_at: datetime.datetime


class RecommendationOut(Schema):
    id: int
    title: str
    text: str
    theme: str = Field(description="The main theme, one of `themes`.")
    themes: list[str] = Field(description="All its themes, in the order of the list of themes.")
    status: str
    priority: str
    due_date: datetime.date | None
    source_kind: str
    source_reference: str
    decision_number: str | None
    decision_paragraph: str | None
    icc_session: int | None
    source_year: int | None
    source_url: str | None
    source_verified: bool
    seminar: Ref | None
    sites: list[Ref]
    lead_organization: Ref
    supporting_organizations: list[Ref]
    last_report_at: datetime.datetime | None
    url: str


class RecommendationDetailOut(RecommendationOut):
    sdg_targets: list[str]
    status_history: list[StatusChangeOut]
    progress_reports: list[ProgressReportOut]


class RecommendationPage(Schema):
    results: list[RecommendationOut]
    next: str | None


class ProgressReportIn(Schema):
    text: str = Field(..., min_length=1, max_length=20000)
    date: datetime.date | None = None
    evidence_url: str = Field("", max_length=500)
    organization: str | None = Field(None, max_length=100, description="The slug of a responsible organization.")


def _ref(obj) -> dict | None:
    return None if obj is None else {"slug": obj.slug, "name": obj.name}


def _seminar_ref(seminar, request: HttpRequest) -> dict | None:
    """The source seminar; a draft seminar is named only to those who may read the whole register."""
    if seminar is None or (seminar.status == seminar.Status.DRAFT and not may_read_register(request)):
        return None
    return {"slug": seminar.slug, "name": seminar.title}


def _report(report: ProgressReport) -> dict:
    return {
        "id": report.pk,
        "date": report.date,
        "organization": _ref(report.organization),
        "text": report.text,
        "evidence_url": report.evidence_url or None,
        "created_at": report.created_at,
    }


def may_read_register(request: HttpRequest) -> bool:
    return request.auth.has_perm("recommendations.view_recommendations")


def recommendation_data(request: HttpRequest, rec: Recommendation, detail: bool = False) -> dict:
    data = {
        "id": rec.pk,
        "title": rec.title,
        "text": rec.text,
        "theme": rec.theme,
        "themes": [theme.value for theme in rec.all_themes],
        "status": rec.status,
        "priority": rec.priority,
        "due_date": rec.due_date,
        "source_kind": rec.source_kind,
        "source_reference": rec.source_reference,
        "decision_number": rec.decision_number or None,
        "decision_paragraph": rec.decision_paragraph or None,
        "icc_session": rec.icc_session,
        "source_year": rec.source_year,
        "source_url": rec.source_url or None,
        "source_verified": rec.source_verified,
        "seminar": _seminar_ref(rec.seminar, request),
        "sites": [_ref(site) for site in rec.sites.all()],
        "lead_organization": _ref(rec.lead_organization),
        "supporting_organizations": [_ref(org) for org in rec.supporting_organizations.all()],
        "last_report_at": rec.last_report_at,
        "url": request.build_absolute_uri(rec.get_absolute_url()),
    }
    if detail:
        data["sdg_targets"] = [target.code for target in rec.sdg_targets.all()]
        full = may_read_register(request)
        data["status_history"] = [
            {
                "from_status": change.from_status or None,
                "to_status": change.to_status,
                "changed_at": change.changed_at,
                "comment": change.comment if full else None,
            }
            for change in rec.status_changes.all()
        ]
        data["progress_reports"] = [_report(report) for report in rec.progress_reports.all()]
    return data


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.auth.has_perm(perm, obj):
        raise HttpError(403, _("Your account may not do this in the portal, so neither may its token."))


class RecommendationQuery(Schema):
    q: str | None = Field(None, max_length=100)
    status: Literal[tuple(Recommendation.Status.values)] | None = None  # type: ignore[valid-type]
    # Matches a recommendation carrying the theme among its several (recommendations.filters).
    theme: Literal[tuple(Recommendation.Theme.values)] | None = None  # type: ignore[valid-type]
    priority: Literal[tuple(Recommendation.Priority.values)] | None = None  # type: ignore[valid-type]
    organization: str | None = Field(None, max_length=100, description="A responsible organization's slug.")
    site: str | None = Field(None, max_length=100, description="A site's slug.")
    region: str | None = Field(None, max_length=64, description="A region's slug.")
    overdue: Literal["1"] | None = None
    cursor: str | None = Field(None, max_length=100)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    lang: Literal["kk", "ru", "en"] | None = None


@router.get("/", response={200: RecommendationPage, **PROBLEMS}, summary="List recommendations")
def list_recommendations(request: HttpRequest, query: Query[RecommendationQuery]):
    """The register, filtered as its page filters it: the published recommendations for anyone, all of them for
    a token's owner who may read the register in the portal."""
    from api.v1 import filtered

    if may_read_register(request):
        queryset = filtered(RecommendationFilter, query, Recommendation.objects.for_listing())
    else:
        queryset = filtered(PublicRecommendationFilter, query, Recommendation.objects.published().for_listing())
    rows, next_url = paginate(request, queryset, query.cursor, query.limit)
    return {"results": [recommendation_data(request, rec) for rec in rows], "next": next_url}


def _detail_queryset():
    return Recommendation.objects.for_listing().prefetch_related(
        "status_changes",
        Prefetch("progress_reports", queryset=ProgressReport.objects.select_related("organization")),
    )


@router.get("/{int:rec_id}/", response={200: RecommendationDetailOut, **PROBLEMS}, summary="One recommendation")
def get_recommendation(request: HttpRequest, rec_id: int, lang: Literal["kk", "ru", "en"] | None = None):
    """With its status history and its progress reports (by organization, never by author)."""
    queryset = _detail_queryset() if may_read_register(request) else _detail_queryset().filter(published=True)
    return recommendation_data(request, get_object_or_404(queryset, pk=rec_id), detail=True)


@router.post(
    "/{int:rec_id}/progress-reports/",
    response={201: ProgressReportOut, 409: Problem, **PROBLEMS},
    summary="Post a progress report",
    auth=RequiredToken(),
)
def post_progress_report(request: HttpRequest, rec_id: int, payload: ProgressReportIn):
    """What was done, for a recommendation the token's owner may report on (as on the report form); needs a
    token with the write scope."""
    rec = get_object_or_404(Recommendation.objects.for_detail(), pk=rec_id)
    if not request.api_token.can_write:
        raise HttpError(403, _("This token may only read: create one with the write scope to post reports."))
    _require(request, "recommendations.report_progress", rec)
    organization = None
    if payload.organization:
        organization = Organization.objects.filter(slug=payload.organization).values_list("pk", flat=True).first()
        if organization is None:
            raise HttpError(400, _("There is no organization with this slug."))
    data = {
        "text": payload.text,
        "date": (payload.date or timezone.localdate()).isoformat(),
        "evidence_url": payload.evidence_url,
        "organization": organization or "",
    }
    form = ProgressReportForm(data=data, recommendation=rec, user=request.auth)
    if not form.is_valid():
        from api.v1 import FilterError

        raise FilterError(
            [{"field": f, "message": str(m)} for f, messages in form.errors.items() for m in messages],
            detail=_("The report is not valid."),
        )
    cleaned = form.cleaned_data
    try:
        report = services.add_progress_report(
            rec,
            author=request.auth,
            text=cleaned["text"],
            date=cleaned["date"],
            evidence_url=cleaned["evidence_url"],
            organization=cleaned["organization"],
        )
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from None
    return Status(201, _report(report))
