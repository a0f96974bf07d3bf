"""Reliability with real components: Celery worker processes on Redis, PostgreSQL, an SMTP server on loopback.

Tests that stop or kill something start their own: a private redis-server, their own workers.
"""

from __future__ import annotations

import signal
import time

import pytest
from django.urls import reverse

from reminders.models import Delivery
from reminders.tasks import plan_reminders, send_deliveries, sweep_stuck_deliveries
from tests.factories import UserFactory
from tests.reminders import dataset
from tests.services import use_broker, wait_for

pytestmark = pytest.mark.services

Status = Delivery.Status
PLAN = {"date": dataset.TODAY.isoformat()}


def _all_sent(count: int) -> bool:
    return Delivery.objects.filter(status=Status.SENT).count() == count


def _settled(smtp_server, seconds: float = 2.0) -> None:
    """Give a stray duplicate the time to arrive before counting."""
    before = len(smtp_server.received)
    time.sleep(seconds)
    assert len(smtp_server.received) == before or before == 0


def _check_digests(smtp_server, data: dataset.Dataset) -> None:
    for received in smtp_server.received:
        (recipient,) = received.recipients
        assert dataset.digest_items(received.message, data) == data.expected[recipient]
        assert received.message["Content-Language"] == data.languages[recipient]


def test_worker_sends_exactly_the_expected_digests(start_worker, smtp_server, redis_url):
    data = dataset.build()
    worker = start_worker(broker_url=redis_url)

    plan_reminders.apply_async(kwargs=PLAN)

    assert wait_for(lambda: _all_sent(len(data.expected)), timeout=60), worker.log()
    _settled(smtp_server)
    assert dict(smtp_server.by_recipient()) == dict.fromkeys(data.expected, 1)
    _check_digests(smtp_server, data)
    assert len(smtp_server.handler.sessions) == 1  # one batch, one SMTP connection


def test_two_workers_planning_and_sending_at_once_send_no_duplicate(start_worker, smtp_server, redis_url):
    data = dataset.build()
    first = start_worker(broker_url=redis_url, concurrency=2)
    start_worker(broker_url=redis_url, queue=first.queue, concurrency=2)

    for _ in range(4):  # four planning runs of the same cycle, spread over two workers
        plan_reminders.apply_async(kwargs=PLAN)
    assert wait_for(lambda: Delivery.objects.count() == len(data.expected), timeout=60), first.log()
    ids = list(Delivery.objects.values_list("pk", flat=True))
    for _ in range(4):  # and the same batch handed out four times
        send_deliveries.apply_async(kwargs={"delivery_ids": ids})

    assert wait_for(lambda: _all_sent(len(data.expected)), timeout=60), first.log()
    _settled(smtp_server, 3.0)
    assert dict(smtp_server.by_recipient()) == dict.fromkeys(data.expected, 1)
    assert Delivery.objects.count() == len(data.expected)
    _check_digests(smtp_server, data)


def test_worker_killed_mid_batch_and_restarted_delivers_every_digest(start_worker, smtp_server, private_redis):
    """SIGKILL while a message is in flight: afterwards every digest arrives, and only that one can arrive twice.

    The bound: each message is marked sent in its own commit right after the server answers 250, so the only
    message that can go out twice is the one the server had accepted when the process died, before the worker
    recorded it: at most one per killed worker process (here: one, a solo worker).
    """
    data = dataset.build()
    smtp_server.handler.reply_delay = 0.5  # each message is accepted, then answered half a second later
    with use_broker(private_redis.url):
        worker = start_worker(broker_url=private_redis.url, pool="solo")
        plan_reminders.apply_async(kwargs=PLAN)
        assert wait_for(lambda: len(smtp_server.received) >= 3, timeout=60), worker.log()

        worker.stop(signal.SIGKILL)

        assert Delivery.objects.filter(status=Status.SENDING).count() >= 2  # the batch really was cut short
        accepted = {r for item in smtp_server.received for r in item.recipients}
        recorded = set(Delivery.objects.filter(status=Status.SENT).values_list("recipient_email", flat=True))
        in_flight = accepted - recorded
        assert len(in_flight) <= 1

        start_worker(broker_url=private_redis.url, queue=worker.queue, pool="solo")
        sweep_stuck_deliveries.apply_async(kwargs={"stuck_after_seconds": 0})

        assert wait_for(lambda: _all_sent(len(data.expected)), timeout=60)
    _settled(smtp_server)
    counts = smtp_server.by_recipient()
    assert set(counts) == set(data.expected)
    duplicates = {recipient: n for recipient, n in counts.items() if n > 1}
    assert duplicates == dict.fromkeys(in_flight, 2), counts
    _check_digests(smtp_server, data)


