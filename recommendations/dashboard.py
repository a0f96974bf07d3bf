"""The follow-up dashboard's figures, aggregated in the database with a fixed number of queries.

Seven queries whatever the number of recommendations:
1. counts per (theme, status), over RecommendationTheme: the theme counts and their cross-table. A
   recommendation with several themes counts under each (the page says so), so these add up to more than the
   recommendations;
2. the headline figures (open, overdue, implemented, on time...) and the count per status, each item once;
3. per lead organization, 4. per supporting organization (minus rows where it also leads): summed per
   organization in Python, a loop over organizations, never over recommendations;
5. the names of those organizations;
6. the oldest overdue items; 7. the open items longest without a progress report.

"Implemented on time": the recommendation is implemented and the change that implemented it (the latest
StatusChange to "implemented", its date in the portal's time zone) is on or before its due date. That date is
kept on the recommendation (`implemented_on`, written with the StatusChange), so the comparison is a plain
column one rather than a subquery per row. Implemented items without a due date have no deadline to meet:
they are left out of the on-time share.

"Implemented" counts only what a reviewer confirmed; "reported implemented" (issue 18: waiting for a
reviewer) is counted apart, and neither open nor implemented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.models import Organization
from recommendations.models import Recommendation, RecommendationTheme

Status = Recommendation.Status
Theme = Recommendation.Theme
SupportingLink = Recommendation.supporting_organizations.through

LIST_LENGTH = 10
ORGANIZATION_LIMIT = 30


def _counts(prefix: str, today: dt.date, *, silent: bool = False) -> dict:
    """Conditional counts over recommendations reached through ``prefix`` ("" or "recommendation__")."""
    status, due = f"{prefix}status", f"{prefix}due_date"
    open_q = Q(**{f"{status}__in": Recommendation.OPEN_STATUSES})
    implemented_q = Q(**{status: Status.IMPLEMENTED})
    with_due = implemented_q & Q(**{f"{due}__isnull": False})
    return {
        "total": Count("pk"),
        "open": Count("pk", filter=open_q),
        "overdue": Count("pk", filter=open_q & Q(**{f"{due}__lt": today})),
        "implemented": Count("pk", filter=implemented_q),
        "reported": Count("pk", filter=Q(**{status: Status.REPORTED})),
        "implemented_with_due": Count("pk", filter=with_due),
        "on_time": Count("pk", filter=with_due & Q(**{f"{prefix}implemented_on__lte": F(due)})),
    } | (
        # Per organization: its open item longest without a progress report (or since recording, with none).
        {"silent_since": Min(Coalesce(f"{prefix}last_report_at", f"{prefix}created_at"), filter=open_q)}
        if silent
        else {}
    )


def share(part: int, whole: int) -> int | None:
    """Whole per cent, or None when there is nothing to divide."""
    return round(100 * part / whole) if whole else None


@dataclass
class OrganizationRow:
    organization_id: int
    organization: Organization | None = None
    total: int = 0
    open: int = 0
    overdue: int = 0
    implemented: int = 0
    reported: int = 0
    implemented_with_due: int = 0
    on_time: int = 0
    silent_since: dt.datetime | None = None

    @property
    def on_time_share(self) -> int | None:
        return share(self.on_time, self.implemented_with_due)

    def silent_days(self, today: dt.date) -> int | None:
        """Days since the last progress report on its longest-silent open item; None with nothing open."""
        return None if self.silent_since is None else (today - timezone.localdate(self.silent_since)).days

    def add(self, figures: dict) -> None:
        for name in ("total", "open", "overdue", "implemented", "reported", "implemented_with_due", "on_time"):
            setattr(self, name, getattr(self, name) + figures[name])
        since = figures.get("silent_since")
        if since is not None and (self.silent_since is None or since < self.silent_since):
            self.silent_since = since

    @property
    def sort_key(self) -> tuple[int, ...]:
        # What needs following up first: the most overdue, then the most open.
        return (-self.overdue, -self.open, -self.total, self.organization_id)


@dataclass
class Dashboard:
    today: dt.date
    totals: dict[str, int]
    by_status: list[tuple[str, str, int]]  # (value, label, count), every status, in workflow order
    by_theme: list[tuple[str, str, int]]
    theme_status: list[tuple[str, list[int], int]]  # (theme label, counts per status, total)
    by_organization: list[OrganizationRow]  # the first `organization_limit` rows, most overdue first
    organization_count: int
    overdue: list[Recommendation]
    silent: list[Recommendation] = field(default_factory=list)

    @property
    def on_time_share(self) -> int | None:
        return share(self.totals["on_time"], self.totals["implemented_with_due"])

    @property
    def statuses(self) -> list[tuple[str, str]]:
        return [(value, label) for value, label, _count in self.by_status]


def organization_rows(
    today: dt.date, *, published_only: bool = False, organization_id: int | None = None
) -> dict[int, OrganizationRow]:
    """The figures per responsible organization, two queries: as lead, and as supporting (not counted twice
    when it also leads). The dashboard counts every recommendation; the public pages (recommendations.public)
    only the published ones, and an organization's page only its own row."""
    lead = Recommendation.objects.order_by()
    supporting = SupportingLink.objects.exclude(organization_id=F("recommendation__lead_organization_id"))
    if published_only:
        lead, supporting = lead.published(), supporting.filter(recommendation__published=True)
    if organization_id is not None:
        lead = lead.filter(lead_organization_id=organization_id)
        supporting = supporting.filter(organization_id=organization_id)
    rows: dict[int, OrganizationRow] = {}
    lead_groups = lead.values("lead_organization_id").annotate(**_counts("", today, silent=True))
    supporting_groups = (
        supporting.order_by().values("organization_id").annotate(**_counts("recommendation__", today, silent=True))
    )
    for group in (*lead_groups, *supporting_groups):
        org_id = group.pop("lead_organization_id", None) or group.pop("organization_id")
        rows.setdefault(org_id, OrganizationRow(organization_id=org_id)).add(group)
    return rows


