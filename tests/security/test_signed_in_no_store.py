"""Issue 13, L11: every page shown to a signed-in user says `no-store`: it may carry contact data."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import RecommendationFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["official", "organizer", "admin_user"])
def test_signed_in_pages_are_never_stored(persona, request, seminar):
    recommendation = RecommendationFactory()
    site = SiteFactory()
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    pages = [
        recommendation.get_absolute_url(),
        site.get_absolute_url(),
        reverse("recommendations:dashboard"),
        seminar.get_absolute_url(),
        reverse("home"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control and "private" in cache_control, (page, cache_control)


def test_anonymous_public_pages_may_still_be_cached(seminar):
    response = Client().get(seminar.get_absolute_url())
    assert "no-store" not in response.get("Cache-Control", "")
