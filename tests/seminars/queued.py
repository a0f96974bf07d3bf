"""Running, in the test's own process, the tasks a request queued after commit (portal.tasks.enqueue)."""

from __future__ import annotations

from portal.tasks import enqueue_now


def queued(callbacks) -> list[tuple[object, dict]]:
    """(task, kwargs with the eta) of each task queued in ``callbacks``, in order."""
    found = []
    for callback in callbacks:
        if getattr(callback, "func", None) is enqueue_now:
            found.append((callback.args[0], dict(callback.keywords)))
    return found


def run_queued(callbacks) -> list:
    """Run each queued task now, as the worker would (its eta aside); their results."""
    results = []
    for task, kwargs in queued(callbacks):
        kwargs.pop("eta", None)
        results.append(task(**kwargs))
    return results
