"""Exports: XLSX laid out for the people who open it, CSV for machines and for Excel, both safe to open.

Every export is a :class:`Table`: a title, the filters it was made with, typed :class:`Column` s and rows.

- XLSX (offered first): a title row naming the portal, the export, the filters and the date; headers in the
  interface language; dates and numbers stored typed; column widths from the content; the header row frozen
  and filtered. Text cells are stored as text, so nothing a person typed can become a formula, and what they
  typed is shown as typed (a phone number "+7 702 111 22 33" keeps its plus and gets no apostrophe).
- CSV: UTF-8 with a byte-order mark (Excel then reads Cyrillic and Kazakh letters), every field quoted, ``;``
  as the separator for the Kazakh and Russian interfaces (what Excel expects under their regional settings)
  and ``,`` for English; ``?sep=comma|semicolon|tab`` chooses. Headers are the column labels in the interface
  language, or the stable column keys with ``?header=keys`` (documented in the README) for scripts. A CSV has
  no types, so a cell that a spreadsheet could run as a formula (CSV injection, OWASP ASVS 1.2.10) gets a
  leading apostrophe; text made only of digits, spaces, brackets, dots and a leading sign (phone numbers,
  negative numbers) cannot call a function or reference a cell and is left as typed.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Digits, spaces, brackets, dots and hyphens after an optional sign: a number or a phone number as typed.
_INERT = re.compile(r"[+\-]?[\d\s().\-]*\d[\d\s().\-]*")

TEXT, DATE, DATETIME, NUMBER, URL = "text", "date", "datetime", "number", "url"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}
# Column widths are measured on the first rows; a wider cell wraps in the spreadsheet rather than widening all.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
EXCEL_DATE_FORMATS = {"en": "d mmm yyyy"}
EXCEL_DATE_FORMAT = "dd.mm.yyyy"  # Kazakh and Russian tables


@dataclass(frozen=True)
class Column:
    """One column: ``key`` is stable (scripts read it), ``label`` is what a person reads, ``kind`` its type."""

    key: str
    label: str | Promise
    kind: str = TEXT


@dataclass
class Table:
    title: str | Promise
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    filters: Sequence[tuple[str, str]] = field(default_factory=list)

    def caption(self, when: datetime.datetime | None = None) -> str:
        """The XLSX title row: the portal, what was exported, with which filters, on which day."""
        when = timezone.localtime(when or timezone.now())
        filters = "; ".join(f"{label}: {value}" for label, value in self.filters) or _("no filters, every record")
        text = _("Mura: %(title)s. Filters: %(filters)s. Exported on %(date)s.") % {
            "title": self.title,
            "filters": filters,
            "date": date_format(when, "DATE_FORMAT"),
        }
        # A sentence that ends with an abbreviation takes no second full stop: Russian "5 декабря 2026 г.".
        return text[:-1] if text.endswith("..") else text


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula that calls a function or references a cell."""
    return text.startswith(DANGEROUS_PREFIXES) and not _INERT.fullmatch(text)


def neutralise(value: Any) -> Any:
    """``value`` made safe for a CSV cell. Numbers and dates pass through; None becomes empty."""
    if value is None:
        return ""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def describe_filters(filterset) -> list[tuple[str, str]]:
    """(label, value) of each filter a django-filter FilterSet was given, as the person chose them."""
    form = filterset.form
    if not form.is_bound:
        return []
    form.is_valid()  # filters that were not understood are left out (the pages ignore them too)
    described = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()) or name in ("sort", "page", "page_size"):
            continue
        bound = form[name]
        # Plain choices only: a model choice field's choices would read the whole table (10,000 sites).
        plain = isinstance(bound.field, forms.ChoiceField) and not isinstance(bound.field, forms.ModelChoiceField)
        choices = dict(bound.field.choices) if plain else {}
        if not isinstance(value, str) and hasattr(value, "__iter__"):
            shown = ", ".join(str(choices.get(item, item)) for item in value)
        elif isinstance(value, datetime.date):
            shown = date_format(value, "DATE_FORMAT")
        else:
            shown = str(choices.get(value, value))
        described.append((str(bound.label), shown))
    return described


