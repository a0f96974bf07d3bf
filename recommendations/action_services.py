"""Writes about actions: recording and editing one, reporting on it, moving its status, handing it over.

Action statuses (issue 18), like a recommendation's:

    planned     -> in progress, reported implemented, cancelled
    in progress -> reported implemented, cancelled
    reported implemented -> implemented (a reviewer confirms), in progress (a reviewer returns it, with a comment)
    implemented -> in progress (reopening, with a comment)
    cancelled   -> planned (with a comment)

"reported implemented" needs a progress report on the action (after a return or reopening: a newer one). Every
change writes an ActionStatusChange in the same transaction, with the action's row locked. A report moves the
action's `last_report_at` forward and, when it gives the indicator's value, the current value (the value of
the latest measurement date; the reports keep the history).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Organization
from recommendations.models import Action, ActionReport, ActionStatusChange, Recommendation
from recommendations.services import NO_REPORTS_STATUSES, TransitionError, ensure_reviewer

AStatus = Action.Status

TRANSITIONS: dict[str, tuple[str, ...]] = {
    AStatus.PLANNED: (AStatus.IN_PROGRESS, AStatus.REPORTED, AStatus.CANCELLED),
    AStatus.IN_PROGRESS: (AStatus.REPORTED, AStatus.CANCELLED),
    AStatus.REPORTED: (AStatus.IMPLEMENTED, AStatus.IN_PROGRESS),
    AStatus.IMPLEMENTED: (AStatus.IN_PROGRESS,),
    AStatus.CANCELLED: (AStatus.PLANNED,),
}
REVIEW_TRANSITIONS = frozenset({(AStatus.REPORTED, AStatus.IMPLEMENTED), (AStatus.REPORTED, AStatus.IN_PROGRESS)})


def allowed_transitions(status: str, *, reviewer: bool | None = None) -> tuple[str, ...]:
    targets = TRANSITIONS.get(status, ())
    if reviewer is None:
        return targets
    return tuple(t for t in targets if ((status, t) in REVIEW_TRANSITIONS) == reviewer)


def comment_required(from_status: str, to_status: str) -> bool:
    return (
        to_status == AStatus.CANCELLED
        or from_status == AStatus.CANCELLED
        or (from_status in (AStatus.REPORTED, AStatus.IMPLEMENTED) and to_status == AStatus.IN_PROGRESS)
    )


def has_report_for_implementation(action: Action) -> bool:
    reports = ActionReport.objects.filter(action=action)
    returned = (
        ActionStatusChange.objects.filter(
            action=action, from_status__in=[AStatus.REPORTED, AStatus.IMPLEMENTED], to_status=AStatus.IN_PROGRESS
        )
        .order_by("-changed_at", "-pk")
        .values_list("changed_at", flat=True)
        .first()
    )
    if returned is not None:
        reports = reports.filter(created_at__gt=returned)
    return reports.exists()


def reported_by(action: Action) -> int | None:
    return (
        ActionStatusChange.objects.filter(action=action, to_status=AStatus.REPORTED)
        .order_by("-changed_at", "-pk")
        .values_list("changed_by_id", flat=True)
        .first()
    )


def check_transition(action: Action, to_status: str, comment: str = "", *, user=None, check_user: bool = True):
    if to_status not in AStatus.values:
        raise TransitionError(_("Unknown status."), code="unknown")
    if to_status not in allowed_transitions(action.status):
        raise TransitionError(
            _("An action that is “%(from)s” cannot become “%(to)s”.")
            % {"from": AStatus(action.status).label, "to": AStatus(to_status).label},
            code="not_allowed",
        )
    if comment_required(action.status, to_status) and not comment.strip():
        raise TransitionError(_("Please say why in a comment."), code="comment_required")
    if to_status == AStatus.REPORTED and not has_report_for_implementation(action):
        raise TransitionError(
            _("Post a progress report on the action saying what was done before marking it implemented."),
            code="report_required",
        )
    if check_user and (action.status, to_status) in REVIEW_TRANSITIONS:
        ensure_reviewer(action.recommendation, user, reported_by(action))


def change_status(
    action: Action,
    to_status: str,
    *,
    user,
    comment: str = "",
    at: dt.datetime | None = None,
    check_user: bool = True,
) -> ActionStatusChange:
    at = at or timezone.now()
    with transaction.atomic():
        locked = Action.objects.select_for_update().select_related("recommendation").get(pk=action.pk)
        check_transition(locked, to_status, comment, user=user, check_user=check_user)
        change = ActionStatusChange(
            action=locked,
            from_status=locked.status,
            to_status=to_status,
            changed_by=user,
            changed_at=at,
            comment=comment.strip(),
        )
        locked.status = to_status
        if to_status == AStatus.REPORTED:
            locked.implemented_on = timezone.localdate(at)
        elif to_status != AStatus.IMPLEMENTED:
            locked.implemented_on = None
        locked._history_user = user
        locked._history_date = at
        locked.save(update_fields=["status", "implemented_on", "updated_at"])
        change.save()
    action.status, action.implemented_on = locked.status, locked.implemented_on
    return change


def record_action(
    action: Action, *, user, supporting_organizations: Iterable[Organization] = (), at: dt.datetime | None = None
) -> Action:
    """Save a new action (built by the form, not yet saved) under its recommendation."""
    if action.pk is not None:
        raise ValueError("record_action() is for new actions; use update_action().")
    supporting = [org for org in supporting_organizations if org.pk != action.owner_id]
    with transaction.atomic():
        action.created_by = user
        if at is not None:
            action.created_at = at
            action._history_date = at
        action._history_user = user
        action.save()
        action.supporting_organizations.set(supporting)
    return action


def update_action(action: Action, *, user, supporting_organizations: Iterable[Organization]) -> Action:
    """Save an edited action; its status moves only through change_status()."""
    supporting = [org for org in supporting_organizations if org.pk != action.owner_id]
    with transaction.atomic():
        current = Action.objects.select_for_update().values_list("status", flat=True).get(pk=action.pk)
        if current != action.status:
            raise ValidationError(_("Change the status with “Change status”, not by editing."), code="status")
        if {o.pk for o in supporting} != set(action.supporting_organizations.values_list("pk", flat=True)):
            action._change_reason = "supporting_organizations"
        action._history_user = user
        action.save()
        action.supporting_organizations.set(supporting)
    return action


def add_report(
    action: Action,
    *,
    author,
    text: str,
    date: dt.date | None = None,
    evidence: str = "",
    evidence_url: str = "",
    value: Decimal | None = None,
    organization: Organization | None = None,
    at: dt.datetime | None = None,
) -> ActionReport:
    """Record what was done on ``action``; move its `last_report_at` on and, with a value, its current value."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        rec_status = Recommendation.objects.values_list("status", flat=True).get(pk=locked.recommendation_id)
        if rec_status in NO_REPORTS_STATUSES:
            raise ValidationError(
                _("This recommendation is “%(status)s”: no further progress reports.")
                % {"status": Recommendation.Status(rec_status).label},
                code="closed",
            )
        if locked.status == AStatus.CANCELLED:
            raise ValidationError(_("This action was cancelled: no further progress reports."), code="closed")
        report = ActionReport(
            action=locked,
            author=author,
            organization=organization,
            date=date or timezone.localdate(at),
            text=text.strip(),
            evidence=evidence.strip(),
            evidence_url=evidence_url,
            value=value,
            created_at=at,
        )
        report.full_clean(exclude=["action", "author", "organization"])
        report._history_user = author
        report._history_date = at
        report.save()
        updates: dict = {}
        if locked.last_report_at is None or locked.last_report_at < at:
            updates["last_report_at"] = at
        # The current value is the latest measurement's: a backdated report does not overwrite a newer one.
        if value is not None and (locked.current_value_on is None or report.date >= locked.current_value_on):
            updates.update(current_value=value, current_value_on=report.date)
        if updates:
            Action.objects.filter(pk=locked.pk).update(**updates)
            for name, field_value in updates.items():
                setattr(action, name, field_value)
        # The recommendation has news too: its reminders about silence stop.
        Recommendation.objects.filter(pk=locked.recommendation_id).filter(
            Q(last_report_at__isnull=True) | Q(last_report_at__lt=at)
        ).update(last_report_at=at)
    return report


