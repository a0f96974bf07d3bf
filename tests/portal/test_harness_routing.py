"""A worker of the test harness routes this process's tasks to its broker while it runs, and gives the routing
back when it stops, but only what is still its own. Found by CI: a worker restarted inside a `use_broker` block
and stopped after the block had ended put the private (stopped) Redis back, and every later test of that process
saw the broker down (/readyz 503 in the personal-data sweep)."""

from __future__ import annotations

from portal.celery import app
from portal.harness import WorkerProcess
from tests.services import use_broker


def _started(worker: WorkerProcess) -> WorkerProcess:
    """What ``start`` does to this process's routing, without the subprocess."""
    worker._previous = (app.conf.task_default_queue, app.conf.broker_url)
    app.conf.task_default_queue = worker.queue
    app.conf.broker_url = worker.broker_url
    return worker


def test_a_worker_stopped_after_its_broker_block_leaves_the_routing_alone(tmp_path):
    before = (app.conf.task_default_queue, app.conf.broker_url)
    private = "redis://127.0.0.1:1/0"
    with use_broker(private):
        worker = _started(WorkerProcess(broker_url=private, log_dir=tmp_path))
    worker.stop()
    assert (app.conf.task_default_queue, app.conf.broker_url) == before


def test_two_workers_stopped_in_reverse_order_give_back_the_first_routing(tmp_path):
    before = (app.conf.task_default_queue, app.conf.broker_url)
    first = _started(WorkerProcess(broker_url=before[1], log_dir=tmp_path))
    second = _started(WorkerProcess(broker_url=before[1], queue=first.queue, log_dir=tmp_path))
    second.stop()
    first.stop()
    assert (app.conf.task_default_queue, app.conf.broker_url) == before
