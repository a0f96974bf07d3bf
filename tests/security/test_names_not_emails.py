"""Issue 13, L2: a user without a full name is never shown by e-mail address where the viewer may not see one."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import ProgressReportFactory, RecommendationFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_nameless_site_manager_is_not_shown_by_email_on_the_public_site_page():
    manager = UserFactory(email="nameless.manager@example.org", full_name="")
    site = SiteFactory()
    site.managers.add(manager)
    text = Client().get(site.get_absolute_url()).text
    assert "nameless.manager@example.org" not in text
    assert f"Portal user no. {manager.pk}" in text


def test_a_nameless_reporter_is_not_shown_by_email_on_the_timeline(official):
    reporter = UserFactory(email="nameless.reporter@example.org", full_name="")
    recommendation = RecommendationFactory()
    ProgressReportFactory(recommendation=recommendation, author=reporter)
    client = Client()
    client.force_login(official)
    text = client.get(recommendation.get_absolute_url()).text
    assert "nameless.reporter@example.org" not in text
    assert str(reporter) == f"Portal user no. {reporter.pk}"
