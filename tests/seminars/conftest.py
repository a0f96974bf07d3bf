"""Fixtures of the seminars tests: a seminar the `organizer` persona's organization runs, and one it does not."""

from __future__ import annotations

import pytest

from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory


@pytest.fixture
def seminar(db, organization, region):
    """Organized by `organization` (the organizer persona's and the focal point's), in `region`."""
    return SeminarFactory(slug="taldykorgan-test", organizers=[organization], region=region)


@pytest.fixture
def other_seminar(db, other_organization):
    return SeminarFactory(slug="taraz-test", organizers=[other_organization])


@pytest.fixture
def registration(seminar):
    return RegistrationFactory(
        seminar=seminar,
        person=PersonFactory(full_name="Aruzhan Example", email="aruzhan@example.org", phone="+7 701 000 00 01"),
    )


@pytest.fixture
def full_seminar(seminar):
    """Capacity 2: two seats taken, two on the waiting list (in that order)."""
    seminar.capacity = 2
    seminar.save()
    for n, status in enumerate(["registered", "registered", "waitlisted", "waitlisted"]):
        RegistrationFactory(
            seminar=seminar, person=PersonFactory(full_name=f"Queue {n}", email=f"queue{n}@example.org"), status=status
        )
    return seminar