def test_smtp_temporary_failures_are_retried_until_delivered(start_worker, smtp_server, redis_url):
    data = dataset.build()
    smtp_server.handler.temporary_failures.update({"john@example.org": 2, "region@example.org": 1})
    start_worker(broker_url=redis_url)

    plan_reminders.apply_async(kwargs=PLAN)

    assert wait_for(lambda: _all_sent(len(data.expected)), timeout=60)
    _settled(smtp_server)
    assert dict(smtp_server.by_recipient()) == dict.fromkeys(data.expected, 1)
    attempts = dict(Delivery.objects.values_list("recipient_email", "attempts"))
    assert (attempts["john@example.org"], attempts["region@example.org"], attempts["ngo@example.org"]) == (3, 2, 1)
    assert smtp_server.handler.data_attempts["john@example.org"] == 3
    assert list(Delivery.objects.exclude(last_error="").values_list("recipient_email", flat=True)) == []


def test_smtp_permanent_failure_marks_failed_and_is_not_retried(start_worker, smtp_server, redis_url):
    data = dataset.build()
    smtp_server.handler.permanent_failures.add("museum@example.org")
    start_worker(broker_url=redis_url)

    plan_reminders.apply_async(kwargs=PLAN)

    others = len(data.expected) - 1
    assert wait_for(lambda: _all_sent(others) and Delivery.objects.filter(status=Status.FAILED).exists(), timeout=60)
    sweep_stuck_deliveries.apply_async()
    time.sleep(5)  # longer than every retry delay in this test
    museum = Delivery.objects.get(recipient_email="museum@example.org")
    assert (museum.status, museum.attempts) == (Status.FAILED, 1)
    assert "550" in museum.last_error
    assert smtp_server.handler.rcpt_attempts["museum@example.org"] == 1
    assert "museum@example.org" not in smtp_server.by_recipient()


def test_redis_down_during_planning_fails_no_request_and_mail_goes_out_after(
    start_worker, smtp_server, private_redis, client
):
    data = dataset.build()
    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    with use_broker(private_redis.url):
        start_worker(broker_url=private_redis.url)
        private_redis.stop()

        started = time.monotonic()
        result = plan_reminders(**PLAN)  # the task body, as a worker would run it while Redis is down
        assert result["created"] == len(data.expected)
        assert result["enqueued"] == 0
        # A request that hands work to the broker: an admin sends a failed digest again.
        region = Delivery.objects.get(recipient_email="region@example.org")
        Delivery.objects.filter(pk=region.pk).update(status=Status.FAILED, last_error="550 earlier")
        response = client.post(
            reverse("admin:reminders_delivery_changelist"),
            {"action": "send_again", "_selected_action": [region.pk], "apply": "1", "reason": "address fixed"},
        )
        assert response.status_code == 302
        assert time.monotonic() - started < 15  # nobody waits long on a dead broker
        assert set(Delivery.objects.values_list("status", flat=True)) == {Status.PENDING, Status.FAILED}
        assert list(Delivery.objects.filter(enqueued_at__isnull=False)) == []
        assert smtp_server.received == []

        private_redis.start()
        sweep_stuck_deliveries.apply_async()  # what beat does every ten minutes

        assert wait_for(lambda: _all_sent(len(data.expected)), timeout=90)
    _settled(smtp_server)
    assert dict(smtp_server.by_recipient()) == dict.fromkeys(data.expected, 1)
    copy = Delivery.objects.get(recipient_email="region@example.org", sequence=1)
    assert (copy.status, copy.reason, copy.resend_of_id) == (Status.SENT, "address fixed", region.pk)
