"""An item's site, action, obligation and designation carry no foreign-key constraint (planning's commit spent
some 15 s of PostgreSQL's CPU checking them at 100,000 recommendations): deleting one through the ORM still
cascades or clears, and a row deleted otherwise, after planning, leaves an id the digest survives."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from reminders import planning, sending
from reminders.models import Delivery, ReminderItem
from sites.models import Obligation, Site
from tests.reminders import dataset
from tests.reminders.test_actions import coordination  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _vanish(obj) -> None:
    """Delete the row in SQL, past Django's collector, as another program or a hand in psql would; the rows
    that name it under a foreign-key constraint go first (else the database would refuse), the items stay."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model is type(obj) and field.db_constraint:
                model._base_manager.filter(**{field.name: obj.pk}).delete()
    table, pk = (connection.ops.quote_name(name) for name in (obj._meta.db_table, obj._meta.pk.column))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {pk} = %s", [obj.pk])  # noqa: S608 (names from the model)
    connection.check_constraints()  # nothing under a constraint names the row any more: the item's key is none


def _talgar_item() -> ReminderItem:
    return ReminderItem.objects.get(delivery__recipient_email="talgar@example.org")


def test_deleting_a_site_or_action_through_the_orm_still_clears_or_removes_its_items(coordination):  # noqa: F811
    planning.plan(dataset.TODAY)
    site = Site.objects.get(slug="kayalyk")
    assert _talgar_item().site_id == site.pk

    site.delete()
    assert _talgar_item().site_id is None

    sarkand = coordination["sarkand"]
    pk = sarkand.pk
    assert ReminderItem.objects.filter(action_id=pk).exists()
    sarkand.delete()
    assert not ReminderItem.objects.filter(action_id=pk).exists()
    assert ReminderItem.objects.filter(action=coordination["talgar"]).count() == 1


def test_deleting_an_obligation_through_the_orm_still_removes_its_items(settings):
    dataset.build()
    planning.plan(dataset.TODAY)
    obligation = Obligation.objects.get(title="State of conservation report")
    pk = obligation.pk
    assert ReminderItem.objects.filter(obligation_id=pk).count() == 1

    obligation.delete()
    assert not ReminderItem.objects.filter(obligation_id=pk).exists()


def test_digest_renders_when_the_site_row_vanished_after_planning(coordination, smtp_backend):  # noqa: F811
    planning.plan(dataset.TODAY)
    site = Site.objects.get(slug="kayalyk")
    item = _talgar_item()
    assert item.site_id == site.pk
    _vanish(site)
    assert ReminderItem.objects.filter(pk=item.pk, site_id=site.pk).exists()

    outcome = sending.send_batch([item.delivery_id])

    assert outcome.summary()["sent"] == 1
    (received,) = smtp_backend.received
    text = received.message.get_body(preferencelist=("plain",)).get_content()
    assert "Назначить контактное лицо в Талгаре" in text
    assert "Kayalyk" not in text
    assert Delivery.objects.get(pk=item.delivery_id).status == Delivery.Status.SENT


def test_digest_leaves_out_an_item_whose_action_row_vanished_after_planning(coordination, smtp_backend):  # noqa: F811
    planning.plan(dataset.TODAY)
    sarkand = coordination["sarkand"]
    delivery = Delivery.objects.get(recipient_email="sarkand@example.org")
    _vanish(sarkand)
    assert delivery.items.get().action_id == sarkand.pk

    sending.send_batch([delivery.pk])

    delivery.refresh_from_db()
    assert smtp_backend.received == []
    assert delivery.status == Delivery.Status.CANCELLED
