"""Importing participants through the pages: upload, column mapping, preview, confirm (all rows, or the valid ones)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import AutoField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import bulk, roles
from seminars import import_store, importing, imports
from seminars.models import PendingImport, Person, Registration
from tests.factories import PersonFactory, RegistrationFactory, UserFactory
from tests.seminars.spreadsheets import PNG, RU_HEADER, RU_ROWS, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

EN_HEADER = ["Full name", "E-mail", "Phone", "Organization", "Position", "Gender", "Language"]


def url(name: str, seminar) -> str:
    return reverse(f"seminars:{name}", kwargs={"slug": seminar.slug})


@pytest.fixture
def manager_client(client, organizer):
    client.force_login(organizer)
    return client


def upload(client, seminar, data: bytes, name: str = "participants.csv"):
    return client.post(url("import", seminar), {"file": SimpleUploadedFile(name, data)})


def mapping_post(client, seminar, mapping: list[str]):
    return client.post(url("import_map", seminar), {f"col_{i}": field for i, field in enumerate(mapping)})


def run_import(client, seminar, data: bytes, name: str = "participants.csv"):
    """Upload, accept the guessed mapping, confirm. Returns the last response."""
    assert upload(client, seminar, data, name).status_code == 302
    table = imports.read_table(data)
    response = mapping_post(client, seminar, imports.guess_mapping(table.headers))
    assert response.status_code == 302, response.context.get("errors")
    assert response["Location"] == url("import_preview", seminar)
    return client.post(url("import_preview", seminar), follow=True)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (csv_bytes(RU_HEADER, RU_ROWS), "utf8.csv"),
        (csv_bytes(RU_HEADER, RU_ROWS, encoding="cp1251", delimiter=";"), "windows.csv"),
        (xlsx_bytes(RU_HEADER, RU_ROWS), "list.xlsx"),
        (xlsx_bytes(RU_HEADER, RU_ROWS), "misnamed.csv"),  # content decides, not the name
    ],
    ids=["csv-utf8", "csv-windows-1251", "xlsx", "xlsx-named-csv"],
)
def test_import_a_good_file(manager_client, seminar, organizer, data, name):
    response = run_import(manager_client, seminar, data, name)
    assert "Imported 2 participants: 2 registered, 0 on the waiting list" in response.content.decode()
    registrations = Registration.objects.filter(seminar=seminar).select_related("person").order_by("person__full_name")
    assert [
        (r.person.full_name, r.person.email, r.person.gender, r.person.language, r.source) for r in registrations
    ] == [
        ("Айгерим Пример", "aigerim@example.org", "female", "ru", "import"),
        ("Болат Образец", "bolat@example.org", "male", "kk", "import"),
    ]
    assert {r.registered_by for r in registrations} == {organizer}
    assert registrations[0].history.first().history_user == organizer  # the audit trail has the import too


def test_import_steps_show_the_guessed_mapping_and_the_preview(manager_client, seminar):
    PersonFactory(email="bolat@example.org", full_name="Bolat on record")
    upload(manager_client, seminar, csv_bytes(RU_HEADER, RU_ROWS))
    response = manager_client.get(url("import_map", seminar))
    form = response.context["form"]
    assert [form[f"col_{i}"].initial for i in range(len(RU_HEADER))] == [
        "full_name", "email", "phone", "organization", "position", "gender", "language",
    ]  # fmt: skip
    assert "Айгерим Пример" in response.content.decode()  # sample values beside each column
    mapping_post(manager_client, seminar, imports.guess_mapping(RU_HEADER))
    preview = manager_client.get(url("import_preview", seminar))
    # Bolat is on record (another organization's participant, say): the preview does not tell.
    assert preview.context["preview"] == {"rows": 2, "registered": 2, "waitlisted": 0}
    assert "matched" not in preview.content.decode()
    assert Registration.objects.count() == 0  # nothing written before the confirmation
    assert "no-store" in preview["Cache-Control"]


def test_import_with_a_bad_row_shows_line_numbers_and_a_plain_confirm_writes_nothing(manager_client, seminar):
    rows = [RU_ROWS[0], ["", "broken-address", "", "", "", "", ""]]
    upload(manager_client, seminar, csv_bytes(RU_HEADER, rows))
    response = mapping_post(manager_client, seminar, imports.guess_mapping(RU_HEADER))
    # One row is valid: the preview shows the problems and offers the choice.
    assert response["Location"] == url("import_preview", seminar)
    preview = manager_client.get(url("import_preview", seminar))
    assert [(e.line, e.message) for e in preview.context["errors"]] == [
        (3, "the full name is missing"),
        (3, "“broken-address” is not a valid e-mail address"),
    ]
    assert "Import the 1 valid row" in preview.content.decode()
    # A confirmation that does not choose to leave the bad row out writes nothing.
    assert manager_client.post(url("import_preview", seminar))["Location"] == url("import_preview", seminar)
    response = manager_client.post(url("import_preview", seminar), {"mode": "all"}, follow=True)
    assert "Some rows have problems" in response.content.decode()
    assert (Person.objects.count(), Registration.objects.count()) == (0, 0)


def test_import_with_no_valid_row_keeps_the_errors_beside_the_mapping(manager_client, seminar):
    rows = [["", "broken-address", "", "", "", "", ""], ["Nameless", "", "", "", "", "", ""]]
    upload(manager_client, seminar, csv_bytes(RU_HEADER, rows))
    response = mapping_post(manager_client, seminar, imports.guess_mapping(RU_HEADER))
    assert response.status_code == 200
    assert [(e.line, e.message) for e in response.context["errors"]] == [
        (2, "the full name is missing"),
        (2, "“broken-address” is not a valid e-mail address"),
        (3, "give an e-mail or a phone"),
    ]
    assert "3 problems: nothing is imported until the file is correct." in response.content.decode()
    assert manager_client.get(url("import_preview", seminar))["Location"] == url("import_map", seminar)
    assert manager_client.post(url("import_preview", seminar))["Location"] == url("import_map", seminar)
    assert (Person.objects.count(), Registration.objects.count()) == (0, 0)


def test_import_duplicate_inside_the_file_is_an_error(manager_client, seminar):
    rows = [RU_ROWS[0], ["Айгерим Дубль", "AIGERIM@example.org", "", "", "", "", ""]]
    upload(manager_client, seminar, csv_bytes(RU_HEADER, rows))
    mapping_post(manager_client, seminar, imports.guess_mapping(RU_HEADER))
    response = manager_client.get(url("import_preview", seminar))
    assert [(e.line, e.message) for e in response.context["errors"]] == [(3, "the same e-mail as line 2")]


def test_import_someone_already_registered_is_skipped_and_counted(manager_client, seminar):
    RegistrationFactory(seminar=seminar, person=PersonFactory(email="bolat@example.org"))
    upload(manager_client, seminar, csv_bytes(RU_HEADER, RU_ROWS))
    assert mapping_post(manager_client, seminar, imports.guess_mapping(RU_HEADER)).status_code == 302
    preview = manager_client.get(url("import_preview", seminar))
    assert (preview.context["errors"], preview.context["skipped_count"], preview.context["row_count"]) == ([], 1, 1)
    assert "already registered, skipped" in preview.content.decode()
    response = manager_client.post(url("import_preview", seminar), {"mode": "all"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Imported 1 participants: 1 registered, 0 on the waiting list.",
        "1 person already registered for the seminar was skipped.",
    ]
    assert Registration.objects.filter(seminar=seminar).count() == 2


def test_import_links_existing_people_by_email_and_revives_a_cancelled_registration(manager_client, seminar):
    aigerim = PersonFactory(email="aigerim@example.org", full_name="Aigerim on record", position="")
    cancelled = RegistrationFactory(seminar=seminar, person=aigerim, status="cancelled")
    run_import(
        manager_client, seminar, csv_bytes(RU_HEADER, [[*RU_ROWS[0][:1], "AIGERIM@Example.org", *RU_ROWS[0][2:]]])
    )
    assert Person.objects.count() == 1
    aigerim.refresh_from_db()
    assert (aigerim.full_name, aigerim.position) == ("Aigerim on record", "")  # the person is not touched
    assert aigerim.history.count() == 1
    cancelled.refresh_from_db()
    assert (cancelled.status, cancelled.source) == ("registered", "import")
    # The registration holds what the file says, and the change is in the audit history as the organizer's.
    assert (cancelled.full_name, cancelled.email, cancelled.position) == (
        RU_ROWS[0][0],
        "aigerim@example.org",
        "Хранитель",
    )
    record = cancelled.history.first()
    assert (record.history_type, record.history_change_reason, record.history_user.email) == (
        "~",
        "import",
        "organizer@test.example",
    )
    assert record.position == "Хранитель"


def test_import_the_organizer_can_change_the_mapping(manager_client, seminar):
    header = ["Participant", "Contact", "Notes"]
    upload(manager_client, seminar, csv_bytes(header, [["Asel Example", "asel@example.org", "vegetarian"]]))
    # "Contact" is not recognised: checking with the guess fails, then the organizer maps it to the e-mail.
    guessed = imports.guess_mapping(header)
    assert guessed == ["full_name", "", ""]
    response = mapping_post(manager_client, seminar, guessed)
    assert response.context["form"].non_field_errors() == ["Choose the column that holds the e-mail or the phone."]
    assert mapping_post(manager_client, seminar, ["full_name", "email", ""]).status_code == 302
    manager_client.post(url("import_preview", seminar))
    assert Registration.objects.get().person.email == "asel@example.org"


def test_import_beyond_capacity_fills_the_waiting_list_in_file_order(manager_client, seminar):
    seminar.capacity = 1
    seminar.save()
    rows = [[f"Person {n}", f"p{n}@example.org"] for n in range(3)]
    response = run_import(manager_client, seminar, csv_bytes(["Full name", "E-mail"], rows))
    assert "1 registered, 2 on the waiting list" in response.content.decode()
    queue = Registration.objects.filter(seminar=seminar).waitlisted().values_list("person__full_name", flat=True)
    assert list(queue) == ["Person 1", "Person 2"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG, "not a CSV text file"),
        (b"Full name,E-mail\n", "at least one participant row"),
    ],
)
def test_import_upload_of_a_wrong_file_says_why(manager_client, seminar, data, message):
    response = upload(manager_client, seminar, data, "photo.csv")
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]


def test_import_upload_larger_than_2_mb_is_refused(manager_client, seminar):
    response = upload(manager_client, seminar, b"a,b\n" * (imports.MAX_BYTES // 4 + 1))
    assert response.context["form"].errors["file"] == ["The file is larger than 2 MB. Split it into smaller files."]


def test_import_never_stores_the_upload_under_its_name(manager_client, seminar, organizer):
    name = "evil..name; rm -rf.csv"
    upload(manager_client, seminar, csv_bytes(RU_HEADER, RU_ROWS), name)
    stored = PendingImport.objects.get()
    assert (stored.seminar, stored.created_by) == (seminar, organizer)
    assert name not in json.dumps(stored.table, ensure_ascii=False)
    assert not any(name in str(p) for p in Path(settings.VAR_DIR).rglob("*"))
    # Confirming removes the stored import.
    mapping_post(manager_client, seminar, imports.guess_mapping(RU_HEADER))
    manager_client.post(url("import_preview", seminar))
    assert not PendingImport.objects.filter(pk=stored.pk).exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"just some notes, not a list of people", "participants.xlsx", "at least one participant row"),
        (PNG, "participants.xlsx", "not a CSV text file"),
        (b"PK\x03\x04 a zip that is not", "participants.xlsx", "cannot be opened"),
    ],
    ids=["text-named-xlsx", "png-named-xlsx", "broken-zip-named-xlsx"],
)
def test_import_upload_named_xlsx_is_read_by_its_content(manager_client, seminar, data, name, message):
    response = upload(manager_client, seminar, data, name)
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    assert not PendingImport.objects.exists()


def test_import_upload_of_a_csv_named_xlsx_is_accepted_as_csv(manager_client, seminar):
    assert upload(manager_client, seminar, csv_bytes(RU_HEADER, RU_ROWS), "participants.xlsx").status_code == 302
    response = manager_client.get(url("import_map", seminar))
    assert response.context["table"].kind == "csv"


def test_import_upload_of_more_than_5000_rows_is_refused_and_stores_nothing(manager_client, seminar):
    rows = [[f"Person {n}", f"p{n}@example.org"] for n in range(imports.MAX_ROWS + 1)]
    response = upload(manager_client, seminar, csv_bytes(["Full name", "E-mail"], rows))
    assert "more than 5,000 rows" in response.context["form"].errors["file"][0]
    assert not PendingImport.objects.exists()


def test_import_keeps_the_parsed_table_not_the_uploaded_bytes(manager_client, seminar):
    """What is stored is the table as JSON in the database: never the workbook, never a file under its name."""
    name = "../../../participants.xlsx"
    upload(manager_client, seminar, xlsx_bytes(RU_HEADER, RU_ROWS), name)
    stored = PendingImport.objects.get()
    assert set(stored.table) == {"kind", "headers", "rows", "encoding"}
    assert stored.table["kind"] == "xlsx"
    assert stored.table["headers"] == RU_HEADER
    assert "participants.xlsx" not in json.dumps(stored.table, ensure_ascii=False)
    assert not any(p.name == "participants.xlsx" for p in Path(settings.VAR_DIR).rglob("*"))
    assert not any(p.name == "participants.xlsx" for p in Path(settings.MEDIA_ROOT).rglob("*"))


def test_import_store_gives_an_import_only_to_the_user_who_started_it(seminar, other_seminar, organizer):
    colleague = UserFactory(organization=organizer.organization, role=roles.ORGANIZER)
    table = imports.read_table(csv_bytes(RU_HEADER, RU_ROWS))
    started = import_store.start(seminar, organizer, table, imports.guess_mapping(RU_HEADER))
    assert import_store.pending(seminar, organizer) == started
    assert import_store.pending(seminar, colleague) is None
    assert import_store.pending(other_seminar, organizer) is None
    assert import_store.pending(seminar, AnonymousUser()) is None
    # A colleague discarding their own import leaves this one alone; a new upload replaces the user's own.
    import_store.discard(seminar, colleague)
    again = import_store.start(seminar, organizer, table, [])
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [again.pk]


def test_import_someone_registered_after_the_preview_is_skipped_at_the_confirm(manager_client, seminar):
    upload(manager_client, seminar, csv_bytes(RU_HEADER, RU_ROWS))
    mapping_post(manager_client, seminar, imports.guess_mapping(RU_HEADER))
    # Meanwhile someone registers one of the file's people: the confirmation checks again and skips them.
    RegistrationFactory(seminar=seminar, person=PersonFactory(email="aigerim@example.org"))
    response = manager_client.post(url("import_preview", seminar), follow=True)
    assert response.redirect_chain[-1][0] == url("participants", seminar)
    assert "1 person already registered for the seminar was skipped." in response.content.decode()
    assert sorted(Registration.objects.values_list("email", flat=True)) == ["aigerim@example.org", "bolat@example.org"]


def test_import_service_refuses_a_conflict_inside_the_transaction(seminar, organizer):
    table = imports.read_table(csv_bytes(RU_HEADER, RU_ROWS))
    rows = imports.validate(table, imports.guess_mapping(RU_HEADER)).rows
    RegistrationFactory(seminar=seminar, person=PersonFactory(email="bolat@example.org"))
    with pytest.raises(importing.ImportConflict):
        importing.import_participants(seminar, rows, by=organizer)
    assert (Person.objects.count(), Registration.objects.count()) == (1, 1)


def rows_for(n: int, start: int = 0) -> list[imports.ParsedRow]:
    data = csv_bytes(
        ["Full name", "E-mail", "Gender"], [[f"P {i}", f"p{i}@example.org", "f"] for i in range(start, start + n)]
    )
    table = imports.read_table(data)
    return imports.validate(table, imports.guess_mapping(table.headers)).rows


def statements(model, rows: int, update_fields: list[str] | None = None) -> int:
    """How many statements a bulk insert (or, with ``update_fields``, a bulk update) of ``rows`` rows takes here.

    portal.bulk.BATCH_SIZE caps every batch; SQLite also caps a statement at 999 parameters, so there 200 rows of a
    wide model take several INSERTs, where PostgreSQL takes one. Same arithmetic as Django's bulk_create/update.
    """
    if update_fields is None:
        params = [f for f in model._meta.concrete_fields if not f.generated and not isinstance(f, AutoField)]
    else:
        params = ["pk", "pk", *update_fields]
    size = min(bulk.BATCH_SIZE, max(connection.ops.bulk_batch_size(params, [None] * rows), 1))
    return math.ceil(rows / size)


def import_writes(n: int) -> int:
    """The import's write statements for n rows of which half are new people and half are on record already
    (those are linked as they are: the file's details go on the registrations only)."""
    new = n // 2
    return (
        statements(Person, new)
        + statements(Person.history.model, new)
        + statements(Registration, n)
        + statements(Registration.history.model, n)
    )


def test_import_service_writes_in_batches_not_a_query_per_row(seminar, organizer, other_seminar):
    """The same number of queries for 20 rows as for 400, apart from the batches the backend itself needs.

    The batch size is 500: on PostgreSQL both sizes take exactly the same queries. SQLite allows 999 parameters
    per statement, so there the 400 rows' INSERTs split into the batches ``import_writes`` computes.
    """
    counts = []
    for n, start in ((20, 0), (400, 1000)):
        # Half of the people are already on record (linked), half are new.
        for row in rows_for(n // 2, start):
            PersonFactory(email=row.email, gender="not_stated")
        target = other_seminar if start else seminar
        with CaptureQueriesContext(connection) as queries:
            summary = importing.import_participants(target, rows_for(n, start), by=organizer)
        assert (summary.registered, summary.waitlisted) == (n, 0)
        assert Person.objects.filter(registrations__seminar=target).count() == n
        first = rows_for(1, start)[0].email
        assert Person.objects.get(email=first).gender == "not_stated"  # linked, not changed
        assert Registration.objects.get(seminar=target, email=first).gender == "female"
        counts.append(len(queries) - import_writes(n))
    if connection.vendor == "postgresql":
        assert import_writes(20) == import_writes(400) == 4
    assert counts[0] == counts[1]
