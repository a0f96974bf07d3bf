"""Who gets what: the known data set planned on TODAY gives exactly the expected digests."""

from __future__ import annotations

import datetime as dt

import pytest

from reminders import planning
from reminders.models import Delivery, ReminderItem
from tests.factories import OrganizationFactory, RecommendationFactory, SiteFactory, UserFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db


def _planned(cycle: dt.date) -> dict[str, dict[tuple[str, int], bool]]:
    result: dict[str, dict] = {}
    for item in ReminderItem.objects.filter(delivery__cycle=cycle).select_related("delivery"):
        key = (
            ("recommendation", item.recommendation_id)
            if item.recommendation_id
            else ("obligation", item.obligation_id)
            if item.obligation_id
            else ("review", item.designation_id)
        )
        result.setdefault(item.delivery.recipient_email, {})[key] = item.escalated
    return result


def test_plan_known_dataset_gives_the_expected_digests():
    data = dataset.build()

    result = planning.plan(dataset.TODAY)

    assert _planned(dataset.CYCLE) == data.expected
    assert result.cycle == dataset.CYCLE
    assert result.created == len(data.expected)
    assert result.organizations_without_email == data.organizations_without_email
    languages = dict(Delivery.objects.values_list("recipient_email", "language"))
    assert languages == data.languages


def test_plan_known_dataset_stores_kind_due_date_and_days_overdue():
    data = dataset.build()
    planning.plan(dataset.TODAY)

    region = Delivery.objects.get(recipient_email="region@example.org")
    (item,) = region.items.all()
    assert (item.kind, item.days_overdue, item.escalated, item.due_date) == ("overdue", 40, True, dataset.days(-40))
    assert region.escalated is True
    assert region.item_count == 1
    john = Delivery.objects.get(recipient_email="john@example.org")
    kinds = sorted((i.kind, i.due_date, i.days_overdue) for i in john.items.all())
    assert kinds == [
        ("overdue", dataset.days(-5), 5),
        ("statutory", dataset.days(-19), 19),
        ("statutory", dt.date(2025, 12, 31), 0),
        ("statutory", dataset.days(73), 0),
    ]
    assert john.escalated is False
    assert set(data.expected) == set(Delivery.objects.values_list("recipient_email", flat=True))


def _fields(item) -> tuple:
    return (
        item.kind,
        item.recommendation_id,
        item.obligation_id,
        item.designation_id,
        item.site_id,
        item.due_date,
        item.days_overdue,
        item.escalated,
        item.last_report_on,
    )


@pytest.mark.parametrize("read_chunk", [1, 2, planning.READ_CHUNK])
def test_plan_writes_what_compute_plans_in_digest_order(monkeypatch, read_chunk):
    """plan() passes the items through a temporary table chunk by chunk; compute() keeps them all: same digests."""
    monkeypatch.setattr(planning, "READ_CHUNK", read_chunk)
    dataset.build()
    computed = planning.compute(dataset.TODAY)

    planning.plan(dataset.TODAY)

    deliveries = list(Delivery.objects.all())
    assert {d.recipient_email for d in deliveries} == set(computed.digests)
    for delivery in deliveries:
        digest = computed.digests[delivery.recipient_email]
        assert [_fields(i) for i in delivery.items.order_by("pk")] == [
            _fields(i) for i in planning.ordered_items(digest.items.values())
        ]
        assert (delivery.item_count, delivery.escalated, delivery.language, delivery.recipient_name) == (
            digest.item_count,
            digest.escalated,
            digest.language,
            digest.name,
        )


def test_plan_twice_in_the_same_cycle_creates_nothing_more():
    dataset.build()
    first = planning.plan(dataset.TODAY)
    counts = (Delivery.objects.count(), ReminderItem.objects.count())

    again = planning.plan(dataset.TODAY)
    later_in_cycle = planning.plan(dataset.TODAY + dt.timedelta(days=3))

    assert (Delivery.objects.count(), ReminderItem.objects.count()) == counts
    assert (again.created, again.already_planned) == (0, first.created)
    assert later_in_cycle.created == 0


