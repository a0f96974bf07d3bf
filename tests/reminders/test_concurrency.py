"""Two planning runs at the same moment on PostgreSQL: every digest exists once, with its items once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from reminders import planning
from reminders.models import Delivery, ReminderItem
from tests.factories import OrganizationFactory, RecommendationFactory
from tests.reminders import dataset
from tests.services import postgres_or_skip

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


@pytest.mark.parametrize("write_chunk", [500, 10])
def test_plan_in_two_threads_at_once_creates_each_digest_once(write_chunk, monkeypatch):
    """With small write chunks the two runs interleave, each creating some digests; never one twice."""
    postgres_or_skip()
    monkeypatch.setattr(planning, "WRITE_CHUNK", write_chunk)
    data = dataset.build()
    for n in range(150):  # enough rows that the two runs overlap
        org = OrganizationFactory(emails=[f"org-{n:03d}@example.org"])
        RecommendationFactory(lead_organization=org, due_date=dataset.days(-(n % 20)))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run() -> None:
        try:
            barrier.wait()
            results.append(planning.plan(dataset.TODAY))
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    recipients = len(data.expected) + 150
    assert sum(r.created for r in results) == recipients
    assert Delivery.objects.count() == recipients
    expected_items = sum(len(items) for items in data.expected.values()) + 150
    assert ReminderItem.objects.count() == expected_items
