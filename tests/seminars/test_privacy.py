"""Issue 20, item 5: the privacy notice, the consent's version, retention and a person's request to see or erase."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.celery import _beat_schedule
from seminars import privacy, tasks
from seminars.models import Person, Registration
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory
from tests.seminars.selfreg import register

pytestmark = pytest.mark.django_db

PRIVACY = "/privacy/"


@pytest.mark.parametrize(
    ("language", "heading", "rights"),
    [
        ("en", "Privacy notice", "Your rights"),
        ("ru", "Уведомление о конфиденциальности", "Ваши права"),
        ("kk", "Құпиялылық туралы хабарлама", "Сіздің құқықтарыңыз"),
    ],
    ids=["en", "ru", "kk"],
)
def test_the_notice_is_in_three_languages(client, language, heading, rights, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    client.cookies["django_language"] = language
    response = client.get(PRIVACY, HTTP_ACCEPT_LANGUAGE=language)
    text = response.content.decode()
    assert response.status_code == 200
    assert heading in text and rights in text
    assert privacy.CONSENT_VERSION in text
    assert settings.PRIVACY_CONTACT_EMAIL in text
    assert reverse("seminars:privacy") == PRIVACY


def _links_to_privacy(response) -> bool:
    return f'href="{PRIVACY}"' in response.content.decode()


def test_the_registration_form_links_the_notice(client, seminar):
    assert _links_to_privacy(client.get(reverse("seminars:register", kwargs={"slug": seminar.slug})))


@pytest.mark.parametrize("name", ["seminars:participant_add", "seminars:import"])
def test_the_organizers_forms_link_the_notice(client, organizer, seminar, name):
    client.force_login(organizer)
    response = client.get(reverse(name, kwargs={"slug": seminar.slug}))
    assert response.status_code == 200
    assert _links_to_privacy(response)


def test_every_page_links_the_notice_in_its_footer(client):
    assert _links_to_privacy(client.get("/"))


def test_a_self_registration_stores_the_consents_version(client, seminar):
    data = {"full_name": "Saule Example", "email": "saule@example.org", "gender": "female", "language": "kk"}
    register(client, seminar, {**data, "consent": "on"})
    registration = Registration.objects.get(seminar=seminar)
    assert (registration.consent_version, registration.person.consent_version) == (privacy.CONSENT_VERSION,) * 2
    assert registration.consent_at is not None


def _six_years_ago():
    return timezone.now() - dt.timedelta(days=6 * 366)


@pytest.fixture
def old_registration(organization):
    """A person last seen at a seminar six years ago, from a museum, with a recent and an old history."""
    seminar = SeminarFactory(
        organizers=[organization], past=True, start=_six_years_ago(), end=_six_years_ago() + dt.timedelta(hours=6)
    )
    person = PersonFactory(full_name="Old Participant", email="old@example.org", phone="+7 701 555 55 55")
    Person.objects.filter(pk=person.pk).update(created_at=_six_years_ago())
    registration = RegistrationFactory(seminar=seminar, person=person, status=Registration.Status.ATTENDED)
    Registration.objects.filter(pk=registration.pk).update(created_at=_six_years_ago())
    return registration


def test_the_retention_task_turns_an_old_person_into_counts(old_registration, seminar):
    recent = RegistrationFactory(seminar=seminar)  # registered this year: kept
    old_seminar = old_registration.seminar
    before = Registration.objects.filter(seminar=old_seminar).statistics()

    assert tasks.anonymise_inactive_people() == 1

    person = Person.objects.get(pk=old_registration.person_id)
    registration = Registration.objects.get(pk=old_registration.pk)
    for record in (person, registration):
        assert (record.full_name, record.email, record.phone, record.position) == ("", None, "", "")
        assert record.anonymised_at is not None
        assert (record.gender, record.organization_kind) == ("female", "museum")
    assert Registration.objects.filter(seminar=old_seminar).statistics() == before
    assert before["seated"] == 1
    assert [row["count"] for row in before["by_kind"]] == [1]
    # The history no longer holds the old details: only the erasure itself, with its reason.
    assert {h.history_change_reason for h in person.history.all()} == {"retention period over"}
    assert not Person.history.filter(email="old@example.org").exists()
    assert not Registration.history.filter(full_name="Old Participant").exists()
    assert Person.objects.get(pk=recent.person_id).full_name == recent.full_name
    assert tasks.anonymise_inactive_people() == 0  # once only


def test_the_retention_period_is_a_setting(old_registration, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 7
    assert tasks.anonymise_inactive_people() == 0
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    assert tasks.anonymise_inactive_people() == 1


def test_a_recent_registration_keeps_an_old_person(old_registration, seminar):
    RegistrationFactory(seminar=seminar, person=old_registration.person)
    assert tasks.anonymise_inactive_people() == 0


def test_the_retention_task_runs_daily():
    assert _beat_schedule()["anonymise-inactive-people"]["task"] == "seminars.anonymise_inactive_people"


def test_the_seminars_statistics_page_still_counts_the_anonymised(client, organizer, old_registration):
    tasks.anonymise_inactive_people()
    client.force_login(organizer)
    response = client.get(old_registration.seminar.get_absolute_url())
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats["seated"] == 1
    assert [(row["label"], row["count"]) for row in stats["by_kind"]] == [("Museum", 1)]
    assert {row["label"]: row["attended"] for row in stats["by_gender"]}["Female"] == 1


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def test_an_admin_exports_a_persons_data_and_the_export_is_recorded(admin_client_, admin_user, registration):
    response = admin_client_.post(
        reverse("admin:seminars_person_changelist"),
        {"action": "export_personal_data", "_selected_action": [registration.person_id]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    [data] = json.loads(response.content)
    assert data["person"]["email"] == "aruzhan@example.org"
    assert [r["seminar"] for r in data["registrations"]] == [str(registration.seminar.title)]
    latest = registration.person.history.first()
    assert (latest.history_change_reason, latest.history_user) == ("personal data exported", admin_user)


def test_an_admin_anonymises_a_person_after_confirming(admin_client_, admin_user, registration):
    url = reverse("admin:seminars_person_changelist")
    selected = {"action": "anonymise", "_selected_action": [registration.person_id]}
    confirm = admin_client_.post(url, selected)
    assert confirm.status_code == 200
    assert "Aruzhan Example" in confirm.content.decode()
    assert Person.objects.get(pk=registration.person_id).anonymised_at is None  # nothing happened yet

    admin_client_.post(url, {**selected, "confirm": "yes"})
    person = Person.objects.get(pk=registration.person_id)
    assert (person.full_name, person.email, str(person)) == ("", None, f"anonymised person #{person.pk}")
    assert Registration.objects.get(pk=registration.pk).email is None
    [entry] = person.history.all()
    assert (entry.history_change_reason, entry.history_user) == ("anonymised at the person's request", admin_user)


def test_anonymising_erases_the_certificate_name_invitations_zips_and_news_digests(client):
    from reminders.models import Delivery
    from seminars import certificates
    from seminars.models import CertificateBatch, Invitation

    registration = RegistrationFactory(status=Registration.Status.ATTENDED, full_name="Erased Person")
    person = registration.person
    certificate = certificates.issue(registration)
    Invitation.objects.create(seminar=registration.seminar, email=registration.email, full_name="Erased Person")
    CertificateBatch.objects.create(seminar=registration.seminar, zip_file=b"PK")
    news = Delivery.objects.create(
        kind=Delivery.Kind.NEWS,
        recipient_email=registration.email,
        recipient_name="Erased Person",
        cycle=timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday()),
        planned_on=timezone.localdate(),
        window_end=timezone.now(),
        language="ru",
    )

    privacy.anonymise_person(person)

    certificate.refresh_from_db()
    assert certificate.full_name == ""
    assert not Invitation.objects.filter(seminar=registration.seminar).exists()
    assert not CertificateBatch.objects.filter(seminar=registration.seminar).exists()
    news.refresh_from_db()
    assert news.recipient_name == "" and "Erased" not in news.recipient_email
    page = client.get(reverse("seminars:verify_certificate", args=[certificate.code])).content.decode()
    assert "Erased Person" not in page
