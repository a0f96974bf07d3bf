"""Attendance certificates (issue 17 item 2): the PDF in the participant's language, its QR code and the
public check, revoking, the ZIP made by the worker, and who may do what."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pypdf
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models import User
from portal.pdf import qr_matrix
from seminars import certificates
from seminars.models import Certificate, CertificateBatch, Registration, Seminar
from tests.factories import PersonFactory, RegistrationFactory
from tests.services import wait_for

pytestmark = pytest.mark.django_db

KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІ"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def pdf_links(content: bytes) -> list[str]:
    links = []
    for page in pypdf.PdfReader(io.BytesIO(content)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                links.append(str(action["/URI"]))
    return links


def attended(seminar, name="Aruzhan Example", email="aruzhan@example.org", language="kk", **kwargs) -> Registration:
    return RegistrationFactory(
        seminar=seminar,
        person=PersonFactory(full_name=name, email=email, phone="+7 701 000 00 01"),
        status=Registration.Status.ATTENDED,
        language=language,
        **kwargs,
    )


def certificate_url(registration) -> str:
    return reverse("seminars:certificate", kwargs={"slug": registration.seminar.slug, "pk": registration.pk})


@pytest.fixture
def kazakh_seminar(seminar):
    seminar.title_kk = "Әлемдік мұра: Қазақстан, Ұлытау, Үштөбе, Ғылым, Ңң, Өнер, Һ, Іле"
    seminar.title_ru = "Всемирное наследие"
    seminar.title_en = "World Heritage"
    seminar.save()
    return seminar


def test_certificate_is_a_pdf_in_the_participants_language_with_kazakh_letters(client, organizer, kazakh_seminar):
    registration = attended(kazakh_seminar, language="kk")
    client.force_login(organizer)
    response = client.get(certificate_url(registration))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert "Aruzhan Example" in text
    assert kazakh_seminar.title_kk in text
    assert all(letter in text for letter in KAZAKH_LETTERS)
    assert "СЕРТИФИКАТ" in text  # the Kazakh wording, not the English
    assert "aruzhan@example.org" not in text and "701" not in text


def test_certificate_in_russian_and_english_follows_the_registration(client, organizer, kazakh_seminar):
    russian = attended(kazakh_seminar, name="Бота Пример", email="bota@example.org", language="ru")
    english = attended(kazakh_seminar, name="Saule Example", email="saule@example.org", language="en")
    client.force_login(organizer)
    text_ru = pdf_text(client.get(certificate_url(russian)).content)
    text_en = pdf_text(client.get(certificate_url(english)).content)
    assert "Бота Пример" in text_ru and "Всемирное наследие" in text_ru
    assert "Saule Example" in text_en and "World Heritage" in text_en and "CERTIFICATE" in text_en


def test_qr_code_points_at_the_public_verification_page(client, organizer, kazakh_seminar):
    registration = attended(kazakh_seminar)
    client.force_login(organizer)
    content = client.get(certificate_url(registration)).content
    certificate = Certificate.objects.get(registration=registration)
    url = certificates.verify_url(certificate)
    assert pdf_links(content) == [url]  # the link laid over the QR code
    assert url in pdf_text(content)
    assert qr_matrix(url)[4][4:11] == [True] * 7  # a QR code's finder pattern, inside the quiet zone
    client.logout()
    page = client.get(url.removeprefix("http://127.0.0.1:8000"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Aruzhan Example" in body and certificate.display_code in body
    assert "aruzhan@example.org" not in body and "+7 701" not in body


def test_downloading_twice_keeps_one_certificate_and_code(client, organizer, seminar):
    registration = attended(seminar)
    client.force_login(organizer)
    client.get(certificate_url(registration))
    client.get(certificate_url(registration))
    assert Certificate.objects.filter(registration=registration).count() == 1


def test_only_attended_participants_get_a_certificate(client, organizer, seminar):
    registered = RegistrationFactory(seminar=seminar, status=Registration.Status.REGISTERED)
    client.force_login(organizer)
    assert client.get(certificate_url(registered)).status_code == 404
    assert not Certificate.objects.exists()


def test_a_participant_of_another_seminar_is_404(client, organizer, seminar, other_seminar):
    theirs = attended(other_seminar)
    client.force_login(organizer)
    url = reverse("seminars:certificate", kwargs={"slug": seminar.slug, "pk": theirs.pk})
    assert client.get(url).status_code == 404


def test_revoked_certificate_says_so_and_a_new_download_issues_a_new_code(client, organizer, seminar):
    registration = attended(seminar)
    client.force_login(organizer)
    client.get(certificate_url(registration))
    old = Certificate.objects.get()
    revoke = reverse("seminars:certificate_revoke", kwargs={"slug": seminar.slug, "pk": registration.pk})
    assert client.post(revoke).status_code == 302
    old.refresh_from_db()
    assert old.revoked_at is not None and old.revoked_by == organizer
    client.logout()
    page = client.get(old.get_absolute_url()).content.decode()
    assert "revoked" in page and old.display_code in page
    client.force_login(organizer)
    client.get(certificate_url(registration))
    new = Certificate.objects.valid().get()
    assert new.code != old.code


def test_verify_accepts_the_code_typed_without_dashes_and_404s_unknown_codes(client, seminar):
    certificate = certificates.issue(attended(seminar))
    assert client.get(f"/verify/{certificate.code.lower()}/").status_code == 200
    assert client.get("/verify/AAAA-BBBB-CCCC/").status_code == 404


def test_verify_page_shows_name_seminar_dates_and_organizer_only(client, seminar, organization):
    registration = attended(seminar, position="Chief specialist")
    certificate = certificates.issue(registration)
    body = client.get(certificate.get_absolute_url()).content.decode()
    assert organization.name in body
    assert seminar.title in body
    for private in ("aruzhan@example.org", "+7 701", "Chief specialist"):
        assert private not in body


def test_the_name_printed_stays_when_the_registration_is_corrected(client, seminar):
    registration = attended(seminar)
    certificate = certificates.issue(registration)
    Registration.objects.filter(pk=registration.pk).update(full_name="Aruzhan Corrected")
    assert "Aruzhan Example" in client.get(certificate.get_absolute_url()).content.decode()


def test_zip_of_the_seminar_holds_one_pdf_per_attended_participant(client, organizer, seminar):
    for n in range(3):
        attended(seminar, name=f"Person {n}", email=f"p{n}@example.org", language=["kk", "ru", "en"][n])
    RegistrationFactory(seminar=seminar, status=Registration.Status.NO_SHOW)
    client.force_login(organizer)
    assert client.post(reverse("seminars:certificates", kwargs={"slug": seminar.slug})).status_code == 302
    batch = CertificateBatch.objects.get()
    assert (batch.status, batch.total) == ("queued", 3)
    page = client.get(reverse("seminars:certificates", kwargs={"slug": seminar.slug})).content.decode()
    assert 'http-equiv="refresh"' in page  # polls while the worker makes it
    certificates.build_zip(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == ("done", 3)
    response = client.get(reverse("seminars:certificate_zip", kwargs={"slug": seminar.slug, "pk": batch.pk}))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert len(names) == 3 and all(name.endswith(".pdf") and "/" not in name for name in names)
    texts = [pdf_text(archive.read(name)) for name in names]
    assert sorted(next(f"Person {n}" for n in range(3) if f"Person {n}" in t) for t in texts) == [
        "Person 0",
        "Person 1",
        "Person 2",
    ]
    assert Certificate.objects.valid().count() == 3
    page = client.get(reverse("seminars:certificates", kwargs={"slug": seminar.slug})).content.decode()
    assert 'http-equiv="refresh"' not in page


def test_a_batch_is_made_once_even_if_its_message_comes_twice(seminar):
    attended(seminar)
    batch = CertificateBatch.objects.create(seminar=seminar, total=1)
    assert certificates.build_zip(batch.pk) is not None
    assert certificates.build_zip(batch.pk) is None


def test_certificates_page_queries_do_not_grow(client, organizer, seminar):
    client.force_login(organizer)
    url = reverse("seminars:certificates", kwargs={"slug": seminar.slug})
    attended(seminar, name="One", email="one@example.org")
    certificates.issue(Registration.objects.get())
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(2):
        certificates.issue(attended(seminar, name=f"More {n}", email=f"more{n}@example.org"))
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    assert len(one) == len(three)


def test_start_page_lists_seminars_with_certificates_to_send(client, organizer, seminar):
    ended = timezone.now() - dt.timedelta(days=100)  # past the 30 days an ended seminar stays otherwise
    Seminar.objects.filter(pk=seminar.pk).update(start=ended, end=ended)
    registration = attended(seminar)
    client.force_login(organizer)
    items = client.get("/").context["sections"]["organizer"]
    [item] = [i for i in items if i.seminar.pk == seminar.pk]
    assert "certificates" in item.steps and item.seminar.certificates_due == 1
    certificates.issue(registration)
    items = client.get("/").context["sections"]["organizer"]
    assert [i for i in items if i.seminar.pk == seminar.pk] == []


def test_demo_2019_attendee_certificate_has_their_name_and_the_kazakh_title(client, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    seminar = Seminar.objects.get(slug="taldykorgan-2019-03-28")
    registration = seminar.registrations.filter(status="attended").order_by("pk").first()
    client.force_login(User.objects.get(email="organizer@example.org"))  # of the UNESCO Almaty Office
    response = client.get(certificate_url(registration))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert registration.full_name in text
    assert seminar.title_kk in text
    [url] = pdf_links(response.content)
    page = client.get(url.removeprefix(settings.PORTAL_BASE_URL))
    assert page.status_code == 200 and registration.full_name in page.content.decode()


@pytest.mark.services
def test_the_worker_makes_the_zip(celery_worker, client, organizer, seminar):
    for n in range(2):
        attended(seminar, name=f"Worker {n}", email=f"w{n}@example.org")
    client.force_login(organizer)
    client.post(reverse("seminars:certificates", kwargs={"slug": seminar.slug}))
    done = wait_for(lambda: CertificateBatch.objects.filter(status=CertificateBatch.Status.DONE).exists(), timeout=60)
    assert done, celery_worker.log()
    batch = CertificateBatch.objects.get()
    assert len(zipfile.ZipFile(io.BytesIO(bytes(batch.zip_file))).namelist()) == 2
