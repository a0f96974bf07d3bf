"""Closing the loop (issue 19, item 4): the participants who asked for news of their seminar's recommendations
hear what became of them, at most once a week, through the reminders outbox.

`plan_news(now)` reads the opt-ins (`Registration.news_opt_in_at`, registration not cancelled) and the status
changes and progress reports of the published recommendations whose source is one of those seminars. An address
gets a news digest when one of its seminars' recommendations changed since its last news digest (or since it
asked, and never more than LOOKBACK back): one Delivery of kind "news" per address and week (its cycle is the
week's Monday), one ReminderItem per recommendation. The unique constraint on (address, kind, cycle, sequence)
and the check that a news digest is never a resend (sequence 0) make a second one in the same week impossible,
whatever runs at once; a run that finds the week's row there adds nothing, and later changes wait for the next
week. Sending is reminders.sending's (claims, retries, the sweeper), the message reminders.digest's.

The digest shows only what the public register shows (recommendations.public): published items, their status
changes without who made them or their comment, progress reports with their organization, never their author.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from recommendations.models import ProgressReport, Recommendation, StatusChange
from reminders.models import Delivery, ReminderItem
from reminders.planning import cycle_start
from seminars.models import Registration, Seminar

WEEK_DAYS = 7
# News older than this is not news: the first digest after a long silence (or a late opt-in) starts here.
LOOKBACK = dt.timedelta(days=31)
REPORT_EXCERPT_CHARS = 400

Kind = Delivery.Kind


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week: a news digest's cycle, whatever the reminder cycle is."""
    return cycle_start(day, WEEK_DAYS)


@dataclass
class NewsPlanResult:
    week: dt.date
    subscribers: int
    recipients: int
    created: int


def subscriptions():
    """The registrations whose participant wants news of the seminar's recommendations (and has an address)."""
    return (
        Registration.objects.filter(news_opt_in_at__isnull=False, email__isnull=False)
        .exclude(email="")
        .exclude(status=Registration.Status.CANCELLED)
    )


def _events(seminar_ids, since: dt.datetime, until: dt.datetime) -> dict[int, list[tuple[int, dt.datetime]]]:
    """{seminar id: [(recommendation id, when)]} of the published seminar recommendations' status changes and
    progress reports in (since, until]: two queries."""
    recommendations = Recommendation.objects.published().filter(
        source_kind=Recommendation.SourceKind.SEMINAR, seminar_id__in=list(seminar_ids)
    )
    rec_ids = recommendations.values("pk")
    events = defaultdict(list)
    for rec_id, seminar_id, at in StatusChange.objects.filter(
        recommendation_id__in=rec_ids, changed_at__gt=since, changed_at__lte=until
    ).values_list("recommendation_id", "recommendation__seminar_id", "changed_at"):
        events[seminar_id].append((rec_id, at))
    for rec_id, seminar_id, at in ProgressReport.objects.filter(
        recommendation_id__in=rec_ids, created_at__gt=since, created_at__lte=until
    ).values_list("recommendation_id", "recommendation__seminar_id", "created_at"):
        events[seminar_id].append((rec_id, at))
    return events