def build_dashboard(today: dt.date | None = None, organization_limit: int | None = ORGANIZATION_LIMIT) -> Dashboard:
    """``organization_limit`` rows of the per-organization table (None: all); a region has a few dozen
    responsible bodies, a world-scale register thousands, and the page must stay light."""
    today = today or timezone.localdate()
    base = Recommendation.objects.order_by()

    # 1. (theme, status) -> count: an item with several themes counts under each of them
    themed = RecommendationTheme.objects.order_by().values("theme", status=F("recommendation__status"))
    cells = {(row["theme"], row["status"]): row["n"] for row in themed.annotate(n=Count("pk"))}
    by_theme = [(t.value, t.label, sum(n for (th, _s), n in cells.items() if th == t)) for t in Theme]
    theme_status = [
        (t.label, [cells.get((t.value, s.value), 0) for s in Status], total)
        for t, (_v, _l, total) in zip(Theme, by_theme, strict=True)
    ]

    # 2. headline figures, and each status once per recommendation
    totals = base.aggregate(
        **_counts("", today),
        never_reported=Count("pk", filter=Q(status__in=Recommendation.OPEN_STATUSES, last_report_at__isnull=True)),
        **{f"status_{s.value}": Count("pk", filter=Q(status=s)) for s in Status},
    )
    by_status = [(s.value, s.label, totals.pop(f"status_{s.value}")) for s in Status]

    # 3 and 4. per responsible organization
    rows = organization_rows(today)
    by_organization = sorted(rows.values(), key=lambda row: row.sort_key)[:organization_limit]
    # 5. the names of the organizations shown
    organizations = Organization.objects.in_bulk([row.organization_id for row in by_organization])
    for row in by_organization:
        row.organization = organizations[row.organization_id]

    # 6. the longest overdue first; 7. silent since the last report, or since recording when there is none
    overdue = list(base.overdue(today).select_related("lead_organization").order_by("due_date", "pk")[:LIST_LENGTH])
    silent = list(
        base.open()
        .select_related("lead_organization")
        .annotate(silent_since=Coalesce("last_report_at", "created_at"))
        .order_by("silent_since", "pk")[:LIST_LENGTH]
    )
    for rec in silent:
        rec.silent_days = (today - timezone.localdate(rec.silent_since)).days
    for rec in overdue:
        rec.days_overdue = (today - rec.due_date).days

    return Dashboard(
        today=today,
        totals=totals,
        by_status=by_status,
        by_theme=by_theme,
        theme_status=theme_status,
        by_organization=by_organization,
        organization_count=len(rows),
        overdue=overdue,
        silent=silent,
    )
