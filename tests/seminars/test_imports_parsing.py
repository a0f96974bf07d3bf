"""seminars.imports, the pure part of the import: reading files by content, mapping headers, validating rows."""

from __future__ import annotations

import io
import zipfile

import pytest

from portal.models import Organization
from seminars import imports
from tests.seminars.spreadsheets import PDF, PNG, RU_HEADER, RU_ROWS, XLS, csv_bytes, xlsx_bytes, zip_bytes

EN_HEADER = ["Full name", "E-mail", "Phone", "Organization", "Position", "Gender", "Language"]


def table_of(header, rows) -> imports.Table:
    return imports.read_table(csv_bytes(header, rows))


# ---- reading


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (csv_bytes(RU_HEADER, RU_ROWS), "utf-8"),
        (b"\xef\xbb\xbf" + csv_bytes(RU_HEADER, RU_ROWS), "utf-8"),
        (csv_bytes(RU_HEADER, RU_ROWS, encoding="cp1251"), "windows-1251"),
        (csv_bytes(RU_HEADER, RU_ROWS, encoding="cp1251", delimiter=";"), "windows-1251"),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1251", "windows-1251-semicolons"],
)
def test_read_cyrillic_csv_in_each_encoding(data, encoding):
    table = imports.read_table(data)
    assert table.kind == "csv"
    assert table.encoding == encoding
    assert table.headers == RU_HEADER
    assert table.rows == [(2, RU_ROWS[0]), (3, RU_ROWS[1])]


def test_read_xlsx_by_content():
    table = imports.read_table(xlsx_bytes(RU_HEADER, [*RU_ROWS, ["Phone As Number", "", 77011234567, "", "", "", ""]]))
    assert table.kind == "xlsx"
    assert table.headers == RU_HEADER
    assert table.rows[0] == (2, RU_ROWS[0])
    assert table.rows[2] == (4, ["Phone As Number", "", "77011234567", "", "", "", ""])


def test_read_skips_blank_lines_but_keeps_line_numbers():
    data = b"Full name,E-mail\n\nAsel Example,asel@example.org\n,\nBerik Sample,berik@example.org\n"
    assert imports.read_table(data).rows == [
        (3, ["Asel Example", "asel@example.org"]),
        (5, ["Berik Sample", "berik@example.org"]),
    ]


