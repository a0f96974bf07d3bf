"""portal.text: normalising, the search text and query every list uses, e-mail addresses."""

from __future__ import annotations

import pytest

from portal import text


def test_normalise_folds_case_width_and_spaces():
    assert text.normalise("  ТАҢБАЛЫ \n\t Петроглифтері ") == "таңбалы петроглифтері"
    assert text.normalise("Straße") == "strasse"
    assert text.normalise("ＡＢＣ") == "abc"  # full-width letters (NFKC)
    assert text.normalise(None) == ""


def test_comparison_key_treats_punctuation_as_spaces_and_yo_as_ye():
    assert text.comparison_key("Ф.И.О. (полностью)") == "ф и о полностью"
    assert text.comparison_key("Учреждённая  организация") == "учрежденная организация"


def test_keyboard_variant_replaces_every_kazakh_letter():
    assert text.keyboard_variant("әғқңөұүһіё") == "агкноуухие"


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["Алтын Эмель", "Алтын-Эмель", "Altyn-Emel", "ALTYN EMEL", "Алтынемел"], "altynemel"),
        (["Aksu Zhabagly", "Aksu-Zhabagly", "Аксу-Жабаглы", "Aksu-Jabagly"], "aksuzhabagly"),
        (["Khoja Ahmed Yasawi", "Ходжа Ахмед Ясави", "Hoja Ahmed Yasavi"], "hozhaahmedyasavi"),
        (["Тамғалы", "Тамгалы", "Tamgaly"], "tamgaly"),
        (["Qazaqstan's", "Казакстанс"], "kazakstans"),
        (["Sarıarka", "Сарыарка", "Saryarka"], "saryarka"),
    ],
)
def test_search_key_is_the_same_for_every_spelling(spellings, key):
    assert [text.search_key(s) for s in spellings] == [key] * len(spellings)


def test_build_search_text_lines_variants_and_keys_once():
    built = text.build_search_text(["«Ақсу-Жабағылы» қорығы", "Аксу-Жабаглы", None, "", "Аксу-Жабаглы"])
    assert built.split("\n") == [
        "«ақсу-жабағылы» қорығы",
        "аксу-жабаглы",
        "«аксу-жабагылы» корыгы",
        "aksuzhabagylykorygy",
        "aksuzhabagly",
    ]


def test_search_filter_none_for_a_blank_query():
    assert text.search_filter("  \n ") is None
    assert text.search_filter(None) is None


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Алтын Эмель", True),
        ("altyn emel", True),
        ("ALTYN-EMEL", True),
        ("Алтынемел", True),
        ("алтын-эмель", True),
        ("емел алтын", True),  # every word, in any order
        ("Алтын Шарын", False),
        ("Charyn", False),
    ],
)
def test_search_filter_against_a_search_text(query, found):
    from django.db.models import Q

    haystack = text.build_search_text(["Altyn-Emel", "Алтын-Эмель", "Алтынемел"])
    assert _matches(text.search_filter(query), haystack) is found
    assert isinstance(text.search_filter(query), Q)


def _matches(condition, haystack: str) -> bool:
    """Evaluate a tree of ``search_text__contains`` conditions in Python, as the database would."""
    results = []
    for child in condition.children:
        if isinstance(child, tuple):
            results.append(child[1] in haystack)
        else:
            results.append(_matches(child, haystack))
    value = all(results) if condition.connector == "AND" else any(results)
    return not value if condition.negated else value


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("  Aruzhan@Example.ORG ", "aruzhan@example.org"), (None, ""), ("", ""), ("a@b.kz", "a@b.kz")],
)
def test_normalise_email(typed, stored):
    assert text.normalise_email(typed) == stored


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Heritage & «Silk Roads» 2030", "heritage-silk-roads-2030"),
        ("Туризм на основе наследия (демо-семинар)", "turizm-na-osnove-naslediya-demo-seminar"),
        ("Қожа Ахмет Ясауи кесенесі: мұра және туризм", "kozha-akhmet-yasaui-kesenesi-mura-zhane-turizm"),
        ("«»!?", ""),
    ],
)
def test_slug_text_transliterates_kazakh_and_russian(title, slug):
    assert text.slug_text(title) == slug
