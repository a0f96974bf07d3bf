"""Abandoned imports hold participants' personal data: the worker deletes them after a day, hourly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from portal.celery import _beat_schedule
from seminars import import_store, imports
from seminars.models import PendingImport
from seminars.tasks import purge_stale_imports

pytestmark = pytest.mark.django_db


def table(name: str, email: str) -> imports.Table:
    return imports.Table(kind="csv", headers=["Full name", "E-mail"], rows=[(2, [name, email])])


def test_the_hourly_task_deletes_only_imports_older_than_a_day(seminar, other_seminar, organizer):
    stale = import_store.start(seminar, organizer, table("Aigerim", "aigerim@example.org"), [])
    fresh = import_store.start(other_seminar, organizer, table("Nurlan", "nurlan@example.org"), [])
    a_day_ago = timezone.now() - import_store.MAX_AGE - dt.timedelta(minutes=1)
    PendingImport.objects.filter(pk=stale.pk).update(created_at=a_day_ago)

    assert purge_stale_imports.apply().get() == 1

    assert list(PendingImport.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert import_store.pending(other_seminar, organizer).table["rows"] == [[2, ["Nurlan", "nurlan@example.org"]]]
    assert purge_stale_imports.apply().get() == 0


def test_an_import_older_than_a_day_is_not_continued_even_before_the_purge(seminar, organizer):
    started = import_store.start(seminar, organizer, table("Aigerim", "aigerim@example.org"), [])
    PendingImport.objects.filter(pk=started.pk).update(
        created_at=timezone.now() - import_store.MAX_AGE - dt.timedelta(seconds=1)
    )
    assert import_store.pending(seminar, organizer) is None


def test_beat_runs_the_purge_every_hour():
    entry = _beat_schedule()["purge-stale-imports"]
    assert entry["task"] == purge_stale_imports.name
    assert entry["schedule"].minute == {17}
    assert len(entry["schedule"].hour) == 24
