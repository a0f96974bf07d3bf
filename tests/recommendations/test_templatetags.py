"""The boxes other apps put on their pages: a seminar's and a site's recommendations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def _render(source: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load recommendations %}" + source).render(Context({"request": request, **context}))


@pytest.fixture
def recs(seminar, site_a, organization):
    RecommendationFactory(seminar=seminar, sites=[site_a], due_date=timezone.localdate() - dt.timedelta(days=1))
    RecommendationFactory(seminar=seminar, sites=[site_a], status="proposed")


def test_seminar_box_for_an_organizer_offers_recording(seminar, organizer, recs):
    html = _render("{% seminar_recommendations seminar %}", organizer, seminar=seminar)
    assert "This seminar made 2 recommendations (1 open, 1 overdue)." in " ".join(html.split())
    assert f"/recommendations/new/?seminar={seminar.slug}" in html
    assert f"/recommendations/?seminar={seminar.slug}" in html


def test_seminar_box_for_an_official_has_no_record_button(seminar, official, recs):
    html = _render("{% seminar_recommendations seminar %}", official, seminar=seminar)
    assert "/recommendations/new/" not in html
    assert "2 recommendations" in html


def test_boxes_render_nothing_for_anonymous(seminar, site_a, recs):
    assert _render("{% seminar_recommendations seminar %}", AnonymousUser(), seminar=seminar).strip() == ""
    assert _render("{% site_recommendations site %}", AnonymousUser(), site=site_a).strip() == ""


def test_site_box_counts(site_a, official, recs):
    html = " ".join(_render("{% site_recommendations site %}", official, site=site_a).split())
    assert "2 recommendations concern this site (1 open, 1 overdue)." in html
    assert "/recommendations/?site=site-a" in html
