"""/seminars/<slug>/participants/: the list, add, edit, cancel, check in (a row and in bulk), promote."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal import pagecache
from portal.models import Organization
from seminars.models import Person, Registration
from tests.factories import PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def url(name: str, seminar, **kwargs) -> str:
    return reverse(f"seminars:{name}", kwargs={"slug": seminar.slug, **kwargs})


def statuses(seminar) -> dict[str, str]:
    return dict(Registration.objects.filter(seminar=seminar).values_list("person__full_name", "status"))


@pytest.fixture
def manager_client(client, organizer):
    client.force_login(organizer)
    return client


# ---- the list


def test_list_shows_participants_with_contact_details_to_their_organizer(manager_client, registration):
    response = manager_client.get(url("participants", registration.seminar))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aruzhan Example" in html
    assert "aruzhan@example.org" in html
    assert "+7 701 000 00 01" in html
    # The person behind the registration (shared with other organizations' seminars) is for admins only.
    assert reverse("seminars:person", kwargs={"pk": registration.person.pk}) not in html
    assert reverse("seminars:participant_edit", args=[registration.seminar.slug, registration.pk]) in html


def test_list_and_person_page_are_never_cached(manager_client, admin_client, registration):
    targets = [(manager_client, url("participants", registration.seminar))]
    targets.append((admin_client, registration.person.get_absolute_url()))
    for client, target in targets:
        cache_control = client.get(target)["Cache-Control"]
        assert "no-store" in cache_control
        assert "private" in cache_control


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "aruzhan"}, ["Aruzhan Example"]),
        ({"q": "BOLAT@EXAMPLE"}, ["Bolat Sample"]),
        ({"status": "waitlisted"}, ["Bolat Sample"]),
        ({"gender": "male"}, ["Bolat Sample"]),
        ({"organization_kind": "regional_akimat"}, ["Bolat Sample"]),
        ({"organization_kind": "museum"}, ["Aruzhan Example"]),
    ],
)
def test_list_filters(manager_client, registration, organization, query, expected):
    person = PersonFactory(
        full_name="Bolat Sample", email="bolat@example.org", gender="male", organization=organization
    )
    RegistrationFactory(seminar=registration.seminar, person=person, status="waitlisted")
    response = manager_client.get(url("participants", registration.seminar), query)
    assert [r.person.full_name for r in response.context["object_list"]] == expected


def test_list_with_an_unknown_filter_value_says_so(manager_client, registration):
    response = manager_client.get(url("participants", registration.seminar), {"status": "vip"})
    assert response.status_code == 200
    assert [r.person.full_name for r in response.context["object_list"]] == ["Aruzhan Example"]
    assert "Some filters were not understood" in response.content.decode()


def test_list_numbers_the_waiting_list(manager_client, full_seminar):
    response = manager_client.get(url("participants", full_seminar))
    positions = {r.person.full_name: r.queue_position for r in response.context["object_list"]}
    assert positions == {"Queue 0": None, "Queue 1": None, "Queue 2": 1, "Queue 3": 2}


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_is_the_same_for_1_and_3_registrations(
    manager_client, seminar, organization, django_assert_num_queries, rows
):
    for n in range(rows):
        RegistrationFactory(seminar=seminar, person=PersonFactory(organization=organization if n % 2 else None))
    # 1 user, 2 the user's groups (roles), 3 the seminar, 4 its organizers (permission check),
    # 5 COUNT for the paginator, 6 the page's registration ids in name order (DeferredJoinPaginator),
    # 7 those registrations with person, organization and registered_by, 8 the waiting-list order,
    # 9 counts by status. The session is not saved again (IdleSessionMiddleware).
    with django_assert_num_queries(9):
        response = manager_client.get(url("participants", seminar))
    assert len(response.context["object_list"]) == rows


# ---- adding


def test_add_registers_a_new_person(manager_client, seminar, organizer):
    response = manager_client.post(
        url("participant_add", seminar),
        {"full_name": "Dana Demo", "email": "Dana.Demo@Example.org", "gender": "female", "language": "kk"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(seminar=seminar)
    assert registration.person.email == "dana.demo@example.org"
    assert registration.status == "registered"
    assert registration.source == "organizer"
    assert registration.registered_by == organizer
    assert registration.person.history.first().history_user == organizer


def test_add_links_an_existing_person_by_email_in_any_case_without_changing_it(manager_client, seminar):
    existing = PersonFactory(full_name="Dana Demo", email="dana@example.org", position="")
    manager_client.post(
        url("participant_add", seminar),
        {
            "full_name": "Dana D.",
            "email": "DANA@example.ORG",
            "position": "Curator",
            "gender": "not_stated",
            "language": "ru",
        },
    )
    assert Person.objects.count() == 1
    existing.refresh_from_db()
    assert (existing.full_name, existing.position) == ("Dana Demo", "")  # what is recorded is not touched
    registration = Registration.objects.get(seminar=seminar)
    assert registration.person == existing
    # The registration holds what the organizer typed.
    assert (registration.full_name, registration.email, registration.position) == (
        "Dana D.",
        "dana@example.org",
        "Curator",
    )


def test_add_the_same_person_twice_is_refused(manager_client, registration):
    response = manager_client.post(
        url("participant_add", registration.seminar),
        {"full_name": "Aruzhan", "email": "aruzhan@example.org", "gender": "female", "language": "ru"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["This person is already on this seminar's list (Registered)."]
    assert Registration.objects.count() == 1


def test_add_needs_an_email_or_a_phone(manager_client, seminar):
    response = manager_client.post(
        url("participant_add", seminar), {"full_name": "Nobody", "gender": "male", "language": "ru"}
    )
    assert response.context["form"].errors["email"] == ["Give an e-mail or a phone."]
    assert Person.objects.count() == 0


def test_add_with_a_phone_only(manager_client, seminar):
    manager_client.post(
        url("participant_add", seminar),
        {"full_name": "Phone Only", "phone": "8 701 123 45 67", "gender": "male", "language": "ru"},
    )
    assert Person.objects.get().email is None


def test_add_beyond_capacity_goes_on_the_waiting_list(manager_client, full_seminar):
    response = manager_client.post(
        url("participant_add", full_seminar),
        {"full_name": "Late Comer", "email": "late@example.org", "gender": "male", "language": "ru"},
        follow=True,
    )
    assert statuses(full_seminar)["Late Comer"] == "waitlisted"
    assert "The seminar is full: Late Comer is on the waiting list." in response.content.decode()


def test_add_links_a_directory_organization(manager_client, seminar, organization):
    manager_client.post(
        url("participant_add", seminar),
        {
            "full_name": "Akimat Staff",
            "email": "staff@example.org",
            "organization": organization.pk,
            "organization_name": "typed anyway",
            "gender": "female",
            "language": "ru",
        },
    )
    person = Person.objects.get()
    assert person.organization == organization
    assert person.organization_name == ""
    assert person.effective_organization_kind == Organization.Kind.REGIONAL_AKIMAT


# ---- editing


def test_edit_changes_the_registration_and_not_the_person(manager_client, registration):
    response = manager_client.post(
        url("participant_edit", registration.seminar, pk=registration.pk),
        {"full_name": "Aruzhan Example-Demo", "email": "ARUZHAN@example.org", "gender": "female", "language": "kk"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.full_name, registration.email, registration.language) == (
        "Aruzhan Example-Demo",
        "aruzhan@example.org",
        "kk",
    )
    person = Person.objects.get()
    assert (person.full_name, person.language) == ("Aruzhan Example", "en")


def test_edit_refuses_the_email_of_someone_else_on_the_same_seminar(manager_client, registration):
    RegistrationFactory(seminar=registration.seminar, person=PersonFactory(email="taken@example.org"))
    response = manager_client.post(
        url("participant_edit", registration.seminar, pk=registration.pk),
        {"full_name": "Aruzhan", "email": "Taken@Example.org", "gender": "female", "language": "kk"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Someone on this seminar's list already has this e-mail."]
    registration.refresh_from_db()
    assert registration.email == "aruzhan@example.org"


def test_edit_to_an_email_on_record_elsewhere_links_that_person_privately(manager_client, registration):
    elsewhere = PersonFactory(email="taken@example.org", full_name="Someone Else")
    response = manager_client.post(
        url("participant_edit", registration.seminar, pk=registration.pk),
        {"full_name": "Aruzhan", "email": "Taken@Example.org", "gender": "female", "language": "kk"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.person, registration.email, registration.full_name) == (
        elsewhere,
        "taken@example.org",
        "Aruzhan",
    )
    elsewhere.refresh_from_db()
    assert elsewhere.full_name == "Someone Else"


def test_edit_refuses_removing_both_email_and_phone(manager_client, registration):
    response = manager_client.post(
        url("participant_edit", registration.seminar, pk=registration.pk),
        {"full_name": "Aruzhan", "email": "", "phone": "", "gender": "female", "language": "kk"},
    )
    assert response.context["form"].non_field_errors() == ["Give an e-mail or a phone."]


# ---- cancelling and promoting


def test_cancel_gives_the_seat_to_the_first_on_the_waiting_list(
    manager_client, full_seminar, django_capture_on_commit_callbacks
):
    first = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 0")
    with django_capture_on_commit_callbacks() as callbacks:
        response = manager_client.post(url("participant_cancel", full_seminar, pk=first.pk), follow=True)
    assert statuses(full_seminar) == {
        "Queue 0": "cancelled",
        "Queue 1": "registered",
        "Queue 2": "registered",
        "Queue 3": "waitlisted",
    }
    assert len([c for c in callbacks if not pagecache.is_cache_callback(c)]) == 1  # the promotion e-mail
    assert "Queue 2 moved from the waiting list" in response.content.decode()


def test_cancel_page_asks_first(manager_client, registration):
    response = manager_client.get(url("participant_cancel", registration.seminar, pk=registration.pk))
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_cancel_an_attendance_is_refused(manager_client, registration):
    registration.status = "attended"
    registration.save()
    response = manager_client.post(url("participant_cancel", registration.seminar, pk=registration.pk), follow=True)
    assert "an attendance cannot be cancelled" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "attended"


def test_promote_gives_a_seat_even_beyond_capacity_and_warns(manager_client, full_seminar):
    waiting = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 3")
    response = manager_client.post(url("promote", full_seminar, pk=waiting.pk), follow=True)
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert waiting.promoted_at is not None
    assert "more participants than its capacity" in response.content.decode()


def test_promote_someone_not_waiting_is_refused(manager_client, registration):
    response = manager_client.post(url("promote", registration.seminar, pk=registration.pk), follow=True)
    assert "Only someone on the waiting list can be promoted." in response.content.decode()


def test_actions_are_post_only(manager_client, registration):
    for name in ("checkin", "promote"):
        assert manager_client.get(url(name, registration.seminar, pk=registration.pk)).status_code == 405
    assert manager_client.get(url("checkin_bulk", registration.seminar)).status_code == 405


# ---- checking in


def test_checkin_one_row_and_undo(manager_client, registration):
    target = url("checkin", registration.seminar, pk=registration.pk)
    manager_client.post(target)
    registration.refresh_from_db()
    assert registration.status == "attended"
    assert registration.checked_in_at is not None
    manager_client.post(target)
    registration.refresh_from_db()
    assert (registration.status, registration.checked_in_at) == ("registered", None)


def test_checkin_returns_to_the_filtered_list(manager_client, registration):
    back = url("participants", registration.seminar) + "?status=registered"
    response = manager_client.post(url("checkin", registration.seminar, pk=registration.pk), {"next": back})
    assert response["Location"] == back


def test_checkin_does_not_follow_a_next_to_another_site(manager_client, registration):
    response = manager_client.post(
        url("checkin", registration.seminar, pk=registration.pk), {"next": "https://evil.example.com/"}
    )
    assert response["Location"] == url("participants", registration.seminar)


def test_checkin_of_a_waitlisted_person_is_refused(manager_client, full_seminar):
    waiting = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 2")
    manager_client.post(url("checkin", full_seminar, pk=waiting.pk), {"status": "attended"})
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"


def test_bulk_checkin_marks_those_ticked_and_skips_the_waiting_list(manager_client, full_seminar, organizer):
    ids = list(Registration.objects.filter(seminar=full_seminar).values_list("pk", flat=True))
    response = manager_client.post(
        url("checkin_bulk", full_seminar), {"status": "attended", "registration": ids}, follow=True
    )
    assert statuses(full_seminar) == {
        "Queue 0": "attended",
        "Queue 1": "attended",
        "Queue 2": "waitlisted",
        "Queue 3": "waitlisted",
    }
    html = response.content.decode()
    assert "2 participants marked: Attended." in html
    assert "2 skipped" in html
    registration = Registration.objects.get(seminar=full_seminar, person__full_name="Queue 0")
    assert registration.history.first().history_user == organizer  # the audit trail names who checked in


def test_bulk_no_show(manager_client, full_seminar):
    ids = list(Registration.objects.filter(seminar=full_seminar, status="registered").values_list("pk", flat=True))
    manager_client.post(url("checkin_bulk", full_seminar), {"status": "no_show", "registration": ids})
    assert sorted(statuses(full_seminar).values()) == ["no_show", "no_show", "waitlisted", "waitlisted"]


def test_bulk_checkin_ignores_registrations_of_other_seminars(manager_client, seminar, other_seminar):
    foreign = RegistrationFactory(seminar=other_seminar)
    response = manager_client.post(
        url("checkin_bulk", seminar), {"status": "attended", "registration": [foreign.pk]}, follow=True
    )
    foreign.refresh_from_db()
    assert foreign.status == "registered"
    assert response.status_code == 200


def test_bulk_checkin_without_ticks_says_so(manager_client, registration):
    response = manager_client.post(url("checkin_bulk", registration.seminar), {"status": "attended"}, follow=True)
    assert "Tick at least one participant." in response.content.decode()
