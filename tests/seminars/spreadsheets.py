"""Build the files organizers upload: CSV in several encodings, XLSX, and things that are not spreadsheets."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from openpyxl import Workbook

RU_HEADER = ["ФИО", "Эл. почта", "Телефон", "Организация", "Должность", "Пол", "Язык"]
RU_ROWS = [
    ["Айгерим Пример", "aigerim@example.org", "+7 701 111 11 11", "Областной музей (демо)", "Хранитель", "ж", "рус"],
    ["Болат Образец", "bolat@example.org", "", "Университет (демо)", "Преподаватель", "м", "каз"],
]


def csv_bytes(header, rows, *, encoding="utf-8", delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(header, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x01\x02"
XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


def xlsx_with_row_numbered(number: int, header=("Full name", "E-mail"), rows=(("Far Away", "far@example.org"),)):
    """A workbook whose last row claims the row number ``number`` (the sheet XML says r="<number>")."""
    data = xlsx_bytes(list(header), [list(r) for r in rows])
    last = len(rows) + 1
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for info in original.infolist():
            content = original.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text = text.replace(f'<row r="{last}"', f'<row r="{number}"')
                text = re.sub(rf'r="([A-Z]+){last}"', rf'r="\g<1>{number}"', text)
                text = re.sub(r'<dimension ref="[^"]*"/>', "", text)
                content = text.encode()
            rewritten.writestr(info.filename, content)
    return target.getvalue()
