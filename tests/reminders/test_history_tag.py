"""`{% reminder_history recommendation %}` on the recommendation page: which digests included it."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import timezone

from portal import roles
from reminders.models import Delivery, ReminderItem
from tests.factories import RecommendationFactory, UserFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load reminders %}{% reminder_history recommendation %}")


def _render(recommendation, user) -> str:
    return TEMPLATE.render(Context({"recommendation": recommendation, "user": user}))


def _included_in(recommendation, count: int, **delivery) -> list[Delivery]:
    deliveries = []
    for n in range(count):
        d = Delivery.objects.create(
            recipient_email=f"r{n}@example.org",
            recipient_name=f"Recipient {n}",
            cycle=dataset.CYCLE,
            planned_on=dataset.TODAY,
            **delivery,
        )
        ReminderItem.objects.create(delivery=d, kind="overdue", recommendation=recommendation, escalated=n == 0)
        deliveries.append(d)
    return deliveries


# One query for the items joined to their deliveries, one for the viewer's groups (to show e-mails or not), and,
# since the first item was escalated, one for the letters it went out with (issue 17).
@pytest.mark.parametrize("count", [1, 3])
def test_reminder_history_query_count_is_flat(count, django_assert_num_queries):
    rec = RecommendationFactory()
    _included_in(rec, count)
    viewer = UserFactory()
    with django_assert_num_queries(3):
        html = _render(rec, viewer)
    assert html.count("<tr>") == count + 1


# Escalated, with letters (issue 17): the letters in one query more, whatever their number.
@pytest.mark.parametrize("count", [1, 3])
def test_reminder_history_with_letters_query_count_is_flat(count, django_assert_num_queries, official):
    from reminders.models import Letter
    from tests.factories import OrganizationFactory

    rec = RecommendationFactory()
    for n, delivery in enumerate(_included_in(rec, count)):
        ReminderItem.objects.filter(delivery=delivery).update(escalated=True)
        letter = Letter.objects.create(
            organization=OrganizationFactory(), cycle=dataset.CYCLE, year=2025, number=n + 1,
            date=dataset.TODAY, language="ru", pdf=b"%PDF",
        )  # fmt: skip
        letter.deliveries.add(delivery)
    with django_assert_num_queries(3):
        html = _render(rec, official)
    assert html.count("/letters/") == count


def test_reminder_history_lists_the_deliveries_of_this_recommendation_only():
    rec, other = RecommendationFactory(), RecommendationFactory()
    _included_in(rec, 2)
    ReminderItem.objects.create(
        delivery=Delivery.objects.create(
            recipient_email="other@example.org",
            recipient_name="Elsewhere",
            cycle=dataset.CYCLE,
            planned_on=dataset.TODAY,
        ),
        kind="overdue",
        recommendation=other,
    )

    html = _render(rec, UserFactory())

    assert ("Recipient 0" in html, "Recipient 1" in html, "Elsewhere" in html) == (True, True, False)
    assert html.count("escalated") == 1


def test_reminder_history_shows_addresses_to_organizers_only():
    rec = RecommendationFactory()
    _included_in(rec, 1)
    organizer = UserFactory(role=roles.ORGANIZER)
    official = UserFactory(role=roles.OFFICIAL)

    assert "r0@example.org" in _render(rec, organizer)
    assert "r0@example.org" not in _render(rec, official)


def test_reminder_history_without_deliveries_says_so():
    html = _render(RecommendationFactory(), UserFactory())
    assert "No reminder has included this recommendation yet." in html


def test_news_digests_to_participants_are_not_in_the_history(official):
    """News digests go to the seminar's participants (reminders.news): no name or address of theirs on the page,
    even for an organizer of another organization."""
    rec = RecommendationFactory()
    delivery = Delivery.objects.create(
        kind=Delivery.Kind.NEWS,
        recipient_email="participant@example.org",
        recipient_name="Participant Name",
        cycle=dataset.CYCLE,
        planned_on=dataset.TODAY,
        window_end=timezone.now(),
    )
    ReminderItem.objects.create(delivery=delivery, kind=ReminderItem.Kind.NEWS, recommendation=rec)
    html = _render(rec, official)
    assert "Participant Name" not in html and "participant@example.org" not in html
