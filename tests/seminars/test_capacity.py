"""Capacity and the waiting list, through the services: who gets a seat, who waits, who is promoted."""

from __future__ import annotations

import pytest

from portal import pagecache
from seminars import services
from seminars.models import Registration
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory

pytestmark = pytest.mark.django_db


def status_of(seminar) -> dict[str, str]:
    return dict(Registration.objects.filter(seminar=seminar).values_list("person__full_name", "status"))


def test_register_within_capacity_gets_a_seat(seminar, organizer):
    seminar.capacity = 1
    seminar.save()
    outcome = services.register_person(seminar, PersonFactory(full_name="First"), source="organizer", by=organizer)
    assert (outcome.waitlisted, outcome.registration.status) == (False, "registered")


def test_register_beyond_capacity_goes_on_the_waiting_list(full_seminar):
    outcome = services.register_person(full_seminar, PersonFactory(full_name="Fifth"), source="self")
    assert (outcome.waitlisted, outcome.registration.status) == (True, "waitlisted")


def test_no_capacity_means_no_limit(seminar):
    for _n in range(5):
        services.register_person(seminar, PersonFactory(), source="organizer")
    assert Registration.objects.filter(seminar=seminar, status="registered").count() == 5


def test_attended_people_hold_their_seats(seminar):
    seminar.capacity = 1
    seminar.save()
    RegistrationFactory(seminar=seminar, status="attended")
    assert services.register_person(seminar, PersonFactory(), source="organizer").waitlisted


def test_registering_twice_is_refused(registration):
    with pytest.raises(services.AlreadyRegistered) as caught:
        services.register_person(registration.seminar, registration.person, source="organizer")
    assert caught.value.registration == registration


def test_a_cancelled_person_can_register_again_at_the_end_of_the_queue(full_seminar):
    first = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 0")
    services.cancel_registration(first)
    outcome = services.register_person(full_seminar, first.person, source="organizer")
    assert outcome.registration.pk == first.pk
    assert outcome.registration.status == "waitlisted"
    queue = Registration.objects.filter(seminar=full_seminar).waitlisted().values_list("person__full_name", flat=True)
    assert list(queue) == ["Queue 3", "Queue 0"]


def test_cancelling_a_seat_promotes_the_first_in_the_queue_and_queues_an_email(
    full_seminar, django_capture_on_commit_callbacks
):
    first = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 1")
    with django_capture_on_commit_callbacks() as callbacks:
        promoted = services.cancel_registration(first)
    assert [r.person.full_name for r in promoted] == ["Queue 2"]
    assert status_of(full_seminar) == {
        "Queue 0": "registered",
        "Queue 1": "cancelled",
        "Queue 2": "registered",
        "Queue 3": "waitlisted",
    }
    assert promoted[0].promoted_at is not None
    assert len([c for c in callbacks if not pagecache.is_cache_callback(c)]) == 1  # (the cache's own callbacks aside)


def test_cancelling_from_the_waiting_list_promotes_nobody(full_seminar, django_capture_on_commit_callbacks):
    waiting = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 2")
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.cancel_registration(waiting) == []
    assert [c for c in callbacks if not pagecache.is_cache_callback(c)] == []
    assert status_of(full_seminar)["Queue 3"] == "waitlisted"


def test_cancelling_twice_changes_nothing(full_seminar):
    first = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 0")
    services.cancel_registration(first)
    assert services.cancel_registration(first) == []
    assert status_of(full_seminar)["Queue 3"] == "waitlisted"


def test_a_no_show_frees_no_seat_before_the_day_but_cancelling_it_promotes_nobody(full_seminar):
    """A no-show does not hold a seat, so cancelling one has no seat to give."""
    first = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 0")
    services.set_attendance(full_seminar, [first.pk], "no_show")
    # The seat the no-show left went to the queue at the next change that counts seats.
    outcome = services.register_person(full_seminar, PersonFactory(full_name="Newcomer"), source="organizer")
    assert outcome.waitlisted
    assert [r.person.full_name for r in outcome.promoted] == ["Queue 2"]


def test_free_seats_without_a_promotion_go_to_the_queue_before_a_newcomer(full_seminar):
    """A capacity raised in the admin frees seats; the next registration first serves the queue."""
    full_seminar.capacity = 3
    full_seminar.save()
    outcome = services.register_person(full_seminar, PersonFactory(full_name="Newcomer"), source="organizer")
    assert [r.person.full_name for r in outcome.promoted] == ["Queue 2"]
    assert outcome.waitlisted


def test_statistics_count_seats_by_gender_and_kind(seminar, organization):
    RegistrationFactory(seminar=seminar, person=PersonFactory(gender="male", organization=organization))
    RegistrationFactory(seminar=seminar, person=PersonFactory(gender="female", organization_kind="museum"))
    RegistrationFactory(seminar=seminar, person=PersonFactory(gender="female"), status="waitlisted")
    stats = Registration.objects.filter(seminar=seminar).statistics()
    assert stats["seated"] == 2
    assert {row["label"]: row["seated"] for row in stats["by_gender"]}["Female"] == 1
    assert sorted(str(row["label"]) for row in stats["by_kind"]) == ["Museum", "Regional Akimat"]


def test_seminars_are_independent(seminar):
    other = SeminarFactory(capacity=1)
    RegistrationFactory(seminar=other)
    seminar.capacity = 1
    seminar.save()
    assert not services.register_person(seminar, PersonFactory(), source="organizer").waitlisted
