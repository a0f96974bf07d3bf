"""manage.py documents_orphans finds stored files no attachment names (and leaves young ones alone)."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from documents.storage import DocumentStorage
from tests.factories import SiteFactory
from tests.factories.documents import make_attachment

pytestmark = pytest.mark.django_db


def test_orphans_are_listed_and_deleted(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    call_command("documents_orphans", stdout=io.StringIO(), stderr=io.StringIO())  # nothing stored yet: no error
    kept = make_attachment(SiteFactory())
    old = DocumentStorage().save("attachments/2026/01/left-behind.pdf", ContentFile(b"%PDF-1.4"))
    young = DocumentStorage().save("attachments/2026/12/in-flight.pdf", ContentFile(b"%PDF-1.4"))
    day_ago = time.time() - 2 * 86400
    for name in (old, kept.file.name):
        os.utime(tmp_path / name, (day_ago, day_ago))

    out = io.StringIO()
    call_command("documents_orphans", stdout=out, stderr=io.StringIO())
    assert out.getvalue().split() == [old]
    call_command("documents_orphans", "--delete", stdout=io.StringIO(), stderr=io.StringIO())
    assert sorted(p.name for p in Path(tmp_path).rglob("*.pdf")) == sorted(
        [Path(kept.file.name).name, Path(young).name]
    )
