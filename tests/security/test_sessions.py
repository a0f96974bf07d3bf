"""Sessions: HttpOnly, SameSite=Lax, secure in production, a new key at login, idle expiry."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.sessions import KEY_PREFIX, SessionStore
from tests.security.conftest import post_login

pytestmark = pytest.mark.django_db

EIGHT_HOURS = 8 * 3600


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def set_expiry(client, when) -> Session:
    """As if time had passed: the stored expiry, in the database and in the cache copy (portal.sessions)."""
    row = session_row(client)
    row.expire_date = when
    row.save()
    data = SessionStore().decode(row.session_data)
    cache.set(KEY_PREFIX + row.session_key, (when, data))
    return row


def test_idle_timeout_defaults_to_eight_hours_counted_from_the_last_request():
    assert (settings.SESSION_IDLE_HOURS, settings.SESSION_COOKIE_AGE) == (8, EIGHT_HOURS)
    # Not a database write on every request: the expiry is pushed ahead at most every five minutes.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_REFRESH_SECONDS == 300
    assert "portal.middleware.IdleSessionMiddleware" in settings.MIDDLEWARE


def test_session_cookie_is_httponly_and_samesite_lax(client, official):
    response = post_login(client, official.email)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")
    # Without "remember me" the cookie ends with the browser; the server still ends the session when idle.
    assert cookie["max-age"] == ""


def test_remembered_session_cookie_lasts_the_idle_timeout(client, official):
    response = client.post(
        reverse("account_login"),
        {"login": official.email, "password": "correct-horse-battery-staple", "remember": "on"},
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == EIGHT_HOURS


def test_session_cookie_is_secure_when_configured(client, official, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    assert client.get(reverse("account_login"), secure=True).cookies["csrftoken"]["secure"] is True
    response = post_login(client, official.email, secure=True)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"] is True


def test_login_gives_a_new_session_key(client, official):
    # A visitor's session before logging in (e.g. planted by an attacker: session fixation).
    anonymous = client.session
    anonymous["planted"] = "yes"
    anonymous.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = anonymous.session_key

    post_login(client, official.email)
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != anonymous.session_key
    assert not Session.objects.filter(session_key=anonymous.session_key).exists()
    assert client.session["_auth_user_id"] == str(official.pk)


def test_logout_ends_the_session_on_the_server(client, official):
    post_login(client, official.email)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_a_request_pushes_a_stale_expiry_eight_hours_ahead(client, official):
    post_login(client, official.email)
    # As if the last request had been 7 h 59 min ago: one minute of the session is left.
    set_expiry(client, timezone.now() + dt.timedelta(minutes=1))

    assert client.get(reverse("profile")).status_code == 200
    left = session_row(client).expire_date - timezone.now()
    assert abs(left.total_seconds() - EIGHT_HOURS) < 60


def test_session_idle_past_the_timeout_is_over(client, official):
    post_login(client, official.email)
    set_expiry(client, timezone.now() - dt.timedelta(seconds=1))  # the last request was 8 h ago

    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_idle_expiry_in_real_time(client, official, settings):
    """With a two-second timeout: active use keeps the session past two seconds; a pause ends it."""
    settings.SESSION_COOKIE_AGE = 2
    post_login(client, official.email)
    started = time.monotonic()
    for _ in range(3):
        time.sleep(1.0)
        assert client.get(reverse("profile")).status_code == 200
    assert time.monotonic() - started > 2  # older than the timeout, yet alive: it counts from the last request
    time.sleep(2.5)
    assert client.get(reverse("profile")).status_code == 302


def test_requests_within_the_refresh_interval_do_not_write_the_session(client, official):
    post_login(client, official.email)
    # The last refresh was four minutes ago: within SESSION_REFRESH_SECONDS (five minutes).
    row = set_expiry(client, timezone.now() + dt.timedelta(seconds=EIGHT_HOURS - 240))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("profile")).status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]
    assert session_row(client).expire_date == row.expire_date


def test_a_request_after_the_refresh_interval_pushes_the_expiry_and_the_cookie(client, official):
    client.post(
        reverse("account_login"),
        {"login": official.email, "password": "correct-horse-battery-staple", "remember": "on"},
    )
    # The last refresh was six minutes ago.
    set_expiry(client, timezone.now() + dt.timedelta(seconds=EIGHT_HOURS - 360))
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    left = session_row(client).expire_date - timezone.now()
    assert abs(left.total_seconds() - EIGHT_HOURS) < 60
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == EIGHT_HOURS


def test_idle_expiry_holds_with_the_refresh_interval(client, official, settings):
    """Five-second timeout, refreshed at most every half second (a tenth of it): used every 0.3 s the session
    outlives its timeout, though not every request writes it; a pause of the timeout ends it."""
    settings.SESSION_COOKIE_AGE = 5
    post_login(client, official.email)
    started = time.monotonic()
    while time.monotonic() - started < 6:
        time.sleep(0.3)
        assert client.get(reverse("profile")).status_code == 200
    time.sleep(5.5)
    assert client.get(reverse("profile")).status_code == 302
