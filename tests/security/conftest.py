"""Helpers for the security tests: logging in through allauth's real form, TOTP codes."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def post_login(client, email: str, password: str = PASSWORD, *, ip: str = "203.0.113.7", **extra):
    """POST allauth's login form from `ip`, as a browser would."""
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip, **extra)


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now (allauth's own HOTP helper over the current 30 s period).

    allauth accepts only the current period's code: close to its end, wait for the next period so that
    the code is still current when the server checks it.
    """
    if 30 - time.time() % 30 < 2:
        time.sleep(30 - time.time() % 30 + 0.05)
    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture
def staff_user(db):
    """A staff member (not superuser) with the admin permission to view regions."""
    from django.contrib.auth.models import Permission

    user = UserFactory(email="staff@test.example", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_region", "change_region"]))
    return user


@pytest.fixture
def totp_secret():
    return generate_totp_secret()


@pytest.fixture
def with_totp(totp_secret):
    """`with_totp(user)` gives the user an active TOTP authenticator with `totp_secret`."""

    def activate(user):
        TOTP.activate(user, totp_secret)
        return user

    return activate


@pytest.fixture
def seminar(db, organization):
    """A published seminar the `organizer` persona's organization runs, open to self-registration."""
    from tests.factories import SeminarFactory

    return SeminarFactory(slug="a-seminar", organizers=[organization])
