from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from portal import roles
from tests.factories import PASSWORD, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_login_by_email_then_logout(client):
    UserFactory(email="aigerim@example.org")
    response = client.post(reverse("account_login"), {"login": "Aigerim@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("profile")).status_code == 200

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("profile")).status_code == 302


def test_login_with_wrong_password_is_refused(client):
    UserFactory(email="aigerim@example.org")
    response = client.post(reverse("account_login"), {"login": "aigerim@example.org", "password": "wrong-password-1"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client):
    UserFactory(email="daniyar@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "daniyar@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["daniyar@example.org"]
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+", message.body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]

    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    new_password = "steppe-eagle-over-charyn-42"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    client.logout()
    response = client.post(reverse("account_login"), {"login": "daniyar@example.org", "password": new_password})
    assert response.status_code == 302


def test_there_is_no_signup_page(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    response = client.post(
        "/accounts/signup/", {"email": "intruder@example.org", "password1": "x" * 14, "password2": "x" * 14}
    )
    assert response.status_code in (302, 405)
    from portal.models import User

    assert not User.objects.filter(email="intruder@example.org").exists()


def test_profile_shows_organization_roles_and_language(client):
    org = OrganizationFactory(name_en="Akimat of Almaty region")
    user = UserFactory(email="focal@example.org", organization=org, language="kk", role=roles.FOCAL_POINT)
    client.force_login(user)
    response = client.get(reverse("profile"), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "Akimat of Almaty region" in body
    assert "Focal point" in body
    assert "Kazakh" in body


def test_profile_requires_login(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_adding_an_email_that_lower_casing_makes_too_long_is_refused_not_a_500(client):
    """allauth lower-cases before saving; "İ" becomes two characters: 164 typed, 319 stored, over the 254."""
    from allauth.account.models import EmailAddress

    from tests.seminars.test_email_lowercasing import GROWS

    user = UserFactory(email="someone@test.example")
    client.force_login(user)
    response = client.post(reverse("account_email"), {"action_add": "", "email": GROWS})
    # The page is closed (issue 13, L4): nothing is added, and no 500.
    assert (response.status_code, response["Location"]) == (302, reverse("profile"))
    assert not EmailAddress.objects.filter(user=user).exclude(email="someone@test.example").exists()


def test_a_user_email_that_lower_casing_makes_too_long_is_invalid():
    """What the admin's user forms check (full_clean) before User.save() lower-cases the address."""
    from django.core.exceptions import ValidationError

    from portal.models import User
    from tests.seminars.test_email_lowercasing import GROWS

    # The e-mail field's own validators, as full_clean() runs them (the other fields are not under test).
    others = [field.name for field in User._meta.fields if field.name != "email"]
    with pytest.raises(ValidationError) as refused:
        User(email=GROWS).full_clean(exclude=others, validate_unique=False)
    assert refused.value.message_dict == {"email": ["Enter a valid email address."]}
    User(email="Someone@Example.ORG").full_clean(exclude=others, validate_unique=False)  # an ordinary one is fine
