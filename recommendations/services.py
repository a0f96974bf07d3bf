"""Writes that touch several rows: recording a recommendation, moving its status, posting a progress report.

Status rules (the register's workflow, after OHCHR's NRTD and IMPACT OSS):

    proposed    -> accepted, not accepted, superseded
    accepted    -> in progress, reported implemented, superseded
    in progress -> reported implemented, superseded
    reported implemented -> implemented (a reviewer confirms), in progress (a reviewer returns it, with a comment)
    implemented -> in progress   (reopening: the evidence turned out not to hold; a comment is required)
    not accepted, superseded: final

- "Implemented" is a request (issue 18): whoever reports moves the item to "reported implemented", and only a
  reviewer (the recommendation's editors, members of the National Commission, admins:
  `recommendations.review_implementation`) confirms it, never the one who reported it. Until then the
  dashboard counts it apart.
- "reported implemented" needs at least one progress report saying what was done (after a reopening: one
  posted since the reopening).
- "not accepted" and "superseded" need a comment (why, or by what), and so does reopening.
- Every change writes a StatusChange (who, when, comment) in the same transaction as the status itself,
  with the recommendation's row locked, so two people moving it at once cannot both pass the checks.
- A progress report moves `Recommendation.last_report_at` forward (never back) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import pagecache
from portal.models import Organization
from recommendations.models import ProgressReport, Recommendation, RecommendationTheme, StatusChange, main_theme
from recommendations.signals import RECOMMENDATIONS
from sites.models import Site

Status = Recommendation.Status

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PROPOSED: (Status.ACCEPTED, Status.NOT_ACCEPTED, Status.SUPERSEDED),
    Status.ACCEPTED: (Status.IN_PROGRESS, Status.REPORTED, Status.SUPERSEDED),
    Status.IN_PROGRESS: (Status.REPORTED, Status.SUPERSEDED),
    Status.REPORTED: (Status.IMPLEMENTED, Status.IN_PROGRESS),
    Status.IMPLEMENTED: (Status.IN_PROGRESS,),
    Status.NOT_ACCEPTED: (),
    Status.SUPERSEDED: (),
}
FINAL_STATUSES = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# A recommendation may be recorded as proposed, or as already accepted by the responsible bodies.
INITIAL_STATUSES = (Status.PROPOSED, Status.ACCEPTED)
# Nothing more to report once a recommendation was turned down or replaced.
NO_REPORTS_STATUSES = frozenset({Status.NOT_ACCEPTED, Status.SUPERSEDED})


# The moves only a reviewer makes: confirming a reported implementation, or returning it.
REVIEW_TRANSITIONS = frozenset({(Status.REPORTED, Status.IMPLEMENTED), (Status.REPORTED, Status.IN_PROGRESS)})


class TransitionError(ValidationError):
    """A status change the rules do not allow; the message says why."""


def allowed_transitions(status: str, *, reviewer: bool | None = None) -> tuple[str, ...]:
    """The statuses ``status`` may move to; ``reviewer`` True: only a reviewer's moves, False: only the others'."""
    targets = TRANSITIONS.get(status, ())
    if reviewer is None:
        return targets
    return tuple(t for t in targets if ((status, t) in REVIEW_TRANSITIONS) == reviewer)


def comment_required(from_status: str, to_status: str) -> bool:
    return to_status in (Status.NOT_ACCEPTED, Status.SUPERSEDED) or (
        from_status in (Status.IMPLEMENTED, Status.REPORTED) and to_status == Status.IN_PROGRESS
    )


def reported_by(rec) -> int | None:
    """The user who asked for the current "reported implemented" (None when unknown or not reported)."""
    return (
        StatusChange.objects.filter(recommendation=rec, to_status=Status.REPORTED)
        .order_by("-changed_at", "-pk")
        .values_list("changed_by_id", flat=True)
        .first()
    )


def has_report_for_implementation(rec: Recommendation) -> bool:
    """A progress report exists, posted after the latest reopening (or return by a reviewer) if there was one."""
    reports = ProgressReport.objects.filter(recommendation=rec)
    reopened = (
        StatusChange.objects.filter(
            recommendation=rec, from_status__in=[Status.IMPLEMENTED, Status.REPORTED], to_status=Status.IN_PROGRESS
        )
        .order_by("-changed_at", "-pk")
        .values_list("changed_at", flat=True)
        .first()
    )
    if reopened is not None:
        reports = reports.filter(created_at__gt=reopened)
    return reports.exists()


def check_transition(rec: Recommendation, to_status: str, comment: str = "") -> None:
    """Raise TransitionError unless ``rec`` may move to ``to_status`` now."""
    if to_status not in Status.values:
        raise TransitionError(_("Unknown status."), code="unknown")
    if to_status not in allowed_transitions(rec.status):
        raise TransitionError(
            _("A recommendation that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(rec.status).label, "to": Status(to_status).label},
            code="not_allowed",
        )
    if comment_required(rec.status, to_status) and not comment.strip():
        raise TransitionError(_("Please say why in a comment."), code="comment_required")
    if to_status == Status.REPORTED and not has_report_for_implementation(rec):
        raise TransitionError(
            _("Post a progress report saying what was done before marking the recommendation implemented."),
            code="report_required",
        )


def check_reviewer(rec: Recommendation, to_status: str, user) -> None:
    """Raise TransitionError unless ``user`` may make this move: a review needs a reviewer other than the one
    who reported the implementation; the other moves need one who may change the status."""
    if (rec.status, to_status) in REVIEW_TRANSITIONS:
        ensure_reviewer(rec, user, reported_by(rec))


def ensure_reviewer(rec: Recommendation, user, reporter_pk: int | None) -> None:
    """Raise TransitionError unless ``user`` reviews ``rec``'s implementations (a recommendation's or one of its
    actions') and is not the one who reported it (``reporter_pk``)."""
    if user is None or not user.has_perm("recommendations.review_implementation", rec):
        raise TransitionError(_("Only a reviewer can confirm or return an implementation."), code="reviewer")
    if user.pk is not None and reporter_pk == user.pk:
        raise TransitionError(
            _("Someone other than the one who reported the implementation has to confirm or return it."),
            code="own_report",
        )


