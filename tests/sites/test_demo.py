"""load_demo seeds every site and designation of shared/data, with the slugs other apps rely on."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from sites import demo
from sites.models import Designation, Obligation, Site, SiteDesignation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def test_demo_has_every_site_and_designation(demo_data):
    assert Site.objects.count() == len(demo.SITES) == 27
    kinds = list(Designation.objects.order_by("kind").values_list("kind", flat=True))
    assert kinds.count("world_heritage") == 6
    assert kinds.count("biosphere_reserve") == 16  # 15 national reserves and the Great Altai TBR
    assert not Site.objects.filter(source_url="").exists()
    assert not Designation.objects.filter(source_url="").exists()


def test_demo_has_the_2019_almaty_set_in_their_current_regions(demo_data):
    regions = {
        site.slug: sorted(r.slug for r in site.regions.all())
        for site in Site.objects.filter(slug__in=demo.ALMATY_2019_SLUGS).prefetch_related("regions")
    }
    assert regions == {
        "tanbaly": ["almaty-region"],
        "talgar": ["almaty-region"],
        "karamergen": ["almaty-region"],
        "kayalyk": ["zhetisu-region"],
        "alakol": ["abai-region", "zhetisu-region"],
        "altyn-emel": ["zhetisu-region"],
        "charyn": ["almaty-region"],
        "zhongar-alatau": ["zhetisu-region"],
    }
    moved = Site.objects.filter(region_before_2022__slug="almaty-region").values_list("slug", flat=True)
    assert sorted(moved) == ["alakol", "altyn-emel", "kayalyk", "zhongar-alatau"]
    assert list(Site.objects.get(slug="tanbaly").districts.values_list("slug", flat=True)) == ["zhambyl"]


def test_demo_silk_roads_has_eight_kazakhstan_components(demo_data):
    silk = Designation.objects.get(unesco_ref=1442)
    assert silk.site_links.count() == 8
    assert sorted(silk.site_links.values_list("component_name", flat=True)) == [
        "Site of Aktobe",
        "Site of Akyrtas",
        "Site of Karamergen",
        "Site of Kayalyk",
        "Site of Kostobe",
        "Site of Kulan",
        "Site of Ornek",
        "Site of Talgar",
    ]


def test_demo_altyn_emel_and_aksu_zhabagly_carry_two_designations(demo_data):
    def kinds(slug):
        return sorted(SiteDesignation.objects.filter(site__slug=slug).values_list("designation__name_en", flat=True))

    assert kinds("altyn-emel") == ["Altyn-Emel Biosphere Reserve", "Cold Winter Deserts of Turan"]
    assert kinds("aksu-zhabagly") == ["Aksu-Zhabagly Biosphere Reserve", "Western Tien-Shan"]


def test_demo_leaves_unverified_values_empty(demo_data):
    turan = Designation.objects.get(slug="cold-winter-deserts-of-turan")
    assert (turan.unesco_ref, turan.area_ha, turan.buffer_zone_ha) == (None, None, None)
    tien_shan = Designation.objects.get(unesco_ref=1490)
    assert (tien_shan.area_ha, tien_shan.buffer_zone_ha) == (None, None)
    assert Designation.objects.get(unesco_ref=1103).buffer_zone_ha is None
    for slug in ("br-almaty", "br-west-altai", "br-burabay", "br-markakol"):
        assert Designation.objects.get(slug=slug).year is None, slug
    assert Site.objects.get(slug="karamergen").latitude is None


def test_demo_records_periodic_reviews_and_the_talgar_obligation(demo_data):
    assert Designation.objects.get(slug="br-altyn-emel").next_periodic_review_year == 2027
    assert Designation.objects.get(slug="br-korgalzhyn").next_periodic_review_year == 2022
    obligation = Obligation.objects.get(designation__kind="world_heritage")
    assert (obligation.designation.unesco_ref, str(obligation.due_date)) == (1442, "2017-12-01")
    # The other one: the demo's invented road near Altyn-Emel, screened (works.demo).
    screened = Obligation.objects.get(designation__kind="biosphere_reserve")
    assert (screened.designation.slug, screened.title) == (
        "br-altyn-emel",
        "Consult the biosphere reserve administration before approval: Access road to the Singing Dune (demo)",
    )


def test_demo_manager_manages_altyn_emel_and_tanbaly(demo_data):
    managed = Site.objects.filter(managers__email="manager@example.org").values_list("slug", flat=True)
    assert sorted(managed) == ["altyn-emel", "tanbaly"]


def test_demo_is_idempotent_and_adds_no_history(demo_data):
    before = (Site.history.count(), Designation.history.count(), list(Site.objects.values_list("search_text")))
    call_command("load_demo", verbosity=0)
    after = (Site.history.count(), Designation.history.count(), list(Site.objects.values_list("search_text")))
    assert after == before


DEMO_SEARCHES = {
    "Тамғалы": ["tanbaly"],
    "Таңбалы": ["tanbaly"],
    "тамгалы": ["tanbaly"],
    "TAMGALY": ["tanbaly"],
    "ШАРЫН": ["charyn"],
    "Чарын": ["charyn"],
    "Алтынемел": ["altyn-emel"],
    "Алтын-Эмель": ["altyn-emel"],
    "Жоңғар": ["zhongar-alatau"],
    "Қаялық": ["kayalyk"],
    "Turan": ["altyn-emel", "barsakelmes"],
    "Жібек жолы": ["aktobe", "akyrtas", "karamergen", "kayalyk", "kostobe", "kulan", "ornek", "talgar"],
}


def test_demo_search_in_three_languages(client, demo_data):
    # One test for all queries: loading the demo is the slow part.
    found = {
        query: sorted(s.slug for s in client.get(reverse("sites:list"), {"q": query}).context["sites"])
        for query in DEMO_SEARCHES
    }
    assert found == DEMO_SEARCHES


def test_demo_zhetisu_biosphere_reserves(client, demo_data):
    response = client.get(reverse("sites:list"), {"designation": "biosphere_reserve", "region": "zhetisu-region"})
    assert sorted(s.slug for s in response.context["sites"]) == ["alakol", "altyn-emel", "zhongar-alatau"]
