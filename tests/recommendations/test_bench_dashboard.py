"""The benchmark script stays runnable: its data generator and measurement on a small data set."""

from __future__ import annotations

import pytest

from bench import bench_dashboard
from recommendations.dashboard import build_dashboard
from recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def test_bench_populate_and_measure_small():
    bench_dashboard.populate(40)
    assert Recommendation.objects.count() == 40
    assert all(r.search_text for r in Recommendation.objects.all())
    median, best, queries = bench_dashboard.measure(build_dashboard, repeat=2)
    assert queries == 7
    assert 0 < best <= median
    implemented = Recommendation.objects.filter(status="implemented")
    assert implemented.filter(implemented_on__isnull=True).count() == 0