def change_status(
    rec: Recommendation,
    to_status: str,
    *,
    user,
    comment: str = "",
    at: dt.datetime | None = None,
    check_user: bool = True,
) -> StatusChange:
    """Move ``rec`` to ``to_status`` and record who did it, when and why. ``at`` backdates (demo data only);
    ``check_user`` False skips the reviewer's checks (the caller checked, or a data load)."""
    at = at or timezone.now()
    with transaction.atomic():
        # Re-read under a lock: the caller's copy may be stale, and a concurrent change must wait for ours.
        locked = Recommendation.objects.select_for_update().get(pk=rec.pk)
        check_transition(locked, to_status, comment)
        if check_user:
            check_reviewer(locked, to_status, user)
        change = StatusChange(
            recommendation=locked,
            from_status=locked.status,
            to_status=to_status,
            changed_by=user,
            changed_at=at,
            comment=comment.strip(),
        )
        locked.status = to_status
        # The day the work was reported done; a confirmation keeps it (it is the date the dashboard measures).
        if to_status == Status.REPORTED:
            locked.implemented_on = timezone.localdate(at)
        elif to_status == Status.IMPLEMENTED:
            locked.implemented_on = locked.implemented_on or timezone.localdate(at)
        else:
            locked.implemented_on = None
        locked._history_user = user
        locked._history_date = at
        locked.save(update_fields=["status", "implemented_on", "updated_at"])
        change.save()
    rec.status, rec.implemented_on = locked.status, locked.implemented_on
    return change


def add_progress_report(
    rec: Recommendation,
    *,
    author,
    text: str,
    date: dt.date | None = None,
    evidence_url: str = "",
    organization: Organization | None = None,
    at: dt.datetime | None = None,
) -> ProgressReport:
    """Record what was done and move the recommendation's `last_report_at` on."""
    at = at or timezone.now()
    with transaction.atomic():
        status = Recommendation.objects.select_for_update().values_list("status", flat=True).get(pk=rec.pk)
        if status in NO_REPORTS_STATUSES:
            raise ValidationError(
                _("This recommendation is “%(status)s”: no further progress reports.")
                % {"status": Status(status).label},
                code="closed",
            )
        report = ProgressReport(
            recommendation=rec,
            author=author,
            organization=organization,
            date=date or timezone.localdate(at),
            text=text.strip(),
            evidence_url=evidence_url,
            created_at=at,
        )
        report.full_clean(exclude=["recommendation", "author", "organization"])
        report._history_user = author
        report._history_date = at
        report.save()
        # Forward only: a backdated report must not make the item look more recently reported than it is.
        Recommendation.objects.filter(pk=rec.pk).filter(
            Q(last_report_at__isnull=True) | Q(last_report_at__lt=at)
        ).update(last_report_at=at)
    if rec.last_report_at is None or rec.last_report_at < at:
        rec.last_report_at = at
    return report


def refresh_last_report_at(rec: Recommendation) -> None:
    """Recompute `last_report_at` from the reports (after reports were added or deleted in the admin)."""
    latest = (
        ProgressReport.objects.filter(recommendation=rec).order_by("-created_at").values_list("created_at", flat=True)
    ).first()
    Recommendation.objects.filter(pk=rec.pk).update(last_report_at=latest)
    rec.last_report_at = latest


