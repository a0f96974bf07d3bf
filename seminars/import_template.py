"""The participant import's template: an XLSX an organizer fills in, which the import reads without questions.

Sheet 1 takes the participants: its headers are the import's fields in the organizer's language (the import
recognises them in any of the three), and the gender, language and organization kind columns offer drop-down
lists of their labels in that language (the import reads the labels of all three languages). Sheet 2 shows one
example row, apart, so that it can never be imported by mistake. A hidden sheet holds the lists.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from portal.models import Language, Organization
from seminars.imports import FIELDS, NEWS_CHOICES
from seminars.models import Person

TEMPLATE_ROWS = 500  # rows that offer the drop-down lists
CHOICE_COLUMNS = {
    "gender": Person.Gender.choices,
    "language": Language.choices,
    "organization_kind": Organization.Kind.choices,
    "news": NEWS_CHOICES,
}


def example_row() -> dict[str, str]:
    return {
        "full_name": _("Aigerim Seitkali (example)"),
        "email": "aigerim.seitkali@example.org",
        "phone": "+7 701 000 00 00",
        "organization": _("Akimat of Almaty region"),
        "organization_kind": str(Organization.Kind.REGIONAL_AKIMAT.label),
        "position": _("Chief specialist, culture department"),
        "gender": str(Person.Gender.FEMALE.label),
        "language": str(Language.KAZAKH.label),
        "news": str(NEWS_CHOICES[0][1]),
    }


def template_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    example = workbook.create_sheet(_("Example")[:31])
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"

    headers = [str(label) for _name, label in FIELDS]
    for target in (sheet, example):
        target.append(headers)
        for cell in target[1]:
            cell.font = Font(bold=True)
        target.freeze_panes = "A2"
        for index, header in enumerate(headers, start=1):
            target.column_dimensions[get_column_letter(index)].width = max(16, len(header) + 4)
    values = example_row()
    example.append([values[name] for name, _label in FIELDS])
    example.append([])
    example.append([_("Fill in the first sheet. Only the full name and an e-mail address or a phone are required.")])

    for list_column, (name, choices) in enumerate(CHOICE_COLUMNS.items(), start=1):
        labels = [str(label) for _code, label in choices]
        for row, label in enumerate(labels, start=1):
            lists.cell(row=row, column=list_column, value=label)
        letter = get_column_letter(list_column)
        source = f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(labels)}"
        validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
        validation.error = _("Choose a value from the list.")
        validation.errorTitle = str(dict(FIELDS)[name])
        column = get_column_letter([field for field, _label in FIELDS].index(name) + 1)
        validation.add(f"{column}2:{column}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
