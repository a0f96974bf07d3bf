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
    """Each client gets its own session and, like a browser after its first page, a CSRF cookie: the pages it
    opens keep its secret (Django sends the cookie again only to renew its expiry)."""
    official = prepare_users()["official"]
    cookies = session_cookies(official, 3)
    statuses, names, new_csrf_secrets = [], set(), 0
    for cookie in cookies:
        client.cookies.clear()
        for pair in cookie.split("; "):
            name, value = pair.split("=", 1)
            client.cookies[name] = value
            names.add(name)
        sent = client.cookies[settings.CSRF_COOKIE_NAME].value
        # A login-required page (the register's list is public since issue 19; the dashboard is not): a dead
        # session would redirect to the login page.
        response = client.get("/recommendations/dashboard/")
        statuses.append(response.status_code)
        renewed = response.cookies.get(settings.CSRF_COOKIE_NAME)
        new_csrf_secrets += renewed is not None and renewed.value != sent
    assert (len(set(cookies)), statuses) == (3, [200, 200, 200])
    assert names == {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    assert new_csrf_secrets == 0
