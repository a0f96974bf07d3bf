"""The e-mail tasks, run directly: content in the person's language, claimed once, tolerant of vanished rows."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core import mail

from portal import mail as portal_mail
from seminars import tasks
from seminars.models import Registration
from tests.factories import PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.fixture
def march_seminar(seminar):
    seminar.start = dt.datetime(2031, 3, 28, 10, 0, tzinfo=ALMATY)
    seminar.end = dt.datetime(2031, 3, 28, 17, 0, tzinfo=ALMATY)
    seminar.venue = "Akimat hall"
    seminar.save()
    return seminar


def test_confirmation_is_sent_in_the_persons_language(march_seminar):
    person = PersonFactory(full_name="Асель Пример", email="asel@example.org", language="ru")
    registration = RegistrationFactory(seminar=march_seminar, person=person, source="self")
    assert tasks.send_registration_confirmation(registration_id=registration.pk) is True
    [message] = mail.outbox
    assert message.to == ["asel@example.org"]
    assert march_seminar.title_ru in message.subject  # the Russian title for a Russian speaker
    assert "28 марта 2031 г. 10:00" in message.body  # dates in Russian, Almaty time
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="ru">' in html
    assert "Асель Пример" in html
    assert f"/seminars/{march_seminar.slug}/" in message.body
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None


def test_confirmation_in_english(march_seminar):
    registration = RegistrationFactory(seminar=march_seminar, person=PersonFactory(language="en"))
    tasks.send_registration_confirmation(registration_id=registration.pk)
    [message] = mail.outbox
    assert message.subject == f"Registration confirmed: {march_seminar.title_en}"
    assert "28 March 2031, 10:00" in message.body


def test_confirmation_for_the_waiting_list_says_so(march_seminar):
    registration = RegistrationFactory(seminar=march_seminar, status="waitlisted", person=PersonFactory(language="en"))
    tasks.send_registration_confirmation(registration_id=registration.pk)
    assert mail.outbox[0].subject.startswith("Waiting list: ")
    assert "you are on its waiting list" in mail.outbox[0].body


def test_confirmation_is_sent_once_even_if_the_task_runs_twice(registration):
    assert tasks.send_registration_confirmation(registration_id=registration.pk) is True
    assert tasks.send_registration_confirmation(registration_id=registration.pk) is False
    assert len(mail.outbox) == 1


def test_no_confirmation_for_a_cancelled_or_vanished_registration(registration):
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    assert tasks.send_registration_confirmation(registration_id=registration.pk) is False
    assert tasks.send_registration_confirmation(registration_id=999_999) is False
    assert mail.outbox == []


def test_no_email_for_a_person_without_one(seminar):
    registration = RegistrationFactory(seminar=seminar, person=PersonFactory(email=None, phone="+7 701 000 00 00"))
    assert tasks.send_registration_confirmation(registration_id=registration.pk) is False
    assert mail.outbox == []


def test_promotion_notice(march_seminar):
    person = PersonFactory(language="en")
    registration = RegistrationFactory(seminar=march_seminar, person=person, status="registered")
    assert tasks.send_promotion_notice(registration_id=registration.pk) is True
    assert mail.outbox[0].subject == f"A seat is yours: {march_seminar.title_en}"
    assert "you have moved from the waiting list" in mail.outbox[0].body
    assert tasks.send_promotion_notice(registration_id=registration.pk) is False
    assert len(mail.outbox) == 1


def test_no_promotion_notice_once_cancelled(registration):
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    assert tasks.send_promotion_notice(registration_id=registration.pk) is False


def test_a_failed_send_releases_the_claim_for_a_retry(registration, settings):
    # A real SMTP connection to a closed port: the send fails with a transient error.
    from tests.services import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with pytest.raises(OSError):
        tasks.send_registration_confirmation.run(registration_id=registration.pk)
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is None
    assert portal_mail.classify(OSError()) == portal_mail.TRANSIENT
