"""The yardsticks the benchmark serves next to the portal (bench.urls): a plain list, uncached and cached."""

from __future__ import annotations

import pytest

from sites.models import Site

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


@pytest.fixture
def sites():
    Site.objects.bulk_create(Site(slug=f"site-{i:02d}", name_en=f"Site {i:02d}") for i in range(30))


def test_plain_list_renders_25_rows_in_two_queries(client, sites, django_assert_num_queries):
    # 1. COUNT(*) of sites for the paginator  2. the 25 sites of page 1
    with django_assert_num_queries(2):
        response = client.get("/_bench/plain-list/")
    assert (response.status_code, response.content.count(b"<li>"), b"Page 1 of 2" in response.content) == (
        200,
        25,
        True,
    )


def test_plain_list_cached_answers_from_the_cache_the_second_time(client, sites, django_assert_num_queries):
    first = client.get("/_bench/plain-list-cached/")
    with django_assert_num_queries(0):
        second = client.get("/_bench/plain-list-cached/")
    assert (first.status_code, second.content) == (200, first.content)
