"""Thin Celery tasks of the portal package."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

log = logging.getLogger(__name__)


@shared_task(name="portal.send_test_email", time_limit=60, soft_time_limit=50)
def send_test_email(*, user_id: int) -> bool:
    """Send a user a test e-mail, so that an admin can see the mail set-up works end to end."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:  # the account vanished between the request and the worker
        log.info("send_test_email: user %s is gone", user_id)
        return False
    with translation.override(user.language):
        subject = render_to_string("emails/test_email_subject.txt", {"user": user}).strip()
        body = render_to_string("emails/test_email.txt", {"user": user, "PORTAL_BASE_URL": settings.PORTAL_BASE_URL})
    send_mail(subject, body, None, [user.email])
    return True
