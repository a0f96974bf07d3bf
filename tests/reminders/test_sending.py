"""Sending through Django's SMTP backend into a real SMTP server on loopback (aiosmtpd), in this process."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.utils import timezone

from recommendations.models import Recommendation
from reminders import planning, sending
from reminders.models import Delivery
from tests.reminders import dataset
from tests.services import free_port

pytestmark = pytest.mark.django_db

Status = Delivery.Status


@pytest.fixture
def planned(settings):
    settings.PORTAL_BASE_URL = "https://mura.example.org"
    data = dataset.build()
    planning.plan(dataset.TODAY)
    return data


def _all_ids() -> list[int]:
    return list(Delivery.objects.order_by("pk").values_list("pk", flat=True))


def _statuses() -> dict[str, str]:
    return dict(Delivery.objects.values_list("recipient_email", "status"))


def test_send_batch_delivers_each_expected_digest_once(planned, smtp_backend):
    outcome = sending.send_batch(_all_ids())

    assert outcome.summary()["sent"] == len(planned.expected)
    assert dict(smtp_backend.by_recipient()) == dict.fromkeys(planned.expected, 1)
    for received in smtp_backend.received:
        (recipient,) = received.recipients
        message = received.message
        assert dataset.digest_items(message, planned) == planned.expected[recipient]
        assert message["Content-Language"] == planned.languages[recipient]
        assert message["Auto-Submitted"] == "auto-generated"
        assert message.get_body(preferencelist=("html",)) is not None
    assert set(_statuses().values()) == {Status.SENT}
    assert list(Delivery.objects.filter(sent_at__isnull=True)) == []


def test_send_batch_uses_one_smtp_connection_per_batch(planned, smtp_backend):
    sending.send_batch(_all_ids())
    assert len(smtp_backend.handler.sessions) == 1


def test_send_batch_links_are_absolute_and_name_the_report_page(planned, smtp_backend):
    delivery = Delivery.objects.get(recipient_email="region@example.org")
    (item,) = delivery.items.all()

    sending.send_batch([delivery.pk])

    message = smtp_backend.received[0].message
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    # Links open the portal in the digest's language.
    report = f"https://mura.example.org/recommendations/{item.recommendation_id}/report/?lang={delivery.language}"
    detail = f"https://mura.example.org/recommendations/{item.recommendation_id}/?lang={delivery.language}"
    assert (report in text, detail in text, f'href="{report}"' in html) == (True, True, True)
    assert "40" in text  # days overdue
    assert "Site Alpha" in text or "Нысан" in text or "Объект" in text  # grouped under the site


def test_send_batch_second_time_sends_nothing(planned, smtp_backend):
    sending.send_batch(_all_ids())
    again = sending.send_batch(_all_ids())
    assert again.claimed == 0
    assert len(smtp_backend.received) == len(planned.expected)


def test_send_batch_temporary_failure_is_retried_with_backoff(planned, smtp_backend, settings):
    settings.REMINDER_RETRY_BASE_SECONDS = 60
    smtp_backend.handler.temporary_failures["ngo@example.org"] = 1
    before = timezone.now()

    sending.send_batch(_all_ids())

    ngo = Delivery.objects.get(recipient_email="ngo@example.org")
    assert (ngo.status, ngo.attempts) == (Status.PENDING, 1)
    assert "451" in ngo.last_error
    assert before + dt.timedelta(seconds=59) < ngo.next_attempt_at < timezone.now() + dt.timedelta(seconds=61)
    assert sending.send_batch([ngo.pk]).claimed == 0  # not before its time

    sending.send_batch([ngo.pk], now=ngo.next_attempt_at)

    ngo.refresh_from_db()
    assert (ngo.status, ngo.attempts, ngo.last_error) == (Status.SENT, 2, "")
    assert smtp_backend.by_recipient()["ngo@example.org"] == 1
    assert smtp_backend.handler.data_attempts["ngo@example.org"] == 2


def test_send_batch_permanent_failure_marks_failed_and_is_not_retried(planned, smtp_backend):
    smtp_backend.handler.permanent_failures.add("museum@example.org")

    outcome = sending.send_batch(_all_ids())
    sending.send_batch(_all_ids(), now=timezone.now() + dt.timedelta(days=1))

    museum = Delivery.objects.get(recipient_email="museum@example.org")
    assert (museum.status, museum.attempts, museum.next_attempt_at) == (Status.FAILED, 1, None)
    assert "550" in museum.last_error
    assert smtp_backend.handler.rcpt_attempts["museum@example.org"] == 1
    assert outcome.count("sent") == len(planned.expected) - 1


def test_send_batch_connection_refused_leaves_every_delivery_for_a_retry(planned, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2

    outcome = sending.send_batch(_all_ids())

    assert outcome.count("retry") == len(planned.expected)
    rows = list(Delivery.objects.values_list("status", "attempts"))
    assert set(rows) == {(Status.PENDING, 1)}
    assert all("ConnectionRefusedError" in e for e in Delivery.objects.values_list("last_error", flat=True))


def test_send_batch_closing_reply_puts_back_the_rest_unattempted(planned, smtp_backend):
    first = Delivery.objects.order_by("pk").first()
    smtp_backend.handler.closing_failures.add(first.recipient_email)

    outcome = sending.send_batch(_all_ids())

    assert outcome.count("retry") == 1
    assert outcome.count("released") == len(planned.expected) - 1
    first.refresh_from_db()
    assert (first.status, first.attempts) == (Status.PENDING, 1)
    others = Delivery.objects.exclude(pk=first.pk)
    assert set(others.values_list("status", "attempts")) == {(Status.PENDING, 0)}
    assert set(others.values_list("next_attempt_at", flat=True)) == {first.next_attempt_at}
    assert smtp_backend.received == []


def test_send_batch_gives_up_after_the_last_attempt(planned, smtp_backend, settings):
    settings.REMINDER_MAX_ATTEMPTS = 2
    smtp_backend.handler.temporary_failures["ngo@example.org"] = 5
    ngo = Delivery.objects.get(recipient_email="ngo@example.org")

    sending.send_batch([ngo.pk])
    sending.send_batch([ngo.pk], now=timezone.now() + dt.timedelta(hours=1))

    ngo.refresh_from_db()
    assert (ngo.status, ngo.attempts) == (Status.FAILED, 2)
    assert ngo.last_error.startswith("Gave up after 2 attempts")


def test_send_batch_cancels_a_digest_whose_work_was_done_meanwhile(planned, smtp_backend):
    region = Delivery.objects.get(recipient_email="region@example.org")
    Recommendation.objects.filter(pk=region.items.get().recommendation_id).update(status="implemented")

    sending.send_batch([region.pk])

    region.refresh_from_db()
    assert region.status == Status.CANCELLED
    assert smtp_backend.received == []


def test_send_batch_leaves_out_items_done_meanwhile(planned, smtp_backend):
    museum = Delivery.objects.get(recipient_email="museum@example.org")
    done, kept = sorted(museum.items.values_list("recommendation_id", flat=True))
    Recommendation.objects.filter(pk=done).update(status="implemented")

    sending.send_batch([museum.pk])

    items = dataset.digest_items(smtp_backend.received[0].message, planned)
    assert items == {("recommendation", kept): False}


def test_release_stuck_puts_back_old_claims_only(planned, settings):
    settings.REMINDER_SENDING_TIMEOUT_SECONDS = 900
    now = timezone.now()
    old, recent, exhausted = Delivery.objects.order_by("pk")[:3]
    Delivery.objects.filter(pk=old.pk).update(status=Status.SENDING, claimed_at=now - dt.timedelta(hours=1), attempts=1)
    Delivery.objects.filter(pk=recent.pk).update(status=Status.SENDING, claimed_at=now, attempts=1)
    Delivery.objects.filter(pk=exhausted.pk).update(
        status=Status.SENDING, claimed_at=now - dt.timedelta(hours=1), attempts=settings.REMINDER_MAX_ATTEMPTS
    )

    assert sending.release_stuck() == {"requeued": 1, "failed": 1}

    statuses = dict(Delivery.objects.filter(pk__in=[old.pk, recent.pk, exhausted.pk]).values_list("pk", "status"))
    assert statuses == {old.pk: Status.PENDING, recent.pk: Status.SENDING, exhausted.pk: Status.FAILED}


def test_backoff_doubles_up_to_the_cap(settings):
    settings.REMINDER_RETRY_BASE_SECONDS = 60
    settings.REMINDER_RETRY_MAX_SECONDS = 600
    assert [sending.backoff(n).total_seconds() for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"busy")}), sending.TRANSIENT),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), sending.PERMANENT),
        (smtplib.SMTPDataError(451, b"later"), sending.TRANSIENT),
        (smtplib.SMTPDataError(554, b"rejected"), sending.PERMANENT),
        (smtplib.SMTPSenderRefused(553, b"bad sender", "noreply@example.org"), sending.PERMANENT),
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), sending.PERMANENT),
        (smtplib.SMTPConnectError(421, b"too busy"), sending.TRANSIENT),
        (smtplib.SMTPServerDisconnected("gone"), sending.TRANSIENT),
        (TimeoutError("timed out"), sending.TRANSIENT),
        (OSError(113, "No route to host"), sending.TRANSIENT),
        (ConnectionRefusedError(111, "refused"), sending.TRANSIENT),
        (ValueError("a bug"), sending.PERMANENT),
    ],
)
def test_classify_names_transient_and_permanent_errors(error, kind):
    assert sending.classify(error) == kind
