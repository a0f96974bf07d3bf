"""Authentication events are logged to `mura.auth`: who, from where, what; never a password or a code."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from portal.signals import loggable
from tests.factories import PASSWORD
from tests.security.conftest import post_login, totp_code

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


@pytest.fixture
def auth_log(caplog):
    caplog.set_level(logging.INFO, logger="mura.auth")

    def lines() -> list[str]:
        return [f"{r.levelname} {r.getMessage()}" for r in caplog.records if r.name == "mura.auth"]

    return lines


def test_failed_and_successful_logins_are_logged(client, official, auth_log):
    post_login(client, official.email, "wrong-password-1", ip=IP)
    post_login(client, official.email, ip=IP)
    client.post(reverse("account_logout"), REMOTE_ADDR=IP)
    assert auth_log() == [
        f"WARNING login failed email={official.email} ip={IP}",
        f"INFO login ok user={official.pk} ip={IP}",
        f"INFO logout user={official.pk} ip={IP}",
    ]


def test_throttled_login_is_logged_with_the_account_and_the_refusal(client, official, auth_log):
    for _ in range(5):
        post_login(client, official.email, "wrong-password-1", ip=IP)
    post_login(client, official.email, ip=IP)
    assert auth_log()[-2:] == [
        f"WARNING login throttled email={official.email} ip={IP}",
        f"WARNING rate limited path=/accounts/login/ user=- ip={IP}",
    ]


def test_client_address_comes_from_the_trusted_proxy_header_when_configured(client, official, auth_log, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    post_login(client, official.email, "wrong-password-1", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.23")
    assert auth_log() == [f"WARNING login failed email={official.email} ip=198.51.100.23"]


def test_mfa_events_are_logged(client, official, auth_log, django_capture_on_commit_callbacks):
    client.force_login(official)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD}, REMOTE_ADDR=IP)
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, REMOTE_ADDR=IP)
    client.post(reverse("account_logout"), REMOTE_ADDR=IP)

    post_login(client, official.email, ip=IP)
    wrong = "111111" if totp_code(secret) != "111111" else "222222"
    client.post(reverse("mfa_authenticate"), {"code": wrong}, REMOTE_ADDR=IP)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, REMOTE_ADDR=IP)

    lines = auth_log()
    assert [line for line in lines if " mfa " in line] == [
        f"INFO mfa added type=totp user={official.pk} ip={IP}",
        f"INFO mfa added type=recovery_codes user={official.pk} ip={IP}",
        f"WARNING mfa failed type=totp user={official.pk} ip={IP}",
        f"INFO mfa ok type=totp user={official.pk} ip={IP}",
    ]
    assert secret not in "\n".join(lines)


def test_password_change_is_logged_without_the_password(client, official, auth_log):
    client.force_login(official)
    new = "steppe-eagle-over-charyn-42"
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
        REMOTE_ADDR=IP,
    )
    assert auth_log() == [f"INFO password changed user={official.pk} ip={IP}"]
    assert new not in "\n".join(auth_log())


def test_what_a_visitor_types_cannot_forge_log_lines():
    # The login form already refuses such an e-mail; the log escapes it anyway (and the path of a 429).
    assert loggable("x@test.example\nINFO login ok user=1") == "x@test.example\\nINFO login ok user=1"
    assert loggable("a\r\x1b[31m") == "a\\r\\x1b[31m"
    assert loggable("é" * 300) == "é" * 254
    assert loggable(None) == ""
