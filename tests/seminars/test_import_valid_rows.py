"""Issue 23 item 3: import the valid rows on request, get the others back as an XLSX naming each problem, skip
people already registered, and record every run."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext, override
from openpyxl import load_workbook

from portal import roles
from seminars import import_runs, importing, imports
from seminars.models import ImportRun, PendingImport, Person, Registration
from seminars.tasks import purge_stale_imports
from tests.factories import ImportRunFactory, PersonFactory, RegistrationFactory, UserFactory
from tests.seminars.spreadsheets import xlsx_bytes
from tests.seminars.test_import import statements

pytestmark = pytest.mark.django_db

HEADER = ["Full name", "E-mail", "Phone", "Gender"]
BAD_LINES = {5: ["Bad Address", "bad-address", "+7 701 000 00 05", "f"], 9: ["", "nameless@example.org", "", "m"]}


def ten_rows() -> list[list[str]]:
    """Ten participants; the rows on lines 5 and 9 of the file (data rows 4 and 8) have problems."""
    rows = [[f"Person {n}", f"person{n}@example.org", f"+7 701 000 00 {n:02d}", "f"] for n in range(10)]
    for line, row in BAD_LINES.items():
        rows[line - 2] = row
    return rows


def url(name: str, seminar, **kwargs) -> str:
    return reverse(f"seminars:{name}", kwargs={"slug": seminar.slug, **kwargs})


@pytest.fixture
def manager_client(client, organizer):
    client.force_login(organizer)
    return client


def upload_and_map(client, seminar, data: bytes, name: str = "department list.xlsx"):
    response = client.post(url("import", seminar), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.context["form"].errors
    headers = imports.read_table(data).headers
    return client.post(
        url("import_map", seminar), {f"col_{i}": f for i, f in enumerate(imports.guess_mapping(headers))}
    )


def problems_sheet(data: bytes) -> list[list]:
    workbook = load_workbook(io.BytesIO(data))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_ten_rows_with_two_bad_ones_import_eight_on_request_and_return_two(manager_client, seminar, organizer):
    response = upload_and_map(manager_client, seminar, xlsx_bytes(HEADER, ten_rows()))
    assert response["Location"] == url("import_preview", seminar)

    preview = manager_client.get(url("import_preview", seminar))
    page = preview.content.decode()
    assert (preview.context["row_count"], preview.context["invalid_count"], preview.context["file_rows"]) == (8, 2, 10)
    assert "8 rows of 10 are valid and can be imported." in page
    assert '<button type="submit" class="button" name="mode" value="valid">Import the 8 valid rows</button>' in page
    assert Registration.objects.count() == 0  # nothing written by the preview

    response = manager_client.post(url("import_preview", seminar), {"mode": "valid"})
    run = ImportRun.objects.get()
    assert response["Location"] == url("import_run", seminar, pk=run.pk)
    # Eight registered, in one run that says who, when, what and how it went.
    assert sorted(Registration.objects.filter(seminar=seminar).values_list("full_name", flat=True)) == [
        f"Person {n}" for n in (0, 1, 2, 4, 5, 6, 8, 9)
    ]
    assert (run.seminar, run.created_by, run.file_name, run.mode) == (
        seminar,
        organizer,
        "department list.xlsx",
        ImportRun.Mode.VALID_ROWS,
    )
    assert (run.rows, run.imported, run.waitlisted, run.skipped, run.invalid) == (10, 8, 0, 0, 2)
    assert timezone.now() - run.created_at < dt.timedelta(minutes=1)
    assert not PendingImport.objects.exists()  # the uploaded table is gone

    result = manager_client.get(url("import_run", seminar, pk=run.pk))
    download = url("import_problems", seminar, pk=run.pk)
    assert f'href="{download}"' in result.content.decode()
    assert "no-store" in result["Cache-Control"]

    response = manager_client.get(download)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{seminar.slug}-import-{run.pk}-rows-not-imported.xlsx"'
    )
    assert "no-store" in response["Cache-Control"]
    sheet = problems_sheet(response.content)
    assert sheet[0][0].startswith("Mura: Rows not imported: ")
    assert sheet[1] == ["Full name", "E-mail", "Phone", "Gender", "Problem", "Line in the uploaded file"]
    assert sheet[2:] == [
        [*BAD_LINES[5], "E-mail: “bad-address” is not a valid e-mail address", 5],
        [None, "nameless@example.org", None, "m", "Full name: the full name is missing", 9],
    ]
    workbook = load_workbook(io.BytesIO(response.content))
    assert (workbook.active.freeze_panes, workbook.active.auto_filter.ref) == ("A3", "A2:F4")


def test_the_returned_file_corrected_is_uploaded_again_as_it_is(manager_client, seminar):
    upload_and_map(manager_client, seminar, xlsx_bytes(HEADER, ten_rows()))
    manager_client.post(url("import_preview", seminar), {"mode": "valid"})
    run = ImportRun.objects.get()
    workbook = load_workbook(io.BytesIO(manager_client.get(url("import_problems", seminar, pk=run.pk)).content))
    sheet = workbook.active
    sheet["B3"] = "fixed@example.org"
    sheet["A4"] = "Named Now"
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = upload_and_map(manager_client, seminar, buffer.getvalue(), "rows-not-imported.xlsx")
    assert response["Location"] == url("import_preview", seminar)  # the title row skipped, the headers matched
    manager_client.post(url("import_preview", seminar), {"mode": "all"})
    assert Registration.objects.filter(seminar=seminar).count() == 10
    assert list(ImportRun.objects.values_list("mode", "rows", "imported", "invalid")) == [
        ("all", 2, 2, 0),
        ("valid", 10, 8, 2),
    ]


def test_the_returned_file_is_in_the_organizers_language(manager_client, seminar):
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    upload_and_map(manager_client, seminar, xlsx_bytes(HEADER, ten_rows()))
    preview = manager_client.get(url("import_preview", seminar)).content.decode()
    assert "Корректны 8 строк из 10" in preview
    assert "Импортировать 8 корректных строк" in preview
    manager_client.post(url("import_preview", seminar), {"mode": "valid"})
    run = ImportRun.objects.get()
    sheet = problems_sheet(manager_client.get(url("import_problems", seminar, pk=run.pk)).content)
    assert sheet[0][0].startswith("Mura: Строки, не вошедшие в импорт: ")
    assert sheet[1] == ["ФИО", "Электронная почта", "Телефон", "Пол", "Ошибка", "Строка в загруженном файле"]
    assert [row[4] for row in sheet[2:]] == [
        "Электронная почта: «bad-address» — неверный адрес электронной почты",
        "ФИО: не указаны ФИО",
    ]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 строка"), (2, "2 строки"), (5, "5 строк"), (8, "8 строк"), (11, "11 строк"), (21, "21 строка")],
)
def test_russian_plural_forms_of_the_row_counts(n, expected):
    with override("ru"):
        text = ngettext(
            "%(n)s row of %(total)s is valid and can be imported.",
            "%(n)s rows of %(total)s are valid and can be imported.",
            n,
        ) % {"n": n, "total": 30}
    assert expected in text


def test_people_already_registered_are_skipped_and_counted(manager_client, seminar):
    RegistrationFactory(seminar=seminar, person=PersonFactory(email="person1@example.org"))
    # Registered with an e-mail, and also listed with only their phone: the same person.
    RegistrationFactory(seminar=seminar, person=PersonFactory(email="phone@example.org", phone="+7 702 555 55 55"))
    RegistrationFactory(seminar=seminar, person=PersonFactory(email="person2@example.org"), status="cancelled")
    rows = [*ten_rows(), ["Phone Only", "", "8 702 555 55 55", ""]]
    upload_and_map(manager_client, seminar, xlsx_bytes(HEADER, rows))
    preview = manager_client.get(url("import_preview", seminar))
    assert (preview.context["skipped_count"], preview.context["row_count"], preview.context["invalid_count"]) == (
        2,
        7,
        2,
    )
    assert "already registered, skipped" in preview.content.decode()

    response = manager_client.post(url("import_preview", seminar), {"mode": "valid"}, follow=True)
    run = ImportRun.objects.get()
    assert (run.rows, run.imported, run.skipped, run.invalid) == (11, 7, 2, 2)
    assert [str(m) for m in response.context["messages"]] == [
        "Imported 7 participants: 7 registered, 0 on the waiting list.",
        "2 people already registered for the seminar were skipped.",
    ]
    page = response.content.decode()
    assert "already registered, skipped" in page
    # The cancelled registration comes back; nobody is registered twice.
    assert Registration.objects.filter(seminar=seminar).not_cancelled().count() == 2 + 7
    assert Registration.objects.filter(seminar=seminar, email="person1@example.org").count() == 1


def test_nothing_is_written_when_the_write_fails_midway(manager_client, seminar, monkeypatch):
    upload_and_map(manager_client, seminar, xlsx_bytes(HEADER, ten_rows()))
    real = importing.bulk_create_with_history

    def fail_on_registrations(objs, model, **kwargs):
        if model is Registration:  # the people are inserted by now
            assert Person.objects.count() == 8
            raise DatabaseError("the disk is full")
        return real(objs, model, **kwargs)

    monkeypatch.setattr(importing, "bulk_create_with_history", fail_on_registrations)
    with pytest.raises(DatabaseError):
        manager_client.post(url("import_preview", seminar), {"mode": "valid"})
    assert (Person.objects.count(), Registration.objects.count(), ImportRun.objects.count()) == (0, 0, 0)
    assert PendingImport.objects.count() == 1  # the organizer can confirm again

    monkeypatch.setattr(importing, "bulk_create_with_history", real)
    manager_client.post(url("import_preview", seminar), {"mode": "valid"})
    assert (Person.objects.count(), Registration.objects.count(), ImportRun.objects.count()) == (8, 8, 1)


def test_an_organizer_of_another_organization_never_gets_the_file(client, seminar, organizer, other_organization):
    ImportRunFactory(seminar=seminar, created_by=organizer, problems_file=b"PK\x03\x04 rows")
    run = ImportRun.objects.get()
    stranger = UserFactory(organization=other_organization, role=roles.ORGANIZER)
    colleague = UserFactory(organization=organizer.organization, role=roles.ORGANIZER)
    for name in ("import_run", "import_problems"):
        client.force_login(stranger)
        assert client.get(url(name, seminar, pk=run.pk)).status_code == 403
        client.force_login(colleague)  # the seminar's other organizers may manage its participants
        assert client.get(url(name, seminar, pk=run.pk)).status_code == 200
        client.logout()
        assert client.get(url(name, seminar, pk=run.pk))["Location"].startswith(reverse("account_login"))


def test_a_run_is_reached_only_through_its_own_seminar(manager_client, seminar, other_seminar, organizer):
    """The other organization's run, put under this seminar's URL, is not found."""
    theirs = ImportRunFactory(seminar=other_seminar, problems_file=b"PK\x03\x04 rows")
    for name in ("import_run", "import_problems"):
        assert manager_client.get(url(name, seminar, pk=theirs.pk)).status_code == 404


def test_the_file_is_kept_a_week_then_purged_and_the_counts_stay(manager_client, seminar, organizer):
    upload_and_map(manager_client, seminar, xlsx_bytes(HEADER, ten_rows()))
    manager_client.post(url("import_preview", seminar), {"mode": "valid"})
    run = ImportRun.objects.get()
    download = url("import_problems", seminar, pk=run.pk)
    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - dt.timedelta(days=6, hours=23))
    assert manager_client.get(download).status_code == 200
    assert purge_stale_imports.apply().get() == 0

    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - ImportRun.PROBLEMS_KEPT)
    assert manager_client.get(download).status_code == 404  # past its time, even before the purge
    assert import_runs.count_expired_problem_files() == 1
    assert purge_stale_imports.apply().get() == 1
    run.refresh_from_db()
    assert (run.problems_file, run.imported, run.invalid) == (None, 8, 2)
    page = manager_client.get(url("import_run", seminar, pk=run.pk)).content.decode()
    assert "has been deleted" in page
    assert download not in page


def test_the_import_page_lists_the_seminars_runs(manager_client, seminar, other_seminar, organizer):
    mine = ImportRunFactory(seminar=seminar, created_by=organizer, file_name="akimat.xlsx", problems_file=b"PK")
    ImportRunFactory(seminar=other_seminar, file_name="elsewhere.xlsx")
    page = manager_client.get(url("import", seminar))
    assert [run.pk for run in page.context["runs"]] == [mine.pk]
    html = page.content.decode()
    assert "akimat.xlsx" in html and "elsewhere.xlsx" not in html
    assert url("import_problems", seminar, pk=mine.pk) in html


@pytest.mark.parametrize("runs", [1, 3])
def test_the_import_page_history_takes_the_same_queries_for_1_and_3_runs(manager_client, seminar, runs):
    for _ in range(runs):
        ImportRunFactory(seminar=seminar)
    # 1 user, 2 seminar with its region, 3 its organizers (the permission), 4 the user's groups (the
    # role), 5 the runs with who ran them: five whatever the number of runs
    with CaptureQueriesContext(connection) as queries:
        assert manager_client.get(url("import", seminar)).status_code == 200
    assert len([q for q in queries if "seminars_importrun" in q["sql"]]) == 1
    assert len(queries) == 5


def rows_validation(n: int, start: int, bad: int) -> tuple[imports.Table, list[str], imports.Validation]:
    rows = [[f"P {i}", f"p{i}@example.org"] for i in range(start, start + n)]
    for i in range(bad):
        rows[i * 3][1] = f"bad-{i}"
    table = imports.read_table(xlsx_bytes(["Full name", "E-mail"], rows))
    mapping = imports.guess_mapping(table.headers)
    return table, mapping, imports.validate(table, mapping)


def test_the_valid_rows_are_written_in_batches_not_a_query_per_row(seminar, other_seminar, organizer):
    """The same queries for 10 rows as for 400 (two of them bad each time), apart from the backend's batches."""
    counts = []
    for n, start, target in ((10, 0, seminar), (400, 1000, other_seminar)):
        table, mapping, validation = rows_validation(n, start, bad=2)
        with CaptureQueriesContext(connection) as queries:
            run, _summary = importing.run_import(target, table, mapping, validation, by=organizer, file_name="f.xlsx")
        assert (run.imported, run.invalid) == (n - 2, 2)
        writes = sum(
            statements(model, n - 2)
            for model in (Person, Person.history.model, Registration, Registration.history.model)
        )
        counts.append(len(queries) - writes)
    assert counts[0] == counts[1]


def test_the_admin_shows_runs_read_only(client, admin_user, seminar):
    run = ImportRunFactory(seminar=seminar)
    client.force_login(admin_user)
    assert client.get(reverse("admin:seminars_importrun_changelist")).status_code == 200
    change = client.get(reverse("admin:seminars_importrun_change", args=[run.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert client.get(reverse("admin:seminars_importrun_add")).status_code == 403
