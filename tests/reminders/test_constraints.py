"""The database, not the code, is the last line against a second digest in a cycle."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from reminders.models import Delivery, ReminderItem
from tests.factories import RecommendationFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db


def _delivery(**kwargs) -> Delivery:
    values = {"recipient_email": "a@example.org", "cycle": dataset.CYCLE, "planned_on": dataset.TODAY} | kwargs
    return Delivery.objects.create(**values)


def test_delivery_second_digest_in_a_cycle_is_refused_whatever_the_case():
    _delivery()
    with pytest.raises(IntegrityError), transaction.atomic():
        _delivery(recipient_email="A@Example.org")


def test_delivery_resend_takes_the_next_sequence_and_needs_its_origin():
    origin = _delivery()
    _delivery(sequence=1, resend_of=origin, reason="bounced")
    with pytest.raises(IntegrityError), transaction.atomic():
        _delivery(sequence=2)


def test_delivery_sent_needs_a_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        _delivery(status=Delivery.Status.SENT)


def test_item_recommendation_listed_once_per_delivery():
    delivery = _delivery()
    rec = RecommendationFactory()
    ReminderItem.objects.create(delivery=delivery, kind="overdue", recommendation=rec)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderItem.objects.create(delivery=delivery, kind="stale", recommendation=rec)


def test_item_statutory_has_no_recommendation():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderItem.objects.create(delivery=_delivery(), kind="statutory", recommendation=RecommendationFactory())
