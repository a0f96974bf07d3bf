"""The register's search is the site list's (portal.text): Kazakh keyboards, spaces, hyphens, Latin or Cyrillic."""

from __future__ import annotations

import pytest

from recommendations.models import Recommendation
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corridors():
    RecommendationFactory(title_en="Museum staff training", title_ru="Обучение музейных работников", text="Training.")
    return RecommendationFactory(
        title_en="Wildlife corridors in Altyn-Emel",
        title_ru="Коридоры для диких животных в Алтын-Эмеле",
        title_kk="Алтынемел паркіндегі жабайы жануарлар дәліздері",
        text="Agree the corridors with the Aksu-Zhabagly reserve.",
    )


@pytest.mark.parametrize(
    "query",
    [
        "Алтын Эмель",  # Russian, a space for the hyphen
        "altyn emel",
        "алтынемел",
        "паркиндеги",  # the Kazakh title typed on a Russian keyboard
        "ДӘЛІЗДЕРІ",
        "Aksu Zhabagly",  # the text, with a space for the hyphen
        "Аксу-Жабаглы",  # the text's name in Cyrillic
    ],
)
def test_search_finds_every_spelling(corridors, query):
    assert list(Recommendation.objects.search(query)) == [corridors]


def test_every_word_must_match(corridors):
    assert list(Recommendation.objects.search("altyn museum")) == []
