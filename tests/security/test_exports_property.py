"""Property: whatever text a cell holds, a CSV or XLSX export never hands a spreadsheet a formula.

CSV has no types: a cell a spreadsheet could read as a formula comes out behind an apostrophe (text made only
of digits, spaces, brackets and a leading sign, such as a phone number, cannot call anything and is left as
typed); every field is quoted, whatever the separator. XLSX stores text as text, so every cell comes back
exactly as it went in and none is a formula; XLSX is XML, so control characters XML cannot hold are dropped
and a reader turns CR and CRLF into LF (XML's end-of-line handling).
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from portal.exports import DANGEROUS_PREFIXES, Column, Table, csv_response, is_formula_like, neutralise, xlsx_bytes

# Text of any kind, with the dangerous first characters and the characters CSV must quote made likely.
cell_text = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda head, tail: head + tail,
        st.sampled_from([*DANGEROUS_PREFIXES, "'", '"', "\n", " "]),
        st.text(max_size=20),
    ),
)
rows = st.lists(st.lists(cell_text, min_size=1, max_size=4), min_size=1, max_size=5)

EXAMPLES = 300


def expected(text: str) -> str:
    return "'" + text if is_formula_like(text) else text


def table(header: list[str], body: list[list[str]]) -> Table:
    return Table(title="Export", columns=[Column(f"c{i}", label) for i, label in enumerate(header)], rows=body)


def as_xml_reads_it(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def safe(cell: str) -> bool:
    return not is_formula_like(cell)


def test_phone_numbers_and_negative_numbers_are_inert_and_kept():
    for text in ("+7 702 111 22 33", "+7 (727) 123-45-67", "-2", "-1.5"):
        assert neutralise(text) == text
    for text in ("+7 702+A1", "-1+2", "=1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-", "+"):
        assert neutralise(text) == "'" + text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell_text)
def test_neutralise_prefixes_exactly_the_dangerous_cells(text):
    result = neutralise(text)
    assert result == expected(text)
    assert safe(result)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cell_text, min_size=1, max_size=4), rows, st.sampled_from([",", ";", "\t"]))
def test_csv_export_round_trips_and_is_never_a_formula(header, body, delimiter):
    body = [row[: len(header)] + [""] * (len(header) - len(row)) for row in body]
    response = csv_response("export.csv", table(header, body), delimiter=delimiter)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))
    assert parsed == [[expected(cell) for cell in row] for row in [header, *body]]
    assert all(safe(cell) for row in parsed for cell in row)


@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cell_text, min_size=1, max_size=4), rows)
def test_xlsx_export_round_trips_and_is_never_a_formula(header, body):
    body = [row[: len(header)] + [""] * (len(header) - len(row)) for row in body]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table(header, body)))).active
    _title, *parsed = [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]
    want = [[as_xml_reads_it(ILLEGAL_CHARACTERS_RE.sub("", cell)) for cell in row] for row in [header, *body]]
    # openpyxl drops trailing empty cells of a row; compare the rows padded to the same width.
    width = max(len(row) for row in [*want, *parsed])
    assert [row + [""] * (width - len(row)) for row in parsed] == [row + [""] * (width - len(row)) for row in want]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_line_breaks_are_lf_whichever_xml_writer_openpyxl_uses():
    # lxml (present once python-docx is installed) escapes a CR and keeps it; the standard library's writer does not.
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table(["\r", "a\r\nb"], [["c\rd", ""]])))).active
    _title, *parsed = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert parsed[0] == ["\n", "a\nb"]
    assert parsed[1][0] == "c\nd"


def test_a_semicolon_list_separator_never_splits_a_cell_into_a_formula():
    """Issue 13, L1: Excel with the Russian/Kazakh list separator ";" reads an unquoted CSV field
    `Zed;=cmd|' /C calc'!A0` as two cells, the second a formula. Every field is quoted, so it stays one."""
    payload = "Zed;=cmd|' /C calc'!A0"
    response = csv_response("export.csv", table(["Name", "Note"], [[payload, "plain"]]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[1] == f'"{payload}","plain"'
    # Read the way Excel does with ";" as its separator: the field is one cell, never a formula.
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        assert not any(cell.startswith(DANGEROUS_PREFIXES) for cell in row), row
