"""Journey 2 of issue 8: an organizer runs a seminar's participant list from creation to the CSV export.

Creates the seminar through its form, registers two people by form, uploads a spreadsheet with one bad row
(sees the line-numbered error and the choice to import the valid rows; nothing is written before the choice),
uploads the corrected file and confirms the import,
checks participants in and downloads the CSV export, whose rows are read back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from seminars.models import Person, Registration, Seminar
from tests.e2e.helpers import login_as, set_language

pytestmark = pytest.mark.e2e

TITLE = "Community monitoring of heritage sites (e2e)"
# By form: two people; by file: three more (one of whom already on record in the demo).
BY_FORM = [
    ("Aizhan Testova", "aizhan.testova@example.org", "female"),
    ("Berik Testov", "berik.testov@example.org", "male"),
]
HEADER = "ФИО;Электронная почта;Организация;Должность;Пол;Язык\n"
GOOD_ROWS = [
    "Saltanat Importova;saltanat.importova@example.org;Demo Regional History Museum;Curator;female;kk\n",
    "Timur Importov;timur.importov@example.org;Akimat of Almaty region;Specialist;male;ru\n",
]
BAD_ROW = "Zarina Importova;zarina.importova(at)example.org;Demo Travel Agency;Guide;female;en\n"
FIXED_ROW = BAD_ROW.replace("(at)", "@")


def _csv_file(rows: list[str]) -> dict:
    # Semicolons and UTF-8 with a BOM: what Excel in a Russian locale saves.
    return {"name": "participants.csv", "mimeType": "text/csv", "buffer": ("\ufeff" + HEADER + "".join(rows)).encode()}


def test_organizer_creates_a_seminar_registers_imports_checks_in_and_exports(fresh_demo_server, page):
    login_as(page, "organizer@example.org")
    set_language(page, "en")  # the organizer's profile says Russian; this journey reads English

    # 1. A new seminar, through the form.
    page.goto("/seminars/")
    with page.expect_navigation():
        page.get_by_role("link", name="New seminar").click()
    start = timezone.localtime() + dt.timedelta(days=21)
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_title_ru").fill("Общественный мониторинг объектов наследия (e2e)")
    page.locator("#id_status").select_option("published")
    page.locator("#id_start").fill(start.strftime("%Y-%m-%dT10:00"))
    page.locator("#id_end").fill(start.strftime("%Y-%m-%dT17:00"))
    page.locator("#id_city").fill("Taldykorgan")
    page.locator("#id_region").select_option(label="Zhetisu region")
    page.locator("#id_capacity").fill("20")
    page.locator("#id_registration_state").select_option("open")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.locator(".message-success").inner_text() == "The seminar is created."
    assert page.locator("h1").inner_text().startswith(TITLE)
    seminar = Seminar.objects.get(title_en=TITLE)
    assert seminar.organizers.filter(slug="unesco-almaty-office").exists()  # the organizer's own organization

    # 2. Two participants by form: the first with "Register and add another", the second with "Register".
    with page.expect_navigation():
        page.locator(".manage-nav").get_by_role("link", name="Add a participant").click()
    for (name, email, gender), button in zip(BY_FORM, ["Register and add another", "Register"], strict=True):
        page.locator("#id_full_name").fill(name)
        page.locator("#id_email").fill(email)
        page.locator("#id_gender").select_option(gender)
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()
        assert f"{name} is registered." in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text().startswith("Participants")
    assert _names_listed(page) == {name for name, _email, _gender in BY_FORM}

    # 3. A file with a bad e-mail on line 3 (the header is line 1): the error names the line, nothing is written.
    _upload(page, _csv_file([GOOD_ROWS[0], BAD_ROW, GOOD_ROWS[1]]))
    with page.expect_navigation():
        page.get_by_role("button", name="Check every row").click()
    # The preview names the problem and offers a choice (import the valid rows, or correct the file): nothing is
    # written before the organizer chooses. This organizer corrects the whole file.
    errors = page.locator("section.form-errors")
    assert errors.locator("h2").inner_text() == "1 row has problems"
    assert page.get_by_role("button", name="Import the 2 valid rows").is_visible()
    [error_row] = errors.locator("tbody tr").all()
    line, field, problem = error_row.locator("td").all_inner_texts()
    assert (line, field) == ("3", "E-mail")
    assert "zarina.importova(at)example.org" in problem
    assert Registration.objects.filter(seminar=seminar).count() == 2
    file_emails = ["saltanat.importova@example.org", "timur.importov@example.org", "zarina.importova@example.org"]
    assert not Person.objects.filter(email__in=file_emails).exists()
    with page.expect_navigation():
        page.locator(".manage-nav").get_by_role("link", name="Participants").click()
    assert _names_listed(page) == {name for name, _email, _gender in BY_FORM}

    # 4. The corrected file: preview, then confirm.
    _upload(page, _csv_file([GOOD_ROWS[0], FIXED_ROW, GOOD_ROWS[1]]))
    with page.expect_navigation():
        page.get_by_role("button", name="Check every row").click()
    assert page.locator("h1").inner_text().startswith("Check and confirm")
    assert "Every row is valid: 3 participants are ready to import." in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Import 3 participants").click()
    assert page.locator(".message-success").count() >= 1
    imported = {"Saltanat Importova", "Zarina Importova", "Timur Importov"}
    assert _names_listed(page) == imported | {name for name, _email, _gender in BY_FORM}
    assert Registration.objects.filter(seminar=seminar, status=Registration.Status.REGISTERED).count() == 5
    # The directory organization in the file was recognised.
    assert Person.objects.get(email="timur.importov@example.org").organization.slug == "akimat-almaty-region"

    # 5. Check two people in.
    for name in ("Aizhan Testova", "Zarina Importova"):
        row = page.locator("table.participants tbody tr").filter(has_text=name)
        with page.expect_navigation():
            row.get_by_role("button", name="Check in").click()
        assert f"{name}: Attended." in page.locator(".messages").inner_text()
        assert page.locator("table.participants tbody tr").filter(has_text=name).locator(".badge-good").count() == 1
    assert page.locator(".stat").filter(has_text="attended").locator(".stat-value").inner_text() == "2"

    # 6. The CSV export, as downloaded.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"{seminar.slug}-participants.csv"
    with open(download.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert [row["Full name"] for row in rows] == sorted(imported | {name for name, _email, _gender in BY_FORM})
    by_name = {row["Full name"]: row for row in rows}
    assert {name for name, row in by_name.items() if row["Status"] == "Attended"} == {
        "Aizhan Testova",
        "Zarina Importova",
    }
    assert all(row["Checked in at"] for row in rows if row["Status"] == "Attended")
    assert all(not row["Checked in at"] for row in rows if row["Status"] != "Attended")
    assert by_name["Berik Testov"]["E-mail"] == "berik.testov@example.org"
    assert by_name["Berik Testov"]["Gender"] == "Male"
    assert by_name["Saltanat Importova"]["Organization"] == "Demo Regional History Museum"
    assert by_name["Saltanat Importova"]["Language"] == "Kazakh"
    assert by_name["Timur Importov"]["Organization"] == "Akimat of Almaty region"


def _upload(page, file: dict) -> None:
    with page.expect_navigation():
        page.locator(".manage-nav").get_by_role("link", name="Import").click()
    page.locator("input[type=file]").set_input_files(file)
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and continue").click()
    assert page.locator("h1").inner_text().startswith("Match the columns")


def _names_listed(page) -> set[str]:
    return set(page.locator("table.participants tbody tr td:nth-child(2) > a").all_inner_texts())
