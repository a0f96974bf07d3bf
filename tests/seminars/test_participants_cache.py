"""The participant list is rendered once per query and cached: a repeat asks only for the session, the user and
the permission check, and a check-in, a new participant or an edited person shows at once."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal import roles
from seminars import services
from seminars.models import Registration
from tests.factories import PersonFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

# None: the session, the user and their roles come from the cache (portal.sessions, portal.userfacts), so do the
# seminar and its organizers the permission is checked on (on every request), and the page is kept for the user
# (pagecache.private_page).
CACHED_QUERIES = 0


def url(name: str, seminar, **kwargs) -> str:
    return reverse(f"seminars:{name}", kwargs={"slug": seminar.slug, **kwargs})


def _html(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)


@pytest.fixture
def manager_client(client, organizer):
    client.force_login(organizer)
    return client


def test_a_repeated_list_is_served_from_the_cache(
    manager_client, registration, django_assert_num_queries, user_facts_cache
):
    first = manager_client.get(url("participants", registration.seminar))
    with django_assert_num_queries(CACHED_QUERIES):
        second = manager_client.get(url("participants", registration.seminar))
    assert _html(second) == _html(first)


def test_a_check_in_shows_at_once(manager_client, registration):
    page = url("participants", registration.seminar)
    assert "Undo check-in" not in manager_client.get(page).text
    manager_client.post(url("checkin", registration.seminar, pk=registration.pk))
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.ATTENDED
    assert "Undo check-in" in manager_client.get(page).text


def test_a_bulk_check_in_shows_at_once(manager_client, registration, organizer):
    page = url("participants", registration.seminar)
    manager_client.get(page)
    services.set_attendance(registration.seminar, [registration.pk], Registration.Status.ATTENDED, by=organizer)
    assert "Undo check-in" in manager_client.get(page).text


def test_new_participants_and_edited_details_show_at_once(manager_client, registration):
    page = url("participants", registration.seminar)
    manager_client.get(page)
    RegistrationFactory(seminar=registration.seminar, person=PersonFactory(full_name="Bolat Newcomer"))
    assert "Bolat Newcomer" in manager_client.get(page).text
    registration.full_name = "Aruzhan Renamed"
    registration.save()
    assert "Aruzhan Renamed" in manager_client.get(page).text


def test_the_permission_check_stays_in_front_of_the_cache(manager_client, registration, other_organization):
    page = url("participants", registration.seminar)
    manager_client.get(page)
    stranger = Client()
    stranger.force_login(UserFactory(email="x@test.example", organization=other_organization, role=roles.ORGANIZER))
    assert stranger.get(page).status_code == 403
    assert Client().get(page).status_code == 302


def test_the_check_in_forms_of_a_cached_list_carry_a_working_token(organizer, registration):
    page = url("participants", registration.seminar)
    warm = Client()
    warm.force_login(organizer)
    warm.get(page)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(organizer)
    html = browser.get(page).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = browser.post(url("checkin", registration.seminar, pk=registration.pk), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.ATTENDED
