"""Writes of the reminders app that views, the admin, tasks and commands share.

Handing work to the broker never fails a caller: a broker that is down is logged, the rows stay pending in
PostgreSQL, and the sweeper (every ten minutes) or the next planning run hands them over once it is back.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from portal.tasks import enqueue_now
from reminders.models import Delivery, ReminderItem
from reminders.sending import ready_ids

log = logging.getLogger(__name__)

SEND_BATCH_SIZE = 50
# A pending row handed to the broker this long ago and still pending is handed over again (the message was
# lost, e.g. Redis restarted without persistence). Claims make a second message for the same row harmless.
REQUEUE_AFTER = dt.timedelta(minutes=10)


def enqueue_batch(delivery_ids: list[int], *, eta: dt.datetime | None = None) -> bool:
    """Hand one batch to a worker; False (and logged) when the broker is unreachable."""
    from reminders.tasks import send_deliveries

    if not enqueue_now(send_deliveries, delivery_ids=list(delivery_ids), eta=eta):
        log.warning("reminders: broker unreachable; %d deliveries wait for the sweeper", len(delivery_ids))
        return False
    Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.PENDING).update(
        enqueued_at=eta or timezone.now()
    )
    return True


def enqueue_ready(*, requeue_after: dt.timedelta | None = REQUEUE_AFTER) -> int:
    """Hand every pending delivery that is due (and not already queued) to the workers, in batches."""
    ids = ready_ids(unqueued_for=requeue_after)
    enqueued = 0
    for start in range(0, len(ids), SEND_BATCH_SIZE):
        batch = ids[start : start + SEND_BATCH_SIZE]
        if not enqueue_batch(batch):
            break  # the broker is down: the rest would fail the same way
        enqueued += len(batch)
    return enqueued


def send_again(delivery: Delivery, *, reason: str, requested_by=None) -> Delivery:
    """A new delivery with the same items as ``delivery``, in the same cycle, with the stated reason.

    The copy takes the next sequence number for this recipient and cycle; the unique constraint settles a race
    between two admins, and we take the following number.
    """
    origin = delivery.resend_of or delivery
    for _attempt in range(3):
        try:
            with transaction.atomic():
                sequence = (
                    Delivery.objects.filter(recipient_email=origin.recipient_email, cycle=origin.cycle).aggregate(
                        top=Max("sequence")
                    )["top"]
                    or 0
                ) + 1
                copy = Delivery.objects.create(
                    recipient_email=origin.recipient_email,
                    recipient_name=origin.recipient_name,
                    language=origin.language,
                    organization_id=origin.organization_id,
                    user_id=origin.user_id,
                    cycle=origin.cycle,
                    planned_on=origin.planned_on,
                    sequence=sequence,
                    resend_of=origin,
                    reason=reason,
                    requested_by=requested_by,
                    escalated=origin.escalated,
                    item_count=origin.item_count,
                )
                ReminderItem.objects.bulk_create(
                    [
                        ReminderItem(
                            delivery=copy,
                            kind=item.kind,
                            recommendation_id=item.recommendation_id,
                            obligation_id=item.obligation_id,
                            designation_id=item.designation_id,
                            site_id=item.site_id,
                            due_date=item.due_date,
                            days_overdue=item.days_overdue,
                            escalated=item.escalated,
                            last_report_on=item.last_report_on,
                        )
                        for item in origin.items.order_by("pk")
                    ]
                )
                transaction.on_commit(lambda pk=copy.pk: enqueue_batch([pk]))
                return copy
        except IntegrityError:
            continue
    raise IntegrityError("could not find a free sequence number for the resend")
