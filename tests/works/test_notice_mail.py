"""Screening notices through portal.mail and a real SMTP server on loopback: each in its recipient's language
with the portal's HTML layout; a refused address is marked failed and never retried, a temporary refusal is."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.reminders.smtp import SMTPServer
from tests.works import test_screening
from tests.works.test_screening import north_south, road
from works import tasks
from works.models import ScreeningNotice

pytestmark = pytest.mark.django_db

altyn_emel = test_screening.altyn_emel  # the fixture


@pytest.fixture
def smtp(settings):
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


def subject(language: str, title: str) -> str:
    with translation.override(language):
        return gettext("Planned work near a UNESCO site: %(title)s") % {"title": title}


def _body(message, subtype: str) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == f"text/{subtype}")
    return part.get_payload(decode=True).decode(part.get_content_charset())


def test_each_recipient_gets_the_notice_in_their_language_with_the_html_layout(altyn_emel, site_manager, smtp):
    site_manager.language = "ru"
    site_manager.save()
    screening = road(north_south(20)).screenings.get()
    assert tasks.send_screening_notices.apply(kwargs={"screening_id": screening.pk}, throw=True).get() == 2
    received = {r.recipients[0]: r.message for r in smtp.received}
    assert set(received) == {site_manager.email.lower(), "park@example.org"}
    manager, park = received[site_manager.email.lower()], received["park@example.org"]
    assert (manager["Subject"].strip(), park["Subject"].strip()) == (subject("ru", "Road"), subject("kk", "Road"))
    assert subject("ru", "Road") != subject("kk", "Road")
    assert "пересекает её на протяжении" in _body(manager, "plain")  # Russian, the manager's language
    assert "пересекает её на протяжении" in _body(manager, "html")
    assert '<html lang="ru">' in _body(manager, "html")
    assert '<html lang="kk">' in _body(park, "html")  # the organization's language
    assert ScreeningNotice.objects.filter(sent_at__isnull=False).count() == 2


def test_a_refused_address_is_marked_failed_and_not_retried_while_the_others_go(altyn_emel, site_manager, smtp):
    smtp.handler.permanent_failures.add("park@example.org")  # 550 at RCPT
    screening = road(north_south(20)).screenings.get()
    assert tasks.send_screening_notices.apply(kwargs={"screening_id": screening.pk}, throw=True).get() == 1
    assert smtp.handler.rcpt_attempts["park@example.org"] == 1
    assert smtp.by_recipient() == {site_manager.email.lower(): 1}
    park = ScreeningNotice.objects.get(recipient_email="park@example.org")
    assert (park.sent_at, park.failed_at is not None, park.attempts) == (None, True, 1)
    assert "550" in park.last_error
    # A second run (a duplicated message) finds nothing left to send.
    assert tasks.send_screening_notices.apply(kwargs={"screening_id": screening.pk}, throw=True).get() == 0
    assert smtp.handler.rcpt_attempts["park@example.org"] == 1


def test_a_temporary_refusal_is_retried_until_it_goes_through(altyn_emel, site_manager, smtp):
    smtp.handler.temporary_failures["park@example.org"] = 2  # 451 twice, then accepted
    screening = road(north_south(20)).screenings.get()
    tasks.send_screening_notices.apply(kwargs={"screening_id": screening.pk})
    assert smtp.handler.data_attempts["park@example.org"] == 3
    assert smtp.by_recipient() == {site_manager.email.lower(): 1, "park@example.org": 1}
    park = ScreeningNotice.objects.get(recipient_email="park@example.org")
    assert (park.sent_at is not None, park.failed_at, park.attempts) == (True, None, 3)