def test_plan_next_cycle_creates_new_deliveries():
    data = dataset.build()
    planning.plan(dataset.TODAY)

    result = planning.plan(dataset.TODAY + dt.timedelta(days=7))

    assert result.cycle == dataset.CYCLE + dt.timedelta(days=7)
    assert result.created == len(data.expected)
    assert Delivery.objects.count() == 2 * len(data.expected)


def test_cycle_start_is_deterministic_and_aligned(settings):
    settings.REMINDER_CYCLE_DAYS = 7
    starts = {planning.cycle_start(dataset.CYCLE + dt.timedelta(days=n)) for n in range(7)}
    assert starts == {dataset.CYCLE}
    assert dataset.CYCLE.weekday() == 0
    assert planning.cycle_start(dataset.CYCLE - dt.timedelta(days=1)) == dataset.CYCLE - dt.timedelta(days=7)
    settings.REMINDER_CYCLE_DAYS = 30
    assert planning.cycle_start(dt.date(2025, 11, 20)) == planning.cycle_start(dt.date(2025, 11, 21))


def test_plan_same_address_for_a_person_and_an_organization_gives_one_digest_in_the_persons_language():
    org = OrganizationFactory(preferred_language="ru", emails=["shared@example.org"])
    person = UserFactory(email="Shared@example.org", language="kk", full_name="Dana")
    site = SiteFactory(managers=[person])
    first = RecommendationFactory(lead_organization=org, due_date=dataset.days(-1))
    second = RecommendationFactory(lead_organization=OrganizationFactory(emails=[]), due_date=dataset.days(2))
    second.sites.set([site])

    planning.plan(dataset.TODAY)

    delivery = Delivery.objects.get()
    assert (delivery.recipient_email, delivery.language) == ("shared@example.org", "kk")
    assert delivery.recipient_name == "Dana"
    assert delivery.user == person
    assert sorted(delivery.items.values_list("recommendation_id", flat=True)) == sorted([first.pk, second.pk])


def test_plan_parent_also_directly_responsible_sees_the_item_unescalated():
    region = OrganizationFactory(emails=["region@example.org"])
    district = OrganizationFactory(parent=region, emails=["district@example.org"])
    RecommendationFactory(lead_organization=district, supporting_organizations=[region], due_date=dataset.days(-45))

    planning.plan(dataset.TODAY)

    item = ReminderItem.objects.get(delivery__recipient_email="region@example.org")
    assert item.escalated is False


def test_plan_overdue_exactly_escalation_threshold_is_not_escalated(settings):
    settings.REMINDER_ESCALATE_AFTER_DAYS = 30
    region = OrganizationFactory(emails=["region@example.org"])
    district = OrganizationFactory(parent=region, emails=["district@example.org"])
    RecommendationFactory(lead_organization=district, due_date=dataset.days(-30))

    planning.plan(dataset.TODAY)

    assert list(Delivery.objects.values_list("recipient_email", flat=True)) == ["district@example.org"]


def test_plan_settings_change_who_is_reminded(settings):
    settings.REMINDER_DUE_SOON_DAYS = 3
    org = OrganizationFactory(emails=["org@example.org"])
    RecommendationFactory(lead_organization=org, due_date=dataset.days(10))
    assert planning.compute(dataset.TODAY).digests == {}
    settings.REMINDER_DUE_SOON_DAYS = 10
    assert list(planning.compute(dataset.TODAY).digests) == ["org@example.org"]


def test_compute_writes_nothing():
    dataset.build()
    planning.compute(dataset.TODAY)
    assert Delivery.objects.count() == 0


def test_periodic_review_due_is_the_last_day_of_the_review_year():
    assert planning.periodic_review_due(2025) == dt.date(2025, 12, 31)
