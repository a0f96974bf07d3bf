"""Schemathesis against every operation of the schema, in process: no 5xx, every answer as the schema says.

(`schemathesis.pytest.from_fixture` does not run under pytest 9, so the operations are walked here, each with
its own Hypothesis run.)
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 40


@pytest.fixture(autouse=True)
def _keep_the_test_transaction_open():
    """Schemathesis calls the WSGI application directly, so Django's request signals run ``close_old_connections``,
    which closes a PostgreSQL connection that is inside the test's transaction (the next query then fails with
    "the connection is closed"; an in-memory SQLite database is never closed, which is why only PostgreSQL showed
    it). Django's own test client disconnects the same receivers for the same reason."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_conforms(catalogue):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def run(case):
            # A schema-valid value may still name nothing (a region's slug, a cursor): 400 is right for it, so
            # the positive-data-acceptance check is left out; every other check runs.
            case.call_and_validate(
                headers={"X-Forwarded-Proto": "https"},
                excluded_checks=[schemathesis.checks.positive_data_acceptance],
            )

        run()