def test_read_counts_lines_of_multiline_cells():
    data = b'Full name,Position\n"Asel Example","Head of\nthe museum"\nBerik Sample,Guide\n'
    assert [line for line, _cells in imports.read_table(data).rows] == [2, 4]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG, "not a CSV text file"),
        (PDF, "not a CSV text file"),
        (XLS, "old Excel file (.xls)"),
        (zip_bytes(), "ZIP archive, not an Excel workbook"),
        (b"PK\x03\x04garbage", "cannot be opened"),
        ("Full name\n".encode("utf-16"), "not a CSV text file"),
        (b"", "empty"),
        (b"Full name,E-mail\n", "at least one participant row"),
        (b"\x81\x98\x81\x98", "neither a CSV text file in UTF-8 or Windows-1251"),
    ],
    ids=["png", "pdf", "xls", "zip", "broken-zip", "utf-16", "empty", "header-only", "undecodable"],
)
def test_read_refuses_what_is_not_a_participant_spreadsheet(data, message):
    with pytest.raises(imports.ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        imports.read_table(data)


def test_read_refuses_more_than_2_mb():
    with pytest.raises(imports.ImportFileError, match="larger than 2 MB"):
        imports.read_table(b"a" * (imports.MAX_BYTES + 1))


def test_read_refuses_more_than_5000_rows():
    rows = [[f"Person {n}", f"p{n}@example.org"] for n in range(imports.MAX_ROWS + 1)]
    with pytest.raises(imports.ImportFileError, match="more than 5,000 rows"):
        imports.read_table(csv_bytes(["Full name", "E-mail"], rows))


def test_read_accepts_exactly_5000_rows():
    rows = [[f"Person {n}", f"p{n}@example.org"] for n in range(imports.MAX_ROWS)]
    assert len(imports.read_table(csv_bytes(["Full name", "E-mail"], rows)).rows) == imports.MAX_ROWS


def _workbook_zip(**members: bytes) -> bytes:
    """A ZIP with the two parts that make it look like a workbook, and the given members, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_read_refuses_a_workbook_that_inflates_beyond_the_limit():
    """A zip bomb: small enough to upload, 50 MB and more once unpacked. Refused before openpyxl opens it."""
    data = _workbook_zip(**{"xl/worksheets/sheet1.xml": b"\0" * (imports.MAX_UNCOMPRESSED_BYTES + 1)})
    assert len(data) < imports.MAX_BYTES
    with pytest.raises(imports.ImportFileError, match="too large once unpacked"):
        imports.read_table(data)


def test_read_refuses_a_broken_workbook_without_failing():
    """Has the parts a workbook needs by name, but they are not a workbook: openpyxl's error is the user's."""
    with pytest.raises(imports.ImportFileError, match="cannot be read"):
        imports.read_table(_workbook_zip())


def test_read_refuses_a_workbook_of_more_than_5000_rows():
    rows = [[f"Person {n}", f"p{n}@example.org"] for n in range(imports.MAX_ROWS + 1)]
    with pytest.raises(imports.ImportFileError, match="more than 5,000 rows"):
        imports.read_table(xlsx_bytes(["Full name", "E-mail"], rows))


@pytest.mark.parametrize("make", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_read_refuses_more_than_50_columns(make):
    header = [f"Column {n}" for n in range(imports.MAX_COLUMNS + 1)]
    with pytest.raises(imports.ImportFileError, match="more than 50 columns"):
        imports.read_table(make(header, [["x"] * len(header)]))


def test_read_refuses_a_csv_cell_too_large_for_the_csv_reader():
    """Python's csv refuses a field over 128 KB: one line of the error, not a 500."""
    data = b"Full name,E-mail\n" + b"a" * 200_000 + b",a@example.org\n"
    with pytest.raises(imports.ImportFileError, match="Line 2 cannot be read as CSV"):
        imports.read_table(data)


def test_read_takes_a_csv_for_a_csv_whatever_it_is_called():
    """Sniffed by content: text named .xlsx is read as CSV, a workbook named .csv as a workbook (see test_import)."""
    assert imports.read_table(csv_bytes(RU_HEADER, RU_ROWS)).kind == "csv"
    assert imports.read_table(xlsx_bytes(RU_HEADER, RU_ROWS)).kind == "xlsx"


# ---- mapping


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (EN_HEADER, ["full_name", "email", "phone", "organization", "position", "gender", "language"]),
        (RU_HEADER, ["full_name", "email", "phone", "organization", "position", "gender", "language"]),
        (
            ["Аты-жөні", "Электрондық пошта", "Телефон нөмірі", "Ұйым", "Лауазымы", "Жынысы", "Тілі"],
            ["full_name", "email", "phone", "organization", "position", "gender", "language"],
        ),
        (["Ф.И.О.", "E-mail", "Notes", "Тип организации"], ["full_name", "email", "", "organization_kind"]),
        (["Name", "Name", "email"], ["full_name", "", "email"]),
    ],
    ids=["english", "russian", "kazakh", "punctuation-and-unknown", "first-wins"],
)
def test_guess_mapping_recognises_headers(headers, expected):
    assert imports.guess_mapping(headers) == expected


def test_mapping_errors_need_a_name_and_a_contact_and_no_field_twice():
    assert imports.mapping_errors(["email", "email"]) == [
        "“E-mail” is chosen for more than one column.",
        "Choose the column that holds the full name.",
    ]
    assert imports.mapping_errors(["full_name", "position"]) == [
        "Choose the column that holds the e-mail or the phone."
    ]
    assert imports.mapping_errors(["full_name", "phone", ""]) == []


def test_organization_kinds_match_the_directory():
    assert set(imports.ORGANIZATION_KINDS) == set(Organization.Kind.values)


# ---- validating


def test_validate_good_rows():
    table = table_of(RU_HEADER, RU_ROWS)
    result = imports.validate(table, imports.guess_mapping(table.headers))
    assert result.errors == []
    assert result.is_valid
    assert result.rows[0] == imports.ParsedRow(
        line=2,
        full_name="Айгерим Пример",
        email="aigerim@example.org",
        phone="+7 701 111 11 11",
        organization_name="Областной музей (демо)",
        position="Хранитель",
        gender="female",
        language="ru",
    )
    assert (result.rows[1].gender, result.rows[1].language) == ("male", "kk")


def test_validate_reports_every_bad_row_with_its_line():
    rows = [
        ["Good Person", "good@example.org", "", "", "", "female", "en"],
        ["", "nameless@example.org", "", "", "", "", ""],
        ["Bad Mail", "not-an-email", "", "", "", "", ""],
        ["No Contact", "", "", "", "", "", ""],
        ["Bad Phone", "", "call me", "", "", "", ""],
        ["Odd Gender", "odd@example.org", "", "", "", "sometimes", "fr"],
        ["Duplicate", "GOOD@example.org", "", "", "", "", ""],
    ]
    table = table_of(EN_HEADER, rows)
    result = imports.validate(table, imports.guess_mapping(table.headers))
    assert not result.is_valid
    assert [(e.line, e.field, e.message) for e in result.errors] == [
        (3, "Full name", "the full name is missing"),
        (4, "E-mail", "“not-an-email” is not a valid e-mail address"),
        (5, "E-mail", "give an e-mail or a phone"),
        (6, "Phone", "“call me” is not a phone number"),
        (7, "Gender", "“sometimes” is not one of: female, male, another or empty"),
        (7, "Preferred language", "“fr” is not one of: kk, ru, en"),
        (8, "E-mail", "the same e-mail as line 2"),
    ]


