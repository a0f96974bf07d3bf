"""Writes of the reminders app that views and the admin share (handing work to the broker is in tasks)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max

from reminders.models import Delivery, ReminderItem
from reminders.tasks import enqueue_batch


def send_again(delivery: Delivery, *, reason: str, requested_by=None) -> Delivery:
    """A new delivery with the same items as ``delivery``, in the same cycle, with the stated reason.

    The copy takes the next sequence number for this recipient and cycle; the unique constraint settles a race
    between two admins, and we take the following number.
    """
    if delivery.kind == Delivery.Kind.NEWS:
        raise ValueError("a news digest goes out at most once a week: it is never sent again")
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
                            action_id=item.action_id,
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
