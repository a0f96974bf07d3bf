"""A Word document with the few things every report draft needs: headings, paragraphs, tables, the language
set for spell-checking, and a line saying it is a draft. python-docx writes the DOCX; people edit it in Word."""

from __future__ import annotations

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from docx import Document as new_document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

WORD_LANGUAGES = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Report:
    def __init__(self, *, title: str, language: str) -> None:
        self.document = new_document()
        self.language = language
        properties = self.document.core_properties
        properties.title = title
        properties.language = WORD_LANGUAGES[language]
        properties.author = "Mura"
        normal = self.document.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(11)
        self._set_language(normal)
        self.document.add_heading(title, level=0)
        self.paragraph(
            _("Draft prepared by the Mura portal on %(date)s: check it and complete it before sending.")
            % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
            italic=True,
        )

    def _set_language(self, style) -> None:
        """Word's proofing language for the style (the East Asian and complex-script ones are left alone)."""
        properties = style.element.get_or_add_rPr()
        lang = properties.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            properties.append(lang)
        lang.set(qn("w:val"), WORD_LANGUAGES[self.language])

    def heading(self, text: str, level: int = 1) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(self, text: str, *, italic: bool = False, bold: bool = False) -> None:
        run = self.document.add_paragraph().add_run(text)
        run.italic, run.bold = italic, bold

    def text(self, text: str) -> None:
        """A multi-paragraph text as typed (blank lines between paragraphs)."""
        for block in [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]:
            if block:
                self.document.add_paragraph(block)

    def facts(self, rows: list[tuple[str, str]]) -> None:
        """Label–value pairs as a two-column table."""
        self.table([], [[label, value or "—"] for label, value in rows])

    def table(self, headings: list[str], rows: list[list[str]]) -> None:
        columns = len(headings) if headings else (len(rows[0]) if rows else 1)
        table = self.document.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        if headings:
            cells = table.add_row().cells
            for cell, text in zip(cells, headings, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(str(text)).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(text)
        self.document.add_paragraph()

    def none(self) -> None:
        self.paragraph(_("None."), italic=True)

    def as_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"