def refresh_from_reports(action: Action) -> None:
    """Recompute `last_report_at` and the current value from the reports (after reports were deleted or
    edited in the admin): the newest report, and the value of the latest measurement date."""
    reports = ActionReport.objects.filter(action_id=action.pk)
    latest = reports.order_by("-created_at").values_list("created_at", flat=True).first()
    measured = reports.filter(value__isnull=False).order_by("-date", "-created_at").values("value", "date").first()
    updates = {
        "last_report_at": latest,
        "current_value": measured["value"] if measured else None,
        "current_value_on": measured["date"] if measured else None,
    }
    Action.objects.filter(pk=action.pk).update(**updates)
    for name, value in updates.items():
        setattr(action, name, value)


def status_disagreement(rec: Recommendation, actions: list[Action]) -> str:
    """A warning when the recommendation's status and its actions' tell different stories ('' when they agree)."""
    counted = [a for a in actions if a.status != AStatus.CANCELLED]
    if not counted:
        return ""
    done = [a for a in counted if a.status == AStatus.IMPLEMENTED]
    unfinished = [a for a in counted if a.status not in (AStatus.IMPLEMENTED, AStatus.REPORTED)]
    S = Recommendation.Status
    if rec.status in (S.REPORTED, S.IMPLEMENTED) and unfinished:
        return _("The recommendation is “%(status)s”, but %(count)s of its %(total)s actions are not implemented.") % {
            "status": S(rec.status).label,
            "count": len(unfinished),
            "total": len(counted),
        }
    if rec.status in Recommendation.OPEN_STATUSES and len(done) == len(counted):
        return _("All its actions are implemented: the recommendation itself can be reported implemented.")
    if rec.status in (S.PROPOSED, S.NOT_ACCEPTED, S.SUPERSEDED) and any(a.status != AStatus.PLANNED for a in counted):
        return _("Work on its actions has started, but the recommendation is “%(status)s”.") % {
            "status": S(rec.status).label
        }
    return ""