def plan_news(now: dt.datetime | None = None) -> NewsPlanResult:
    """Write this week's news digests. Safe to run any number of times, also concurrently."""
    now = now or timezone.now()
    week = week_of(timezone.localdate(now))
    horizon = now - LOOKBACK
    rows = list(
        subscriptions()
        .filter(news_opt_in_at__lte=now)
        .order_by("email", "-created_at", "-pk")
        .values_list("email", "seminar_id", "news_opt_in_at", "language", "full_name")
    )
    result = NewsPlanResult(week=week, subscribers=len({row[0] for row in rows}), recipients=0, created=0)
    if not rows:
        return result
    planned = set(Delivery.objects.filter(kind=Kind.NEWS, cycle=week).values_list("recipient_email", flat=True))
    last_end = dict(
        Delivery.objects.filter(kind=Kind.NEWS, window_end__gt=horizon)
        .values("recipient_email")
        .annotate(end=Max("window_end"))
        .values_list("recipient_email", "end")
    )
    events = _events({row[1] for row in rows}, horizon, now)

    # Per address: its language and name (those of its latest registration), the start of its window, and the
    # recommendations with news since that start for the seminar it asked about.
    recipients: dict[str, dict] = {}
    for email, seminar_id, opted_in_at, language, name in rows:
        if email in planned:
            continue
        entry = recipients.get(email)
        if entry is None:
            start = max(horizon, last_end.get(email) or horizon)
            entry = recipients[email] = {"language": language, "name": name, "start": start, "from": None, "recs": {}}
        since = max(entry["start"], opted_in_at)
        for rec_id, at in events.get(seminar_id, ()):
            if at > since:
                entry["recs"][rec_id] = min(at, entry["recs"].get(rec_id, at))
                entry["from"] = since if entry["from"] is None else min(entry["from"], since)
    recipients = {email: entry for email, entry in recipients.items() if entry["recs"]}
    result.recipients = len(recipients)
    if not recipients:
        return result

    token = uuid.uuid4()
    emails = sorted(recipients)  # one global order: concurrent runs take row locks in the same order
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [
                Delivery(
                    kind=Kind.NEWS,
                    recipient_email=email,
                    recipient_name=recipients[email]["name"][:255],
                    language=recipients[email]["language"],
                    cycle=week,
                    planned_on=timezone.localdate(now),
                    window_start=recipients[email]["from"],
                    window_end=now,
                    item_count=len(recipients[email]["recs"]),
                    plan_token=token,
                    created_at=now,
                )
                for email in emails
            ],
            ignore_conflicts=True,
        )
        owned = dict(Delivery.objects.filter(plan_token=token).values_list("recipient_email", "pk"))
        ReminderItem.objects.bulk_create(
            [
                ReminderItem(delivery_id=pk, kind=ReminderItem.Kind.NEWS, recommendation_id=rec_id)
                for email, pk in sorted(owned.items())
                for rec_id in sorted(recipients[email]["recs"], key=lambda r: (recipients[email]["recs"][r], r))
            ]
        )
    result.created = len(owned)
    return result


# The message ---------------------------------------------------------------------------------------------------


def still_subscribed(email: str) -> bool:
    return subscriptions().filter(email=email).exists()


def news_context(delivery: Delivery, absolute) -> dict | None:
    """What the news digest says, in the active language; None when nothing public is left to tell.

    ``absolute`` makes a portal path a full link in the digest's language (reminders.digest.absolute).
    """
    if not still_subscribed(delivery.recipient_email):  # unsubscribed between planning and sending
        return None
    since, until = delivery.window_start, delivery.window_end
    rec_ids = [item.recommendation_id for item in delivery.items.all()]
    recs = (
        Recommendation.objects.published()
        .filter(pk__in=rec_ids, source_kind=Recommendation.SourceKind.SEMINAR)
        .select_related("seminar")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.filter(changed_at__gt=since, changed_at__lte=until).only(
                    "recommendation_id", "to_status", "changed_at"
                ),
            ),
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.filter(created_at__gt=since, created_at__lte=until).select_related(
                    "organization"
                ),
            ),
        )
    )
    order = {rec_id: index for index, rec_id in enumerate(rec_ids)}
    groups: dict[int | None, dict] = {}
    for rec in sorted(recs, key=lambda r: order[r.pk]):
        events = [
            {"at": change.changed_at, "kind": "status", "status": Recommendation.Status(change.to_status).label}
            for change in rec.status_changes.all()
        ] + [
            {
                "at": report.created_at,
                "kind": "report",
                "date": report.date,
                "organization": report.organization.name if report.organization_id else "",
                "text": Truncator(" ".join(report.text.split())).chars(REPORT_EXCERPT_CHARS),
            }
            for report in rec.progress_reports.all()
        ]
        if not events:
            continue
        events.sort(key=lambda e: e["at"])
        seminar = rec.seminar
        # A draft seminar is not public (seminars.models.SeminarQuerySet.public): not even its title.
        public_seminar = seminar is not None and seminar.status != Seminar.Status.DRAFT
        key = seminar.pk if public_seminar else None
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "heading": str(seminar.title) if public_seminar else _("Your seminar"),
                "url": absolute(seminar.get_absolute_url()) if public_seminar else "",
                "start": seminar.start if public_seminar else None,
                "items": [],
            }
        group["items"].append(
            {
                "title": str(rec.title),
                "status": rec.get_status_display(),
                "url": absolute(reverse("recommendations:detail", kwargs={"pk": rec.pk})),
                "events": events,
            }
        )
    if not groups:
        return None
    ordered = sorted(
        groups.values(), key=lambda g: (g["start"] is None, -(g["start"].timestamp() if g["start"] else 0))
    )
    return {
        "delivery": delivery,
        "groups": ordered,
        "item_count": sum(len(g["items"]) for g in ordered),
        "since": timezone.localtime(since) if since else None,
        "register_url": absolute(reverse("recommendations:list")),
    }
