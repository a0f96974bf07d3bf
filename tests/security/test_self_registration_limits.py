"""Issue 13, M3: the self-registration limit counts the client's address as allauth sees it.

Behind the proxy the README asks for, REMOTE_ADDR is the proxy's: counting it, the whole public shared one
allowance and one visitor could block everyone.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from seminars.models import SelfRegistrationRequest
from seminars.views.registration import RATE_LIMIT

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def post(client, seminar, n: int, client_address: str):
    data = {
        "full_name": f"Visitor {n}",
        "email": f"visitor{n}@example.org",
        "gender": "not_stated",
        "language": "ru",
        "consent": "on",
    }
    return client.post(
        reverse("seminars:register", kwargs={"slug": seminar.slug}),
        data,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_one_visitor_behind_the_proxy_cannot_block_everyone(client, seminar, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(RATE_LIMIT):
        assert post(client, seminar, n, "203.0.113.5").status_code == 200
    refused = post(client, seminar, RATE_LIMIT, "203.0.113.5")
    assert refused.context["form"].non_field_errors() == [
        "Too many registrations from your network. Please try again in an hour."
    ]
    # Someone else, through the same proxy, still gets through.
    other = post(client, seminar, RATE_LIMIT + 1, "198.51.100.9")
    assert other.status_code == 200
    assert "form" not in other.context or not other.context["form"].errors
    assert SelfRegistrationRequest.objects.filter(email=f"visitor{RATE_LIMIT + 1}@example.org").exists()


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_limit(client, seminar, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for n in range(RATE_LIMIT):
        post(client, seminar, n, f"192.0.2.{n}")
    refused = post(client, seminar, RATE_LIMIT, "192.0.2.200")
    assert refused.context["form"].non_field_errors() == [
        "Too many registrations from your network. Please try again in an hour."
    ]
