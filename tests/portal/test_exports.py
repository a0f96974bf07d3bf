from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from portal.exports import DATE, Column, Table, csv_response, neutralise, xlsx_bytes


@pytest.mark.parametrize("text", ["=1+1", "+7 701+A1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_dangerous_cells(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Altyn-Emel", "Алтын-Эмель", 42, 3.5, "", "+7 701 000 00 00", "-2"])
def test_neutralise_leaves_harmless_cells(value):
    assert neutralise(value) == value


def _table(rows, columns=None):
    return Table(title="Test", columns=columns or [Column("name", "name")], rows=rows)


def test_csv_response_neutralises_quotes_and_keeps_cyrillic():
    response = csv_response("x.csv", _table([['=HYPERLINK("x")'], ["Шарын"]]), private=True)
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body == '\ufeff"name"\r\n"\'=HYPERLINK(""x"")"\r\n"Шарын"\r\n'
    assert "no-store" in response["Cache-Control"]


def test_csv_response_writes_iso_dates_and_the_chosen_separator():
    rows = [["Шарын", datetime.date(2026, 11, 5)]]
    response = csv_response("x.csv", _table(rows, [Column("name", "name"), Column("due", "due", DATE)]), delimiter=";")
    assert b"".join(response.streaming_content).decode("utf-8") == '\ufeff"name";"due"\r\n"Шарын";"2026-11-05"\r\n'


def test_xlsx_keeps_text_as_typed_and_never_a_formula():
    data = xlsx_bytes(_table([["=cmd|' /C calc'!A0"], ["Тамғалы"], ["+7 702 111 22 33"]]))
    sheet = load_workbook(io.BytesIO(data)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "name",
        "=cmd|' /C calc'!A0",
        "Тамғалы",
        "+7 702 111 22 33",
    ]
    assert {cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row} == {"s"}


def test_xlsx_dates_are_typed_in_the_languages_style(settings):
    from django.utils import translation

    table = _table([[datetime.date(2026, 11, 5)]], [Column("due", "due", DATE)])
    with translation.override("ru"):
        sheet = load_workbook(io.BytesIO(xlsx_bytes(table))).active
    assert sheet["A3"].is_date
    assert sheet["A3"].value == datetime.datetime(2026, 11, 5)
    assert sheet["A3"].number_format == "dd.mm.yyyy"


@pytest.mark.django_db
def test_a_signed_in_csv_export_is_gzipped_for_a_client_that_accepts_it(client, official):
    """Signed-in CSV exports stream like the public ones and are compressed (issue 22 item 3); still private."""
    import gzip

    from django.urls import reverse

    from tests.factories import RecommendationFactory

    RecommendationFactory.create_batch(3)
    client.force_login(official)
    url = reverse("recommendations:export_csv")
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert plain.streaming and packed.streaming
    assert packed["Content-Encoding"] == "gzip" and not plain.has_header("Content-Encoding")
    body = b"".join(packed.streaming_content)
    assert gzip.decompress(body) == b"".join(plain.streaming_content)
    assert "no-store" in packed["Cache-Control"] and "Accept-Encoding" in packed["Vary"]
