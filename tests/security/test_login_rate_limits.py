"""Failed log-ins are throttled: 10 a minute per IP, 5 per five minutes per account; then 429."""

from __future__ import annotations

import time

import pytest
from allauth.core.internal import ratelimit
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.security.conftest import post_login

pytestmark = pytest.mark.django_db


def assert_refused(response) -> None:
    assert response.status_code == 429
    assert response.templates[0].name == "429.html"
    assert "_auth_user_id" not in response.client.session


def test_login_failed_rate_is_configured_as_required():
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"


def test_eleventh_failed_login_from_one_ip_within_a_minute_is_refused(client):
    # Ten different accounts, one wrong password each: only the per-IP limit is at play.
    for n in range(10):
        response = post_login(client, f"user{n}@test.example", "wrong-password-1", ip="198.51.100.1")
        assert response.status_code == 200, n
    UserFactory(email="eleventh@test.example")

    # Refused even with the right password: the limit is on the address, not on guessing.
    assert_refused(post_login(client, "eleventh@test.example", ip="198.51.100.1"))
    # Another address is not affected.
    assert post_login(client, "eleventh@test.example", ip="198.51.100.2").status_code == 302


def test_sixth_failed_login_for_one_account_within_five_minutes_is_refused(client):
    UserFactory(email="aigerim@test.example")
    # Five wrong passwords from five addresses: only the per-account limit is at play.
    for n in range(5):
        response = post_login(client, "aigerim@test.example", "wrong-password-1", ip=f"192.0.2.{n + 1}")
        assert response.status_code == 200, n

    assert_refused(post_login(client, "Aigerim@Test.example", ip="192.0.2.99"))
    # Another account from the same address is not affected.
    UserFactory(email="daniyar@test.example")
    assert post_login(client, "daniyar@test.example", ip="192.0.2.99").status_code == 302


def test_account_limit_lifts_after_five_minutes(client, monkeypatch):
    UserFactory(email="aigerim@test.example")
    for n in range(5):
        post_login(client, "aigerim@test.example", "wrong-password-1", ip=f"192.0.2.{n + 1}")
    assert post_login(client, "aigerim@test.example", ip="192.0.2.50").status_code == 429

    # The limit counts timestamps in the cache; move the clock it reads past the five-minute window.
    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    assert post_login(client, "aigerim@test.example", ip="192.0.2.50").status_code == 302


def test_ip_limit_lifts_after_a_minute(client, monkeypatch):
    for n in range(10):
        post_login(client, f"user{n}@test.example", "wrong-password-1", ip="198.51.100.1")
    UserFactory(email="eleventh@test.example")
    assert post_login(client, "eleventh@test.example", ip="198.51.100.1").status_code == 429

    later = time.time() + 61
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    assert post_login(client, "eleventh@test.example", ip="198.51.100.1").status_code == 302


def test_successful_logins_do_not_use_up_the_failed_login_budget(client):
    UserFactory(email="aigerim@test.example")
    for _ in range(12):
        assert post_login(client, "aigerim@test.example", ip="198.51.100.9").status_code == 302
        client.post(reverse("account_logout"))


def test_429_page_is_the_portal_page_with_a_way_out(client):
    for n in range(5):
        post_login(client, "aigerim@test.example", "wrong-password-1", ip=f"192.0.2.{n + 1}")
    response = post_login(client, "aigerim@test.example", ip="192.0.2.99", HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert [t.name for t in response.templates][:2] == ["429.html", "base.html"]
    assert "<h1>Too many attempts</h1>" in body
    assert reverse("account_reset_password") in body
