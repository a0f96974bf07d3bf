"""After log-in the interface speaks the profile's language, unless the browser already chose one."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

COOKIE = settings.LANGUAGE_COOKIE_NAME


def _log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_logging_in_switches_the_interface_to_the_profile_language(client, db):
    user = UserFactory(email="aigul@example.org", language="kk")
    response = _log_in(client, user)
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "kk"
    page = client.get(reverse("profile"))
    assert page["Content-Language"] == "kk"


def test_a_language_chosen_with_the_switcher_is_kept(client, db):
    user = UserFactory(email="ivan@example.org", language="ru")
    client.cookies[COOKIE] = "en"
    response = _log_in(client, user)
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert client.get(reverse("profile"))["Content-Language"] == "en"


def test_a_failed_log_in_sets_no_language(client, db):
    user = UserFactory(email="aigul@example.org", language="kk")
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password-123"})
    assert response.status_code == 200
    assert COOKIE not in response.cookies
