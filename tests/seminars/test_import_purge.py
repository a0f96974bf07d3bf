"""Abandoned import files hold participants' personal data: the worker deletes them after a day, hourly."""

from __future__ import annotations

import os
import time

from portal.celery import _beat_schedule
from seminars import import_store
from seminars.tasks import purge_stale_imports


def test_the_hourly_task_deletes_only_files_older_than_a_day(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    stale_token, _ = import_store.save({"rows": [["Aigerim", "aigerim@example.org"]]})
    fresh_token, fresh_signature = import_store.save({"rows": [["Nurlan", "nurlan@example.org"]]})
    stale = tmp_path / "imports" / f"{stale_token}.json"
    a_day_ago = time.time() - import_store.MAX_AGE_SECONDS - 60
    os.utime(stale, (a_day_ago, a_day_ago))

    assert purge_stale_imports.apply().get() == 1

    assert not stale.exists()
    assert import_store.load(fresh_token, fresh_signature) == {"rows": [["Nurlan", "nurlan@example.org"]]}
    assert purge_stale_imports.apply().get() == 0


def test_beat_runs_the_purge_every_hour():
    entry = _beat_schedule()["purge-stale-imports"]
    assert entry["task"] == purge_stale_imports.name
    assert entry["schedule"].minute == {17}
    assert len(entry["schedule"].hour) == 24
