"""Two-factor authentication with TOTP: for everyone who wants it, required for staff when configured."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.security.conftest import post_login, totp_code

pytestmark = pytest.mark.django_db

ACTIVATE = reverse("mfa_activate_totp")


def activate_totp_through_the_pages(client) -> str:
    """Walk allauth's setup as a person would: confirm the password, read the secret, type the code."""
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, ACTIVATE)
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert f'value="{secret}"' in page.content.decode()
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return secret


def test_profile_links_to_two_factor_settings(client, official):
    client.force_login(official)
    assert reverse("mfa_index") in client.get(reverse("profile")).content.decode()


def test_any_user_can_activate_totp(client, official):
    client.force_login(official)
    activate_totp_through_the_pages(client)
    types = sorted(Authenticator.objects.filter(user=official).values_list("type", flat=True))
    assert types == [Authenticator.Type.RECOVERY_CODES, Authenticator.Type.TOTP]


def test_user_with_unverified_address_can_still_activate_totp(client, official):
    # Accounts are made by admins; allauth keeps an unverified EmailAddress row after a visit to /accounts/email/.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=official, email=official.email, verified=False, primary=True)
    client.force_login(official)
    activate_totp_through_the_pages(client)
    assert Authenticator.objects.filter(user=official, type=Authenticator.Type.TOTP).count() == 1


def test_login_with_totp_needs_the_code(client, official, with_totp, totp_secret):
    with_totp(official)
    response = post_login(client, official.email)
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_authenticate"))
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret)})
    assert (response.status_code, response["Location"]) == (302, reverse("home"))
    assert client.session["_auth_user_id"] == str(official.pk)


def test_guessing_totp_codes_is_refused_with_429(client, official, with_totp, totp_secret):
    with_totp(official)
    post_login(client, official.email)
    wrong = "111111" if totp_code(totp_secret) != "111111" else "222222"
    for _ in range(5):
        assert client.post(reverse("mfa_authenticate"), {"code": wrong}).status_code == 200
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret)})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_mfa_pages_use_the_portal_layout(client, official, with_totp):
    client.force_login(official)
    response = client.get(reverse("mfa_index"))
    body = response.content.decode()
    assert [t.name for t in response.templates][:2] == ["mfa/index.html", "mfa/base_manage.html"]
    assert "base.html" in [t.name for t in response.templates]
    assert 'class="site-header"' in body
    assert body.count('class="card panel"') == 2  # authenticator app, recovery codes
    assert f'<a href="{ACTIVATE}" class="button">' in body


def test_totp_setup_page_shows_the_qr_code_in_the_layout(client, official):
    client.force_login(official)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    body = client.get(ACTIVATE).content.decode()
    assert 'class="site-header"' in body
    assert '<img src="data:image/svg+xml;base64,' in body
    assert 'class="qr-code"' in body


# --- staff must use TOTP when REQUIRE_STAFF_MFA is on ---------------------------------------------------


@pytest.fixture
def staff_mfa_required(settings):
    settings.REQUIRE_STAFF_MFA = True


def test_demo_leaves_staff_mfa_off(settings):
    # The test run uses the development defaults (DEBUG unset): like the demo, staff MFA is not required.
    assert settings.REQUIRE_STAFF_MFA is False


@pytest.mark.usefixtures("staff_mfa_required")
@pytest.mark.parametrize("path", ["/", "/admin/", "/admin/portal/region/", "/accounts/profile/", "/sites/"])
def test_staff_without_totp_is_sent_to_the_setup(client, staff_user, path):
    client.force_login(staff_user)
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, ACTIVATE)


