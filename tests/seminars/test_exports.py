"""CSV and XLSX exports of the participant list: safe in a spreadsheet, private, filtered like the list."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(seminar):
    """A participant whose fields are spreadsheet formulas."""
    person = PersonFactory(
        full_name='=HYPERLINK("http://evil.example","click")',
        email="hostile@example.org",
        phone="+7 701 000 00 00",
        organization_name="@SUM(1+1)",
        position="-2+3",
    )
    return RegistrationFactory(seminar=seminar, person=person)


@pytest.fixture
def manager_client(client, organizer):
    client.force_login(organizer)
    return client


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads Cyrillic correctly with the BOM
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_export_neutralises_formulas(manager_client, seminar, hostile):
    response = manager_client.get(reverse("seminars:export_csv", kwargs={"slug": seminar.slug}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{seminar.slug}-participants.csv"'
    header, row = csv_rows(response)
    assert header[:6] == ["Full name", "Organization", "Organization kind", "Position", "E-mail", "Phone"]
    assert row[:6] == [
        '\'=HYPERLINK("http://evil.example","click")',
        "'@SUM(1+1)",
        "Museum",
        "'-2+3",
        "hostile@example.org",
        "+7 701 000 00 00",  # a phone number cannot run anything: shown as typed, no apostrophe (issue 23)
    ]
    assert row[6:10] == ["Female", "English", "Registered", "Organizer"]


def test_xlsx_export_neutralises_formulas(manager_client, seminar, hostile):
    response = manager_client.get(reverse("seminars:export_xlsx", kwargs={"slug": seminar.slug}))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    # Row 1 is the title, row 2 the header. Text cells are stored as text: shown as typed, never run.
    assert rows[2][0] == '=HYPERLINK("http://evil.example","click")'
    assert rows[2][1] == "@SUM(1+1)"
    assert rows[2][5] == "+7 701 000 00 00"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["A3"].data_type == "s"


def test_xlsx_export_has_typed_dates_a_frozen_filtered_header_and_widths(manager_client, seminar, hostile):
    url = reverse("seminars:export_xlsx", kwargs={"slug": seminar.slug})
    sheet = load_workbook(io.BytesIO(manager_client.get(url, {"status": "registered"}).content)).active
    title = f"Mura: Participants: {seminar.title}. Filters: Status: Registered. Exported on "
    assert sheet["A1"].value.startswith(title)
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:L3"
    header = [cell.value for cell in sheet[2]]
    registered_at = sheet.cell(row=3, column=header.index("Registered at") + 1)
    assert registered_at.is_date
    assert registered_at.number_format == "d mmm yyyy hh:mm"
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEFGHIJKL")


@pytest.mark.parametrize("name", ["export_csv", "export_xlsx"])
def test_exports_are_never_cached(manager_client, seminar, hostile, name):
    response = manager_client.get(reverse(f"seminars:{name}", kwargs={"slug": seminar.slug}))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_export_follows_the_lists_filters(manager_client, seminar, hostile):
    RegistrationFactory(seminar=seminar, person=PersonFactory(full_name="Waiting Person"), status="waitlisted")
    response = manager_client.get(
        reverse("seminars:export_csv", kwargs={"slug": seminar.slug}), {"status": "waitlisted"}
    )
    assert [row[0] for row in csv_rows(response)[1:]] == ["Waiting Person"]


def test_export_of_cyrillic_names(manager_client, seminar):
    RegistrationFactory(seminar=seminar, person=PersonFactory(full_name="Әйгерім Қасымқызы", email="a@example.org"))
    response = manager_client.get(reverse("seminars:export_xlsx", kwargs={"slug": seminar.slug}))
    assert (
        list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[2][0]
        == "Әйгерім Қасымқызы"
    )


def test_signin_sheet_lists_those_with_a_seat_without_contact_details(manager_client, full_seminar):
    RegistrationFactory(seminar=full_seminar, person=PersonFactory(full_name="Gone Person"), status="cancelled")
    response = manager_client.get(reverse("seminars:signin_sheet", kwargs={"slug": full_seminar.slug}))
    assert [r.person.full_name for r in response.context["object_list"]] == ["Queue 0", "Queue 1"]
    html = response.content.decode()
    assert "Gone Person" not in html
    assert "Queue 2" not in html
    assert "queue0@example.org" not in html
    assert html.count('class="blank"') == 8
    assert "no-store" in response["Cache-Control"]
    assert "data-print" in html
