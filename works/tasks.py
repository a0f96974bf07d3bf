"""The screening notices, sent by the worker: a thin task taking the screening's id.

Each notice is claimed before it is sent (``UPDATE ... WHERE sent_at IS NULL``): a duplicated or retried
message finds nothing left to send. A failed send releases its claim and the task retries with backoff on
transient errors only.
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from works.models import ScreeningHit, ScreeningNotice
from works.services import screening_url

log = logging.getLogger(__name__)

TRANSIENT_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, smtplib.SMTPDataError, OSError)


def render_notice(notice: ScreeningNotice) -> EmailMultiAlternatives:
    screening = notice.screening
    hits = list(
        ScreeningHit.objects.filter(screening=screening, designation__isnull=False)
        .select_related("site", "designation")
        .order_by("-inside", "distance_m", "pk")
    )
    if notice.user_id:  # a site manager hears about their own sites only
        own = set(notice.user.managed_sites.values_list("pk", flat=True))
        hits = [h for h in hits if h.site_id in own]
    elif notice.organization_id:
        own = set(notice.organization.managed_sites.values_list("pk", flat=True))
        hits = [h for h in hits if h.site_id in own]
    context = {"notice": notice, "work": screening.work, "hits": hits, "url": screening_url(screening)}
    with translation.override(notice.language):
        subject = render_to_string("emails/works/screening_subject.txt", context)
        text = render_to_string("emails/works/screening.txt", context)
    return EmailMultiAlternatives(" ".join(subject.split()), text, None, [notice.recipient_email])


@shared_task(
    name="works.send_screening_notices",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=5,
    time_limit=120,
    soft_time_limit=100,
)
def send_screening_notices(*, screening_id: int) -> int:
    sent = 0
    pending = list(
        ScreeningNotice.objects.filter(screening_id=screening_id, sent_at__isnull=True).values_list("pk", flat=True)
    )
    for notice_id in pending:
        claimed = ScreeningNotice.objects.filter(pk=notice_id, sent_at__isnull=True).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1
        )
        if not claimed:
            continue  # another worker sent it
        notice = ScreeningNotice.objects.select_related("screening__work", "user", "organization").get(pk=notice_id)
        try:
            render_notice(notice).send()
        except Exception as exc:
            ScreeningNotice.objects.filter(pk=notice_id).update(sent_at=None, last_error=str(exc)[:1000])
            raise
        sent += 1
    if not pending:
        log.info("works: screening %s has no notice left to send", screening_id)
    return sent
