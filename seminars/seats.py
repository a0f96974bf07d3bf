"""The seats of a seminar: who holds one, and whose turn it is on the waiting list.

Every change to who holds a seat locks the seminar row (SELECT ... FOR UPDATE) first, so two requests
counting seats at the same moment queue up instead of both taking the last one. E-mails are queued for
the worker only after the transaction commits.
"""

from __future__ import annotations

from django.utils import timezone

from portal.tasks import enqueue
from seminars.models import Registration, Seminar

Status = Registration.Status


def lock(seminar: Seminar) -> Seminar:
    """Lock the seminar row until the transaction ends: the queue for its seats."""
    return Seminar.objects.select_for_update().only("pk", "capacity").get(pk=seminar.pk)


def seats_taken(seminar: Seminar) -> int:
    return Registration.objects.filter(seminar_id=seminar.pk, status__in=Registration.SEAT_HOLDING).count()


def free_seats(seminar: Seminar, taken: int) -> int | None:
    """None when there is no limit."""
    return None if seminar.capacity is None else max(seminar.capacity - taken, 0)


def notify_after_commit(task_name: str, registration_id: int) -> None:
    from seminars import tasks

    enqueue(getattr(tasks, task_name), registration_id=registration_id)


def fill_free_seats(locked: Seminar, *, by=None) -> list[Registration]:
    """Give free seats to the waiting list, first come first served. The caller holds the lock."""
    free = free_seats(locked, seats_taken(locked))
    queue = Registration.objects.filter(seminar_id=locked.pk).waitlisted()
    if free is not None:
        if free == 0:
            return []
        queue = queue[:free]
    promoted = []
    now = timezone.now()
    for registration in queue:
        promote_now(registration, now=now, by=by)
        promoted.append(registration)
    return promoted


def promote_now(registration: Registration, *, now, by=None) -> None:
    registration.status = Status.REGISTERED
    registration.promoted_at = now
    registration.promotion_notified_at = None
    if by is not None:
        registration._history_user = by
    registration.save()
    notify_after_commit("send_promotion_notice", registration.pk)
