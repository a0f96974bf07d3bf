"""Passwords: at least 12 characters and not a common one, wherever a password is chosen."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

GOOD = "steppe-eagle-over-charyn-42"


@pytest.fixture
def user(db):
    return UserFactory(email="aigerim@test.example")


def change_password(client, new: str):
    return client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new}
    )


@pytest.mark.parametrize(
    ("password", "error"),
    [
        ("kz-eagle-42", "This password is too short. It must contain at least 12 characters."),
        ("qwertyuiop123", "This password is too common."),
        ("736518204975", "This password is entirely numeric."),
    ],
)
def test_change_password_refuses_weak_password(client, user, password, error):
    client.force_login(user)
    response = change_password(client, password)
    assert response.status_code == 200
    assert error in response.context["form"].errors["password1"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_password_accepts_twelve_characters_that_are_not_common(client, user):
    client.force_login(user)
    assert change_password(client, "kz-eagle-421").status_code == 302
    user.refresh_from_db()
    assert user.check_password("kz-eagle-421")


def test_password_reset_refuses_short_password_and_accepts_good_one(client, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    # The link is on PORTAL_BASE_URL, not on the request's host (issue 13, L8).
    pattern = re.escape(settings.PORTAL_BASE_URL) + r"(/accounts/password/reset/key/\S+)"
    link = re.search(pattern, mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]

    response = client.post(form_url, {"password1": "short-pw-1", "password2": "short-pw-1"})
    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()

    assert client.post(form_url, {"password1": GOOD, "password2": GOOD}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD)
