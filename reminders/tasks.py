"""Thin Celery tasks: keyword-only ids, time limits, retries only for named transient errors.

Beat (portal/celery.py) runs `reminders.plan_reminders` daily, `reminders.plan_news` hourly (the participants'
news digests, at most one a week each: reminders.news) and `reminders.sweep_stuck_deliveries` every ten
minutes. SMTP errors are not retried here but per delivery, in the database (see reminders.sending): the retry
is a new `send_deliveries` message with an ETA, and the sweeper re-sends it if that message is lost.

Handing work to the broker never fails a caller: a broker that is down is logged, the rows stay pending in
PostgreSQL, and the sweeper (every ten minutes) or the next planning run hands them over once it is back.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from portal.tasks import enqueue_now
from reminders import news, planning, sending
from reminders.models import Delivery

log = logging.getLogger(__name__)

# The database went away for a moment (restart, fail-over, a dropped connection): run the task again.
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)
_RETRY = {
    "autoretry_for": TRANSIENT_DB_ERRORS,
    "retry_backoff": 10,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="reminders.plan_reminders", time_limit=1200, soft_time_limit=1140, **_RETRY)
def plan_reminders(*, date: str | None = None) -> dict:
    """Plan this cycle's digests (idempotent), then hand every ready delivery to the senders."""
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    result = planning.plan(today)
    enqueued = enqueue_ready()
    log.info(
        "reminders: cycle %s, %d recipients, %d new deliveries, %d queued",
        result.cycle,
        result.recipients,
        result.created,
        enqueued,
    )
    return {"cycle": result.cycle.isoformat(), "created": result.created, "enqueued": enqueued}


@shared_task(name="reminders.plan_news", time_limit=600, soft_time_limit=540, **_RETRY)
def plan_news() -> dict:
    """Plan this week's news digests for the participants who asked (idempotent), then hand them over."""
    result = news.plan_news()
    enqueued = enqueue_ready() if result.created else 0
    if result.created:
        log.info("reminders: news week %s, %d new deliveries, %d queued", result.week, result.created, enqueued)
    return {"week": result.week.isoformat(), "created": result.created, "enqueued": enqueued}


@shared_task(name="reminders.send_deliveries", time_limit=240, soft_time_limit=180, **_RETRY)
def send_deliveries(*, delivery_ids: list[int]) -> dict:
    outcome = sending.send_batch(delivery_ids)
    for retry_at, ids in outcome.retries.items():
        enqueue_batch(ids, eta=retry_at)
    return outcome.summary()


@shared_task(name="reminders.sweep_stuck_deliveries", time_limit=120, soft_time_limit=100, **_RETRY)
def sweep_stuck_deliveries(*, stuck_after_seconds: int | None = None) -> dict:
    """Put back deliveries a dead worker left in `sending`; hand over pending ones the broker never got."""
    older_than = dt.timedelta(seconds=stuck_after_seconds) if stuck_after_seconds is not None else None
    swept = sending.release_stuck(older_than=older_than)
    enqueued = enqueue_ready()
    if swept["requeued"] or swept["failed"] or enqueued:
        log.info("reminders: swept %s, queued %d", swept, enqueued)
    return swept | {"enqueued": enqueued}


SEND_BATCH_SIZE = 50
# A pending row handed to the broker this long ago and still pending is handed over again (the message was
# lost, e.g. Redis restarted without persistence). Claims make a second message for the same row harmless.
REQUEUE_AFTER = dt.timedelta(minutes=10)


def enqueue_batch(delivery_ids: list[int], *, eta: dt.datetime | None = None) -> bool:
    """Hand one batch to a worker; False (and logged) when the broker is unreachable."""
    if not enqueue_now(send_deliveries, delivery_ids=list(delivery_ids), eta=eta):
        log.warning("reminders: broker unreachable; %d deliveries wait for the sweeper", len(delivery_ids))
        return False
    Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.PENDING).update(
        enqueued_at=eta or timezone.now()
    )
    return True


def enqueue_ready(*, requeue_after: dt.timedelta | None = REQUEUE_AFTER) -> int:
    """Hand every pending delivery that is due (and not already queued) to the workers, in batches."""
    ids = sending.ready_ids(unqueued_for=requeue_after)
    enqueued = 0
    for start in range(0, len(ids), SEND_BATCH_SIZE):
        batch = ids[start : start + SEND_BATCH_SIZE]
        if not enqueue_batch(batch):
            break  # the broker is down: the rest would fail the same way
        enqueued += len(batch)
    return enqueued
