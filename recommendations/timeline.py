"""One timeline for a recommendation: status changes, progress reports and the audit trail, oldest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from recommendations.models import ActionStatusChange, Handover, ProgressReport, Recommendation, StatusChange

# Shown by their own timeline items, or not worth showing.
AUDIT_HIDDEN_FIELDS = {"status", "created_at", "created_by"}


@dataclass
class Item:
    kind: str  # "status", "report", "audit", "action_status" (issue 18) or "handover"
    at: dt.datetime
    who: object  # a User or None
    status_change: StatusChange | None = None
    report: ProgressReport | None = None
    audit_type: str = ""  # "+", "~" or "-"
    changed_fields: list[str] = field(default_factory=list)
    status_label: str = ""  # the status a recommendation was recorded with
    action_status_change: ActionStatusChange | None = None
    handover: Handover | None = None


def _label(name: str) -> str:
    if name == "themes":  # the rows of RecommendationTheme, not a field of the recommendation
        return str(_("themes"))
    try:
        return str(Recommendation._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def audit_items(history: list) -> list[Item]:
    """Created / changed entries from simple-history, oldest first; changes of status only are left out."""
    items = []
    previous = None
    for record in history:
        if record.history_type == "+" or previous is None:
            items.append(
                Item(
                    kind="audit",
                    at=record.history_date,
                    who=record.history_user,
                    audit_type="+",
                    status_label=str(Recommendation.Status(record.status).label),
                )
            )
        else:
            delta = record.diff_against(previous)
            names = [c.field for c in delta.changes if c.field not in AUDIT_HIDDEN_FIELDS]
            names += [n for n in (record.history_change_reason or "").split() if n not in names]
            if names:
                items.append(
                    Item(
                        kind="audit",
                        at=record.history_date,
                        who=record.history_user,
                        audit_type=record.history_type,
                        changed_fields=[_label(n) for n in names],
                    )
                )
        previous = record
    return items


def build_timeline(rec: Recommendation) -> list[Item]:
    """Five queries: status changes, reports, history (each with its users), the actions' status changes (with
    their actions), the handovers (with their organizations)."""
    items = [
        Item(kind="status", at=change.changed_at, who=change.changed_by, status_change=change)
        for change in rec.status_changes.select_related("changed_by")
    ]
    items += [
        Item(kind="report", at=report.created_at, who=report.author, report=report)
        for report in rec.progress_reports.select_related("author", "organization")
    ]
    items += [
        Item(kind="action_status", at=change.changed_at, who=change.changed_by, action_status_change=change)
        for change in ActionStatusChange.objects.filter(action__recommendation=rec).select_related(
            "changed_by", "action"
        )
    ]
    items += [
        Item(kind="handover", at=handover.at, who=handover.by, handover=handover)
        for handover in rec.handovers.select_related("by", "action", "from_organization", "to_organization")
    ]
    history = list(rec.history.select_related("history_user").order_by("history_date", "history_id"))
    items += audit_items(history)
    # Same instant: the record comes first, then what happened to it.
    order = {"audit": 0, "handover": 1, "report": 2, "action_status": 3, "status": 4}
    items.sort(key=lambda item: (item.at, order[item.kind]))
    return items
