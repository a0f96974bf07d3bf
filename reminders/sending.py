"""Send claimed deliveries through Django's e-mail backend, one connection per batch.

A batch is claimed with one conditional UPDATE (status pending -> sending, a fresh claim token, attempts + 1):
a worker that updates no row knows another got there first. Each message is marked sent right after the
server accepted it, in its own commit, so a worker killed mid-batch can have sent at most the one message
in flight without recording it; the sweeper puts its claimed rows back after REMINDER_SENDING_TIMEOUT_SECONDS
and that one message may go out twice. That is the whole duplicate bound: one message per killed process.
Those commits do not wait for the disk (see _commit_without_waiting_for_disk): a crash of PostgreSQL itself,
unlike a worker's, can lose the record of the last fraction of a second of messages, which then go out again.

Errors are classified by portal.mail: 4xx replies, timeouts, refused or dropped connections are transient
(retried with exponential backoff, at most REMINDER_MAX_ATTEMPTS attempts); 5xx replies are permanent (failed,
no retry).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db
from django.db import connections
from django.db.models import F, Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import mail
from reminders import letters
from reminders.digest import NothingToSend, build_message
from reminders.models import Delivery, ReminderItem

log = logging.getLogger(__name__)

TRANSIENT, PERMANENT = mail.TRANSIENT, mail.PERMANENT
classify, breaks_connection = mail.classify, mail.breaks_connection

Status = Delivery.Status
Kind = ReminderItem.Kind


def backoff(attempts: int) -> dt.timedelta:
    """Delay before attempt ``attempts + 1``: base, 2×base, 4×base... capped (settings.REMINDER_RETRY_*)."""
    return mail.backoff(attempts, base=settings.REMINDER_RETRY_BASE_SECONDS, cap=settings.REMINDER_RETRY_MAX_SECONDS)


@dataclass
class Record:
    delivery_id: int
    email: str
    items: int
    result: str  # sent, retry, failed, cancelled, released
    detail: str = ""


@dataclass
class BatchOutcome:
    claimed: int = 0
    records: list[Record] = field(default_factory=list)
    # When to try again -> delivery ids (transient failures and rows released unattempted).
    retries: dict[dt.datetime | None, list[int]] = field(default_factory=lambda: defaultdict(list))

    def count(self, result: str) -> int:
        return sum(1 for r in self.records if r.result == result)

    def summary(self) -> dict[str, int]:
        return {name: self.count(name) for name in ("sent", "retry", "failed", "cancelled", "released")} | {
            "claimed": self.claimed
        }


def claim(delivery_ids, now: dt.datetime) -> uuid.UUID | None:
    """Claim the ready rows among ``delivery_ids``; returns the token, or None if none was left for us."""
    token = uuid.uuid4()
    claimed = (
        Delivery.objects.ready_to_send(now)
        .filter(pk__in=list(delivery_ids))
        .update(status=Status.SENDING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
    )
    return token if claimed else None


def send_batch(delivery_ids, *, now: dt.datetime | None = None) -> BatchOutcome:
    outcome = BatchOutcome()
    now = now or timezone.now()
    token = claim(delivery_ids, now)
    if token is None:
        return outcome
    deliveries = list(
        Delivery.objects.filter(claim_token=token)
        .select_related("organization")
        .order_by("pk")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=ReminderItem.objects.select_related(
                    "recommendation__lead_organization",
                    "action__owner",
                    "site",
                    "obligation__designation",
                    "designation",
                ).order_by("pk"),
            )
        )
    )
    # "Several sites" items (no site of their own) name their recommendation's sites: one query a batch, and
    # only for those items; fetching every item's sites cost a 26-column Site object per item.
    prefetch_related_objects(
        [
            item.recommendation
            for d in deliveries
            for item in d.items.all()
            if not item.site_id and item.recommendation_id
        ],
        "sites",
    )
    outcome.claimed = len(deliveries)
    connection = get_connection(fail_silently=False)
    remaining = list(reversed(deliveries))
    release_at = None  # when to try the rows this batch could not attempt
    _commit_without_waiting_for_disk(True)
    try:
        try:
            connection.open()
        except Exception as exc:  # every delivery of the batch shares the fate of the connection
            for delivery in deliveries:
                _failed(delivery, token, exc, outcome)
            return outcome
        while remaining:
            delivery = remaining.pop()
            try:
                message = build_message(delivery, connection)
                letters.attach(message, delivery)  # an escalation to an organization carries its official letter
            except NothingToSend:
                _finish(delivery, token, outcome, Status.CANCELLED, "cancelled", _("Nothing left to remind of."))
                continue
            except Exception as exc:
                log.exception("reminders: could not build delivery %s", delivery.pk)
                _failed(delivery, token, exc, outcome)
                continue
            try:
                mail.send_over(connection, message)  # the prepared bytes on the open session (portal.mail.wire)
            except Exception as exc:
                release_at = _failed(delivery, token, exc, outcome)
                if breaks_connection(exc):
                    break
                release_at = None
                continue
            _sent(delivery, token, outcome, message.extra_headers["Message-ID"])
    except SoftTimeLimitExceeded:
        log.warning("reminders: time limit reached, putting back %d deliveries", len(remaining))
    finally:
        try:
            connection.close()
        except Exception:  # closing a dead connection must not hide what happened before
            log.debug("reminders: error closing the SMTP connection", exc_info=True)
        if remaining:
            _release(remaining, token, outcome, release_at)
        _commit_without_waiting_for_disk(False)
    return outcome


def _commit_without_waiting_for_disk(on: bool) -> None:
    """PostgreSQL's ``synchronous_commit = off`` for this session while a batch records its outcomes.

    Each message is marked sent in its own commit right after the server answered (the duplicate bound above).
    Waiting for that commit to reach the disk cost about 10 ms per message on a busy machine, a ceiling of
    some 100 e-mails a second for one worker. Without the wait the commit is visible to every other session at
    once and survives the death of this worker, SIGKILL included: the bound for a killed worker is unchanged.
    What it gives up: if PostgreSQL itself crashes, the outcomes of the last moments (at most three times
    wal_writer_delay, 0.6 s by default) can be lost, and the sweeper sends those messages once more. The claim
    before the batch is still a synchronous commit.
    """
    if db.vendor != "postgresql":
        return
    try:
        with db.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF" if on else "RESET synchronous_commit")
    except Exception:  # a broken connection: the writes that follow fail too, and the setting dies with it
        log.debug("reminders: could not set synchronous_commit", exc_info=True)


def _finish(delivery, token, outcome, status, result, detail="", message_id=""):
    sent_at = timezone.now() if status == Status.SENT else None
    updated = Delivery.objects.filter(pk=delivery.pk, claim_token=token, status=Status.SENDING).update(
        status=status,
        sent_at=sent_at,
        claim_token=None,
        next_attempt_at=None,
        last_error="" if status == Status.SENT else detail,
        message_id=message_id,
    )
    if not updated:
        # The sweeper took the row back while we were on it: another worker may send it too.
        log.warning("reminders: delivery %s was swept while being sent; a duplicate is possible", delivery.pk)
    outcome.records.append(Record(delivery.pk, delivery.recipient_email, delivery.item_count, result, detail))


def _sent(delivery, token, outcome, message_id: str) -> None:
    """_finish(..., Status.SENT, ...) as one prepared statement: the same UPDATE, with the same claim check.

    It runs once per message, in its own commit (the duplicate bound in the module's docstring), so the ORM's
    building and compiling of the query, about a fifth of a millisecond, was paid thousands of times a minute.
    """
    sql, prepare = _sent_statement(db.alias, db.vendor)
    with db.cursor() as cursor:
        cursor.execute(sql, prepare(timezone.now(), message_id, delivery.pk, token))
        updated = cursor.rowcount
    if not updated:
        log.warning("reminders: delivery %s was swept while being sent; a duplicate is possible", delivery.pk)
    outcome.records.append(Record(delivery.pk, delivery.recipient_email, delivery.item_count, "sent"))


@functools.cache
def _sent_statement(alias: str, vendor: str):
    """The UPDATE of _sent for this database, and how to turn its values into parameters (the fields' own)."""
    connection = connections[alias]
    meta = Delivery._meta
    q = {name: connection.ops.quote_name(meta.get_field(name).column) for name in _SENT_COLUMNS}
    table = connection.ops.quote_name(meta.db_table)
    sql = (
        f"UPDATE {table} SET {q['status']} = %s, {q['sent_at']} = %s, {q['claim_token']} = NULL, "  # noqa: S608 - quoted names, values bound
        f"{q['next_attempt_at']} = NULL, {q['last_error']} = %s, {q['message_id']} = %s "
        f"WHERE {q['id']} = %s AND {q['claim_token']} = %s AND {q['status']} = %s"
    )
    sent_at, token_field = meta.get_field("sent_at"), meta.get_field("claim_token")

    def prepare(now, message_id, pk, token):
        return [
            Status.SENT,
            sent_at.get_db_prep_value(now, connection),
            "",
            message_id,
            pk,
            token_field.get_db_prep_value(token, connection),
            Status.SENDING,
        ]

    return sql, prepare


_SENT_COLUMNS = ("id", "status", "sent_at", "claim_token", "next_attempt_at", "last_error", "message_id")


def _failed(delivery, token, exc, outcome) -> dt.datetime | None:
    """Record a failed attempt; returns when it will be retried (None: it will not)."""
    error = f"{type(exc).__name__}: {exc}"[:2000]
    kind = classify(exc)
    if kind == TRANSIENT and delivery.attempts < settings.REMINDER_MAX_ATTEMPTS:
        retry_at = timezone.now() + backoff(delivery.attempts)
        Delivery.objects.filter(pk=delivery.pk, claim_token=token).update(
            status=Status.PENDING,
            claim_token=None,
            claimed_at=None,
            next_attempt_at=retry_at,
            enqueued_at=None,
            last_error=error,
        )
        outcome.retries[retry_at].append(delivery.pk)
        outcome.records.append(Record(delivery.pk, delivery.recipient_email, delivery.item_count, "retry", error))
        return retry_at
    if kind == TRANSIENT:
        error = _("Gave up after %(n)d attempts. %(error)s") % {"n": delivery.attempts, "error": error}
    Delivery.objects.filter(pk=delivery.pk, claim_token=token).update(
        status=Status.FAILED, claim_token=None, next_attempt_at=None, last_error=error
    )
    outcome.records.append(Record(delivery.pk, delivery.recipient_email, delivery.item_count, "failed", error))
    return None


def _release(deliveries, token, outcome, retry_at: dt.datetime | None) -> None:
    """Put back claimed rows that were never attempted (the connection broke, or time ran out)."""
    ids = [d.pk for d in deliveries]
    Delivery.objects.filter(pk__in=ids, claim_token=token, status=Status.SENDING).update(
        status=Status.PENDING,
        claim_token=None,
        claimed_at=None,
        attempts=F("attempts") - 1,
        next_attempt_at=retry_at,
        enqueued_at=None,
    )
    outcome.retries[retry_at].extend(ids)
    outcome.records.extend(Record(d.pk, d.recipient_email, d.item_count, "released") for d in deliveries)


def release_stuck(*, older_than: dt.timedelta | None = None, now: dt.datetime | None = None) -> dict[str, int]:
    """Sweeper: deliveries left in `sending` by a dead worker go back to pending (or fail, out of attempts)."""
    now = now or timezone.now()
    if older_than is None:
        older_than = dt.timedelta(seconds=settings.REMINDER_SENDING_TIMEOUT_SECONDS)
    stuck = Delivery.objects.filter(status=Status.SENDING, claimed_at__lte=now - older_than)
    failed = stuck.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS).update(
        status=Status.FAILED,
        claim_token=None,
        last_error=_("Stuck while sending %(n)d times; not retried again.") % {"n": settings.REMINDER_MAX_ATTEMPTS},
    )
    requeued = stuck.update(
        status=Status.PENDING,
        claim_token=None,
        claimed_at=None,
        next_attempt_at=None,
        enqueued_at=None,
        last_error=_("A worker stopped while sending; put back by the sweeper."),
    )
    return {"requeued": requeued, "failed": failed}


def ready_ids(now: dt.datetime | None = None, *, unqueued_for: dt.timedelta | None = None) -> list[int]:
    """Pending deliveries due now; with ``unqueued_for``, only those not handed to the broker in that long."""
    now = now or timezone.now()
    rows = Delivery.objects.ready_to_send(now)
    if unqueued_for is not None:
        rows = rows.filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=now - unqueued_for))
    return list(rows.order_by("pk").values_list("pk", flat=True))
