"""Demo: after `load_demo` commits, ask the worker to plan and send this cycle's reminders.

`make run` starts that worker, which writes the digests as files under var/mail/. Nothing is written here:
the deliveries come from the demo's recommendations and sites, and since there is one digest per recipient
and cycle (a unique constraint), loading the demo again sends nothing more in the same cycle.
"""

from __future__ import annotations

from portal.tasks import enqueue


def load() -> None:
    from reminders.tasks import plan_reminders

    # load_demo runs in one transaction: enqueue waits for its commit, so the worker sees the demo rows.
    enqueue(plan_reminders)
