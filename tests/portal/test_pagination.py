"""DeferredJoinPaginator gives the same pages, in the same order, as Django's Paginator."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator

from portal.models import Region
from portal.pagination import DeferredJoinPaginator
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ordering", [("name_en", "pk"), ("-name_en", "-pk")])
@pytest.mark.parametrize(("per_page", "orphans"), [(3, 0), (4, 1), (50, 0)])
def test_pages_match_djangos_paginator(ordering, per_page, orphans, django_assert_num_queries):
    for n in range(11):
        RegionFactory(slug=f"region-{n}", name_en=f"Region {(n * 7) % 5}")  # names repeat: the pk breaks ties
    queryset = Region.objects.order_by(*ordering)
    plain = Paginator(queryset, per_page, orphans=orphans)
    deferred = DeferredJoinPaginator(queryset, per_page, orphans=orphans)
    assert deferred.num_pages == plain.num_pages
    for number in plain.page_range:
        expected = [r.pk for r in plain.page(number)]
        with django_assert_num_queries(2):  # the page's ids, then their rows (the count is cached)
            page = deferred.page(number)
        assert [r.pk for r in page] == expected
        assert (page.has_next(), page.start_index(), page.end_index()) == (
            plain.page(number).has_next(),
            plain.page(number).start_index(),
            plain.page(number).end_index(),
        )
