"""Seminar e-mails through a real SMTP server: a transient refusal is retried, a permanent one (5xx) never."""

from __future__ import annotations

import smtplib

import pytest

from seminars import tasks
from seminars.models import Registration
from tests.reminders.smtp import SMTPServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


def test_a_permanent_refusal_is_not_retried(registration, smtp):
    smtp.handler.permanent_failures.add("aruzhan@example.org")  # 550 at RCPT
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        tasks.send_registration_confirmation.apply(kwargs={"registration_id": registration.pk}, throw=True)
    assert smtp.handler.rcpt_attempts["aruzhan@example.org"] == 1  # one try, no retry
    assert smtp.received == []
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is None


def test_a_5xx_reply_to_the_message_is_not_retried(registration, smtp):
    async def reject(server, session, envelope):  # the server takes the recipient, then refuses the message
        smtp.handler.data_attempts[envelope.rcpt_tos[0].lower()] += 1
        return "554 5.7.1 Message rejected as spam"

    smtp.handler.handle_DATA = reject
    with pytest.raises(smtplib.SMTPDataError) as refused:
        tasks.send_promotion_notice.apply(kwargs={"registration_id": registration.pk}, throw=True)
    assert refused.value.smtp_code == 554
    assert smtp.handler.data_attempts["aruzhan@example.org"] == 1  # the old task retried this five times
    registration.refresh_from_db()
    assert registration.promotion_notified_at is None


def test_a_temporary_failure_is_retried_until_it_goes_through(registration, smtp):
    smtp.handler.temporary_failures["aruzhan@example.org"] = 2  # 451 twice, then accepted
    result = tasks.send_registration_confirmation.apply(kwargs={"registration_id": registration.pk})
    assert result.get() is True
    assert smtp.handler.data_attempts["aruzhan@example.org"] == 3
    assert smtp.by_recipient() == {"aruzhan@example.org": 1}
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None


def test_temporary_failures_stop_after_the_retry_cap(registration, smtp):
    smtp.handler.temporary_failures["aruzhan@example.org"] = 100
    result = tasks.send_registration_confirmation.apply(kwargs={"registration_id": registration.pk})
    assert isinstance(result.result, smtplib.SMTPDataError)
    max_retries = tasks.send_registration_confirmation.max_retries
    assert smtp.handler.data_attempts["aruzhan@example.org"] == 1 + max_retries
    assert Registration.objects.get(pk=registration.pk).confirmation_sent_at is None
