"""The benchmark's signed-in clients: sessions made by a real login, accepted by the portal's middleware."""

from __future__ import annotations

import pytest
from django.conf import settings

from bench.users import PERSONAS, prepare_users, session_cookies
from portal import roles

pytestmark = pytest.mark.django_db


def test_prepare_users_is_idempotent_and_gives_each_persona_its_role():
    first = prepare_users()
    again = prepare_users()
    assert {k: (u.pk, list(u.groups.values_list("name", flat=True))) for k, u in again.items()} == {
        "organizer": (first["organizer"].pk, [roles.ORGANIZER]),
        "official": (first["official"].pk, [roles.OFFICIAL]),
        "manager": (first["manager"].pk, [roles.SITE_MANAGER]),
        "focal": (first["focal"].pk, [roles.FOCAL_POINT]),
    }
    assert set(PERSONAS) == {"organizer", "official", "manager", "focal"}


def test_session_cookies_sign_in_one_client_each(client):
    official = prepare_users()["official"]
    cookies = session_cookies(official, 3)
    statuses = []
    for cookie in cookies:
        name, key = cookie.split("=", 1)
        client.cookies.clear()
        client.cookies[name] = key
        # A login-required page (the register's list is public since issue 19; the dashboard is not): a dead
        # session would redirect to the login page.
        statuses.append(client.get("/recommendations/dashboard/").status_code)
    assert (len(set(cookies)), statuses, name) == (3, [200, 200, 200], settings.SESSION_COOKIE_NAME)
