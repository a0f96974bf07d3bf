"""A number and its noun agree: Russian has three forms (1, 2–4, 5–20 and 11–14), Kazakh keeps the singular."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

pytestmark = pytest.mark.django_db

COUNTS = (1, 2, 5, 11, 21, 22, 25)


def _home_labels(language: str, n: int) -> list[str]:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    counts = {"sites": n, "world_heritage": n, "biosphere_reserves": n, "seminars": n}
    with translation.override(language):
        html = render_to_string("home.html", {"counts": counts}, request=request)
    return [" ".join(label.split()) for label in re.findall(r'<span class="stat-label">(.*?)</span>', html, re.S)]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, ["объект", "объект всемирного наследия", "биосферный резерват", "семинар"]),
        (2, ["объекта", "объекта всемирного наследия", "биосферных резервата", "семинара"]),
        (5, ["объектов", "объектов всемирного наследия", "биосферных резерватов", "семинаров"]),
        (11, ["объектов", "объектов всемирного наследия", "биосферных резерватов", "семинаров"]),
        (21, ["объект", "объект всемирного наследия", "биосферный резерват", "семинар"]),
        (22, ["объекта", "объекта всемирного наследия", "биосферных резервата", "семинара"]),
        (25, ["объектов", "объектов всемирного наследия", "биосферных резерватов", "семинаров"]),
    ],
)
def test_home_page_figures_agree_with_their_count_in_russian(n, expected):
    assert _home_labels("ru", n) == expected


@pytest.mark.parametrize("n", COUNTS)
def test_kazakh_keeps_the_noun_singular_after_a_number(n):
    assert _home_labels("kk", n) == ["нысан", "Дүниежүзілік мұра нысаны", "биосфералық резерват", "семинар"]


@pytest.mark.parametrize("n", COUNTS)
def test_english_uses_the_plural_for_everything_but_one(n):
    labels = _home_labels("en", n)
    assert labels[0] == ("site" if n == 1 else "sites")


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 рекомендация"),
        (2, "2 рекомендации"),
        (5, "5 рекомендаций"),
        (11, "11 рекомендаций"),
        (21, "21 рекомендация"),
        (22, "22 рекомендации"),
        (25, "25 рекомендаций"),
    ],
)
def test_recommendation_counts_agree_in_russian(n, expected):
    with translation.override("ru"):
        found = translation.npgettext("dashboard figures", "recommendation", "recommendations", n)
    assert f"{n} {found}" == expected


def test_russian_catalogue_has_three_plural_forms_and_uses_them_all():
    with translation.override("ru"):
        forms = {translation.ngettext("%(count)d site updated.", "%(count)d sites updated.", n) for n in COUNTS}
    assert len(forms) == 3
