"""Reminders per action owner (issue 18): a digest item names the action and its recommendation; the safety of
planning (one delivery per recipient and cycle) is unchanged."""

from __future__ import annotations

import pytest

from recommendations import action_services
from recommendations.models import Action, Recommendation
from reminders import planning, sending
from reminders.models import Delivery, ReminderItem
from tests.factories import ActionFactory, OrganizationFactory, RecommendationFactory, SiteFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordination(settings):
    """A recommendation of the region's Akimat with one action per district Akimat (as in the demo)."""
    settings.PORTAL_BASE_URL = "https://mura.example.org"
    region = OrganizationFactory(slug="region", name_en="Region Akimat", emails=["region@example.org"])
    talgar = OrganizationFactory(
        slug="talgar", name_en="Talgar Akimat", parent=region, preferred_language="ru", emails=["talgar@example.org"]
    )
    sarkand = OrganizationFactory(
        slug="sarkand", name_en="Sarkand Akimat", parent=region, preferred_language="kk", emails=["sarkand@example.org"]
    )
    rec = RecommendationFactory(
        lead_organization=region,
        title_en="Strengthen coordination",
        title_ru="Укрепить координацию",
        title_kk="Үйлестіруді нығайту",
        due_date=dataset.days(200),
        sites=[SiteFactory(slug="kayalyk", name_en="Kayalyk")],
    )
    a_talgar = ActionFactory(
        recommendation=rec, owner=talgar, title_ru="Назначить контактное лицо в Талгаре", due_date=dataset.days(-3)
    )
    a_sarkand = ActionFactory(
        recommendation=rec, owner=sarkand, title_kk="Сарқанда байланыс тұлғасын тағайындау", due_date=dataset.days(5)
    )
    return {"rec": rec, "talgar": a_talgar, "sarkand": a_sarkand}


def _items(email: str) -> list[tuple]:
    return list(
        ReminderItem.objects.filter(delivery__recipient_email=email)
        .order_by("pk")
        .values_list("kind", "recommendation_id", "action_id", "escalated")
    )


def test_each_owner_is_reminded_of_its_own_action(coordination):
    planning.plan(dataset.TODAY)
    rec, talgar, sarkand = coordination["rec"], coordination["talgar"], coordination["sarkand"]
    assert _items("talgar@example.org") == [("overdue", rec.pk, talgar.pk, False)]
    assert _items("sarkand@example.org") == [("due_soon", rec.pk, sarkand.pk, False)]
    # The recommendation itself is not due and was recorded today: its lead has nothing about it.
    assert _items("region@example.org") == []


def test_planning_twice_in_a_cycle_adds_nothing(coordination):
    first = planning.plan(dataset.TODAY)
    second = planning.plan(dataset.TODAY)
    assert (first.created, second.created, second.already_planned) == (2, 0, 2)
    assert ReminderItem.objects.count() == 2


def test_long_overdue_action_escalates_to_the_owner_parent(coordination, settings):
    Action.objects.filter(pk=coordination["talgar"].pk).update(
        due_date=dataset.days(-settings.REMINDER_ESCALATE_AFTER_DAYS - 1)
    )
    planning.plan(dataset.TODAY)
    assert _items("region@example.org") == [
        ("overdue", coordination["rec"].pk, coordination["talgar"].pk, True),
    ]


def test_done_actions_and_closed_recommendations_are_not_reminded(coordination):
    action_services.change_status(
        coordination["sarkand"], Action.Status.CANCELLED, user=None, comment="Merged.", check_user=False
    )
    planning.plan(dataset.TODAY)
    assert set(Delivery.objects.values_list("recipient_email", flat=True)) == {"talgar@example.org"}
    Delivery.objects.all().delete()
    Recommendation.objects.filter(pk=coordination["rec"].pk).update(status=Recommendation.Status.SUPERSEDED)
    planning.plan(dataset.TODAY)
    assert Delivery.objects.count() == 0


def test_a_recent_report_on_the_action_stops_the_stale_reminder(coordination):
    stale = ActionFactory(recommendation=coordination["rec"], owner=coordination["talgar"].owner)
    Action.objects.filter(pk=stale.pk).update(created_at=dataset.moment(-200))
    planning.plan(dataset.TODAY)
    assert ("stale", coordination["rec"].pk, stale.pk, False) in _items("talgar@example.org")
    Delivery.objects.all().delete()
    action_services.add_report(stale, author=None, text="Met.", at=dataset.moment(-1))
    planning.plan(dataset.TODAY)
    assert [item[2] for item in _items("talgar@example.org")] == [coordination["talgar"].pk]


def test_the_digest_names_the_action_and_its_recommendation(coordination, smtp_backend):
    planning.plan(dataset.TODAY)
    delivery = Delivery.objects.get(recipient_email="talgar@example.org")
    sending.send_batch([delivery.pk])
    (received,) = smtp_backend.received
    text = received.message.get_body(preferencelist=("plain",)).get_content()
    assert "Мероприятие: Назначить контактное лицо в Талгаре" in text
    assert "В рамках рекомендации «Укрепить координацию»" in text
    assert f"https://mura.example.org/recommendations/actions/{coordination['talgar'].pk}/report/" in text
    html = received.message.get_body(preferencelist=("html",)).get_content()
    assert "Назначить контактное лицо в Талгаре" in html


def test_an_action_settled_after_planning_is_left_out(coordination, smtp_backend):
    planning.plan(dataset.TODAY)
    action_services.change_status(
        coordination["talgar"], Action.Status.CANCELLED, user=None, comment="Merged.", check_user=False
    )
    delivery = Delivery.objects.get(recipient_email="talgar@example.org")
    sending.send_batch([delivery.pk])
    delivery.refresh_from_db()
    assert smtp_backend.received == []
    assert delivery.status == Delivery.Status.CANCELLED


def test_demo_each_district_akimat_digest_names_its_own_action(settings):
    """Issue 18's "done when": the seminar's coordination recommendation has an action per district Akimat, and
    each Akimat's digest names its own."""
    from django.core.management import call_command
    from django.utils import timezone

    from recommendations import demo
    from reminders.digest import build_message

    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    coordination = Recommendation.objects.get(theme="coordination")
    planning.plan(timezone.localdate())
    for slug in demo.SITE_DISTRICT_AKIMATS:
        action = coordination.actions.get(owner__slug=slug)
        delivery = Delivery.objects.get(organization__slug=slug)
        assert set(delivery.items.exclude(action=None).values_list("action_id", flat=True)) == {action.pk}, slug
        text = build_message(delivery).body
        assert getattr(action, f"title_{delivery.language}") in text, slug
