"""`q` searches the names in kk/ru/en, other names and designation names, case-insensitively, on any database."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal.text import build_search_text, normalise
from sites import services
from sites.models import Site
from tests.factories import DesignationFactory, SiteDesignationFactory, SiteFactory

pytestmark = pytest.mark.django_db


def _found(client, query: str) -> list[str]:
    response = client.get(reverse("sites:list"), {"q": query})
    assert response.status_code == 200
    return [site.slug for site in response.context["sites"]]


@pytest.mark.parametrize(
    "query",
    [
        "Таңбалы",  # Kazakh name
        "ТАҢБАЛЫ",  # upper case: SQLite's LIKE would not fold Cyrillic
        "таңбалы петроглифтері",
        "Тамғалы",  # the former name, in Kazakh
        "Тамгалы",  # typed on a Russian keyboard without Kazakh letters
        "Петроглифы Танбалы",  # Russian
        "tanbaly",  # English, lower case
        "TAMGALY",
        "Archaeological Landscape",  # the designation's English name
        "ландшафтының",  # the designation's Kazakh name
        "1145",  # the UNESCO reference number
    ],
)
def test_search_finds_tanbaly_in_every_language(client, site_a, site_b, query):
    assert _found(client, query) == ["tanbaly"]


@pytest.mark.parametrize(
    "letter_word", ["Әулие", "Ғалым", "Қайлық", "Жоңғар", "Өрнек", "Ұлытау", "Үржар", "Һиджра", "Ақсу-Жабағылы"]
)
def test_search_finds_every_kazakh_letter_in_any_case(client, letter_word):
    SiteFactory(slug="target", name_kk=f"{letter_word} нысаны", name_en="Target")
    SiteFactory(slug="other", name_kk="Басқа", name_en="Other")
    assert _found(client, letter_word.upper()) == ["target"]
    assert _found(client, letter_word.lower()) == ["target"]


def test_search_by_designation_name_lists_every_component(client):
    silk = DesignationFactory(name_en="Silk Roads: the Routes Network", name_ru="Шёлковый путь", name_kk="Жібек жолы")
    for slug in ("talgar", "karamergen", "kayalyk"):
        SiteDesignationFactory(site=SiteFactory(slug=slug, name_en=slug.title()), designation=silk)
    SiteFactory(slug="charyn", name_en="Charyn")
    assert _found(client, "жібек жолы") == ["karamergen", "kayalyk", "talgar"]
    assert _found(client, "ШЁЛКОВЫЙ") == ["karamergen", "kayalyk", "talgar"]


def test_search_by_component_name(client):
    turan = DesignationFactory(name_en="Cold Winter Deserts of Turan")
    SiteDesignationFactory(site=SiteFactory(slug="barsakelmes"), designation=turan, component_name="Kaskakulan")
    assert _found(client, "kaskakulan") == ["barsakelmes"]


def test_search_with_no_match_says_so(client, site_a):
    response = client.get(reverse("sites:list"), {"q": "Nowhere at all"})
    assert list(response.context["sites"]) == []
    assert "No site matches these filters." in response.text


def test_search_text_follows_a_renamed_designation(site_a):
    designation = site_a.designations.get()
    designation.name_en = "Renamed Landscape"
    designation.save()
    assert list(Site.objects.search("renamed landscape").values_list("slug", flat=True)) == ["tanbaly"]


def test_search_text_follows_links_added_and_removed(site_a):
    reserve = DesignationFactory(biosphere_reserve=True, name_en="Imaginary Biosphere Reserve")
    site_a.designations.add(reserve)  # m2m add: no post_save on the through model
    assert list(Site.objects.search("imaginary").values_list("slug", flat=True)) == ["tanbaly"]
    site_a.designations.remove(reserve)
    assert list(Site.objects.search("imaginary")) == []
    services.link_designation(site_a, reserve, component_name="North part")
    assert list(Site.objects.search("north part").values_list("slug", flat=True)) == ["tanbaly"]
    services.unlink_designation(site_a, reserve)
    assert list(Site.objects.search("north part")) == []


def test_search_text_follows_a_designation_cleared_of_its_sites(site_a):
    designation = site_a.designations.get()
    designation.sites.clear()
    assert list(Site.objects.search("landscape")) == []


def test_search_text_refresh_writes_no_history(site_a):
    before = site_a.history.count()
    designation = site_a.designations.get()
    designation.name_en = "Another name"
    designation.save()
    assert site_a.history.count() == before


def test_normalise_folds_case_and_spaces():
    assert normalise("  ТАҢБАЛЫ \n Петроглифтері ") == "таңбалы петроглифтері"


def test_build_search_text_adds_russian_keyboard_variants_once():
    assert build_search_text(["Тамғалы", "Tamgaly", "Тамғалы", ""]) == "тамғалы\ntamgaly\nтамгалы"


def test_search_text_forgets_a_deleted_designation(site_a):
    site_a.designations.get().delete()
    assert list(Site.objects.search("landscape")) == []
    assert list(Site.objects.search("tanbaly").values_list("slug", flat=True)) == ["tanbaly"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Алтын Эмель", ["altyn-emel"]),  # a space for the hyphen: found nothing before
        ("altyn emel", ["altyn-emel"]),
        ("Алтынемел", ["altyn-emel"]),
        ("Altynemel", ["altyn-emel"]),
        ("Tanbaly Petroglyphs", ["tanbaly"]),
        ("Танбалы", ["tanbaly"]),
    ],
)
def test_search_tolerates_spaces_hyphens_and_latin_or_cyrillic(client, site_a, site_b, query, expected):
    assert _found(client, query) == expected


@pytest.mark.parametrize(
    "query", ["Aksu Zhabagly", "Аксу Жабаглы", "aksu-zhabagly", "Ақсу Жабағылы", "AKSU–ZHABAGLY", "Аксу-Жабагылы"]
)
def test_search_finds_aksu_zhabagly_in_any_spelling(client, query):
    SiteFactory(
        slug="aksu",
        name_en="Aksu-Zhabagly State Nature Reserve",
        name_ru="Аксу-Жабаглы",
        name_kk="«Ақсу-Жабағылы» қорығы",
    )
    SiteFactory(slug="other", name_en="Karatau", name_ru="Каратау", name_kk="Қаратау")
    assert _found(client, query) == ["aksu"]


def test_search_with_an_apostrophe(client):
    SiteFactory(slug="mausoleum", name_en="Mausoleum of Khoja Ahmed Yasawi", name_ru="Мавзолей Ходжи Ахмеда Ясави")
    assert _found(client, "Yasawi's") == []  # a word that is not there is not found…
    assert _found(client, "Ясави") == ["mausoleum"]
    assert _found(client, "Khoja Ahmed") == ["mausoleum"]
    assert _found(client, "Ахмед-Ясави") == ["mausoleum"]
