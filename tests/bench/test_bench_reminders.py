"""`python -m bench.bench_reminders` at a tiny scale: the harness plans, sends through a real worker, reports.

No time is asserted: this proves the measurement works, the figures come from a run at full scale.
"""

from __future__ import annotations

import pytest

from bench import bench_reminders
from reminders.models import Delivery
from tests import services

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_bench_reminders_runs_at_tiny_scale(redis_url, tmp_path):
    services.postgres_or_skip()

    report = bench_reminders.run(
        scales=[(50, 10)],
        send=20,
        concurrencies=[1],
        broker_url=redis_url,
        log_dir=tmp_path,
    )

    (plan,) = report["planning"]
    assert plan["recommendations"] == 50
    assert plan["deliveries_created"] == plan["recipients"] > 0
    assert plan["items"] > 0
    assert plan["queries"] > 0
    assert plan["peak_mb"] > 0
    (send,) = report["sending"]
    assert (send["concurrency"], send["messages"], send["duplicates"]) == (1, 20, 0)
    assert send["statuses"] == {"sent": 20}
    assert send["complete"] is True
    assert send["emails_per_second"] > 0
    assert not Delivery.objects.exists()  # the bench leaves no delivery behind
    table = bench_reminders.markdown(report)
    assert "Planning, 50 recommendations / 10 organizations" in table
    assert "Sending 20 digests, one worker, concurrency 1" in table


def test_bench_reminders_refuses_a_database_that_is_not_a_bench_one(monkeypatch):
    monkeypatch.setenv("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/mura")
    with pytest.raises(bench_reminders.BenchError, match="must contain 'bench'"):
        bench_reminders.main(["--send", "0"])
