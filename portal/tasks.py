"""Handing work to the worker, for every app, and the portal package's own thin tasks.

``enqueue`` is the one way to queue a task from a request or a service: the message leaves once the current
transaction commits (at once outside one), so a worker never looks for rows it cannot see yet, and a broker
that is down never fails the caller: the failure is logged and the caller's own sweep, if any, catches up.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction

from portal import mail

log = logging.getLogger(__name__)


def enqueue(task, /, *, eta: dt.datetime | None = None, **kwargs) -> None:
    """Queue ``task(**kwargs)`` after the current transaction commits."""
    transaction.on_commit(partial(enqueue_now, task, eta=eta, **kwargs))


def enqueue_now(task, /, *, eta: dt.datetime | None = None, **kwargs) -> bool:
    """Queue ``task(**kwargs)`` now; False (and logged) when the broker cannot take it.

    Only for callers outside a transaction that need the answer (a sweep that stops at the first refusal).
    """
    try:
        task.apply_async(kwargs=kwargs, eta=eta, retry=False)
    except Exception:
        log.exception("could not enqueue %s", task.name)
        return False
    return True


@shared_task(name="portal.send_test_email", **mail.MAIL_TASK_OPTIONS)
def send_test_email(self, *, user_id: int) -> bool:
    """Send a user a test e-mail, so that an admin can see the mail set-up works end to end."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:  # the account vanished between the request and the worker
        log.info("send_test_email: user %s is gone", user_id)
        return False
    try:
        mail.send("emails/test_email", {"user": user}, language=user.language, to=user.email, html=False)
    except Exception as exc:
        mail.retry_if_transient(self, exc)
    return True
