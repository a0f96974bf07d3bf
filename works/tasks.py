"""The screening notices, sent by the worker: a thin task taking the screening's id.

Each notice is claimed before it is sent (``UPDATE ... WHERE sent_at IS NULL``): a duplicated or retried
message finds nothing left to send. Notices are rendered by ``portal.mail`` in the recipient's language, in the
portal's e-mail layout. A failed send releases its claim; ``portal.mail`` tells a transient SMTP error (the task
retries later with backoff, up to a cap) from a permanent one (a refused address: the notice is marked failed
with the error, and never retried).
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from portal import mail
from works.models import ScreeningHit, ScreeningNotice

log = logging.getLogger(__name__)


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
    context = {"notice": notice, "work": screening.work, "hits": hits, "url": screening.portal_url()}
    return mail.render("emails/works/screening", context, language=notice.language, to=notice.recipient_email)


@shared_task(
    name="works.send_screening_notices", **{**mail.MAIL_TASK_OPTIONS, "time_limit": 120, "soft_time_limit": 100}
)
def send_screening_notices(self, *, screening_id: int) -> int:
    sent, transient = 0, None
    pending = list(
        ScreeningNotice.objects.filter(
            screening_id=screening_id, sent_at__isnull=True, failed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    for notice_id in pending:
        claimed = ScreeningNotice.objects.filter(pk=notice_id, sent_at__isnull=True, failed_at__isnull=True).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1
        )
        if not claimed:
            continue  # another worker sent it
        notice = ScreeningNotice.objects.select_related("screening__work", "user", "organization").get(pk=notice_id)
        try:
            render_notice(notice).send()
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:1000]
            if mail.is_transient(exc):
                ScreeningNotice.objects.filter(pk=notice_id).update(sent_at=None, last_error=error)
                transient = transient or exc
            else:
                log.warning("works: notice %s refused for good: %s", notice_id, error)
                ScreeningNotice.objects.filter(pk=notice_id).update(
                    sent_at=None, failed_at=timezone.now(), last_error=error
                )
            continue
        sent += 1
    if not pending:
        log.info("works: screening %s has no notice left to send", screening_id)
    if transient is not None:
        mail.retry_if_transient(self, transient)  # the notices released above go out on the retry
    return sent
