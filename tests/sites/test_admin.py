"""Django admin for sites and designations: lists, filters, search, UNESCO links, inlines, bulk actions, history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sites.models import Site
from tests.factories import DesignationFactory, SiteDesignationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def test_site_changelist_shows_unesco_link_and_filters(admin_client_, site_a, site_b):
    response = admin_client_.get(reverse("admin:sites_site_changelist"))
    assert response.status_code == 200
    assert '<a href="https://whc.unesco.org/en/list/1145" rel="noopener">1145</a>' in response.text
    filtered = admin_client_.get(reverse("admin:sites_site_changelist"), {"designation_kind": "world_heritage"})
    assert [s.slug for s in filtered.context["cl"].result_list] == ["tanbaly"]


def test_site_changelist_search_finds_kazakh_names(admin_client_, site_a, site_b):
    response = admin_client_.get(reverse("admin:sites_site_changelist"), {"q": "Таңбалы"})
    assert [s.slug for s in response.context["cl"].result_list] == ["tanbaly"]


def test_designation_changelist_and_change_form(admin_client_, site_a):
    designation = site_a.designations.get()
    assert admin_client_.get(reverse("admin:sites_designation_changelist")).status_code == 200
    response = admin_client_.get(reverse("admin:sites_designation_change", args=[designation.pk]))
    assert response.status_code == 200
    assert "site_links-TOTAL_FORMS" in response.text  # components inline
    assert "obligations-TOTAL_FORMS" in response.text


def test_bulk_action_sets_the_management_plan_with_history(admin_client_, site_a, site_b, admin_user):
    response = admin_client_.post(
        reverse("admin:sites_site_changelist"),
        {"action": "plan_in_preparation", "_selected_action": [site_a.pk, site_b.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert sorted(Site.objects.values_list("management_plan", flat=True)) == ["in_preparation", "in_preparation"]
    assert site_a.history.first().history_user == admin_user
    assert "on 2 sites" in response.text


def test_history_page_shows_the_audit_trail(admin_client_, site_a, site_manager, client):
    site_a.visitor_facilities = "Trail"
    site_a.save()
    response = admin_client_.get(reverse("admin:sites_site_history", args=[site_a.pk]))
    assert response.status_code == 200
    assert "Changed" in response.text or "~" in response.text


def test_admin_inline_designation_refreshes_the_search_text(admin_client_, site_a, region):
    reserve = DesignationFactory(biosphere_reserve=True, name_en="Brand New Reserve")
    url = reverse("admin:sites_site_change", args=[site_a.pk])
    link = site_a.designation_links.get()
    data = {
        "slug": site_a.slug,
        "name_en": site_a.name_en,
        "name_ru": site_a.name_ru,
        "name_kk": site_a.name_kk,
        "other_names": site_a.other_names,
        "regions": [region.pk],
        "managers": [m.pk for m in site_a.managers.all()],
        "latitude": "43.803",
        "longitude": "75.535",
        "management_plan": "none",
        "threats": ["illegal_activities", "livestock_grazing"],
        "managing_organization": site_a.managing_organization_id,
        "designation_links-TOTAL_FORMS": "2",
        "designation_links-INITIAL_FORMS": "1",
        "designation_links-MIN_NUM_FORMS": "0",
        "designation_links-MAX_NUM_FORMS": "1000",
        "designation_links-0-id": link.pk,
        "designation_links-0-site": site_a.pk,
        "designation_links-0-designation": link.designation_id,
        "designation_links-0-component_name": "",
        "designation_links-1-site": site_a.pk,
        "designation_links-1-designation": reserve.pk,
        "designation_links-1-component_name": "",
    }
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert list(Site.objects.search("brand new reserve").values_list("slug", flat=True)) == ["tanbaly"]
    assert Site.objects.get(pk=site_a.pk).threats == ["livestock_grazing", "illegal_activities"]


def test_admin_add_site_form_renders(admin_client_):
    assert admin_client_.get(reverse("admin:sites_site_add")).status_code == 200
    assert admin_client_.get(reverse("admin:sites_designation_add")).status_code == 200


def test_component_sites_inline_on_designation(admin_client_, site_a, site_b):
    designation = site_a.designations.get()
    SiteDesignationFactory(site=site_b, designation=designation, component_name="Second part")
    response = admin_client_.get(reverse("admin:sites_designation_change", args=[designation.pk]))
    assert "Second part" in response.text
