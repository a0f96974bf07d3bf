"""Planning runs a fixed number of queries, however many recommendations there are (not one per row)."""

from __future__ import annotations

import pytest

from reminders import planning
from tests.factories import ActionFactory, OrganizationFactory, RecommendationFactory, SiteFactory, UserFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db


def _recommendations(count: int) -> None:
    region = OrganizationFactory(emails=["region@example.org"])
    site = SiteFactory(managers=[UserFactory()])
    for n in range(count):
        district = OrganizationFactory(parent=region, emails=[f"district-{n}@example.org"])
        rec = RecommendationFactory(
            lead_organization=district,
            supporting_organizations=[OrganizationFactory(emails=[f"support-{n}@example.org"])],
            sites=[site],
            due_date=dataset.days(-40 if n % 2 else 3),
        )
        ActionFactory(
            recommendation=rec,
            owner=OrganizationFactory(parent=region, emails=[f"owner-{n}@example.org"]),
            due_date=dataset.days(-40 if n % 2 else 3),
        )


# Reading (16): organizations, their e-mails, site managers, the focal points of organizations whose digests go
# to people, active managers and focal points, site names; one chunk of recommendations, its supporting
# organizations and its sites, then the empty next chunk; one chunk of actions, their recommendations' sites, the
# empty next chunk; site designations, biosphere reserves, obligations.
# The stage of planned items (6): DROP IF EXISTS and CREATE the temporary table, one INSERT of the
# recommendations' items and one of the actions' (no statutory item here, so no third one), CREATE INDEX, DROP
# at the end.
# Writing (5 for one chunk of recipients): SAVEPOINT, INSERT deliveries, SELECT the ones this run owns,
# INSERT items from the stage, RELEASE SAVEPOINT.
@pytest.mark.parametrize("count", [1, 3])
def test_plan_query_count_does_not_grow_with_recommendations(count, django_assert_num_queries):
    _recommendations(count)
    with django_assert_num_queries(27):
        planning.plan(dataset.TODAY)


def test_plan_reads_recommendations_in_chunks(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(planning, "READ_CHUNK", 2)
    _recommendations(6)
    # As above with three chunks of recommendations of four queries (three reads, one INSERT into the stage)
    # instead of one, and three chunks of actions of three (two reads, one INSERT): 27 + 2 * 4 + 2 * 3.
    with django_assert_num_queries(41):
        result = planning.plan(dataset.TODAY)
    assert result.recipients == 1 + 6 + 6 + 6 + 1
