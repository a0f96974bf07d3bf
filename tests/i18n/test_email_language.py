"""E-mails in the recipient's language, signed Mura, and their links open the portal in that language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from portal import roles
from portal.i18n import language_link
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_TEXT = (
    "You're receiving this email because you or someone else has requested a password reset for your user account.\n"
    "It can be safely ignored if you did not request a password reset. Click the link below to reset your password."
)


def test_password_reset_is_in_the_profiles_language_and_signed_mura(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(email="kazakh@test.example", language="kk", role=roles.FOCAL_POINT)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"  # the browser asking is Russian
    response = client.post("/accounts/password/reset/", {"email": "kazakh@test.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.body.startswith("Сәлеметсіз бе!")
    with translation.override("kk"):
        reset_text = translation.gettext(RESET_TEXT)
    assert reset_text != RESET_TEXT
    assert reset_text in message.body
    assert message.body.rstrip().endswith("Mura — Қазақстандағы ЮНЕСКО нысандарының порталы")
    assert "testserver" not in message.body.split("\n")[-2]
    assert "Благодарим" not in message.body and "Thank you for using" not in message.body


def test_a_link_with_lang_opens_the_page_in_that_language_and_remembers_it(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    first = client.get("/?lang=ru")
    assert first["Content-Language"] == "ru"
    assert '<html lang="ru"' in first.content.decode()
    assert first.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    again = client.get("/")
    assert '<html lang="ru"' in again.content.decode()


def test_a_russian_reminder_link_stays_russian_through_the_log_in(client, password):
    user = UserFactory(email="kk-profile@test.example", language="kk", role=roles.FOCAL_POINT)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    # A page that needs the log-in (the register's list is public since issue 19: the dashboard is not).
    to_login = client.get("/recommendations/dashboard/?lang=ru")
    assert to_login.status_code == 302
    login_page = client.get(to_login["Location"])
    assert '<html lang="ru"' in login_page.content.decode()
    after = client.post(to_login["Location"], {"login": user.email, "password": password}, follow=True)
    assert after.status_code == 200
    assert '<html lang="ru"' in after.content.decode()


def test_an_unknown_lang_is_ignored(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = client.get("/?lang=xx")
    assert '<html lang="kk"' in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("https://m.example/seminars/a/", "kk", "https://m.example/seminars/a/?lang=kk"),
        ("https://m.example/r/?page=2", "ru-ru", "https://m.example/r/?page=2&lang=ru"),
        ("https://m.example/", "de", "https://m.example/"),
    ],
)
def test_language_link(url, language, expected):
    assert language_link(url, language) == expected
