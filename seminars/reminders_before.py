"""Reminders before a seminar (issue 20, item 2): N days before the start (per seminar, by default 3 and 1),
to everyone registered or on the waiting list, in their language, with the .ics, the venue and the organizers'
contacts; those on the waiting list are told their place.

The hourly task (seminars.plan_seminar_reminders) queues, for each registration, the nearest reminder that is
due and not sent: someone who registers two days before gets the 1-day reminder only, never both at once, and
nobody is reminded of a seminar they registered for after the reminder's moment. Sending claims the reminder
by inserting its SeminarReminder row: the unique constraint lets it go once.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from portal.models import OrganizationEmail
from seminars.models import Registration, Seminar, SeminarReminder

REMINDED = (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)
LOOK_AHEAD_DAYS = 61  # the largest reminder a seminar may ask for, plus one


def due(now: dt.datetime | None = None) -> list[tuple[int, int]]:
    """(registration id, days) of each reminder to send now."""
    now = now or timezone.now()
    seminars = Seminar.objects.filter(
        status=Seminar.Status.PUBLISHED, start__gt=now, start__lte=now + dt.timedelta(days=LOOK_AHEAD_DAYS)
    ).exclude(reminder_days="")
    found = []
    for seminar in seminars.only("pk", "start", "reminder_days"):
        due_days = [d for d in seminar.reminder_day_list if now >= seminar.start - dt.timedelta(days=d)]
        if not due_days:
            continue
        days = min(due_days)
        moment = seminar.start - dt.timedelta(days=days)
        sent = SeminarReminder.objects.filter(registration=OuterRef("pk"), days=days)
        rows = (
            Registration.objects.filter(
                seminar=seminar, status__in=REMINDED, email__isnull=False, created_at__lt=moment
            )
            .exclude(Exists(sent))
            .values_list("pk", flat=True)
        )
        found += [(pk, days) for pk in rows]
    return found


def claim(registration_id: int, days: int) -> SeminarReminder | None:
    """The reminder's row, written now; None when it was sent already."""
    try:
        with transaction.atomic():
            return SeminarReminder.objects.create(registration_id=registration_id, days=days)
    except IntegrityError:
        return None


def organizer_contacts(seminar: Seminar) -> list[dict]:
    """Each organizing organization's name and contact addresses, for the e-mail's "questions?" line."""
    organizers = list(seminar.organizers.all())
    emails: dict[int, list[str]] = {}
    for row in OrganizationEmail.objects.filter(organization__in=organizers).order_by("email"):
        emails.setdefault(row.organization_id, []).append(row.email)
    return [{"organization": o, "emails": emails.get(o.pk, [])} for o in organizers]  # named in the mail's language