def _localtime(value: datetime.datetime) -> datetime.datetime:
    # Spreadsheets have no time zones: the portal's local time (Asia/Almaty), as on its pages.
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return _localtime(value).isoformat(sep=" ", timespec="minutes")  # for machines: ISO, Almaty time
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Promise):
        value = str(value)
    return neutralise(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_options(request: HttpRequest) -> dict[str, str]:
    """The separator and header the request asks for; by default what Excel expects in the interface language."""
    default = "," if (get_language() or "en").startswith("en") else ";"
    separator = SEPARATORS.get(request.GET.get("sep", ""), default)
    header = "keys" if request.GET.get("header") == "keys" else "labels"
    return {"delimiter": separator, "header": header}


def csv_chunks(table: Table, *, delimiter: str = ",", header: str = "labels") -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=delimiter, quoting=csv.QUOTE_ALL)
    yield "\ufeff"
    if header == "keys":
        yield writer.writerow([column.key for column in table.columns])
    else:
        yield writer.writerow([neutralise(str(column.label)) for column in table.columns])
    for row in table.rows:
        yield writer.writerow([_csv_value(value) for value in row])


def csv_response(
    filename: str, table: Table, *, delimiter: str = ",", header: str = "labels", private: bool = False
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_chunks(table, delimiter=delimiter, header=header), content_type=CSV_CONTENT_TYPE
    )
    return _attachment(response, filename, private)


def _xlsx_text(value: str) -> str:
    # XLSX is XML: control characters other than tab, LF and CR cannot be stored (openpyxl raises). A line break
    # in an Excel cell is LF; a CR is kept or turned into LF depending on which XML writer openpyxl finds (lxml
    # escapes it, the standard library's does not), so it is made LF here and the file is the same either way.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


def _xlsx_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return _localtime(value)
    if isinstance(value, (datetime.date, int, float, Decimal)) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return _xlsx_text(str(value))


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 11
    return max((len(line) for line in str(value).splitlines()), default=0)


def xlsx_bytes(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    language = (get_language() or "en")[:2]
    date_fmt = EXCEL_DATE_FORMATS.get(language, EXCEL_DATE_FORMAT)
    datetime_fmt = f"{date_fmt} hh:mm"
    kinds = [column.kind for column in table.columns]
    labels = [_xlsx_text(str(column.label)) for column in table.columns]

    rows = iter(table.rows)
    sample = []
    for row in rows:
        sample.append([_xlsx_value(value) for value in row])
        if len(sample) >= WIDTH_SAMPLE_ROWS:
            break

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", str(table.title))[:31] or "Mura")
    for index, label in enumerate(labels, start=1):
        widest = max([_width(label), *(_width(row[index - 1]) for row in sample)])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A3"  # the title row and the header row stay in view

    title = WriteOnlyCell(sheet, value=_xlsx_text(table.caption()))
    title.font = Font(bold=True, size=12)
    title.data_type = "s"
    sheet.append([title])
    header = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)

    def cells(values: list[Any]) -> list[Any]:
        out = []
        for value, kind in zip(values, kinds, strict=True):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: "=cmd|..." is shown, never run
            elif kind == DATETIME:
                cell.number_format = datetime_fmt
            elif kind == DATE:
                cell.number_format = date_fmt
            out.append(cell)
        return out

    count = 0
    for values in sample:
        sheet.append(cells(values))
        count += 1
    for row in rows:
        sheet.append(cells([_xlsx_value(value) for value in row]))
        count += 1
    last_column = get_column_letter(max(len(labels), 1))
    sheet.auto_filter.ref = f"A2:{last_column}{count + 2}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, table: Table, *, private: bool = False) -> HttpResponse:
    return _attachment(HttpResponse(xlsx_bytes(table), content_type=XLSX_CONTENT_TYPE), filename, private)


def xlsx_file_response(filename: str, data: bytes, *, private: bool = False) -> HttpResponse:
    """An XLSX made earlier (and stored), served as an attachment like the exports."""
    return _attachment(HttpResponse(data, content_type=XLSX_CONTENT_TYPE), filename, private)


def export_response(
    request: HttpRequest, table: Table, *, basename: str, fmt: str, private: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """The table as ``fmt`` ("xlsx" or "csv"), named ``basename.fmt``, with the CSV options the request asks for.

    A CSV streams row by row in 64 KiB batches, gzipped for a client that accepts it (portal.streaming); an XLSX is
    a zip already."""
    if fmt == "xlsx":
        return xlsx_response(f"{basename}.xlsx", table, private=private)
    from portal.streaming import compress_response

    return compress_response(request, csv_response(f"{basename}.csv", table, private=private, **csv_options(request)))


def _attachment(response, filename: str, private: bool):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        patch_cache_control(response, no_store=True, private=True)
    return response
