from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from recommendations.models import Recommendation
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

S = Recommendation.Status
TODAY = timezone.localdate()


def test_search_text_casefolds_every_language_and_adds_the_site_searchs_variants():
    rec = Recommendation(title_en="Straße", title_ru="Шарын", title_kk="ҚОРЫҚ", text="")
    # Built as the site list's is (portal.text): folded lines, the Russian-keyboard variant, the Latin keys.
    assert rec.compute_search_text() == "strasse\nшарын\nқорық\nкорык\nsharyn\nkoryk"


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        (S.ACCEPTED, -1, True),
        (S.IN_PROGRESS, -1, True),
        (S.ACCEPTED, 0, False),  # due today is not overdue yet
        (S.PROPOSED, -1, False),
        (S.IMPLEMENTED, -1, False),
        (S.SUPERSEDED, -1, False),
        (S.ACCEPTED, None, False),
    ],
)
def test_overdue_in_python_and_in_the_database_agree(status, due, overdue):
    rec = RecommendationFactory(status=status, due_date=None if due is None else TODAY + dt.timedelta(days=due))
    assert rec.is_overdue(TODAY) is overdue
    assert list(Recommendation.objects.overdue(TODAY)) == ([rec] if overdue else [])


def test_title_falls_back_to_another_language():
    rec = RecommendationFactory(title_en="", title_ru="Усилить управление")
    assert rec.title == "Усилить управление"


def test_database_refuses_a_recommendation_without_title():
    with pytest.raises(IntegrityError):
        RecommendationFactory(title_en="", title_ru="", title_kk="")


def test_database_refuses_a_seminar_source_without_seminar():
    with pytest.raises(IntegrityError):
        RecommendationFactory(seminar=None, source_kind="seminar")
