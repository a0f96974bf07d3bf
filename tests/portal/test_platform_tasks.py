"""portal.tasks.enqueue: the one way apps queue work for the worker (after commit; a dead broker never fails)."""

from __future__ import annotations

import logging

import pytest
from celery import shared_task
from django.db import transaction

from portal.celery import app
from portal.tasks import enqueue, enqueue_now
from tests.services import free_port

pytestmark = pytest.mark.django_db

CALLS: list[dict] = []


@shared_task(name="tests.portal.record_call")
def record_call(**kwargs) -> None:
    CALLS.append(kwargs)


@pytest.fixture
def eager(settings):
    CALLS.clear()
    app.conf.task_always_eager = True
    yield CALLS
    app.conf.task_always_eager = False


@pytest.fixture
def broker_down():
    """Celery pointed at a port where nothing listens: a real refused connection."""
    previous = app.conf.broker_url, app._pool, app.amqp._producer_pool
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    app._pool = app.amqp._producer_pool = None
    yield
    app.conf.broker_url, app._pool, app.amqp._producer_pool = previous


def test_enqueue_waits_for_the_commit(eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue(record_call, registration_id=7)
        assert eager == []  # nothing leaves before the rows are visible to a worker
    assert len(callbacks) == 1
    assert eager == [{"registration_id": 7}]


def test_enqueue_sends_nothing_when_the_transaction_rolls_back(eager, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(record_call, registration_id=7)
        raise RuntimeError("the view failed")
    assert callbacks == []
    assert eager == []


def test_enqueue_now_reports_a_dead_broker_and_logs_it(broker_down, caplog):
    with caplog.at_level(logging.ERROR, logger="portal.tasks"):
        assert enqueue_now(record_call, registration_id=7) is False
    assert "could not enqueue tests.portal.record_call" in caplog.text


def test_enqueue_after_commit_with_a_dead_broker_does_not_raise(
    broker_down, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.ERROR, logger="portal.tasks"), django_capture_on_commit_callbacks(execute=True):
        enqueue(record_call, registration_id=7)
    assert "could not enqueue tests.portal.record_call" in caplog.text


def test_enqueue_now_hands_the_task_over(eager):
    assert enqueue_now(record_call, delivery_ids=[1, 2]) is True
    assert eager == [{"delivery_ids": [1, 2]}]
