"""The pending import is a database row: any web process continues it, and nobody but its starter sees it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from portal import roles
from seminars import imports
from seminars.models import PendingImport, Person, Registration
from tests.factories import UserFactory
from tests.seminars.spreadsheets import RU_HEADER, RU_ROWS, csv_bytes

pytestmark = pytest.mark.django_db

NAMES = ("Айгерим Пример", "aigerim@example.org", "Болат Образец", "bolat@example.org")


def url(name: str, seminar) -> str:
    return reverse(f"seminars:{name}", kwargs={"slug": seminar.slug})


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def start_import(client, seminar) -> None:
    upload = SimpleUploadedFile("list.csv", csv_bytes(RU_HEADER, RU_ROWS))
    response = client.post(url("import", seminar), {"file": upload})
    assert response.status_code == 302
    mapping = imports.guess_mapping(RU_HEADER)
    response = client.post(url("import_map", seminar), {f"col_{i}": field for i, field in enumerate(mapping)})
    assert response["Location"] == url("import_preview", seminar)


def test_an_import_started_on_one_web_host_is_confirmed_on_another(seminar, organizer, settings, tmp_path):
    """Two web processes share the database and nothing else: not the disk (MURA_VAR_DIR), not the session."""
    settings.VAR_DIR = tmp_path / "web-1"
    start_import(logged_in(organizer), seminar)

    settings.VAR_DIR = tmp_path / "web-2"
    other_host = logged_in(organizer)  # a session of its own
    preview = other_host.get(url("import_preview", seminar))
    assert preview.status_code == 200
    assert preview.context["row_count"] == 2
    response = other_host.post(url("import_preview", seminar), follow=True)

    assert "Imported 2 participants: 2 registered, 0 on the waiting list" in response.content.decode()
    assert sorted(Registration.objects.filter(seminar=seminar).values_list("person__email", flat=True)) == [
        "aigerim@example.org",
        "bolat@example.org",
    ]
    assert not PendingImport.objects.exists()
    assert list(tmp_path.rglob("*")) == []  # neither host wrote a file


def test_another_organizer_of_the_seminar_never_sees_an_import_in_progress(seminar, organizer):
    start_import(logged_in(organizer), seminar)
    colleague = logged_in(UserFactory(organization=organizer.organization, role=roles.ORGANIZER))

    for step in ("import_map", "import_preview"):
        response = colleague.get(url(step, seminar), follow=True)
        assert response.redirect_chain[-1][0] == url("import", seminar)  # told to upload a file of their own
        assert not any(value in response.content.decode() for value in NAMES)
    response = colleague.post(url("import_preview", seminar), follow=True)
    assert not any(value in response.content.decode() for value in NAMES)
    assert Person.objects.count() == Registration.objects.count() == 0
    # The colleague's visits discarded nothing: the organizer who started it still confirms it.
    assert PendingImport.objects.get().created_by == organizer
    response = logged_in(organizer).post(url("import_preview", seminar), follow=True)
    assert "Imported 2 participants" in response.content.decode()


def test_an_admin_does_not_continue_an_organizers_import(seminar, organizer):
    start_import(logged_in(organizer), seminar)
    admin = logged_in(UserFactory(is_staff=True, is_superuser=True))

    response = admin.post(url("import_preview", seminar), follow=True)

    assert response.redirect_chain[-1][0] == url("import", seminar)
    assert Registration.objects.count() == 0
    assert PendingImport.objects.get().created_by == organizer
