"""Issue 13, M1: a tiny XLSX whose rows jump to r="1000000000" is refused at once, not walked row by row."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from seminars import imports
from tests.seminars.spreadsheets import xlsx_with_row_numbered

pytestmark = pytest.mark.django_db

TOO_MANY = "The file has more than 5,000 rows. Split it into smaller files."


def test_a_row_numbered_a_billion_is_refused_quickly():
    data = xlsx_with_row_numbered(1_000_000_000)
    assert len(data) < 8 * 1024  # the attack file is tiny
    started = time.perf_counter()
    with pytest.raises(imports.ImportFileError) as error:
        imports.read_table(data)
    assert time.perf_counter() - started < 2
    assert str(error.value) == TOO_MANY


def test_a_far_row_after_real_rows_is_refused_not_dropped():
    rows = [("Near One", "near1@example.org"), ("Near Two", "near2@example.org"), ("Far", "far@example.org")]
    with pytest.raises(imports.ImportFileError):
        imports.read_table(xlsx_with_row_numbered(imports.MAX_LINES + 1, rows=rows))


def test_rows_after_a_few_blank_lines_are_still_read():
    table = imports.read_table(xlsx_with_row_numbered(40))
    assert table.rows == [(40, ["Far Away", "far@example.org"])]


def test_the_upload_page_refuses_the_file_at_once(client, organizer, seminar):
    client.force_login(organizer)
    upload = SimpleUploadedFile("tiny.xlsx", xlsx_with_row_numbered(1_000_000_000))
    started = time.perf_counter()
    response = client.post(reverse("seminars:import", kwargs={"slug": seminar.slug}), {"file": upload})
    assert time.perf_counter() - started < 5
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [TOO_MANY]
