"""A seminar the `organizer` persona's organization runs, and one it does not (as in tests/seminars)."""

from __future__ import annotations

import pytest

from tests.factories import SeminarFactory


@pytest.fixture
def seminar(db, organization, region):
    return SeminarFactory(slug="report-seminar", organizers=[organization], region=region)


@pytest.fixture
def other_seminar(db, other_organization):
    return SeminarFactory(slug="other-report-seminar", organizers=[other_organization])
