"""The anonymous catalogue cache (portal.pagecache): hits ask no queries, edits show at once, signed-in users and
languages never share a copy, and the forms of a cached page still post."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.urls import reverse

from portal.pagecache import CSRF_PLACEHOLDER
from seminars.models import Seminar
from sites.models import Site
from tests.factories import DesignationFactory

pytestmark = pytest.mark.django_db

CATALOGUE_URLS = [
    pytest.param(lambda site: reverse("sites:list"), id="list"),
    pytest.param(lambda site: reverse("sites:list") + "?page=1&region=almaty-region", id="list-filtered"),
    pytest.param(lambda site: reverse("sites:detail", args=[site.slug]), id="detail"),
    pytest.param(lambda site: reverse("sites:map"), id="map"),
    pytest.param(lambda site: reverse("sites:export_geojson"), id="geojson"),
]


def _body(response) -> str:
    return b"".join(response.streaming_content).decode() if response.streaming else response.text


@pytest.mark.parametrize("url", CATALOGUE_URLS)
def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, site_a, site_b, url, django_assert_num_queries
):
    first = client.get(url(site_a))
    assert first.status_code == 200
    assert not getattr(first, "from_page_cache", False)
    with django_assert_num_queries(0):
        second = Client().get(url(site_a))
    assert second.status_code == 200
    assert second.from_page_cache
    assert _body(second) == _body(first) or "csrfmiddlewaretoken" in _body(first)
    assert second["Content-Type"] == first["Content-Type"]


def test_a_portal_edit_shows_at_once_on_the_cached_site_page(client, site_a, site_manager):
    url = reverse("sites:detail", args=[site_a.slug])
    assert "Camel rides at dawn" not in client.get(url).text
    assert client.get(url).from_page_cache

    manager = Client()
    manager.force_login(site_manager)
    response = manager.post(
        reverse("sites:edit", args=[site_a.slug]),
        {"management_plan": "none", "threats": [], "visitor_facilities": "Camel rides at dawn"},
    )
    assert response.status_code == 302

    response = client.get(url)
    assert not getattr(response, "from_page_cache", False)
    assert "Camel rides at dawn" in response.text


def test_an_admin_edit_shows_at_once_on_the_cached_list_and_search(client, site_a, region, admin_user):
    list_url, search_url = reverse("sites:list"), reverse("sites:list") + "?q=brand+new"
    assert "Brand New Reserve" not in client.get(list_url).text
    assert "0 sites" in client.get(search_url).text
    assert client.get(search_url).from_page_cache

    reserve = DesignationFactory(biosphere_reserve=True, name_en="Brand New Reserve")
    link = site_a.designation_links.get()
    admin = Client()
    admin.force_login(admin_user)
    response = admin.post(
        reverse("admin:sites_site_change", args=[site_a.pk]),
        {
            "slug": site_a.slug,
            "name_en": "Tanbaly renamed",
            "name_ru": site_a.name_ru,
            "name_kk": site_a.name_kk,
            "other_names": site_a.other_names,
            "regions": [region.pk],
            "managers": [m.pk for m in site_a.managers.all()],
            "latitude": "43.803",
            "longitude": "75.535",
            "management_plan": "none",
            "threats": [],
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
        },
    )
    assert response.status_code == 302

    listed = client.get(list_url)
    assert not getattr(listed, "from_page_cache", False)
    assert "Tanbaly renamed" in listed.text
    assert "Brand New Reserve" in listed.text
    assert "1 site" in client.get(search_url).text


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda site: site.regions.clear(), id="m2m-region-removed"),
        pytest.param(
            lambda site: site.designation_links.get().designation.obligations.create(
                title="State of conservation report", due_date="2030-02-01"
            ),
            id="obligation-added",
        ),
        pytest.param(lambda site: Site.objects.get(pk=site.pk).delete(), id="site-deleted"),
    ],
)
def test_related_changes_invalidate_the_catalogue(client, site_a, site_b, change):
    url = reverse("sites:list")
    client.get(url)
    assert client.get(url).from_page_cache
    change(site_a)
    assert not getattr(client.get(url), "from_page_cache", False)


def test_a_published_seminar_shows_at_once_on_the_cached_site_page(client, site_a):
    url = reverse("sites:detail", args=[site_a.slug])
    client.get(url)
    assert client.get(url).from_page_cache
    seminar = Seminar.objects.create(
        slug="tanbaly-2030",
        title_en="Tanbaly site managers' seminar",
        start="2030-05-01T10:00:00+05:00",
        end="2030-05-02T17:00:00+05:00",
        status=Seminar.Status.PUBLISHED,
    )
    seminar.sites.add(site_a)
    assert "Tanbaly site managers&#x27; seminar" in client.get(url).text


def test_signed_in_users_are_never_served_the_anonymous_copy(client, site_a, official):
    url = reverse("sites:detail", args=[site_a.slug])
    anonymous = client.get(url)
    assert "to see contact details" in anonymous.text
    assert client.get(url).from_page_cache

    signed_in = Client()
    signed_in.force_login(official)
    response = signed_in.get(url)
    assert not getattr(response, "from_page_cache", False)
    assert "to see contact details" not in response.text
    assert "tanbaly-admin@example.org" in response.text
    # ... nor is their page kept for anonymous visitors.
    again = Client().get(url)
    assert again.from_page_cache
    assert "tanbaly-admin@example.org" not in again.text


def test_language_and_low_vision_variants_do_not_mix(client, site_a):
    url = reverse("sites:detail", args=[site_a.slug])
    english = client.get(url)
    assert "<h1>Tanbaly petroglyphs</h1>" in english.text

    russian = Client()
    russian.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    for _ in range(2):
        response = russian.get(url)
        assert '<html lang="ru"' in response.text
        assert "<h1>Петроглифы Танбалы</h1>" in response.text
    assert response.from_page_cache

    kazakh = Client(headers={"accept-language": "kk"})
    assert "<h1>Таңбалы петроглифтері</h1>" in kazakh.get(url).text

    low_vision = Client()
    low_vision.cookies["mura_low_vision"] = "1"
    assert 'class="low-vision"' in low_vision.get(url).text
    assert 'class="low-vision"' not in client.get(url).text
    assert "<h1>Tanbaly petroglyphs</h1>" in client.get(url).text


def test_a_cached_page_carries_a_working_csrf_token_for_each_visitor(site_a):
    url = reverse("sites:list")
    Client().get(url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(url)
    assert response.from_page_cache
    assert CSRF_PLACEHOLDER.decode() not in response.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
    assert settings.CSRF_COOKIE_NAME in response.cookies
    switched = visitor.post(reverse("set_language"), {"language": "ru", "next": url, "csrfmiddlewaretoken": token})
    assert switched.status_code == 302
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"


def test_pages_with_a_message_are_neither_served_from_nor_stored_in_the_cache(client, site_a, rf):
    url = reverse("sites:detail", args=[site_a.slug])
    client.get(url)  # fills the cache
    # A visitor with a message waiting (e.g. after a form redirected here) gets a fresh page showing it.
    visitor = Client()
    storage = CookieStorage(rf.get(url))
    visitor.cookies[storage.cookie_name] = storage._encode([Message(messages.SUCCESS, "Hello from a redirect")])
    response = visitor.get(url)
    assert not getattr(response, "from_page_cache", False)
    assert "Hello from a redirect" in response.text
    # ... and that page is not kept for the next visitor.
    again = Client().get(url)
    assert again.from_page_cache
    assert "Hello from a redirect" not in again.text


def test_signed_in_requests_do_not_fill_the_cache(client, site_a, official):
    signed_in = Client()
    signed_in.force_login(official)
    url = reverse("sites:list")
    signed_in.get(url)
    assert not getattr(client.get(url), "from_page_cache", False)
