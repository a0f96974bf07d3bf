"""Anonymous reads of the public API come from the page cache (api/cache.py); a token's owner never gets a shared
copy; a change makes every copy stale; a cached answer still counts against the caller's rate limit."""

from __future__ import annotations

import pytest

from api.models import ApiToken
from sites.models import Site

pytestmark = pytest.mark.django_db


def get(client, url, data=None, **kwargs):
    return client.get(url, data, secure=True, **kwargs)


def test_an_anonymous_read_is_served_from_the_cache_the_second_time(client, catalogue):
    first = get(client, "/api/v1/sites/")
    second = get(client, "/api/v1/sites/")
    assert not getattr(first, "from_page_cache", False)
    assert second.from_page_cache
    assert second.json() == first.json()
    assert second["Content-Type"] == first["Content-Type"] and second["ETag"] == first["ETag"]
    assert second.has_header("Last-Modified")
    # Another language, another query: their own copies.
    assert not getattr(get(client, "/api/v1/sites/", {"lang": "kk"}), "from_page_cache", False)
    assert not getattr(get(client, "/api/v1/sites/", {"limit": "1"}), "from_page_cache", False)


def test_a_token_owner_never_gets_the_shared_copy(client, catalogue, focal_point):
    get(client, "/api/v1/sites/")
    _token, secret = ApiToken.issue(focal_point, name="Reader", scope=ApiToken.Scope.READ, days=30)
    response = get(client, "/api/v1/sites/", headers={"authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert not getattr(response, "from_page_cache", False)


def test_a_change_to_a_site_makes_the_copy_stale(client, catalogue):
    get(client, "/api/v1/sites/")
    site = Site.objects.get(slug="site-0")
    site.name_en = "Renamed in the admin"
    site.save()
    response = get(client, "/api/v1/sites/")
    assert not getattr(response, "from_page_cache", False)
    assert "Renamed in the admin" in response.content.decode()


def test_cached_answers_count_against_the_rate_limit(client, settings, catalogue):
    settings.API_RATE_LIMIT_PER_ADDRESS = 3
    answers = [get(client, "/api/v1/designations/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[1].from_page_cache
    assert answers[3]["Retry-After"]


def test_an_error_is_never_stored(client, catalogue):
    assert get(client, "/api/v1/sites/", {"region": "nowhere"}).status_code == 400
    again = get(client, "/api/v1/sites/", {"region": "nowhere"})
    assert again.status_code == 400 and not getattr(again, "from_page_cache", False)
