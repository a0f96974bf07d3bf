"""Two people taking the last seat at the same moment never both get it (real concurrent PostgreSQL transactions)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from seminars import services
from seminars.models import Registration, Seminar
from tests.factories import PersonFactory, SeminarFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def in_thread(target, *args):
    """Run ``target`` in a thread with its own database connection; collect its result or exception."""
    box: dict = {}

    def run():
        try:
            box["result"] = target(*args)
        except Exception as exc:
            box["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, box


def test_two_people_racing_for_the_last_seat_never_both_get_it(postgres):
    for round_ in range(5):
        seminar = SeminarFactory(capacity=1, slug=f"race-{round_}")
        people = [PersonFactory(), PersonFactory()]
        barrier = threading.Barrier(2)

        def take(person, seminar=seminar, barrier=barrier):
            barrier.wait()  # both start together
            return services.register_person(Seminar.objects.get(pk=seminar.pk), person, source="self")

        threads = [in_thread(take, person) for person in people]
        for thread, _box in threads:
            thread.join(timeout=30)
        outcomes = [box.get("result") for _thread, box in threads]
        assert [box.get("error") for _thread, box in threads] == [None, None]
        assert sorted(o.registration.status for o in outcomes) == ["registered", "waitlisted"]
        assert Registration.objects.filter(seminar=seminar, status="registered").count() == 1


def test_a_registration_waits_for_the_transaction_holding_the_seminar(postgres):
    """Deterministic: while a transaction holds the seminar row, a registration waits, then finds the seat gone."""
    seminar = SeminarFactory(capacity=1)
    first, second = PersonFactory(), PersonFactory()
    holding = threading.Event()
    release = threading.Event()

    def hold_and_take():
        with transaction.atomic():
            Seminar.objects.select_for_update().get(pk=seminar.pk)
            holding.set()
            release.wait(timeout=30)
            return services.register_person(seminar, first, source="self")

    holder, holder_box = in_thread(hold_and_take)
    assert holding.wait(timeout=30)
    waiter, waiter_box = in_thread(lambda: services.register_person(seminar, second, source="self"))
    waiter.join(timeout=1.0)
    assert waiter.is_alive(), "the second registration should wait for the seminar's lock"
    release.set()
    holder.join(timeout=30)
    waiter.join(timeout=30)
    assert holder_box["result"].registration.status == "registered"
    assert waiter_box["result"].registration.status == "waitlisted"
    assert connection.vendor == "postgresql"
