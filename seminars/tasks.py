"""E-mails to participants, sent by the worker: thin tasks taking the registration's id.

Each task claims its work in the database first (``UPDATE ... WHERE <sent_at> IS NULL``): zero rows means
the e-mail went already (a retried or duplicated message) or the registration changed, and nothing is sent.
A failed send releases the claim and retries with backoff on transient errors only.
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from seminars.models import Registration

log = logging.getLogger(__name__)

TRANSIENT_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, smtplib.SMTPDataError, OSError)
RETRY_OPTIONS = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 900,
    "retry_jitter": True,
    "max_retries": 5,
    "time_limit": 60,
    "soft_time_limit": 50,
}


def render_message(template: str, registration: Registration) -> EmailMultiAlternatives:
    """The e-mail ``emails/seminars/<template>*`` for this registration, to the address and in the language
    given for it (not its person's: another organization's edits never redirect this seminar's mail)."""
    seminar = registration.seminar
    context = {
        "person": registration,
        "seminar": seminar,
        "registration": registration,
        "seminar_url": f"{settings.PORTAL_BASE_URL}{seminar.get_absolute_url()}",
        "waitlisted": registration.status == Registration.Status.WAITLISTED,
    }
    with translation.override(registration.language), timezone.override(settings.TIME_ZONE):
        subject = render_to_string(f"emails/seminars/{template}_subject.txt", context)
        text = render_to_string(f"emails/seminars/{template}.txt", context)
        html = render_to_string(f"emails/seminars/{template}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, None, [registration.email])
    message.attach_alternative(html, "text/html")
    return message


def _claim_and_send(registration_id: int, *, stamp: str, template: str, statuses) -> bool:
    claimed = (
        Registration.objects.filter(pk=registration_id, status__in=statuses, **{f"{stamp}__isnull": True})
        .exclude(email__isnull=True)
        .update(**{stamp: timezone.now()})
    )
    if not claimed:
        log.info("%s: registration %s needs no e-mail (sent, changed or gone)", template, registration_id)
        return False
    registration = Registration.objects.select_related("seminar").get(pk=registration_id)
    try:
        render_message(template, registration).send()
    except Exception:
        Registration.objects.filter(pk=registration_id).update(**{stamp: None})  # release: a retry may send it
        raise
    return True


@shared_task(name="seminars.send_registration_confirmation", **RETRY_OPTIONS)
def send_registration_confirmation(*, registration_id: int) -> bool:
    """Confirm a self-registration: a seat, or a place on the waiting list."""
    return _claim_and_send(
        registration_id,
        stamp="confirmation_sent_at",
        template="registration_confirmation",
        statuses=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
    )


@shared_task(name="seminars.send_promotion_notice", **RETRY_OPTIONS)
def send_promotion_notice(*, registration_id: int) -> bool:
    """Tell someone promoted from the waiting list that they have a seat (unless they cancelled since)."""
    return _claim_and_send(
        registration_id,
        stamp="promotion_notified_at",
        template="promotion",
        statuses=[Registration.Status.REGISTERED],
    )


@shared_task(name="seminars.purge_stale_imports", time_limit=300, soft_time_limit=280)
def purge_stale_imports() -> int:
    """Hourly (beat): delete abandoned import files, which hold participants' personal data."""
    from seminars import import_store

    removed = import_store.purge_stale()
    if removed:
        log.info("seminars: removed %d abandoned import file(s)", removed)
    return removed
