"""Downloading, uploading and removing attachments through the portal's pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from documents.models import Attachment
from tests.documents import samples
from tests.factories import ProgressReportFactory, RecommendationFactory, SeminarFactory, SiteFactory
from tests.factories.documents import make_attachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def managed_site(site_manager):
    return SiteFactory(managers=[site_manager])


def download(client, attachment):
    """The answer, with its body read (a streamed file is closed only once read)."""
    response = client.get(reverse("documents:download", kwargs={"pk": attachment.pk}))
    response.body = b"".join(response.streaming_content) if response.streaming else response.content
    return response


def test_owners_only_attachment_is_403_for_an_official_and_200_for_its_owner(
    client, official, site_manager, managed_site
):
    attachment = make_attachment(managed_site, visibility=Attachment.Visibility.OWNERS)
    client.force_login(official)
    assert download(client, attachment).status_code == 403
    client.force_login(site_manager)
    response = download(client, attachment)
    assert response.status_code == 200
    assert response.body == samples.pdf()
    assert (response["Content-Type"], response["Cache-Control"]) == ("application/pdf", "private, no-store")


def test_signed_in_attachment_sends_anonymous_visitors_to_log_in(client, official, managed_site):
    attachment = make_attachment(managed_site, visibility=Attachment.Visibility.SIGNED_IN)
    response = download(client, attachment)
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("account_login"))
    client.force_login(official)
    assert download(client, attachment).status_code == 200


def test_download_names_the_original_file_safely(client, managed_site):
    attachment = make_attachment(managed_site, name='Жоспар "2024"; a.pdf')
    response = download(client, attachment)
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D0%96%D0%BE%D1%81%D0%BF%D0%B0%D1%80%20%222024%22%3B%20a.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_x_accel_redirect_hands_the_file_to_nginx(client, settings, site_manager, managed_site):
    settings.DOCUMENTS_X_ACCEL_REDIRECT_PREFIX = "/_protected/documents/"
    attachment = make_attachment(managed_site, visibility=Attachment.Visibility.OWNERS, name="plan.pdf")
    client.force_login(site_manager)
    response = download(client, attachment)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/documents/{attachment.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    # Without the right, nginx is never told where the file is.
    client.logout()
    assert "X-Accel-Redirect" not in download(client, attachment)


def upload(client, parent_key, pk, content, name="plan.pdf", **fields):
    data = {
        "title_en": "Management plan 2024-2033",
        "title_ru": "",
        "title_kk": "",
        "kind": "management_plan",
        "language": "ru",
        "date": "2024-03-01",
        "visibility": "owners",
        "file": SimpleUploadedFile(name, content),
        **fields,
    }
    return client.post(reverse("documents:attach", kwargs={"parent": parent_key, "pk": pk}), data)


def stored_files(settings) -> list[Path]:
    root = Path(settings.STORAGES["documents"]["OPTIONS"]["location"])
    return [p for p in root.rglob("*") if p.is_file()]


def test_site_manager_uploads_lists_and_removes_a_document(
    client, settings, site_manager, managed_site, django_capture_on_commit_callbacks
):
    client.force_login(site_manager)
    before = len(stored_files(settings))
    response = upload(client, "site", managed_site.pk, samples.pdf())
    assert (response.status_code, response["Location"]) == (302, managed_site.get_absolute_url() + "#documents")
    attachment = Attachment.objects.get()
    assert (attachment.parent, attachment.uploaded_by, attachment.original_name) == (
        managed_site,
        site_manager,
        "plan.pdf",
    )
    page = client.get(managed_site.get_absolute_url()).content.decode()
    assert "Management plan 2024-2033" in page
    assert reverse("documents:remove", kwargs={"pk": attachment.pk}) in page

    remove_url = reverse("documents:remove", kwargs={"pk": attachment.pk})
    assert client.get(remove_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_url)
    assert response.status_code == 302
    assert Attachment.objects.count() == 0
    assert len(stored_files(settings)) == before


def test_exe_renamed_pdf_is_refused_by_the_form(client, settings, site_manager, managed_site):
    client.force_login(site_manager)
    before = len(stored_files(settings))
    response = upload(client, "site", managed_site.pk, samples.exe(), name="plan.pdf")
    assert response.status_code == 200
    assert "This type of file is not accepted" in response.content.decode()
    assert (Attachment.objects.count(), len(stored_files(settings))) == (0, before)


def test_pdf_over_the_limit_is_refused_by_the_form(client, settings, site_manager, managed_site):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 4096
    client.force_login(site_manager)
    before = len(stored_files(settings))
    response = upload(client, "site", managed_site.pk, samples.pdf(padding=5000))
    assert response.status_code == 200
    assert "The file is too large" in response.content.decode()
    assert (Attachment.objects.count(), len(stored_files(settings))) == (0, before)


def test_uploaded_jpeg_is_served_without_gps(client, site_manager, managed_site):
    client.force_login(site_manager)
    upload(client, "site", managed_site.pk, samples.jpeg_with_gps(), name="IMG_0001.JPG", kind="photo")
    attachment = Attachment.objects.get()
    data = download(client, attachment).body
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825) == {}
    assert attachment.original_name == "IMG_0001.JPG"


def test_the_form_needs_a_title(client, site_manager, managed_site):
    client.force_login(site_manager)
    response = upload(client, "site", managed_site.pk, samples.pdf(), title_en="")
    assert response.status_code == 200
    assert Attachment.objects.count() == 0


def test_next_brings_the_uploader_back_to_the_page_they_came_from(client, site_manager, managed_site):
    client.force_login(site_manager)
    url = reverse("documents:attach", kwargs={"parent": "site", "pk": managed_site.pk})
    response = client.post(
        f"{url}?next=/sites/other/",
        {
            "title_en": "x",
            "kind": "map",
            "language": "none",
            "visibility": "public",
            "file": SimpleUploadedFile("a.png", samples.png()),
        },
    )
    assert response["Location"] == "/sites/other/#documents"
    response = client.post(
        f"{url}?next=https://evil.example/",
        {
            "title_en": "x",
            "kind": "map",
            "language": "none",
            "visibility": "public",
            "file": SimpleUploadedFile("a.png", samples.png()),
        },
    )
    assert response["Location"] == managed_site.get_absolute_url() + "#documents"


def test_pages_list_only_what_the_reader_may_see(client, official, site_manager, managed_site):
    make_attachment(managed_site, title_en="Public plan", visibility=Attachment.Visibility.PUBLIC)
    make_attachment(managed_site, title_en="Signed-in map", visibility=Attachment.Visibility.SIGNED_IN)
    make_attachment(managed_site, title_en="Owners' draft", visibility=Attachment.Visibility.OWNERS)
    url = managed_site.get_absolute_url()

    def titles(page: str) -> list[str]:
        return [t for t in ("Public plan", "Signed-in map", "Owners&#x27; draft") if t in page]

    assert titles(client.get(url).content.decode()) == ["Public plan"]
    client.force_login(official)
    assert titles(client.get(url).content.decode()) == ["Public plan", "Signed-in map"]
    client.force_login(site_manager)
    assert titles(client.get(url).content.decode()) == ["Public plan", "Signed-in map", "Owners&#x27; draft"]


def test_evidence_on_a_progress_report_is_shown_on_the_timeline(client, focal_point, organization):
    rec = RecommendationFactory(lead_organization=organization)
    report = ProgressReportFactory(recommendation=rec)
    client.force_login(focal_point)
    response = upload(client, "progress-report", report.pk, samples.pdf(), name="akimat-letter.pdf", kind="evidence")
    assert response["Location"] == rec.get_absolute_url() + "#documents"
    page = client.get(rec.get_absolute_url()).content.decode()
    assert "Management plan 2024-2033" in page
    assert Attachment.objects.get().parent == report


def test_seminar_programme_is_listed_on_the_seminar_page(client, organizer, organization):
    seminar = SeminarFactory(organizers=[organization])
    make_attachment(seminar, title_en="Programme", kind=Attachment.Kind.PROGRAMME)
    assert "Programme" in client.get(seminar.get_absolute_url()).content.decode()
    client.force_login(organizer)
    page = client.get(seminar.get_absolute_url()).content.decode()
    assert reverse("documents:attach", kwargs={"parent": "seminar", "pk": seminar.pk}) in page


def test_public_recommendation_page_lists_public_documents_only(client):
    rec = RecommendationFactory(published=True)
    make_attachment(rec, title_en="Committee decision", visibility=Attachment.Visibility.PUBLIC)
    make_attachment(rec, title_en="Internal note", visibility=Attachment.Visibility.SIGNED_IN)
    page = client.get(rec.get_absolute_url()).content.decode()
    assert ("Committee decision" in page, "Internal note" in page) == (True, False)


def test_a_new_public_document_shows_on_the_cached_site_page(client, managed_site):
    url = managed_site.get_absolute_url()
    assert "Fresh plan" not in client.get(url).content.decode()
    make_attachment(managed_site, title_en="Fresh plan")
    assert "Fresh plan" in client.get(url).content.decode()


def test_the_upload_is_cut_off_at_the_limit_before_it_is_stored(client, settings, site_manager, managed_site):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 64 * 1024
    client.force_login(site_manager)
    response = upload(client, "site", managed_site.pk, samples.pdf(padding=1024 * 1024))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is too large: at most 64.0\xa0KB."]
    assert Attachment.objects.count() == 0


def test_the_upload_form_checks_csrf(site_manager, managed_site):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(site_manager)
    assert upload(client, "site", managed_site.pk, samples.pdf()).status_code == 403
    assert Attachment.objects.count() == 0


def test_a_progress_report_is_posted_with_its_evidence_file(client, focal_point, organization):
    from recommendations.models import ProgressReport

    rec = RecommendationFactory(lead_organization=organization)
    client.force_login(focal_point)
    response = client.post(
        reverse("recommendations:report", kwargs={"pk": rec.pk}),
        {
            "organization": organization.pk,
            "date": "2026-11-20",
            "text": "The Akimat answered by letter.",
            "evidence_url": "",
            "evidence_file": SimpleUploadedFile("letter.jpg", samples.jpeg_with_gps()),
            "evidence_language": "ru",
            "evidence_visibility": "owners",
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    attachment = Attachment.objects.get()
    assert (attachment.parent, attachment.kind, attachment.language, attachment.visibility) == (
        report,
        "evidence",
        "ru",
        "owners",
    )
    assert (attachment.title_en, attachment.title_ru, attachment.date) == (
        "Evidence",
        "Подтверждающий материал",
        report.date,
    )
    with attachment.file.open("rb") as stored:
        assert Image.open(io.BytesIO(stored.read())).getexif().get_ifd(0x8825) == {}


def test_a_refused_evidence_file_posts_no_report(client, settings, focal_point, organization):
    from recommendations.models import ProgressReport

    rec = RecommendationFactory(lead_organization=organization)
    client.force_login(focal_point)
    before = len(stored_files(settings))
    response = client.post(
        reverse("recommendations:report", kwargs={"pk": rec.pk}),
        {
            "organization": organization.pk,
            "date": "2026-11-20",
            "text": "See the letter.",
            "evidence_file": SimpleUploadedFile("letter.pdf", samples.exe()),
        },
    )
    assert response.status_code == 200
    assert "This type of file is not accepted" in response.content.decode()
    assert (ProgressReport.objects.count(), Attachment.objects.count(), len(stored_files(settings))) == (0, 0, before)
