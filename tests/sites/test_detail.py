"""/sites/<slug>/: facts, designations with their UNESCO links, components, obligations, seminars,
recommendations (signed-in only) and contact details (signed-in only)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from portal.models import Region
from recommendations.models import Recommendation
from seminars.models import Seminar
from tests.factories import (
    DesignationFactory,
    ObligationFactory,
    OrganizationFactory,
    SiteDesignationFactory,
    SiteFactory,
    aware,
)

pytestmark = pytest.mark.django_db


def _seminar(site, slug: str, status: str) -> Seminar:
    seminar = Seminar.objects.create(
        slug=slug,
        title_en=f"Seminar {slug}",
        start=aware(2019, 3, 28, 10),
        end=aware(2019, 3, 28, 17),
        city="Taldykorgan",
        status=status,
    )
    seminar.sites.add(site)
    return seminar


def _recommendation(site, title: str, status: str) -> Recommendation:
    recommendation = Recommendation.objects.create(
        title_en=title,
        text=title,
        theme=Recommendation.Theme.SITE_MANAGEMENT,
        source_kind=Recommendation.SourceKind.OTHER,
        lead_organization=OrganizationFactory(),
        due_date=dt.date(2030, 1, 1),
        status=status,
    )
    recommendation.sites.add(site)
    return recommendation


def test_detail_shows_the_site_facts(client, site_a, zhetisu):
    site_a.region_before_2022 = Region.objects.get(slug="almaty-region")
    site_a.threats = ["tourism_impacts", "illegal_activities"]
    site_a.management_plan = "adopted"
    site_a.management_plan_year = 2018
    site_a.source_url = "https://example.org/source"
    site_a.save()
    html = client.get(site_a.get_absolute_url()).text
    assert "<h1>Tanbaly petroglyphs</h1>" in html
    assert '<li lang="kk">Таңбалы петроглифтері</li>' in html
    assert "Also known as: Tamgaly, Тамғалы" in html
    assert "43.803, 75.535" in html
    assert "Impacts of tourism/visitor/recreation; Illegal activities" in html
    assert "Adopted, 2018" in html
    assert 'href="https://example.org/source"' in html
    assert "Region before 2022" in html


def test_detail_links_world_heritage_to_unesco(client, site_a):
    html = client.get(site_a.get_absolute_url()).text
    assert '<a href="https://whc.unesco.org/en/list/1145" rel="noopener">' in html
    assert "UNESCO World Heritage List entry 1145" in html


def test_detail_shows_other_components_of_a_serial_property(client, region):
    silk = DesignationFactory(name_en="Silk Roads", unesco_ref=1442, is_serial=True)
    talgar = SiteFactory(slug="talgar", name_en="Talgar", regions=[region])
    SiteDesignationFactory(site=talgar, designation=silk, component_name="Site of Talgar")
    for slug in ("karamergen", "kayalyk"):
        SiteDesignationFactory(
            site=SiteFactory(slug=slug, name_en=slug.title()), designation=silk, component_name=f"Site of {slug}"
        )
    response = client.get(talgar.get_absolute_url())
    (link,) = response.context["links"]
    assert [other.site.slug for other in link.other_components] == ["karamergen", "kayalyk"]
    assert "This site is the component “Site of Talgar”." in response.text
    assert '<a href="/sites/kayalyk/">Kayalyk</a>' in response.text


def test_a_component_named_like_its_site_is_not_repeated_beside_it(client, region, settings):
    silk = DesignationFactory(name_en="Silk Roads", unesco_ref=1442, is_serial=True)
    talgar = SiteFactory(slug="talgar", name_en="Talgar settlement", name_ru="Городище Талгар", regions=[region])
    SiteDesignationFactory(site=talgar, designation=silk, component_name="Site of Talgar")
    kulan = SiteFactory(slug="kulan", name_en="Kulan settlement", name_ru="Городище Кулан", regions=[region])
    SiteDesignationFactory(
        site=kulan, designation=silk, component_name="Site of Kulan", component_name_ru="Городище Кулан"
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert '<li><a href="/sites/kulan/">Городище Кулан</a></li>' in client.get(talgar.get_absolute_url()).text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(talgar.get_absolute_url()).text
    assert '<a href="/sites/kulan/">Kulan settlement</a> <span class="muted">(Site of Kulan)</span>' in english


def test_detail_shows_biosphere_reserve_areas_review_and_obligations(client, site_b):
    reserve = DesignationFactory(
        biosphere_reserve=True,
        name_en="Altyn-Emel Biosphere Reserve",
        year=2017,
        area_ha="535909.40",
        core_area_ha="54767.5",
        buffer_zone_ha="252885.8",
        transition_area_ha="228256.1",
    )
    SiteDesignationFactory(site=site_b, designation=reserve)
    ObligationFactory(designation=reserve, title="Periodic review report", due_date=dt.date(2027, 9, 30))
    html = client.get(site_b.get_absolute_url()).text
    assert "535,909.4 ha" in html
    assert "54,767.5 ha" in html
    assert "<dt>Next periodic review</dt><dd>2027</dd>" in html
    assert "Periodic review report: due 30 September 2027" in html


def test_detail_shows_published_and_completed_seminars_only(client, site_a):
    _seminar(site_a, "taldykorgan-2019", Seminar.Status.COMPLETED)
    _seminar(site_a, "upcoming", Seminar.Status.PUBLISHED)
    _seminar(site_a, "draft-one", Seminar.Status.DRAFT)
    _seminar(site_a, "cancelled-one", Seminar.Status.CANCELLED)
    response = client.get(site_a.get_absolute_url())
    assert sorted(s.slug for s in response.context["seminars"]) == ["taldykorgan-2019", "upcoming"]
    assert "Seminar draft-one" not in response.text


def test_detail_hides_recommendations_from_anonymous_visitors(client, site_a):
    _recommendation(site_a, "Strengthen coordination between Akimats", Recommendation.Status.IN_PROGRESS)
    response = client.get(site_a.get_absolute_url())
    assert response.context["recommendations"] == []
    assert "Strengthen coordination" not in response.text
    assert "Open recommendations" not in response.text


def test_detail_shows_open_recommendations_to_signed_in_users(client, site_a, official):
    _recommendation(site_a, "Strengthen coordination between Akimats", Recommendation.Status.IN_PROGRESS)
    _recommendation(site_a, "Train museum staff", Recommendation.Status.ACCEPTED)
    _recommendation(site_a, "Already done", Recommendation.Status.IMPLEMENTED)
    _recommendation(site_a, "Only proposed", Recommendation.Status.PROPOSED)
    client.force_login(official)
    response = client.get(site_a.get_absolute_url())
    assert sorted(r.title for r in response.context["recommendations"]) == [
        "Strengthen coordination between Akimats",
        "Train museum staff",
    ]
    assert "Already done" not in response.text


def test_detail_hides_contact_emails_from_anonymous_visitors(client, site_a, site_manager):
    html = client.get(site_a.get_absolute_url()).text
    assert "Tanbaly administration" in html
    assert site_manager.get_full_name() in html
    assert "@" not in html.split('id="people-title"')[1].split("</section>")[0]
    assert "to see contact details." in html


def test_detail_shows_contact_emails_to_signed_in_users(client, site_a, site_manager, official):
    client.force_login(official)
    html = client.get(site_a.get_absolute_url()).text
    assert 'href="mailto:tanbaly-admin@example.org"' in html
    assert f'href="mailto:{site_manager.email}"' in html


@pytest.mark.parametrize(
    ("persona", "sees_edit_link"),
    [("anonymous", False), ("official", False), ("site_manager", True), ("admin_user", True)],
)
def test_detail_offers_the_edit_link_to_those_who_may_edit(persona_client, site_a, persona, sees_edit_link):
    html = persona_client(persona).get(site_a.get_absolute_url()).text
    assert ('href="/sites/tanbaly/edit/"' in html) is sees_edit_link


def test_detail_of_a_site_without_coordinates_says_so(client, site_b):
    html = client.get(site_b.get_absolute_url()).text
    assert "not verified yet, so it is not on the map" in html
    assert "leaflet.js" not in html


def test_detail_unknown_slug_is_404(client, site_a):
    assert client.get(reverse("sites:detail", kwargs={"slug": "atlantis"})).status_code == 404
