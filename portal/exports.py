"""CSV and XLSX exports that are safe to open in a spreadsheet.

A cell whose text starts with = + - @, a tab or a carriage return could be run as a formula (CSV/formula
injection, OWASP ASVS 1.2.10); such a cell gets a leading apostrophe, which spreadsheets show as text.
CSV fields are all quoted, so that no separator a spreadsheet may use starts a new cell inside one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Return ``value`` made safe for a spreadsheet cell. Numbers, dates and None pass through."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def _safe_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(cell) for cell in row]


def _xlsx_cell(value: Any) -> Any:
    # XLSX is XML: control characters other than tab, LF and CR cannot be stored (openpyxl raises).
    # Drop them first, then neutralise what remains ("\x00=1" must not become the formula "=1").
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralise(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, private: bool = False
) -> StreamingHttpResponse:
    """Stream a CSV (UTF-8 with a BOM, so that Excel reads Cyrillic and Kazakh letters correctly)."""
    # Every field quoted: Excel set to the Russian or Kazakh list separator ";" splits an unquoted field at
    # a ";", and "Zed;=cmd|..." would become a formula cell after the split.
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)

    def generate():
        yield "\ufeff"
        yield writer.writerow(_safe_row(header))
        for row in rows:
            yield writer.writerow(_safe_row(row))

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        patch_cache_control(response, no_store=True, private=True)
    return response


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Export") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([_xlsx_cell(cell) for cell in header])
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Export", private: bool = False
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(header, rows, title=title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        patch_cache_control(response, no_store=True, private=True)
    return response
