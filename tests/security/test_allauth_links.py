"""Issue 13, L8: allauth's e-mails build every link from PORTAL_BASE_URL, whatever Host the request carried,
and the unknown-account mail offers no sign-up (there is none)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

FORGED_HOST = "127.0.0.1:31337"


@pytest.fixture
def forged(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.PORTAL_BASE_URL = "https://mura.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


def texts(message) -> str:
    return "\n".join([message.subject, message.body, *(a[0] for a in getattr(message, "alternatives", []))])


def test_the_password_reset_link_is_on_the_portal_not_the_requests_host(client, forged, official):
    EmailAddress.objects.create(user=official, email=official.email, primary=True, verified=True)
    client.post(reverse("account_reset_password"), {"email": official.email}, HTTP_HOST=FORGED_HOST)
    [message] = mail.outbox
    text = texts(message)
    assert "31337" not in text and "127.0.0.1" not in text
    assert "https://mura.example.org/accounts/password/reset/key/" in text


def test_the_unknown_account_mail_offers_no_sign_up(client, forged):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, HTTP_HOST=FORGED_HOST)
    [message] = mail.outbox
    text = texts(message)
    assert "sign up" not in text.lower() and "/accounts/signup/" not in text
    assert "31337" not in text
    assert "created by its administrators" in text
