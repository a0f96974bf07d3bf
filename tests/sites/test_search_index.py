"""On PostgreSQL the site search is served by the trigram index on search_text."""

from __future__ import annotations

import pytest
from django.db import connection

from portal.text import build_search_text
from sites.filters import SiteFilter
from sites.models import Site
from tests.factories import SiteFactory

pytestmark = [pytest.mark.django_db, pytest.mark.services]


def test_search_uses_the_trigram_index(postgres, region):
    Site.objects.bulk_create(
        Site(slug=f"site-{n}", name_en=f"Site {n}", search_text=build_search_text([f"Нысан {n}", f"Site {n}"]))
        for n in range(200)
    )
    SiteFactory(slug="tanbaly", name_kk="Таңбалы петроглифтері", regions=[region])
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'site_search_text_trgm'")
        (indexdef,) = cursor.fetchone()
        assert "gin (search_text gin_trgm_ops)" in indexdef
        cursor.execute("ANALYZE sites_site")  # the statistics autovacuum would keep
        # On a small table reading every row is cheapest, sequentially or through another index (the
        # managing-organization one, in name order): rule both out to see whether the search can use the index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    filterset = SiteFilter({"q": "ТАҢБАЛЫ"}, queryset=Site.objects.for_listing())
    plan = filterset.qs.explain()
    assert "Bitmap Index Scan on site_search_text_trgm" in plan, plan
    assert "Index Cond: (search_text ~~ '%таңбалы%'::text)" in plan, plan
    assert [site.slug for site in filterset.qs] == ["tanbaly"]
