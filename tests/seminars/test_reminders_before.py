"""Issue 20, item 2: reminders N days before the seminar, in the person's language, with the .ics, the venue and
the organizers' contacts; the waiting list told its place; exactly once per registration and reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portal.celery import _beat_schedule
from seminars import reminders_before, tasks
from seminars.models import SeminarReminder, parse_reminder_days
from tests.factories import OrganizationFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming(seminar):
    museum = OrganizationFactory(name_en="Almaty Museum", name_ru="Музей Алматы", emails=["events@museum.example.org"])
    seminar.organizers.add(museum)
    seminar.venue, seminar.venue_ru = "Akimat hall", "Зал акимата"
    seminar.capacity = 1
    seminar.save()
    return seminar


def at(seminar, days_before: float) -> dt.datetime:
    return seminar.start - dt.timedelta(days=days_before)


def register(seminar, when, **person):
    registration = RegistrationFactory(seminar=seminar, person=PersonFactory(**person))
    type(registration).objects.filter(pk=registration.pk).update(created_at=when)
    registration.refresh_from_db()
    return registration


def send_due(now) -> list[bool]:
    return [tasks.send_seminar_reminder(registration_id=pk, days=days) for pk, days in reminders_before.due(now)]


def test_default_days_are_three_and_one(upcoming):
    assert upcoming.reminder_days == "3, 1"
    assert upcoming.reminder_day_list == [3, 1]


@pytest.mark.parametrize("value", ["0", "3, x", "61", "-1"])
def test_bad_days_are_refused(value):
    with pytest.raises(ValidationError):
        parse_reminder_days(value)


def test_each_reminder_goes_once_in_the_persons_language(upcoming):
    seated = register(upcoming, at(upcoming, 10), full_name="Асель Пример", email="asel@example.org", language="ru")
    waiting = register(upcoming, at(upcoming, 9), full_name="Bolat Example", email="bolat@example.org", language="en")
    waiting.status = "waitlisted"
    waiting.save()
    assert send_due(at(upcoming, 4)) == []  # nothing due yet
    assert send_due(at(upcoming, 2.9)) == [True, True]
    assert send_due(at(upcoming, 2.5)) == []  # sent: not due again
    assert tasks.send_seminar_reminder(registration_id=seated.pk, days=3) is False  # a duplicate message
    by_address = {m.to[0]: m for m in mail.outbox}
    asel = by_address["asel@example.org"]
    assert asel.subject == f"Через 3 дня: {upcoming.title_ru}"
    assert "Зал акимата" in asel.body
    assert "Музей Алматы: events@museum.example.org" in asel.body
    assert [a[0] for a in asel.attachments] == [f"{upcoming.slug}.ics"]
    bolat = by_address["bolat@example.org"]
    assert "You are on the waiting list, number 1." in bolat.body
    mail.outbox.clear()
    assert send_due(at(upcoming, 0.5)) == [True, True]  # and the 1-day reminder
    assert {m.subject.split(":")[0] for m in mail.outbox} == {"Через 1 день", "In 1 day"}
    assert SeminarReminder.objects.count() == 4


def test_the_database_refuses_a_second_copy(upcoming):
    registration = register(upcoming, at(upcoming, 10))
    SeminarReminder.objects.create(registration=registration, days=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        SeminarReminder.objects.create(registration=registration, days=3)


def test_a_late_registration_gets_the_nearest_reminder_only(upcoming):
    late = register(upcoming, at(upcoming, 2))
    assert reminders_before.due(at(upcoming, 1.9)) == []  # the 3-day moment passed before they registered
    assert reminders_before.due(at(upcoming, 0.9)) == [(late.pk, 1)]


def test_the_cancelled_and_seminars_without_reminders_get_none(upcoming):
    cancelled = register(upcoming, at(upcoming, 10))
    cancelled.status = "cancelled"
    cancelled.save()
    assert reminders_before.due(at(upcoming, 0.5)) == []
    register(upcoming, at(upcoming, 10))
    upcoming.reminder_days = ""
    upcoming.save()
    assert reminders_before.due(at(upcoming, 0.5)) == []


def test_the_planner_runs_hourly():
    assert _beat_schedule()["plan-seminar-reminders"]["task"] == "seminars.plan_seminar_reminders"
