"""Issue 20, item 1: invitations from earlier participants, a pasted list, a file and organizations' addresses;
the personal link, the one-click decline, the counts, and the reminders the organizer schedules."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from seminars import invitation_links
from seminars.models import Invitation, Registration
from tests.factories import OrganizationFactory, PersonFactory, RegistrationFactory, SeminarFactory
from tests.seminars.queued import queued, run_queued

pytestmark = pytest.mark.django_db


def page(seminar) -> str:
    return reverse("seminars:invitations", kwargs={"slug": seminar.slug})


def invite(client, seminar, **data):
    data.setdefault("language", "ru")
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        response = client.post(page(seminar), data)
    return response, callbacks


@pytest.fixture
def manager_client(client, organizer):
    client.force_login(organizer)
    return client


def link_in(message, name="invitation") -> str:
    return re.search(rf"https?://\S+/{name}/\S+?/(?:\?lang=\w+)?(?=\s)", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0]


def test_pasted_list_is_invited_in_each_ones_language(manager_client, seminar):
    response, callbacks = invite(
        manager_client,
        seminar,
        pasted="Асель Пример <asel@example.org>\nbolat@example.org, Болат Пример, kk\nnot an address\n",
    )
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "full_name", "language")) == [
        ("asel@example.org", "Асель Пример", "ru"),
        ("bolat@example.org", "Болат Пример", "kk"),
    ]
    assert run_queued(callbacks) == [True, True]
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["asel@example.org"].subject == f"Приглашение: {seminar.title_ru}"
    asel = by_address["asel@example.org"].body
    assert asel.startswith("Здравствуйте, Асель Пример!")
    assert "приглашаем вас на семинар" in asel and "/decline/" in asel
    assert seminar.title_kk in by_address["bolat@example.org"].subject
    messages = [str(m) for m in manager_client.get(page(seminar)).context["messages"]]
    assert any("not an address" in m for m in messages)


def test_a_file_and_organizations_are_invited(manager_client, seminar):
    museum = OrganizationFactory(emails=["info@museum.example.org", "director@museum.example.org"])
    sheet = SimpleUploadedFile("list.csv", "ФИО;Электронная почта\nДана Пример;dana@example.org\n".encode(), "text/csv")
    response, callbacks = invite(manager_client, seminar, file=sheet, organizations=[museum.pk])
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "organization")) == [
        ("dana@example.org", None),
        ("director@museum.example.org", museum.pk),
        ("info@museum.example.org", museum.pk),
    ]
    run_queued(callbacks)
    [org_mail] = [m for m in mail.outbox if m.to == ["info@museum.example.org"]]
    assert "colleagues" in org_mail.body or "коллег" in org_mail.body


def test_earlier_participants_are_offered_and_invited(manager_client, organization, seminar, other_seminar):
    earlier = SeminarFactory(organizers=[organization], past=True)
    ours = RegistrationFactory(seminar=earlier, person=PersonFactory(email="earlier@example.org", language="kk"))
    RegistrationFactory(seminar=other_seminar, person=PersonFactory(email="theirs@example.org"))
    offered = dict(manager_client.get(page(seminar)).context["form"].fields["past"].choices)
    assert list(offered) == ["earlier@example.org"]  # never another organization's participants
    invite(manager_client, seminar, past=["earlier@example.org"])
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.full_name, invitation.language) == (
        "earlier@example.org",
        ours.full_name,
        "kk",
    )


def test_an_address_is_invited_once(manager_client, seminar):
    invite(manager_client, seminar, pasted="a@example.org")
    _response, callbacks = invite(manager_client, seminar, pasted="A@example.org\na@example.org")
    assert Invitation.objects.count() == 1
    assert queued(callbacks) == []


def test_nothing_chosen_is_an_error(manager_client, seminar):
    response, _callbacks = invite(manager_client, seminar)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_another_organizations_organizer_is_refused(client, organizer, other_seminar):
    client.force_login(organizer)
    assert client.get(page(other_seminar)).status_code == 403
    assert client.post(page(other_seminar), {"pasted": "x@example.org", "language": "ru"}).status_code == 403


@pytest.fixture
def invitation(seminar):
    return Invitation.objects.create(seminar=seminar, email="asel@example.org", full_name="Асель Пример", language="ru")


def test_the_personal_link_opens_the_form_filled_in(client, invitation):
    url = reverse(
        "seminars:invitation", kwargs={"slug": invitation.seminar.slug, "token": invitation_links.token_for(invitation)}
    )
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert (form.initial["email"], form.initial["full_name"], form.initial["language"]) == (
        "asel@example.org",
        "Асель Пример",
        "ru",
    )
    assert 'href="/privacy/"' in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "opened" and invitation.opened_at is not None


def test_registering_through_the_link_needs_no_confirmation(client, invitation, django_capture_on_commit_callbacks):
    url = reverse(
        "seminars:invitation", kwargs={"slug": invitation.seminar.slug, "token": invitation_links.token_for(invitation)}
    )
    data = {
        "full_name": "Асель Пример",
        "email": "asel@example.org",
        "gender": "female",
        "language": "ru",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, data)
    assert response.status_code == 200
    registration = Registration.objects.get(seminar=invitation.seminar)
    assert (registration.source, registration.status, registration.consent_version) == (
        "invitation",
        "registered",
        "2026-12",
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.registration) == ("registered", registration)
    assert [task.name for task, _kw in queued(callbacks)] == ["seminars.send_registration_confirmation"]
    # A person's invitation registers once; the page then says so.
    assert "You are registered for this seminar." in client.get(url).content.decode()


def test_a_tampered_link_is_404(client, invitation, other_seminar):
    token = invitation_links.token_for(invitation)
    assert (
        client.get(reverse("seminars:invitation", kwargs={"slug": other_seminar.slug, "token": token})).status_code
        == 404
    )
    assert (
        client.get(
            reverse("seminars:invitation", kwargs={"slug": invitation.seminar.slug, "token": token + "x"})
        ).status_code
        == 404
    )


def test_decline_is_one_button_and_a_scanner_declines_nothing(client, invitation):
    url = reverse(
        "seminars:invitation_decline",
        kwargs={"slug": invitation.seminar.slug, "token": invitation_links.token_for(invitation)},
    )
    assert client.get(url).status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == "invited"
    assert client.post(url).status_code == 303
    invitation.refresh_from_db()
    assert invitation.status == "declined" and invitation.responded_at is not None


def test_the_page_counts_each_answer(manager_client, seminar):
    for n, status in enumerate(["invited", "opened", "registered", "declined", "declined"]):
        Invitation.objects.create(seminar=seminar, email=f"p{n}@example.org", status=status)
    response = manager_client.get(page(seminar))
    counts = {row["status"]: row["count"] for row in response.context["counts"]}
    assert counts == {"invited": 1, "opened": 1, "registered": 1, "declined": 2}
    assert response.context["total"] == 5
    assert len(response.context["reminder_form"].fields["invitations"].choices) == 2


def test_the_organizer_reminds_whom_and_when(manager_client, seminar):
    chosen = Invitation.objects.create(seminar=seminar, email="late@example.org", language="kk", sent_at=timezone.now())
    Invitation.objects.create(seminar=seminar, email="other@example.org", sent_at=timezone.now())
    answered = Invitation.objects.create(seminar=seminar, email="yes@example.org", status="registered")
    at = timezone.localtime() + dt.timedelta(days=2)
    with TestCase.captureOnCommitCallbacks() as callbacks:
        response = manager_client.post(
            reverse("seminars:invitations_remind", kwargs={"slug": seminar.slug}),
            {"invitations": [chosen.pk, answered.pk], "send_at": at.strftime("%Y-%m-%dT%H:%M")},
        )
    assert response.status_code == 302
    [(task, kwargs)] = queued(callbacks)  # the registered one cannot be chosen: the form refuses it
    assert response.status_code == 302
    assert (task.name, kwargs["invitation_id"], kwargs["number"]) == ("seminars.send_invitation_reminder", chosen.pk, 1)
    assert kwargs["eta"] is not None


def test_a_reminder_goes_once_and_not_to_who_answered_meanwhile(seminar):
    from seminars import tasks

    waiting = Invitation.objects.create(seminar=seminar, email="late@example.org", language="en")
    answered = Invitation.objects.create(seminar=seminar, email="soon@example.org")
    answered.status = "declined"
    answered.save()
    assert tasks.send_invitation_reminder(invitation_id=waiting.pk, number=1) is True
    assert tasks.send_invitation_reminder(invitation_id=waiting.pk, number=1) is False  # a duplicate message
    assert tasks.send_invitation_reminder(invitation_id=answered.pk, number=1) is False
    [message] = mail.outbox
    assert message.subject.startswith("Reminder: you are invited to")
    assert "/decline/" in message.body


@pytest.mark.parametrize("rows", [1, 3])
def test_the_invitations_page_costs_the_same_queries_at_two_sizes(
    manager_client, seminar, rows, django_assert_num_queries
):
    museum = OrganizationFactory()
    for n in range(rows):
        Invitation.objects.create(seminar=seminar, email=f"p{n}@example.org", organization=museum)
    manager_client.get(page(seminar))  # the session and the user, warmed
    # user, seminar, its organizers, the user's groups (roles), the invitations, the e-mails invited
    # already, earlier participants, the organizations with contact addresses
    with django_assert_num_queries(8):
        assert manager_client.get(page(seminar)).status_code == 200


def test_a_persons_link_cannot_register_another_address(client, invitation):
    url = reverse(
        "seminars:invitation", kwargs={"slug": invitation.seminar.slug, "token": invitation_links.token_for(invitation)}
    )
    data = {
        "full_name": "Someone Else",
        "email": "else@example.org",
        "gender": "male",
        "language": "ru",
        "consent": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "This invitation is for another address" in response.content.decode()
    assert not Registration.objects.filter(seminar=invitation.seminar).exists()


def test_an_organizations_link_never_hands_out_a_colleagues_registration(client, seminar, organization):
    colleague = RegistrationFactory(seminar=seminar, email="colleague@example.org", full_name="Colleague First")
    invitation = Invitation.objects.create(
        seminar=seminar, email="office@example.org", organization=organization, registration=colleague
    )
    url = reverse("seminars:invitation", kwargs={"slug": seminar.slug, "token": invitation_links.token_for(invitation)})
    response = client.get(url)
    assert response.context["manage_url"] == ""
    assert "/my-registration/" not in response.content.decode()
