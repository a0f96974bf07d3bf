"""Named recipients (issue 19, item 5): an organization's digests go to its mailbox, its focal points or both; each
person hears as often as they chose, escalations always; a signed link stops them; the admin shows who is reached."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.models import Organization, User
from reminders import planning, sending
from reminders.models import Delivery
from tests.factories import OrganizationFactory, RecommendationFactory, SiteFactory, UserFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db

R = Organization.ReminderRecipients
F = User.ReminderFrequency


@pytest.mark.parametrize(
    ("frequency", "cycle", "cycle_days", "allowed"),
    [
        ("cycle", dt.date(2025, 11, 17), 7, True),
        ("weekly", dt.date(2025, 11, 17), 7, True),  # every week-long cycle holds a Monday
        ("weekly", dt.date(2025, 11, 18), 1, False),  # daily cycles: only Mondays'
        ("weekly", dt.date(2025, 11, 17), 1, True),
        ("weekly", dt.date(2025, 11, 20), 3, False),  # Thursday to Saturday
        ("weekly", dt.date(2025, 11, 22), 3, True),  # Saturday to Monday
        ("monthly", dt.date(2025, 11, 17), 7, False),
        ("monthly", dt.date(2025, 11, 24), 7, False),  # 24-30 November
        ("monthly", dt.date(2025, 12, 1), 7, True),
        ("monthly", dt.date(2025, 12, 29), 7, True),  # 29 December to 4 January holds 1 January
        ("monthly", dt.date(2026, 1, 1), 1, True),
        ("monthly", dt.date(2026, 1, 2), 1, False),
        ("never", dt.date(2025, 12, 1), 7, False),
    ],
)
def test_frequency_allows(frequency, cycle, cycle_days, allowed):
    assert planning.frequency_allows(frequency, cycle, cycle_days) is allowed


def test_every_month_has_exactly_one_monthly_cycle():
    cycles = [planning.CYCLE_EPOCH + dt.timedelta(days=7 * n) for n in range(2900, 3060)]
    firsts = [
        next(d for d in (c + dt.timedelta(days=i) for i in range(7)) if d.day == 1)
        for c in cycles
        if planning.frequency_allows("monthly", c, 7)
    ]
    every_first = sorted({d for c in cycles for d in (c + dt.timedelta(days=i) for i in range(7)) if d.day == 1})
    assert firsts == every_first


def _overdue_recommendation(*, setting=R.MAILBOX, days_overdue=5, emails=("akimat@example.org",), parent=None):
    org = OrganizationFactory(emails=list(emails), reminder_recipients=setting, parent=parent)
    RecommendationFactory(lead_organization=org, due_date=dataset.days(-days_overdue))
    return org


def _focal(org, email, frequency=F.EACH_CYCLE, **extra):
    user = UserFactory(email=email, reminder_frequency=frequency, **extra)
    user.focal_point_for.add(org)
    return user


def _recipients(today=dataset.TODAY) -> set[str]:
    planning.plan(today)
    return set(Delivery.objects.filter(cycle=planning.cycle_start(today)).values_list("recipient_email", flat=True))


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (R.MAILBOX, {"akimat@example.org"}),
        (R.PEOPLE, {"aida@example.org"}),
        (R.BOTH, {"akimat@example.org", "aida@example.org"}),
    ],
)
def test_an_organizations_setting_chooses_mailbox_people_or_both(setting, expected):
    org = _overdue_recommendation(setting=setting)
    aida = _focal(org, "aida@example.org", language="kk")
    _focal(org, "gone@example.org", is_active=False)
    assert _recipients() == expected
    if "aida@example.org" in expected:
        delivery = Delivery.objects.get(recipient_email="aida@example.org")
        assert (delivery.user_id, delivery.language, delivery.organization_id) == (aida.pk, "kk", None)


def test_people_only_without_an_active_focal_point_falls_back_to_the_mailbox():
    org = _overdue_recommendation(setting=R.PEOPLE)
    _focal(org, "gone@example.org", is_active=False)
    assert _recipients() == {"akimat@example.org"}


def test_people_only_without_focal_point_nor_mailbox_is_reported_missing():
    org = _overdue_recommendation(setting=R.PEOPLE, emails=())
    result = planning.plan(dataset.TODAY)
    assert result.organizations_without_email == {org.pk}


@pytest.mark.parametrize(
    ("frequency", "today", "hears"),
    [
        (F.EACH_CYCLE, dataset.TODAY, True),
        (F.WEEKLY, dataset.TODAY, True),
        (F.MONTHLY, dataset.TODAY, False),  # the cycle of 17 November holds no first of a month
        (F.MONTHLY, dt.date(2025, 12, 3), True),  # the cycle of 1 December does
        (F.NEVER, dataset.TODAY, False),
        (F.NEVER, dt.date(2025, 12, 3), False),
    ],
)
def test_a_persons_frequency_decides_which_cycles_reach_them(frequency, today, hears):
    org = OrganizationFactory(emails=["akimat@example.org"], reminder_recipients=R.BOTH)
    RecommendationFactory(lead_organization=org, due_date=today - dt.timedelta(days=5))
    _focal(org, "aida@example.org", frequency)
    manager = UserFactory(email="manager@example.org", reminder_frequency=frequency)
    SiteFactory(managers=[manager]).recommendations.add(org.led_recommendations.get())
    got = _recipients(today)
    assert "akimat@example.org" in got  # the mailbox has no frequency
    assert ("aida@example.org" in got, "manager@example.org" in got) == (hears, hears)


@pytest.mark.parametrize("frequency", [F.NEVER, F.MONTHLY])
def test_escalations_still_reach_people_who_chose_never_or_not_now(settings, frequency):
    settings.REMINDER_ESCALATE_AFTER_DAYS = 30
    region = OrganizationFactory(emails=[], reminder_recipients=R.PEOPLE)
    boss = _focal(region, "boss@example.org", frequency)
    district = _overdue_recommendation(days_overdue=40, parent=region)
    # The region's own overdue item is not an escalation: "never" does not hear of it.
    RecommendationFactory(lead_organization=region, due_date=dataset.days(-3))

    planning.plan(dataset.TODAY)

    delivery = Delivery.objects.get(recipient_email="boss@example.org")
    assert delivery.user_id == boss.pk
    assert delivery.escalated is True
    items = list(delivery.items.values_list("recommendation__lead_organization", "escalated"))
    assert items == [(district.pk, True)]


def test_a_persons_digest_carries_a_signed_link_that_stops_all_but_escalations(settings):
    settings.PORTAL_BASE_URL = "https://mura.example.org"
    org = _overdue_recommendation(setting=R.PEOPLE)
    aida = _focal(org, "aida@example.org", language="ru")
    planning.plan(dataset.TODAY)
    sending.send_batch(list(Delivery.objects.values_list("pk", flat=True)))

    (message,) = mail.outbox
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://mura.example.org/reminders/unsubscribe/") and url.endswith("?lang=ru")
    assert url in message.body
    assert "https://mura.example.org/accounts/profile/?lang=ru" in message.body
    client = Client(enforce_csrf_checks=True)
    path = url.removeprefix("https://mura.example.org")
    assert client.get(path).status_code == 200
    assert User.objects.get(pk=aida.pk).reminder_frequency == F.EACH_CYCLE
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert User.objects.get(pk=aida.pk).reminder_frequency == F.NEVER

    # The next cycle: the mailbox would not have it ("people only"), and aida chose "never": nobody but the
    # organization's fallback... which does not apply, since aida is an active focal point.
    assert _recipients(dataset.TODAY + dt.timedelta(days=7)) == set()


def test_a_mailbox_digest_has_no_unsubscribe_link(settings):
    _overdue_recommendation()
    planning.plan(dataset.TODAY)
    sending.send_batch(list(Delivery.objects.values_list("pk", flat=True)))
    (message,) = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/reminders/unsubscribe/" not in message.body


def test_the_profile_sets_the_frequency(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("profile"))
    assert 'name="reminder_frequency"' in page.content.decode()
    response = client.post(reverse("profile"), {"reminder_frequency": "monthly"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.reminder_frequency == F.MONTHLY
    assert client.post(reverse("profile"), {"reminder_frequency": "hourly"}).status_code == 400


def test_the_admin_shows_who_an_organization_reaches(client):
    client.force_login(UserFactory(email="root@example.org", is_staff=True, is_superuser=True))
    org = OrganizationFactory(emails=["akimat@example.org"], reminder_recipients=R.BOTH)
    _focal(org, "aida@example.org", F.NEVER, full_name="Aida Focal")
    _focal(org, "gone@example.org", is_active=False)
    page = client.get(reverse("admin:portal_organization_change", args=[org.pk])).content.decode()
    assert "akimat@example.org" in page
    assert "Aida Focal &lt;aida@example.org&gt; · Never, except escalations" in page
    assert "gone@example.org" not in page

    org.reminder_recipients = R.PEOPLE
    reach = planning.organization_reach(org)
    assert (reach.mailboxes, [u.email for u in reach.people], reach.fallback) == ([], ["aida@example.org"], False)
    org.focal_points.clear()
    reach = planning.organization_reach(org)
    assert (reach.mailboxes, reach.people, reach.fallback) == (["akimat@example.org"], [], True)
