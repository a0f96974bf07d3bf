"""The public register (issue 19): what anonymous visitors see of the published recommendations.

Only published items (`Recommendation.published`), and nothing about people: the timeline shows status
changes without who made them or their comment, and progress reports with their organization, never their
author. Signed-in users keep the full pages of recommendations.views; `public_or_signed_in` picks one.
The anonymous pages are cached (portal.pagecache, namespace "recommendations") and dropped on any change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from documents import display
from portal.listing import PageSizeMixin
from portal.models import Organization
from recommendations.action_views import actions_context
from recommendations.dashboard import OrganizationRow, organization_rows
from recommendations.filters import RecommendationFilter
from recommendations.models import LINK_PREFETCHES, ProgressReport, Recommendation, StatusChange
from seminars.models import Seminar

SupportingLink = Recommendation.supporting_organizations.through


def public_or_signed_in(public_view, signed_in_view):
    """One URL, two pages: the full one for signed-in users, the public one for anonymous visitors."""

    def view(request, *args, **kwargs):
        chosen = signed_in_view if request.user.is_authenticated else public_view
        return chosen(request, *args, **kwargs)

    return view


class PublicRecommendationFilter(RecommendationFilter):
    """The list's filters, offering only the seminars anyone may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["seminar"].queryset = Seminar.objects.published().order_by("-start")


class PublicRecommendationListView(PageSizeMixin, ListView):
    template_name = "recommendations/public_list.html"
    context_object_name = "recommendations"
    paginate_by = 25

    def get_queryset(self):
        self.filterset = PublicRecommendationFilter(
            self.request.GET, queryset=Recommendation.objects.published().for_listing(), request=self.request
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["today"] = timezone.localdate()
        return context


@dataclass
class PublicItem:
    kind: str  # "status" or "report"
    at: dt.datetime
    status_change: StatusChange | None = None
    report: ProgressReport | None = None


def public_timeline(rec: Recommendation) -> list[PublicItem]:
    """Status changes and progress reports, oldest first; two queries, no user loaded."""
    items = [PublicItem("status", change.changed_at, status_change=change) for change in rec.status_changes.all()]
    items += [
        PublicItem("report", report.created_at, report=report)
        for report in rec.progress_reports.select_related("organization")
    ]
    order = {"report": 0, "status": 1}
    items.sort(key=lambda item: (item.at, order[item.kind]))
    return items


class PublicRecommendationDetailView(DetailView):
    """A published recommendation; any other number sends the visitor to log in, whether it exists or not."""

    template_name = "recommendations/public_detail.html"
    context_object_name = "recommendation"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return redirect_to_login(request.get_full_path())

    def get_queryset(self):
        return (
            Recommendation.objects.published()
            .select_related("lead_organization", "seminar")
            .prefetch_related("sites", "supporting_organizations", "sdg_targets", "themes", *LINK_PREFETCHES)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = public_timeline(self.object)
        # The actions as the signed-in page lists them, without the editors' hints and links.
        context |= actions_context(self.object, self.request.user)
        context["actions_warning"] = ""
        display.prepare([self.object, *(item.report for item in context["timeline"] if item.report)], self.request.user)
        context["today"] = timezone.localdate()
        context["linked"] = self.object.linked(published_only=True)
        # A draft seminar is not public (seminars.models.SeminarQuerySet.public): not even its title.
        context["seminar_is_public"] = self.object.seminar is not None and self.object.seminar.status != "draft"
        return context


class OrganizationIndexView(TemplateView):
    """Every organization responsible for a published recommendation, the most overdue first: the
    dashboard's per-organization figures (recommendations.dashboard.organization_rows) over published items."""

    template_name = "organizations/organization_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = sorted(organization_rows(today, published_only=True).values(), key=lambda row: row.sort_key)
        organizations = Organization.objects.in_bulk([row.organization_id for row in rows])
        for row in rows:
            row.organization = organizations[row.organization_id]
            row.days_silent = row.silent_days(today)
        context |= {"rows": rows, "today": today}
        return context


class OrganizationDetailView(DetailView):
    """One organization's published recommendations (as lead or supporting body) and its figures."""

    template_name = "organizations/organization_detail.html"
    context_object_name = "organization"
    model = Organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org, today = self.object, timezone.localdate()
        row = organization_rows(today, published_only=True, organization_id=org.pk).get(org.pk)
        row = row or OrganizationRow(organization_id=org.pk)
        row.organization = org
        supported = SupportingLink.objects.filter(organization=org).values("recommendation_id")
        recommendations = list(
            Recommendation.objects.published()
            .filter(Q(lead_organization=org) | Q(pk__in=supported))
            .select_related("lead_organization")
            .prefetch_related("sites")
            .annotate(silent_since=Coalesce("last_report_at", "created_at"))
            .order_by("due_date", "pk")
        )
        for rec in recommendations:
            rec.silent_days = (today - timezone.localdate(rec.silent_since)).days if rec.is_open else None
        context |= {
            "row": row,
            "days_silent": row.silent_days(today),
            "open_items": [rec for rec in recommendations if rec.is_open],
            "other_items": [rec for rec in recommendations if not rec.is_open],
            "today": today,
        }
        return context
