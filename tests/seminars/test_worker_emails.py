"""A real Celery worker (on Redis, against the test database) sends the confirmation and the promotion e-mails."""

from __future__ import annotations

import email
import re
from email import policy
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from seminars.models import Registration
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory
from tests.services import wait_for

pytestmark = pytest.mark.services


def read_mails(mail_dir) -> list[email.message.EmailMessage]:
    """The filebased backend writes each batch of messages to one file, separated by a line of dashes."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip(), policy=policy.default))
    return messages


def mails_to(mail_dir, address: str):
    return [m for m in read_mails(mail_dir) if m["To"] == address]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_self_registration_confirmation_is_sent_by_the_worker(celery_worker, client, organization):
    seminar = SeminarFactory(organizers=[organization])
    response = client.post(
        reverse("seminars:register", kwargs={"slug": seminar.slug}),
        {
            "full_name": "Асель Пример",
            "email": "asel@example.org",
            "gender": "female",
            "language": "ru",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    # First the link that confirms the address (nothing the visitor typed in it), then the confirmation.
    found = wait_for(lambda: mails_to(celery_worker.mail_dir, "asel@example.org"), timeout=30)
    assert found, celery_worker.log()
    [link_mail] = found
    link = re.search(r"https?://\S+/register/confirm/\S+/", text_of(link_mail)).group(0)
    assert "Асель Пример" not in text_of(link_mail)
    assert Registration.objects.count() == 0
    assert client.post(urlsplit(link).path).status_code == 200
    # The file backend names its files by the second and an object id, so order them by content, not name.
    found = wait_for(
        lambda: [
            m for m in mails_to(celery_worker.mail_dir, "asel@example.org") if "/register/confirm/" not in text_of(m)
        ],
        timeout=30,
    )
    assert found, celery_worker.log()
    [message] = found
    assert message["Subject"].endswith(seminar.title_ru)  # in the person's language
    assert "Асель Пример" in text_of(message)
    assert message.get_body(preferencelist=("html",)) is not None
    registration = Registration.objects.get(person__email="asel@example.org")
    assert registration.confirmation_sent_at is not None  # the worker claimed it in the shared database


def test_cancellation_promotes_and_the_worker_tells_the_promoted_person(celery_worker, client, organizer, organization):
    seminar = SeminarFactory(organizers=[organization], capacity=1)
    seated = RegistrationFactory(seminar=seminar, person=PersonFactory(email="seated@example.org"))
    RegistrationFactory(
        seminar=seminar, person=PersonFactory(email="waiting@example.org", language="en"), status="waitlisted"
    )
    client.force_login(organizer)
    url = reverse("seminars:participant_cancel", kwargs={"slug": seminar.slug, "pk": seated.pk})
    assert client.post(url).status_code == 302

    found = wait_for(lambda: mails_to(celery_worker.mail_dir, "waiting@example.org"), timeout=30)
    assert found, celery_worker.log()
    assert found[0]["Subject"] == f"A seat is yours: {seminar.title_en}"
    assert "you have moved from the waiting list" in text_of(found[0])
    assert mails_to(celery_worker.mail_dir, "seated@example.org") == []