def set_themes(rec: Recommendation, themes: Iterable[str] | None) -> bool:
    """Give the saved ``rec`` the ``themes`` (None: keep those it has), always with its main theme, which moves
    to the first chosen theme when it is not among them. True when the themes changed; call it inside the
    transaction that saves ``rec``, after its save()."""
    existing = set(RecommendationTheme.objects.filter(recommendation=rec).values_list("theme", flat=True))
    wanted = existing if themes is None else set(themes)
    if wanted:
        theme = main_theme(rec.theme, wanted)
        if theme != rec.theme:
            rec.theme = theme
            Recommendation.objects.filter(pk=rec.pk).update(theme=theme)
    wanted.add(rec.theme)
    if wanted == existing:
        return False
    RecommendationTheme.objects.filter(recommendation=rec).exclude(theme__in=wanted).delete()
    RecommendationTheme.objects.bulk_create(
        [RecommendationTheme(recommendation=rec, theme=theme) for theme in sorted(wanted - existing)]
    )
    pagecache.bump_version(RECOMMENDATIONS)  # bulk_create sends no post_save for recommendations.signals
    return True


def record_recommendation(
    rec: Recommendation,
    *,
    user,
    sites: Iterable[Site] = (),
    supporting_organizations: Iterable[Organization] = (),
    sdg_targets: Iterable | None = None,
    themes: Iterable[str] | None = None,
) -> Recommendation:
    """Save a new recommendation (built by the form, not yet saved) with its sites, supporting bodies and
    themes (None: its main theme alone)."""
    if rec.pk is not None:
        raise ValueError("record_recommendation() is for new recommendations; use update_recommendation().")
    if rec.status not in INITIAL_STATUSES:
        raise ValidationError(_("A new recommendation starts as proposed or accepted."), code="initial_status")
    supporting = [org for org in supporting_organizations if org.pk != rec.lead_organization_id]
    with transaction.atomic():
        rec.created_by = user
        rec._history_user = user
        if themes is not None:
            themes = list(themes)
            if themes:
                rec.theme = main_theme(rec.theme, themes)
        rec.save()
        set_themes(rec, themes)
        rec.sites.set(list(sites))
        rec.supporting_organizations.set(supporting)
        if sdg_targets is not None:
            rec.sdg_targets.set(list(sdg_targets))
    return rec


def update_recommendation(
    rec: Recommendation,
    *,
    user,
    sites: Iterable[Site],
    supporting_organizations: Iterable[Organization],
    sdg_targets: Iterable | None = None,
    themes: Iterable[str] | None = None,
) -> Recommendation:
    """Save an edited recommendation. The status is not edited here: it moves only through change_status().
    ``themes`` None keeps the themes it has."""
    sites = list(sites)
    supporting = [org for org in supporting_organizations if org.pk != rec.lead_organization_id]
    with transaction.atomic():
        current_status = Recommendation.objects.select_for_update().values_list("status", flat=True).get(pk=rec.pk)
        if rec.status != current_status:
            raise ValidationError(_("Change the status with “Change status”, not by editing."), code="status")
        changed = []
        if {s.pk for s in sites} != set(rec.sites.values_list("pk", flat=True)):
            changed.append("sites")
        if {o.pk for o in supporting} != set(rec.supporting_organizations.values_list("pk", flat=True)):
            changed.append("supporting_organizations")
        if sdg_targets is not None:
            sdg_targets = list(sdg_targets)
            if {t.pk for t in sdg_targets} != set(rec.sdg_targets.values_list("pk", flat=True)):
                changed.append("sdg_targets")
        if themes is not None:
            themes = list(themes)
            if set(themes) != set(rec.themes.values_list("theme", flat=True)):
                changed.append("themes")
            if themes:
                rec.theme = main_theme(rec.theme, themes)
        # The audit trail does not follow many-to-many fields by itself: their names go in the change reason
        # (field names, translated when shown; see recommendations.timeline).
        rec._change_reason = " ".join(changed) or None
        rec._history_user = user
        rec.save()
        set_themes(rec, themes)
        rec.sites.set(sites)
        rec.supporting_organizations.set(supporting)
        if sdg_targets is not None:
            rec.sdg_targets.set(sdg_targets)
    return rec


def set_published(rec: Recommendation, published: bool, *, user) -> bool:
    """Publish ``rec`` to the public register or take it back; False when it already was so. The first
    publication's date is kept when it is taken back, and moved on when it is published again."""
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=rec.pk)
        if locked.published == published:
            rec.published, rec.published_at = locked.published, locked.published_at
            return False
        locked.published = published
        if published:
            locked.published_at = timezone.now()
        locked._history_user = user
        locked.save(update_fields=["published", "published_at", "updated_at"])
    rec.published, rec.published_at = locked.published, locked.published_at
    return True
