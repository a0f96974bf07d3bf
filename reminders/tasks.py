"""Thin Celery tasks: keyword-only ids, time limits, retries only for named transient errors.

Beat (portal/celery.py) runs `reminders.plan_reminders` daily and `reminders.sweep_stuck_deliveries` every
ten minutes. SMTP errors are not retried here but per delivery, in the database (see reminders.sending):
the retry is a new `send_deliveries` message with an ETA, and the sweeper re-sends it if that message is lost.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from reminders import planning, sending, services

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
    enqueued = services.enqueue_ready()
    log.info(
        "reminders: cycle %s, %d recipients, %d new deliveries, %d queued",
        result.cycle,
        result.recipients,
        result.created,
        enqueued,
    )
    return {"cycle": result.cycle.isoformat(), "created": result.created, "enqueued": enqueued}


@shared_task(name="reminders.send_deliveries", time_limit=240, soft_time_limit=180, **_RETRY)
def send_deliveries(*, delivery_ids: list[int]) -> dict:
    outcome = sending.send_batch(delivery_ids)
    for retry_at, ids in outcome.retries.items():
        services.enqueue_batch(ids, eta=retry_at)
    return outcome.summary()


@shared_task(name="reminders.sweep_stuck_deliveries", time_limit=120, soft_time_limit=100, **_RETRY)
def sweep_stuck_deliveries(*, stuck_after_seconds: int | None = None) -> dict:
    """Put back deliveries a dead worker left in `sending`; hand over pending ones the broker never got."""
    older_than = dt.timedelta(seconds=stuck_after_seconds) if stuck_after_seconds is not None else None
    swept = sending.release_stuck(older_than=older_than)
    enqueued = services.enqueue_ready()
    if swept["requeued"] or swept["failed"] or enqueued:
        log.info("reminders: swept %s, queued %d", swept, enqueued)
    return swept | {"enqueued": enqueued}
