from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from portal.exports import csv_response, neutralise, xlsx_bytes


@pytest.mark.parametrize("text", ["=1+1", "+7 701", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_dangerous_cells(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Altyn-Emel", "Алтын-Эмель", 42, 3.5, ""])
def test_neutralise_leaves_harmless_cells(value):
    assert neutralise(value) == value


def test_csv_response_neutralises_and_keeps_cyrillic():
    response = csv_response("x.csv", ["name"], [['=HYPERLINK("x")'], ["Шарын"]], private=True)
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body == '\ufeff"name"\r\n"\'=HYPERLINK(""x"")"\r\n"Шарын"\r\n'  # every field quoted (issue 13, L1)
    assert "no-store" in response["Cache-Control"]


def test_xlsx_neutralises_cells():
    data = xlsx_bytes(["name"], [["=cmd|' /C calc'!A0"], ["Тамғалы"]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["name", "'=cmd|' /C calc'!A0", "Тамғалы"]
