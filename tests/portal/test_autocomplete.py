"""Search-as-you-type behind the searchable selects, and the recommendation list that no longer lists every
site, seminar and organization in its filters."""

from __future__ import annotations

import pytest
from django.conf import settings

from seminars.models import Seminar
from tests.factories import OrganizationFactory, RecommendationFactory, SeminarFactory, SiteFactory

pytestmark = pytest.mark.django_db


def results(client, kind, q):
    response = client.get(f"/autocomplete/{kind}/", {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def test_sites_match_every_word_in_any_language(client, official):
    SiteFactory(slug="altyn-emel", name_en="Altyn-Emel", name_ru="Алтын-Эмель", name_kk="Алтынемел")
    SiteFactory(slug="aksu", name_en="Aksu-Zhabagly", name_ru="Аксу-Жабаглы", name_kk="Ақсу-Жабағлы")
    client.force_login(official)
    # Capitalized: SQLite folds the case of ASCII only (PostgreSQL, in production, folds Cyrillic too).
    assert results(client, "sites", "Алтын") == [{"value": "altyn-emel", "text": "Altyn-Emel"}]
    assert results(client, "sites", "emel alt") == [{"value": "altyn-emel", "text": "Altyn-Emel"}]
    assert results(client, "sites", "nothing") == []


def test_answers_in_the_users_language(client, official):
    OrganizationFactory(slug="akimat-z", name_en="Akimat Z", name_ru="Акимат Зет", name_kk="Зет әкімдігі")
    client.force_login(official)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert results(client, "organizations", "Akimat Z") == [{"value": "akimat-z", "text": "Акимат Зет"}]


def test_a_draft_seminar_is_offered_only_to_its_organizers(client, official, organizer, organization):
    SeminarFactory(slug="draft-one", title_en="Draft seminar", organizers=[organization], status=Seminar.Status.DRAFT)
    client.force_login(official)
    assert results(client, "seminars", "draft") == []
    client.force_login(organizer)
    assert [r["value"] for r in results(client, "seminars", "draft")] == ["draft-one"]


def test_at_most_twenty_answers(client, official):
    for i in range(25):
        SiteFactory(name_en=f"Steppe {i}")
    client.force_login(official)
    assert len(results(client, "sites", "steppe")) == 20


def _list_size(client) -> int:
    response = client.get("/recommendations/")
    assert response.status_code == 200
    return len(response.content)


def test_recommendation_list_weight_does_not_grow_with_the_directory(client, official, region):
    RecommendationFactory()
    client.force_login(official)
    small = _list_size(client)
    for i in range(150):
        SiteFactory(name_en=f"A site with a long name number {i}", regions=[region])
        OrganizationFactory(name_en=f"An organization with a long name number {i}", region=region)
    for i in range(50):
        SeminarFactory(slug=f"weight-{i}", title_en=f"A seminar with a long title number {i}")
    from django.core.cache import cache

    cache.clear()  # the list's HTML is cached per query string
    large = _list_size(client)
    # 300 names of ~40 characters as <option>s would add over 15 KB; only the filters' chosen values are sent.
    assert large - small < 500


def test_the_chosen_site_is_the_one_option_and_still_filters(client, official):
    site = SiteFactory(slug="altyn-emel", name_en="Altyn-Emel")
    other = SiteFactory(slug="other-site", name_en="Other site")
    chosen = RecommendationFactory(sites=[site])
    RecommendationFactory(sites=[other])
    client.force_login(official)
    response = client.get("/recommendations/", {"site": "altyn-emel"})
    html = response.content.decode()
    assert '<option value="altyn-emel" selected>Altyn-Emel</option>' in html
    assert "other-site" not in html.split('id="id_site"')[1].split("</select>")[0]
    assert list(response.context["recommendations"]) == [chosen]