@pytest.mark.usefixtures("staff_mfa_required")
def test_staff_without_totp_may_still_set_up_log_out_and_be_checked(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(ACTIVATE)["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("staff_mfa_required")
def test_non_staff_without_totp_are_not_stopped(client, official):
    client.force_login(official)
    assert client.get("/").status_code == 200


@pytest.mark.usefixtures("staff_mfa_required")
def test_staff_sets_up_totp_when_asked_then_reaches_the_admin(client, staff_user):
    response = post_login(client, staff_user.email)
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == ACTIVATE
    activate_totp_through_the_pages(client)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/portal/region/").status_code == 200


@pytest.mark.usefixtures("staff_mfa_required")
def test_staff_with_totp_log_in_with_both_steps_and_reach_the_admin(client, staff_user, with_totp, totp_secret):
    with_totp(staff_user)
    response = post_login(client, staff_user.email)
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/portal/region/").status_code == 200


def test_staff_without_totp_reach_the_admin_when_not_required(client, staff_user, settings):
    settings.REQUIRE_STAFF_MFA = False
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("staff_mfa_required")
def test_admin_itself_refuses_staff_without_totp(client, staff_user, settings, with_totp):
    # Without the middleware, the admin site still says no, and its login page points to the setup.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "portal.middleware.StaffMFAMiddleware"]
    client.force_login(staff_user)
    response = client.get("/admin/portal/region/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/portal/region/")
    assert client.get("/admin/login/?next=/admin/portal/region/")["Location"] == ACTIVATE

    request = RequestFactory().get("/admin/")
    request.user = staff_user
    assert admin.site.has_permission(request) is False
    with_totp(staff_user)
    assert admin.site.has_permission(request) is True


@pytest.mark.usefixtures("staff_mfa_required")
def test_superuser_is_staff_and_also_needs_totp(client):
    root = UserFactory(email="root@test.example", is_staff=True, is_superuser=True)
    client.force_login(root)
    assert client.get("/admin/")["Location"] == ACTIVATE


def test_pages_with_secrets_are_never_stored(client, official):
    client.force_login(official)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for url in (ACTIVATE, reverse("mfa_index"), reverse("profile")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"no-store", "private"} <= cache_control(response), url
    # The e-mail addresses page is closed (issue 13, L4): it leads to the profile, and is not stored either.
    response = client.get(reverse("account_email"))
    assert (response.status_code, response["Location"]) == (302, reverse("profile"))
    assert {"no-store", "private"} <= cache_control(response)


def test_recovery_codes_are_never_stored(client, official):
    client.force_login(official)
    activate_totp_through_the_pages(client)
    response = client.get(reverse("mfa_view_recovery_codes"))
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_control(response)


def cache_control(response) -> set[str]:
    return set(response["Cache-Control"].replace(" ", "").split(","))


@pytest.mark.usefixtures("staff_mfa_required")
@pytest.mark.parametrize("path", ["/", "/seminars/", "/recommendations/", "/accounts/profile/"])
def test_a_superuser_who_is_not_staff_needs_a_second_factor_too(client, path):
    """Issue 13, L6: a superuser is an admin everywhere in the portal (roles.is_admin), staff or not."""
    from tests.factories import UserFactory

    superuser = UserFactory(email="root@test.example", is_staff=False, is_superuser=True)
    client.force_login(superuser)
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, ACTIVATE)


def test_staff_without_totp_are_not_redirected_on_the_api(client, admin_user, settings):
    """The API authenticates by token and never reads the session: a staff member's browser session (without an
    authenticator yet) must not turn an API call, with a token or without, into a redirect to the setup page."""
    from api.models import ApiToken
    from tests.factories.recommendations import RecommendationFactory

    settings.REQUIRE_STAFF_MFA = True
    client.force_login(admin_user)
    _token, secret = ApiToken.issue(admin_user, name="script", scope="write", days=1)
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/sites/", secure=True, headers=bearer).status_code == 200
    assert client.get("/api/v1/sites/", secure=True).status_code == 200
    rec = RecommendationFactory()
    response = client.post(
        f"/api/v1/recommendations/{rec.pk}/progress-reports/",
        {"text": "Posted by the ministry's script."},
        content_type="application/json",
        secure=True,
        headers=bearer,
    )
    assert response.status_code in (201, 403)
    assert response["Content-Type"] == "application/problem+json" or response.status_code == 201
    # No warning was queued for the next page either; the pages still ask for the setup.
    assert [m.message for m in response.wsgi_request._messages] == []
    assert client.get("/sites/")["Location"] == ACTIVATE
