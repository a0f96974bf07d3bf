"""CSV and XLSX exports: the list's filters apply, cells are neutralised, nothing is cached."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import OrganizationFactory, RecommendationFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recs(db):
    akimat = OrganizationFactory(slug="akimat", name_en="Akimat of Almaty region")
    ministry = OrganizationFactory(slug="ministry", name_en="Ministry")
    charyn = SiteFactory(slug="charyn", name_en="Charyn", name_ru="Шарын")
    overdue = RecommendationFactory(
        title_en='=HYPERLINK("http://evil")',
        title_ru="Экологические коридоры",
        text="@SUM(A1)",
        lead_organization=akimat,
        supporting_organizations=[ministry],
        sites=[charyn],
        due_date=timezone.localdate() - dt.timedelta(days=3),
        source_reference="-1+1",
    )
    other = RecommendationFactory(title_en="Media", lead_organization=ministry, status="proposed")
    return overdue, other


def _csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_export_csv_applies_filters_and_neutralises(client, official, recs):
    overdue, _other = recs
    client.force_login(official)
    response = client.get(reverse("recommendations:export_csv") + "?overdue=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    header, *rows = _csv_rows(response)
    assert header[:3] == ["ID", "Title (English)", "Title (Russian)"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["ID"] == str(overdue.pk)
    assert row["Title (English)"] == '\'=HYPERLINK("http://evil")'
    assert row["Title (Russian)"] == "Экологические коридоры"
    assert row["Text"] == "'@SUM(A1)"
    assert row["Source reference"] == "'-1+1"
    assert row["Overdue"] == "yes"
    assert row["Lead responsible organization"] == "Akimat of Almaty region"
    assert row["Supporting organizations"] == "Ministry"
    assert row["Sites"] == "Charyn"
    assert row["Link"] == f"http://testserver/recommendations/{overdue.pk}/"


def test_export_csv_without_filters_has_every_row(client, official, recs):
    client.force_login(official)
    _header, *rows = _csv_rows(client.get(reverse("recommendations:export_csv")))
    assert sorted(r[1] for r in rows) == sorted(['\'=HYPERLINK("http://evil")', "Media"])


def test_export_xlsx_applies_filters_and_neutralises(client, official, recs):
    client.force_login(official)
    response = client.get(reverse("recommendations:export_xlsx") + "?organization=akimat")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    _title, header, *rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    # Stored as text, shown as typed: no apostrophe, and never a formula.
    assert row["Title (English)"] == '=HYPERLINK("http://evil")'
    assert row["Text"] == "@SUM(A1)"
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)
    assert row["Due date"].date() == timezone.localdate() - dt.timedelta(days=3)
    assert sheet.cell(row=3, column=header.index("Due date") + 1).number_format == "d mmm yyyy"
    assert "Responsible organization: " in sheet["A1"].value


def test_export_anonymous_is_sent_to_login(client, recs):
    response = client.get(reverse("recommendations:export_csv"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
