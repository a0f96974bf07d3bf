"""The deliveries in the admin: list with filters, items, and "send again" with a stated reason."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from reminders import planning
from reminders.models import Delivery
from tests.factories import UserFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:reminders_delivery_changelist")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(email="root@example.org", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def planned():
    data = dataset.build()
    planning.plan(dataset.TODAY)
    return data


def _deliveries(count: int) -> None:
    for n in range(count):
        Delivery.objects.create(
            recipient_email=f"r{n}@example.org", cycle=dataset.CYCLE, planned_on=dataset.TODAY, item_count=1
        )


# Session and user; the distinct cycles for the cycle filter; two counts (filtered and total); the rows with
# organization and user joined. The same for any rows. (The session is not saved again on every request:
# portal.middleware.IdleSessionMiddleware refreshes it every few minutes.)
@pytest.mark.parametrize("rows", [1, 3])
def test_delivery_changelist_query_count_is_flat(admin_client, rows, django_assert_num_queries):
    _deliveries(rows)
    with django_assert_num_queries(5):
        response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows


def test_delivery_changelist_filters_by_status_cycle_and_escalation(admin_client, planned):
    Delivery.objects.filter(recipient_email="ngo@example.org").update(status="failed", last_error="550 gone")

    def emails(query: str) -> list[str]:
        response = admin_client.get(f"{CHANGELIST}?{query}")
        assert response.status_code == 200
        return sorted(d.recipient_email for d in response.context["cl"].result_list)

    assert emails("status__exact=failed") == ["ngo@example.org"]
    assert emails("escalated__exact=1") == ["region@example.org"]
    assert emails(f"cycle={dataset.CYCLE.isoformat()}") == sorted(planned.expected)
    assert emails("cycle=2025-02-31") == []
    assert "550 gone" in admin_client.get(CHANGELIST).content.decode()


def test_delivery_change_page_shows_its_items(admin_client, planned):
    delivery = Delivery.objects.get(recipient_email="john@example.org")
    response = admin_client.get(reverse("admin:reminders_delivery_change", args=[delivery.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "State of conservation report" in content
    assert content.count('class="form-row') >= 1


def _send_again(client, deliveries, **extra):
    data = {"action": "send_again", "_selected_action": [d.pk for d in deliveries], **extra}
    return client.post(CHANGELIST, data)


def test_send_again_asks_for_a_reason_first(admin_client, planned):
    delivery = Delivery.objects.get(recipient_email="john@example.org")
    Delivery.objects.filter(pk=delivery.pk).update(status="failed")

    page = _send_again(admin_client, [delivery])
    empty = _send_again(admin_client, [delivery], apply="1", reason="   ")

    assert page.status_code == 200
    assert "reminders/admin/send_again.html" in [t.name for t in page.templates]
    assert empty.status_code == 200
    assert empty.context["form"].errors["reason"]
    assert Delivery.objects.count() == len(planned.expected)


def test_send_again_creates_a_copy_with_the_reason_and_queues_it(
    admin_client, planned, django_capture_on_commit_callbacks
):
    delivery = Delivery.objects.get(recipient_email="john@example.org")
    Delivery.objects.filter(pk=delivery.pk).update(status="failed", last_error="550")

    with django_capture_on_commit_callbacks() as callbacks:
        response = _send_again(admin_client, [delivery], apply="1", reason="Address corrected")
    # A copy of the copy is one more copy of the original.
    Delivery.objects.filter(sequence=1).update(status="sent", sent_at=delivery.created_at)
    again = _send_again(admin_client, [Delivery.objects.get(sequence=1)], apply="1", reason="Once more")

    assert (response.status_code, again.status_code) == (302, 302)
    assert len(callbacks) == 1
    copies = list(Delivery.objects.filter(resend_of=delivery).order_by("sequence"))
    assert [(c.sequence, c.reason, c.status) for c in copies] == [
        (1, "Address corrected", "sent"),
        (2, "Once more", "pending"),
    ]
    assert copies[0].requested_by.email == "root@example.org"
    fields = ("kind", "recommendation_id", "obligation_id", "designation_id", "site_id", "escalated")
    original_items = sorted(delivery.items.values_list(*fields), key=str)
    copied_items = sorted(copies[0].items.values_list(*fields), key=str)
    assert len(original_items) == 4
    assert copied_items == original_items


def test_send_again_skips_deliveries_still_waiting(admin_client, planned):
    pending = Delivery.objects.get(recipient_email="john@example.org")

    response = _send_again(admin_client, [pending], apply="1", reason="why not")

    assert response.status_code == 302
    assert Delivery.objects.filter(sequence__gt=0).count() == 0


def test_delivery_admin_is_closed_to_non_staff_and_read_only_for_staff(client, planned):
    delivery = Delivery.objects.get(recipient_email="john@example.org")
    client.force_login(UserFactory(email="plain@example.org"))
    assert client.get(CHANGELIST).status_code == 302

    staff = UserFactory(email="staff@example.org", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_delivery"))
    client.force_login(staff)
    assert client.get(CHANGELIST).status_code == 200
    page = client.post(reverse("admin:reminders_delivery_change", args=[delivery.pk]), {"status": "sent"})
    assert page.status_code == 403
    response = _send_again(client, [delivery], apply="1", reason="x")
    assert Delivery.objects.filter(sequence__gt=0).count() == 0
    assert response.status_code in (200, 302)
