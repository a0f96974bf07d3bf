"""Two people changing the same recommendation's status at the same moment, on real PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from recommendations import services
from recommendations.models import Recommendation, StatusChange
from tests import services as test_services
from tests.factories import RecommendationFactory

S = Recommendation.Status


def _race(rec: Recommendation) -> list[str]:
    """Accept and reject ``rec`` from two threads released together; return how each attempt ended."""
    copies = [Recommendation.objects.get(pk=rec.pk) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def move(copy: Recommendation, to_status: str) -> None:
        try:
            barrier.wait(timeout=10)
            services.change_status(copy, to_status, user=None, comment="Race.")
            outcomes.append("ok")
        except services.TransitionError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=move, args=(copies[0], S.ACCEPTED)),
        threading.Thread(target=move, args=(copies[1], S.NOT_ACCEPTED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.services
def test_concurrent_status_changes_only_one_passes_the_rules(transactional_db):
    """Both read "proposed"; accept and reject race. The row lock makes the second see the first's result, and
    neither "accepted -> not accepted" nor "not accepted -> accepted" is allowed: exactly one change is kept."""
    test_services.postgres_or_skip()
    for _round in range(5):
        rec = RecommendationFactory(status=S.PROPOSED)
        assert _race(rec) == ["ok", "refused"]
        changes = list(StatusChange.objects.filter(recommendation=rec))
        assert len(changes) == 1
        assert Recommendation.objects.get(pk=rec.pk).status == changes[0].to_status