def test_validate_finds_duplicate_phones_without_email_in_the_file():
    table = table_of(["Full name", "Phone"], [["A Example", "+7 701 123 45 67"], ["B Example", "8 (701) 123-45-67"]])
    result = imports.validate(table, ["full_name", "phone"])
    assert [(e.line, e.message) for e in result.errors] == [(3, "the same phone as line 2")]


def test_validate_skips_people_already_registered_and_counts_them():
    rows = [
        ["A", "a@example.org", ""],
        ["B", "", "+77011234567"],
        ["A again, with a bad gender", "A@example.org", "", "sometimes"],  # registered: skipped, not an error
        ["Colleague", "colleague@example.org", "8 701 123 45 67"],  # own e-mail, the office's phone: imported
        ["C", "c@example.org", ""],
    ]
    table = table_of(["Full name", "E-mail", "Phone", "Gender"], rows)
    context = imports.Context(
        registered_emails=frozenset({"a@example.org"}), registered_phones=frozenset({"77011234567"})
    )
    result = imports.validate(table, ["full_name", "email", "phone", "gender"], context)
    assert result.errors == []
    assert [(s.line, s.contact) for s in result.skipped] == [
        (2, "a@example.org"),
        (3, "+77011234567"),
        (4, "a@example.org"),
    ]
    assert [r.email for r in result.rows] == ["colleague@example.org", "c@example.org"]
    assert result.is_valid


def test_validate_invalid_rows_are_listed_by_line_and_the_valid_ones_kept():
    rows = [["A", "a@example.org"], ["", "broken"], ["C", "c@example.org"], ["D", ""]]
    result = imports.validate(table_of(["Full name", "E-mail"], rows), ["full_name", "email"])
    assert result.mapping_ok
    assert not result.is_valid
    assert result.invalid_lines == [3, 5]
    assert [r.line for r in result.rows] == [2, 4]
    assert {line: [e.message for e in errors] for line, errors in result.problems_by_line().items()} == {
        3: ["the full name is missing", "“broken” is not a valid e-mail address"],
        5: ["give an e-mail or a phone"],
    }


def test_validate_a_bad_mapping_is_not_a_row_problem():
    result = imports.validate(table_of(["Full name", "E-mail"], [["A", "a@example.org"]]), ["full_name", ""])
    assert not result.mapping_ok
    assert result.invalid_lines == []


def test_read_table_skips_the_title_row_of_the_portals_own_xlsx():
    data = xlsx_bytes(["Mura: Rows not imported: Seminar. Filters: none. Exported on 5 December 2026."], [])
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    workbook.active.append(["Full name", "E-mail", "Problem"])
    workbook.active.append(["A", "a@example", "E-mail: not valid"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = imports.read_table(buffer.getvalue())
    assert table.headers == ["Full name", "E-mail", "Problem"]
    assert table.rows == [(3, ["A", "a@example", "E-mail: not valid"])]


def test_validate_links_directory_organizations_by_name_in_any_language():
    table = table_of(["Full name", "E-mail", "Organization"], [["A", "a@example.org", "Акимат  Алматинской области"]])
    context = imports.Context(organizations={imports.normalise("Акимат Алматинской области"): (7, "regional_akimat")})
    row = imports.validate(table, ["full_name", "email", "organization"], context).rows[0]
    assert (row.organization_id, row.organization_name, row.organization_kind) == (7, "", "regional_akimat")


def test_validate_a_column_left_unmapped_is_ignored():
    table = table_of(["Full name", "E-mail", "Gender"], [["A", "a@example.org", "nonsense"]])
    result = imports.validate(table, ["full_name", "email", ""])
    assert result.is_valid
    assert result.rows[0].gender == ""


def test_validate_with_a_bad_mapping_reports_it_on_line_0():
    table = table_of(["Full name", "E-mail"], [["A", "a@example.org"]])
    result = imports.validate(table, ["position", "email"])
    assert [(e.line, e.message) for e in result.errors] == [(0, "Choose the column that holds the full name.")]


def test_parsed_rows_and_tables_survive_json():
    table = table_of(RU_HEADER, RU_ROWS)
    assert imports.Table.from_json(table.to_json()) == table
    row = imports.validate(table, imports.guess_mapping(table.headers)).rows[0]
    assert imports.ParsedRow.from_json(row.to_json()) == row
