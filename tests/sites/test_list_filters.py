"""/sites/: filters, sorting, pagination, and bad input answered with a message or a 404, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sites.models import Designation, Site
from tests.factories import DesignationFactory, RegionFactory, SiteDesignationFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    """Tanbaly (cultural WHS), Altyn-Emel (BR + natural transboundary WHS), Charyn (BR), Yasawi (cultural WHS)."""
    almaty = RegionFactory(slug="almaty-region", name_en="Almaty region")
    zhetisu = RegionFactory(slug="zhetisu-region", name_en="Zhetisu region")
    turkestan = RegionFactory(slug="turkestan-region", name_en="Turkestan region")
    tanbaly = SiteFactory(slug="tanbaly", name_en="Tanbaly", regions=[almaty], management_plan="adopted")
    altyn = SiteFactory(slug="altyn-emel", name_en="Altyn-Emel", regions=[zhetisu], management_plan="in_preparation")
    charyn = SiteFactory(slug="charyn", name_en="Charyn", regions=[almaty])
    yasawi = SiteFactory(slug="yasawi", name_en="Yasawi", regions=[turkestan])
    SiteDesignationFactory(site=tanbaly, designation=DesignationFactory(year=2004, category="cultural"))
    SiteDesignationFactory(site=yasawi, designation=DesignationFactory(year=2003, category="cultural"))
    SiteDesignationFactory(site=altyn, designation=DesignationFactory(biosphere_reserve=True, year=2017))
    turan = DesignationFactory(
        year=2023, category="natural", is_transboundary=True, transboundary_countries="Turkmenistan, Uzbekistan"
    )
    SiteDesignationFactory(site=altyn, designation=turan, component_name="Altyn-Emel East")
    SiteDesignationFactory(site=charyn, designation=DesignationFactory(biosphere_reserve=True, year=2018))


def _slugs(client, **params) -> list[str]:
    response = client.get(reverse("sites:list"), params)
    assert response.status_code == 200
    return [site.slug for site in response.context["sites"]]


def test_list_without_filters_shows_every_site_by_name(client, catalogue):
    assert _slugs(client) == ["altyn-emel", "charyn", "tanbaly", "yasawi"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"designation": "world_heritage"}, ["altyn-emel", "tanbaly", "yasawi"]),
        ({"designation": "biosphere_reserve"}, ["altyn-emel", "charyn"]),
        ({"region": "almaty-region"}, ["charyn", "tanbaly"]),
        ({"region": "zhetisu-region", "designation": "biosphere_reserve"}, ["altyn-emel"]),
        ({"category": "cultural"}, ["tanbaly", "yasawi"]),
        ({"category": "natural"}, ["altyn-emel"]),
        ({"category": "mixed"}, []),
        ({"transboundary": "yes"}, ["altyn-emel"]),
        ({"transboundary": "no"}, ["charyn", "tanbaly", "yasawi"]),
        ({"management_plan": "adopted"}, ["tanbaly"]),
        ({"management_plan": "none"}, ["charyn", "yasawi"]),
        ({"designation": "world_heritage", "transboundary": "no", "region": "turkestan-region"}, ["yasawi"]),
    ],
)
def test_list_filters(client, catalogue, params, expected):
    assert _slugs(client, **params) == expected


def test_list_filter_with_two_matching_designations_lists_the_site_once(client, catalogue):
    # Altyn-Emel carries two designations with a year: a join would list it twice.
    assert _slugs(client, designation="", sort="year") == ["yasawi", "tanbaly", "altyn-emel", "charyn"]
    assert Site.objects.count() == 4


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["altyn-emel", "charyn", "tanbaly", "yasawi"]),
        ("-name", ["yasawi", "tanbaly", "charyn", "altyn-emel"]),
        ("region", ["charyn", "tanbaly", "yasawi", "altyn-emel"]),
        ("year", ["yasawi", "tanbaly", "altyn-emel", "charyn"]),
        ("-year", ["charyn", "altyn-emel", "tanbaly", "yasawi"]),
    ],
)
def test_list_sorting(client, catalogue, sort, expected):
    assert _slugs(client, sort=sort) == expected


def test_list_sorts_by_the_name_in_the_active_language(client, catalogue):
    names_ru = {"yasawi": "Ясави", "tanbaly": "Танбалы", "charyn": "Чарын", "altyn-emel": "Алтын-Эмель"}
    for slug, name_ru in names_ru.items():
        site = Site.objects.get(slug=slug)
        site.name_ru = name_ru
        site.save()  # the sort keys are computed on save (portal.sorting)
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert _slugs(client) == ["altyn-emel", "tanbaly", "charyn", "yasawi"]


@pytest.mark.parametrize(
    ("param", "value", "label"),
    [
        ("designation", "world-heritage", "Designation"),
        ("region", "atlantis", "Region"),
        ("category", "spiritual", "Category"),
        ("transboundary", "maybe", "Transboundary"),
        ("management_plan", "lost", "Management plan"),
        ("sort", "-pk", "Sort by"),
        ("q", "x" * 101, "Search"),
    ],
)
def test_list_unknown_filter_value_gives_a_message_not_an_error(client, catalogue, param, value, label):
    response = client.get(reverse("sites:list"), {param: value})
    assert response.status_code == 200
    assert [error.startswith(f"{label}:") for error in response.context["filter_errors"]] == [True]
    assert "This filter was not applied." in response.text
    # The other sites are still listed: the bad filter is ignored, not applied as "nothing".
    assert len(response.context["sites"]) == 4


def test_list_unknown_filter_value_keeps_the_valid_filters(client, catalogue):
    assert _slugs(client, region="atlantis", designation="biosphere_reserve") == ["altyn-emel", "charyn"]


@pytest.mark.parametrize("page", ["2", "999", "abc", "-1", "0"])
def test_list_unknown_page_is_404(client, catalogue, page):
    assert client.get(reverse("sites:list"), {"page": page}).status_code == 404


def test_list_paginates_by_25_and_keeps_the_filters_in_the_links(client, region):
    for n in range(27):
        SiteFactory(slug=f"s{n:02}", name_en=f"Site {n:02}", regions=[region])
    first = client.get(reverse("sites:list"), {"region": region.slug})
    assert len(first.context["sites"]) == 25
    assert f'href="?region={region.slug}&amp;page=2"' in first.text
    second = client.get(reverse("sites:list"), {"region": region.slug, "page": "2"})
    assert [s.slug for s in second.context["sites"]] == ["s25", "s26"]
    assert second.context["paginator"].count == 27


def test_list_shows_the_columns(client, catalogue):
    response = client.get(reverse("sites:list"), {"q": "altyn"})
    html = response.text
    assert '<a href="/sites/altyn-emel/">Altyn-Emel</a>' in html
    assert "Biosphere reserve" in html and "World Heritage" in html
    assert "component: Altyn-Emel East" in html
    assert "Zhetisu region" in html
    assert "1 site" in html


def test_list_links_the_map_and_exports_with_the_current_filters(client, catalogue):
    html = client.get(reverse("sites:list"), {"designation": "biosphere_reserve", "page": "1"}).text
    assert 'href="/sites/map/?designation=biosphere_reserve"' in html
    assert 'href="/sites/export.csv?designation=biosphere_reserve"' in html
    assert 'href="/sites/export.geojson?designation=biosphere_reserve"' in html


def test_kinds_offered_by_the_filter_are_the_model_choices(client, catalogue):
    form = client.get(reverse("sites:list")).context["filterset"].form
    assert [value for value, _label in form.fields["designation"].choices][1:] == Designation.Kind.values
