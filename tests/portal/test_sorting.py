"""Alphabetical order of the current language (portal.sorting): lists and drop-downs, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from portal.models import Organization
from portal.sorting import by_name, sort_key
from recommendations.filters import RecommendationFilter
from seminars.forms import SeminarForm
from sites.models import Site
from tests.factories import OrganizationFactory, SiteFactory

pytestmark = pytest.mark.django_db

# The demo's Kazakh names, shuffled; in Kazakh order Ақжайық comes before Алакөл (Қ after К, before Л), and
# names in Қ, Ө, Ү come right after К, О, У, not after Ш at the end.
KAZAKH = {
    "barsakelmes": "Барсакелмес",
    "charyn": "Шарын",
    "karatau": "Қаратау",
    "alakol": "Алакөл",
    "ak-zhaiyk": "Ақжайық",
    "ornek": "Өрнек",
    "kostobe": "Көстөбе",
    "otyrar": "Отырар",
    "ulytau": "Ұлытау",
    "urzhar": "Үржар",
    "aksu": "«Ақсу-Жабағылы» қорығы",
    "ile": "Іле Алатауы",
    "ystyk": "Ыстықкөл",
    "zhongar": "Жоңғар Алатауы",
}
KAZAKH_ORDER = [
    "ak-zhaiyk",
    "aksu",
    "alakol",
    "barsakelmes",
    "zhongar",
    "kostobe",
    "karatau",
    "otyrar",
    "ornek",
    "ulytau",
    "urzhar",
    "charyn",
    "ystyk",
    "ile",
]


def test_sort_key_follows_the_kazakh_alphabet():
    alphabet = list("АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ")
    shuffled = sorted(alphabet, key=lambda letter: hash(letter) % 97)
    assert sorted(shuffled, key=sort_key) == alphabet
    assert sorted((n for n in KAZAKH.values()), key=sort_key) == [KAZAKH[slug] for slug in KAZAKH_ORDER]


def test_sort_key_russian_order_case_quotes_and_spaces():
    names = ["ёлочный", "Ежевичный", "«Жемчужина»", "Ель", "абрикос", "Аб вг", "Абв", "Чарын", "Эмель", "9 мая"]
    assert sorted(names, key=sort_key) == [
        "9 мая",  # digits first
        "Аб вг",  # a space before any letter, as in a dictionary
        "Абв",
        "абрикос",  # case does not matter
        "Ежевичный",
        "Ель",
        "ёлочный",
        "«Жемчужина»",  # quotes are skipped
        "Чарын",
        "Эмель",
    ]
    assert sort_key("Kayalyk") < sort_key("Каялык")  # Latin before Cyrillic
    assert len(sort_key("Ш" * 500)) == 200


def _kazakh_catalogue():
    for slug, name_kk in KAZAKH.items():
        SiteFactory(slug=slug, name_kk=name_kk, name_en=slug.title(), name_ru=name_kk)


def test_site_list_in_kazakh_order(client):
    _kazakh_catalogue()
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    response = client.get(reverse("sites:list"))
    slugs = [site.slug for site in response.context["sites"]]
    assert slugs == KAZAKH_ORDER
    assert slugs.index("ak-zhaiyk") < slugs.index("alakol")
    assert slugs[0] != "barsakelmes"
    assert max(slugs.index("karatau"), slugs.index("ornek")) < slugs.index("charyn")


def test_site_list_in_russian_and_english_order(client):
    for slug, name_ru, name_en in [
        ("yolki", "Ёлкин бор", "Yolkin Bor"),
        ("charyn", "Чарынский каньон", "Charyn Canyon"),
        ("emel", "Алтын-Эмель", "Altyn-Emel"),
        ("el", "Ель", "Spruce"),
        ("zhabagly", "Аксу-Жабаглы", "Aksu-Zhabagly"),
    ]:
        SiteFactory(slug=slug, name_ru=name_ru, name_en=name_en, name_kk="")
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    russian = [site.slug for site in client.get(reverse("sites:list")).context["sites"]]
    assert russian == ["zhabagly", "emel", "el", "yolki", "charyn"]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = [site.slug for site in client.get(reverse("sites:list")).context["sites"]]
    assert english == ["zhabagly", "emel", "charyn", "el", "yolki"]


def test_the_database_orders_the_keys_as_python_does():
    """On PostgreSQL as on SQLite: the keys hold only [0-9a-z], which every collation orders alike."""
    _kazakh_catalogue()
    with translation.override("kk"):
        assert list(by_name(Site.objects.all()).values_list("slug", flat=True)) == KAZAKH_ORDER


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_drop_downs_in_the_current_language(rf, language):
    for name_en, name_ru, name_kk in [
        ("Akimat of Zhetisu Region", "Акимат области Жетісу", "Жетісу облысының әкімдігі"),
        ("Ministry of Culture", "Министерство культуры", "Мәдениет министрлігі"),
        ("Charyn park", "Чарынский парк", "Шарын паркі"),
        ("Kazakh National Commission", "Национальная комиссия", "Қазақстан ұлттық комиссиясы"),
    ]:
        OrganizationFactory(name_en=name_en, name_ru=name_ru, name_kk=name_kk)
    _kazakh_catalogue()
    with translation.override(language):
        expected_orgs = sorted(Organization.objects.all(), key=lambda o: sort_key(o.name))
        expected_sites = sorted(Site.objects.all(), key=lambda s: sort_key(s.name))
        form = SeminarForm()
        assert list(form.fields["organizers"].queryset) == expected_orgs
        assert list(form.fields["sites"].queryset) == expected_sites
        filterset = RecommendationFilter({}, request=rf.get("/"))
        assert list(filterset.form.fields["organization"].queryset) == expected_orgs
        assert list(filterset.form.fields["site"].queryset) == expected_sites


def test_sort_keys_follow_a_rename_and_a_partial_save():
    site = SiteFactory(name_kk="Шарын", name_ru="Чарын", name_en="Charyn")
    assert (site.sort_kk, site.sort_ru, site.sort_en) == (sort_key("Шарын"), sort_key("Чарын"), sort_key("Charyn"))
    site.name_kk = "Ақсу"
    site.save(update_fields=["name_kk"])
    site.refresh_from_db()
    assert site.sort_kk == sort_key("Ақсу")
    site.name_kk = ""  # falls back to Russian, as the page shows it
    site.save()
    assert Site.objects.get(pk=site.pk).sort_kk == sort_key("Чарын")
