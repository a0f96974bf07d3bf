"""The admin's own login form is not a way around allauth's rate limits or the second factor."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.security.conftest import post_login

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"


def test_admin_login_sends_anonymous_visitors_to_allauth(client):
    response = client.get(ADMIN_LOGIN + "?next=/admin/portal/region/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + quote("/admin/portal/region/", safe="")


def test_admin_index_goes_through_the_admin_login_to_allauth(client):
    response = client.get("/admin/", follow=True)
    assert [url for url, _status in response.redirect_chain] == [
        ADMIN_LOGIN + "?next=/admin/",
        reverse("account_login") + "?next=%2Fadmin%2F",
    ]
    assert response.templates[0].name == "account/login.html"


def test_posting_credentials_to_the_admin_login_does_not_log_in(client, admin_user):
    response = client.post(ADMIN_LOGIN, {"username": admin_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_admin_login_is_no_way_around_the_failed_login_limit(client, admin_user):
    for n in range(5):
        post_login(client, admin_user.email, "wrong-password-1", ip=f"192.0.2.{n + 1}")
    for form in ({"username": admin_user.email}, {"login": admin_user.email}):
        response = client.post(ADMIN_LOGIN, {**form, "password": PASSWORD}, REMOTE_ADDR="192.0.2.77")
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session
    assert post_login(client, admin_user.email, ip="192.0.2.77").status_code == 429


def test_admin_login_refuses_logged_in_non_staff(client, official):
    client.force_login(official)
    assert client.get(ADMIN_LOGIN).status_code == 403


def test_admin_login_forwards_logged_in_staff_to_next(client, admin_user):
    client.force_login(admin_user)
    response = client.get(ADMIN_LOGIN + "?next=/admin/portal/region/")
    assert (response.status_code, response["Location"]) == (302, "/admin/portal/region/")
    response = client.post(ADMIN_LOGIN + "?next=https://evil.example/", {"username": "x", "password": "y"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_staff_reach_the_admin_through_allauth_login(client):
    UserFactory(email="root@test.example", is_staff=True, is_superuser=True)
    response = post_login(client, "root@test.example", ip="198.51.100.3", **{"QUERY_STRING": "next=/admin/"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200
