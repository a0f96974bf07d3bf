"""The done-when check with the demo accounts: the demo's owners-only document is 403 for the official and 200
for the site's manager; its content is the site's own catalogue record."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from documents.models import Attachment
from portal.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def test_owners_only_demo_document_is_403_for_the_official_and_200_for_the_manager(client, demo_data):
    attachment = Attachment.objects.get()
    assert (attachment.visibility, attachment.parent.slug) == ("owners", "altyn-emel")
    url = reverse("documents:download", kwargs={"pk": attachment.pk})
    client.force_login(User.objects.get(email="official@example.org"))
    assert client.get(url).status_code == 403
    client.force_login(User.objects.get(email="manager@example.org"))
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A1"].value == "Name (English)"
    assert sheet["B1"].value == attachment.parent.name_en


def test_loading_the_demo_twice_adds_no_second_document(demo_data):
    call_command("load_demo", verbosity=0)
    assert Attachment.objects.count() == 1
