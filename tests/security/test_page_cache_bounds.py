"""Issue 13, M2: nobody fills the page cache with made-up query strings or low-vision cookie values.

A page is stored only under the parameters it uses, normalised; anything else is rendered and not stored.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from portal import pagecache
from portal.pagecache import LOW_VISION_COOKIE

pytestmark = pytest.mark.django_db


def page_entries() -> int:
    return sum(1 for key in cache._cache if ":pagecache:catalogue:page:" in key)  # the tests' local-memory cache


def from_cache(response) -> bool:
    return getattr(response, "from_page_cache", False)


@pytest.fixture
def anonymous(region):
    cache.clear()
    return Client()


@pytest.mark.parametrize("name", ["sites:export_geojson", "sites:list", "sites:map"])
def test_unknown_parameters_are_never_stored(anonymous, name):
    url = reverse(name)
    for n in range(20):
        anonymous.get(f"{url}?x={n}")
    assert page_entries() == 0
    assert not from_cache(anonymous.get(f"{url}?x=1"))
    anonymous.get(url)
    assert page_entries() == 1
    assert from_cache(anonymous.get(url))


def test_the_site_page_is_stored_only_without_parameters(anonymous):
    from tests.factories import SiteFactory

    site = SiteFactory(slug="some-site")
    for n in range(5):
        anonymous.get(f"{site.get_absolute_url()}?utm={n}")
    assert page_entries() == 0


def test_the_filters_are_normalised_and_invalid_values_not_stored(anonymous):
    url = reverse("sites:list")
    anonymous.get(f"{url}?region=almaty-region&page=1")
    assert from_cache(anonymous.get(f"{url}?page=1&region=almaty-region"))  # the order does not matter
    before = page_entries()
    for value in ("no-such-region", "x" * 50):
        anonymous.get(f"{url}?region={value}")
    anonymous.get(f"{url}?page=999999999")
    anonymous.get(f"{url}?region=almaty-region&region=almaty-region")
    assert page_entries() == before


def test_any_low_vision_cookie_value_but_on_is_the_standard_page(anonymous):
    url = reverse("sites:list")
    anonymous.get(url)
    for value in ("0", "yes", "anything-else", "1 "):
        anonymous.cookies[LOW_VISION_COOKIE] = value
        assert from_cache(anonymous.get(url)), value
    assert page_entries() == 1
    anonymous.cookies[LOW_VISION_COOKIE] = "1"
    low_vision = anonymous.get(url)
    assert not from_cache(low_vision) and 'class="low-vision"' in low_vision.text
    assert page_entries() == 2


def test_searches_are_normalised_and_capped(anonymous, monkeypatch):
    monkeypatch.setattr(pagecache, "FREE_TEXT_LIMIT", 3)
    url = reverse("sites:list")
    anonymous.get(f"{url}?q=Tanbaly+Rocks")
    assert from_cache(anonymous.get(f"{url}?q=Tanbaly%20Rocks"))
    for n in range(10):
        anonymous.get(f"{url}?q=search{n}")
    assert page_entries() == 3  # one per different search, up to the limit
    assert not from_cache(anonymous.get(f"{url}?q=search9"))
