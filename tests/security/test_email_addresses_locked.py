"""Issue 13, L4: a signed-in user cannot add, verify, or make primary an e-mail address: admins manage them."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from portal.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(organizer):
    EmailAddress.objects.create(user=organizer, email=organizer.email, primary=True, verified=True)
    client = Client()
    client.force_login(organizer)
    return client


def test_adding_an_address_or_making_it_primary_changes_nothing(signed_in, organizer):
    for data in (
        {"action_add": "", "email": "attacker@evil.example"},
        {"action_primary": "", "email": "attacker@evil.example"},
    ):
        response = signed_in.post("/accounts/email/", data)
        assert (response.status_code, response["Location"]) == (302, "/accounts/profile/")
    assert list(EmailAddress.objects.values_list("email", flat=True)) == [organizer.email]
    assert User.objects.get(pk=organizer.pk).email == organizer.email


def test_making_another_users_address_primary_is_no_500_and_leaves_nothing(signed_in, organizer, official):
    EmailAddress.objects.create(user=official, email=official.email, primary=True, verified=True)
    response = signed_in.post("/accounts/email/", {"action_primary": "", "email": official.email})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=organizer).count() == 1
    assert EmailAddress.objects.get(email=official.email).user == official


def test_the_page_itself_is_closed(signed_in):
    response = signed_in.get("/accounts/email/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/profile/")
