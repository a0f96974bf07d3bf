"""Attaching files: the type from the content, the size limit, images without metadata, nothing left behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError
from PIL import Image

from documents import services
from documents.models import Attachment
from documents.sniff import sniff
from documents.storage import DocumentStorage
from tests.documents import samples
from tests.factories import ProgressReportFactory, SiteFactory
from tests.factories.documents import make_attachment

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[Path]:
    root = Path(settings.STORAGES["documents"]["OPTIONS"]["location"])
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def empty_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents"), "base_url": None},
        },
    }
    return settings


@pytest.mark.parametrize(
    ("make", "code", "media_type"),
    [
        (samples.pdf, "pdf", "application/pdf"),
        (samples.docx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (samples.xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (samples.odt, "odt", "application/vnd.oasis.opendocument.text"),
        (samples.jpeg_with_gps, "jpeg", "image/jpeg"),
        (samples.png, "png", "image/png"),
        (samples.shapefile_zip, "shapefile", "application/zip"),
    ],
    ids=["pdf", "docx", "xlsx", "odt", "jpeg", "png", "shapefile"],
)
def test_sniff_accepted_types(make, code, media_type):
    file_type = sniff(io.BytesIO(make()))
    assert (file_type.code, file_type.media_type) == (code, media_type)


def test_sniff_shapefile_in_a_folder():
    assert sniff(io.BytesIO(samples.shapefile_zip(folder="Zhabagly/"))).code == "shapefile"


@pytest.mark.parametrize(
    "content",
    [samples.exe(), samples.other_zip(), b"<html><script>alert(1)</script></html>", b"", b"PK\x03\x04broken"],
    ids=["exe", "zip-of-other-files", "html", "empty", "broken-zip"],
)
def test_attach_refuses_other_content_and_writes_nothing(content, empty_storage):
    site = SiteFactory()
    with pytest.raises(ValidationError):
        make_attachment(site, content=content, name="plan.pdf")
    assert Attachment.objects.count() == 0
    assert stored_files(empty_storage) == []


def test_exe_renamed_pdf_is_refused(empty_storage):
    site = SiteFactory()
    with pytest.raises(ValidationError) as caught:
        make_attachment(site, content=samples.exe(), name="management-plan.pdf")
    assert caught.value.code == "unsupported"
    assert (Attachment.objects.count(), stored_files(empty_storage)) == (0, [])


def test_pdf_over_the_limit_is_refused(empty_storage):
    empty_storage.DOCUMENTS_MAX_UPLOAD_BYTES = 2048
    site = SiteFactory()
    with pytest.raises(ValidationError) as caught:
        make_attachment(site, content=samples.pdf(padding=3000))
    assert caught.value.code == "too_large"
    assert (Attachment.objects.count(), stored_files(empty_storage)) == (0, [])
    # At the limit it is taken.
    assert make_attachment(site, content=samples.pdf(padding=1500)).size <= 2048


def test_jpeg_is_stored_without_gps_or_other_metadata(empty_storage):
    original = samples.jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825) == samples.GPS  # the sample does carry it
    attachment = make_attachment(SiteFactory(), content=original, name="photo.jpeg", kind=Attachment.Kind.PHOTO)
    with attachment.file.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info and "comment" not in image.info
    assert b"ranger" not in data and b"CameraMaker" not in data
    # The EXIF orientation was applied before it was dropped: the 40x30 photo stands upright.
    assert image.size == (30, 40)
    assert attachment.size == len(data)


def test_png_is_stored_without_its_text_and_exif():
    attachment = make_attachment(SiteFactory(), content=samples.png(), name="map.png", kind=Attachment.Kind.MAP)
    with attachment.file.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert ("Comment" in image.info, "exif" in image.info, image.mode) == (False, False, "RGBA")


def test_stored_name_is_random_and_the_original_is_kept_for_the_download():
    site = SiteFactory()
    first = make_attachment(site, name="../../etc/passwd.pdf")
    second = make_attachment(site, name="../../etc/passwd.pdf")
    assert first.original_name == "passwd.pdf"
    assert first.file.name != second.file.name
    assert first.file.name.startswith("attachments/") and first.file.name.endswith(".pdf")
    assert "passwd" not in first.file.name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("План управления 2024.pdf", "План управления 2024.pdf"),
        ("report.exe", "report.exe.pdf"),
        ("C:\\Users\\akimat\\scan.PDF", "scan.PDF"),
        ("bad\r\nname.pdf", "badname.pdf"),
        ("...", "document.pdf"),
        ("noextension", "noextension.pdf"),
    ],
    ids=["cyrillic", "wrong-extension", "windows-path", "control-characters", "dots", "no-extension"],
)
def test_original_name_is_cleaned(name, expected):
    assert make_attachment(SiteFactory(), name=name).original_name == expected


def test_a_failed_row_removes_the_stored_file(empty_storage, monkeypatch):
    site = SiteFactory()

    def failing_save(self, *args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Attachment, "save", failing_save)
    with pytest.raises(IntegrityError):
        make_attachment(site)
    assert stored_files(empty_storage) == []


def test_a_title_is_required(empty_storage):
    with pytest.raises(ValidationError):
        make_attachment(SiteFactory(), title_en="")
    assert stored_files(empty_storage) == []


def test_removing_deletes_the_file_after_commit(empty_storage, django_capture_on_commit_callbacks):
    attachment = make_attachment(SiteFactory())
    assert len(stored_files(empty_storage)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.remove(attachment)
    assert (Attachment.objects.count(), stored_files(empty_storage)) == (0, [])


def test_deleting_the_parent_deletes_its_attachments(empty_storage, django_capture_on_commit_callbacks):
    report = ProgressReportFactory()
    make_attachment(report, kind=Attachment.Kind.EVIDENCE)
    make_attachment(report.recommendation)
    with django_capture_on_commit_callbacks(execute=True):
        report.delete()
    assert Attachment.objects.count() == 1
    assert len(stored_files(empty_storage)) == 1


def test_an_unregistered_model_takes_no_attachments(official):
    with pytest.raises(LookupError):
        services.attach(official, ContentFile(samples.pdf(), name="a.pdf"), title_en="x")


def test_the_storage_proxy_follows_the_setting(empty_storage):
    name = DocumentStorage().save("attachments/x.pdf", ContentFile(b"%PDF-1.4"))
    assert Path(empty_storage.STORAGES["documents"]["OPTIONS"]["location"], name).exists()
