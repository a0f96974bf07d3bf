"""Reading a participant list from a spreadsheet: sniff, decode, map the columns, validate every row.

Pure: nothing here touches the database. The caller passes in what it needs to know about the database
(e-mails already registered, the directory's organizations) and writes with ``importing.import_participants``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.text import comparison_key, normalise_email
from portal.validators import lengthened_past_limit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# Line numbers a spreadsheet's rows may reach: room for blank lines between the rows, not for a billion.
MAX_LINES = MAX_ROWS * 2 + 10
# An XLSX is a zip: refuse one that would inflate beyond this (a "zip bomb").
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 50

# The fields a column can feed, in the order the mapping form offers them.
FIELDS: list[tuple[str, str]] = [
    ("full_name", gettext_lazy("Full name")),
    ("email", gettext_lazy("E-mail")),
    ("phone", gettext_lazy("Phone")),
    ("organization", gettext_lazy("Organization")),
    ("organization_kind", gettext_lazy("Organization kind")),
    ("position", gettext_lazy("Position")),
    ("gender", gettext_lazy("Gender")),
    ("language", gettext_lazy("Preferred language")),
    # Issue 19: the participant asked (on the organizer's paper list or form) for news of the recommendations.
    ("news", gettext_lazy("News of the recommendations")),
]
# The answers the "news" column offers in the template (its drop-down list); the import reads them in any language.
NEWS_CHOICES: list[tuple[str, str]] = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
FIELD_NAMES = [name for name, _label in FIELDS]

# Column headers as people write them, in English, Russian and Kazakh (compared after `normalise`).
# fmt: off
HEADER_ALIASES: dict[str, list[str]] = {
    "full_name": [
        "full name", "name", "participant", "participant name", "name and surname", "surname and name",
        "фио", "ф и о", "имя", "полное имя", "фамилия имя отчество", "фамилия имя", "участник",
        "аты жөні", "толық аты жөні", "тегі аты", "тегі аты әкесінің аты", "қатысушы",
    ],
    "email": [
        "email", "e mail", "mail", "email address", "e mail address",
        "электронная почта", "эл почта", "адрес электронной почты", "почта", "емейл", "имейл",
        "электрондық пошта", "эл пошта", "пошта", "электрондық пошта мекенжайы",
    ],
    "phone": [
        "phone", "telephone", "mobile", "phone number", "mobile phone", "tel",
        "телефон", "тел", "мобильный телефон", "номер телефона", "контактный телефон",
        "телефон нөмірі", "ұялы телефон", "байланыс телефоны",
    ],
    "organization": [
        "organization", "organisation", "institution", "employer", "organization name", "affiliation",
        "организация", "учреждение", "место работы", "название организации", "ведомство",
        "ұйым", "мекеме", "жұмыс орны", "ұйым атауы",
    ],
    "organization_kind": [
        "organization kind", "organization type", "type of organization", "kind of organization",
        "organisation type", "тип организации", "вид организации", "ұйым түрі", "ұйымның түрі",
    ],
    "position": [
        "position", "job title", "title", "role", "post", "должность", "позиция", "лауазым", "лауазымы", "қызметі",
    ],
    "gender": ["gender", "sex", "пол", "жынысы", "жыныс"],
    "language": ["language", "preferred language", "язык", "предпочитаемый язык", "тіл", "тілі"],
    "news": [
        "news", "newsletter", "subscribe", "news of recommendations", "subscription",
        "новости", "новости рекомендаций", "рассылка", "подписка", "согласие на рассылку",
        "жаңалықтар", "ұсынымдар жаңалықтары", "жазылу", "тарату",
    ],
}
# fmt: on

GENDER_ALIASES: dict[str, str] = {
    **dict.fromkeys(["female", "f", "woman", "w", "ж", "жен", "женский", "женщина", "әйел", "ә"], "female"),
    **dict.fromkeys(["male", "m", "man", "м", "муж", "мужской", "мужчина", "ер", "еркек"], "male"),
    **dict.fromkeys(["another", "other", "другое", "другой", "иное", "басқа"], "another"),
    **dict.fromkeys(
        ["", "not stated", "not_stated", "n a", "не указан", "не указано", "көрсетілмеген", "-"], "not_stated"
    ),
}
LANGUAGE_ALIASES: dict[str, str] = {
    **dict.fromkeys(["kk", "kz", "kaz", "kazakh", "қазақ", "қазақша", "қазақ тілі", "казахский", "каз"], "kk"),
    **dict.fromkeys(["ru", "rus", "russian", "русский", "рус", "орыс", "орысша", "орыс тілі"], "ru"),
    **dict.fromkeys(["en", "eng", "english", "английский", "англ", "ағылшын", "ағылшынша"], "en"),
}
NEWS_ALIASES: dict[str, str] = {
    **dict.fromkeys(["yes", "y", "1", "true", "x", "+", "да", "д", "иә", "ия", "и"], "yes"),
    **dict.fromkeys(["no", "n", "0", "false", "-", "нет", "н", "жоқ"], "no"),
}
ORGANIZATION_KIND_ALIASES: dict[str, str] = {
    **dict.fromkeys(["regional akimat", "областной акимат", "акимат области", "облыс әкімдігі"], "regional_akimat"),
    **dict.fromkeys(["district akimat", "районный акимат", "акимат района", "аудан әкімдігі"], "district_akimat"),
    **dict.fromkeys(["ministry", "министерство", "министрлік"], "ministry"),
    **dict.fromkeys(["national commission", "национальная комиссия", "ұлттық комиссия"], "national_commission"),
    **dict.fromkeys(["unesco office", "unesco", "юнеско", "бюро юнеско"], "unesco_office"),
    **dict.fromkeys(
        ["site administration", "site management", "администрация объекта", "нысан әкімшілігі"], "site_administration"
    ),
    **dict.fromkeys(["museum", "музей", "мұражай"], "museum"),
    **dict.fromkeys(["university", "университет", "вуз", "жоо"], "university"),
    **dict.fromkeys(
        ["tourism", "tourism organization", "туризм", "туристическая организация", "туристік ұйым"], "tourism"
    ),
    **dict.fromkeys(["media", "сми", "бақ"], "media"),
    **dict.fromkeys(["ngo", "нпо", "нко", "үео"], "ngo"),
    **dict.fromkeys(["other", "другое", "басқа"], "other"),
}
ORGANIZATION_KINDS = sorted(set(ORGANIZATION_KIND_ALIASES.values()))

_PHONE_RE = re.compile(r"^\+?[\d\s\-().]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ImportFileError(ValueError):
    """The file cannot be read at all; the message is for the organizer."""


# Lower-case, ё as е, punctuation and runs of spaces as one space: how headers and codes are compared.
normalise = comparison_key


def phone_key(phone: str) -> str:
    """The digits of a phone number, with a Kazakh 8 trunk prefix read as +7: what duplicates are found by."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    return digits


def is_phone(text: str) -> bool:
    return bool(_PHONE_RE.match(text)) and 6 <= len(phone_key(text)) <= 15


# ---------------------------------------------------------------------------------------------------------
# Reading the file


@dataclass
class Table:
    """A sheet as text: a header and the data rows with the line number each had in the file."""

    kind: str  # "csv" or "xlsx"
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "headers": self.headers, "rows": self.rows, "encoding": self.encoding}

    @classmethod
    def from_json(cls, data: Mapping) -> Table:
        return cls(
            kind=data["kind"],
            headers=list(data["headers"]),
            rows=[(int(line), list(cells)) for line, cells in data["rows"]],
            encoding=data.get("encoding", ""),
        )


def read_table(data: bytes) -> Table:
    """Read an uploaded file by its content, never by its name or the browser's content type."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB. Split it into smaller files."))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) or as CSV and upload again.")
        )
    return _read_csv(data)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        # Phone numbers typed into a spreadsheet come back as floats: 77011234567.0.
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _trim(cells: Sequence[str]) -> list[str]:
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    return cells


# The title row the portal's own XLSX files start with (portal.exports: "Mura: <title>. Filters: ..."), the same
# in the three languages: a file the portal gave back (the rows an import did not take) is uploaded again as it is.
EXPORT_TITLE_PREFIX = "Mura: "


def _is_export_title(cells: Sequence[str]) -> bool:
    filled = [cell for cell in cells if cell]
    return len(filled) == 1 and cells[0].startswith(EXPORT_TITLE_PREFIX)


def _build(kind: str, records: Iterable[tuple[int, list[str]]], encoding: str = "") -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    title_seen = False
    for line, raw in records:
        cells = _trim(raw)
        if not any(cells):
            continue  # blank lines are not rows
        if headers is None and not title_seen and kind == "xlsx" and _is_export_title(cells):
            title_seen = True
            continue
        if headers is None:
            headers = cells
            if len(headers) > MAX_COLUMNS:
                raise ImportFileError(_("The file has more than %(max)d columns.") % {"max": MAX_COLUMNS})
            continue
        rows.append((line, cells))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": f"{MAX_ROWS:,}"}
            )
    if headers is None or not rows:
        raise ImportFileError(_("The file needs a header row and at least one participant row."))
    width = max(len(headers), *(len(cells) for _line, cells in rows))
    headers = headers + [""] * (width - len(headers))
    rows = [(line, cells + [""] * (width - len(cells))) for line, cells in rows]
    return Table(kind=kind, headers=headers, rows=rows, encoding=encoding)


def _read_xlsx(data: bytes) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        uncompressed = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(_("The file looks like an Excel workbook but cannot be opened.")) from exc
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ImportFileError(_("This is a ZIP archive, not an Excel workbook. Upload a .xlsx or a .csv file."))
    if uncompressed > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(_("The workbook is too large once unpacked."))

    from openpyxl import load_workbook

    records = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; they do not matter for the data.
            warnings.simplefilter("ignore", UserWarning)
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                records = _xlsx_records(workbook)
            finally:
                workbook.close()
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(_("The Excel workbook cannot be read. Save it again in Excel and retry.")) from exc
    return _build("xlsx", records)


def _xlsx_records(workbook) -> list[tuple[int, list[str]]]:
    """The first sheet's rows as (row number, cells), walking only the rows the file holds.

    openpyxl's ``iter_rows`` makes up an empty row for every number the file skips: one row numbered
    1,000,000,000 in a 1.6 KB file is a billion rows to walk. Its parser yields only the rows present,
    so the walk is bounded by the (already bounded) unpacked size, and a row numbered beyond what
    MAX_ROWS allows is refused at once.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    sheet = workbook.worksheets[0]
    records = []
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            if number > MAX_LINES or len(records) >= MAX_LINES:
                raise ImportFileError(
                    _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": f"{MAX_ROWS:,}"}
                )
            values = [""] * (MAX_COLUMNS + 1)
            for cell in cells:
                column = cell["column"]
                if 1 <= column <= MAX_COLUMNS + 1:
                    values[column - 1] = _cell_text(cell["value"])
            records.append((number, values))
    return records


def _decode(data: bytes) -> tuple[str, str]:
    if b"\x00" in data:
        raise ImportFileError(
            _("The file is not a CSV text file (it may be UTF-16 or binary). Save it as “CSV UTF-8” and retry.")
        )
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Windows-1251 decodes almost any bytes: control characters show that the file was not text after all.
        if _CONTROL.search(text):
            break
        return text, "utf-8" if encoding == "utf-8-sig" else "windows-1251"
    raise ImportFileError(
        _("The file is neither a CSV text file in UTF-8 or Windows-1251 nor an Excel workbook (.xlsx).")
    )


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    records = []
    previous_end = 0
    try:
        for cells in reader:
            # A quoted cell may span lines: a row starts on the line after the previous row ended.
            records.append((previous_end + 1, [" ".join(c.split()) for c in cells[: MAX_COLUMNS + 1]]))
            previous_end = reader.line_num
            if len(records) > MAX_ROWS * 2 + 10:
                break
    except csv.Error as exc:
        raise ImportFileError(
            _("Line %(line)d cannot be read as CSV: %(error)s") % {"line": reader.line_num, "error": exc}
        ) from exc
    return _build("csv", records, encoding)


# ---------------------------------------------------------------------------------------------------------
# Mapping columns to fields


def guess_mapping(headers: Sequence[str]) -> list[str]:
    """For each column, the field its header names ("" to ignore it); each field is taken once, leftmost first."""
    lookup = {normalise(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
    lookup.update({normalise(name): name for name in FIELD_NAMES})
    lookup.update(_field_label_aliases())  # the template's headers, in any of the three languages
    taken: set[str] = set()
    mapping = []
    for header in headers:
        name = lookup.get(normalise(header), "")
        if name in taken:
            name = ""
        if name:
            taken.add(name)
        mapping.append(name)
    return mapping


def mapping_errors(mapping: Sequence[str]) -> list[str]:
    errors = []
    used = [m for m in mapping if m]
    unknown = sorted({m for m in used if m not in FIELD_NAMES})
    if unknown:
        errors.append(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)})
    labels = dict(FIELDS)
    for name in sorted({m for m in used if used.count(m) > 1 and m in labels}):
        errors.append(_("“%(field)s” is chosen for more than one column.") % {"field": labels[name]})
    if "full_name" not in used:
        errors.append(_("Choose the column that holds the full name."))
    if "email" not in used and "phone" not in used:
        errors.append(_("Choose the column that holds the e-mail or the phone."))
    return errors


# ---------------------------------------------------------------------------------------------------------
# Validating rows


@dataclass
class ParsedRow:
    """One valid participant row. Empty strings mean "not in the file"."""

    line: int
    full_name: str
    email: str = ""
    phone: str = ""
    organization_id: int | None = None
    organization_name: str = ""
    organization_kind: str = ""
    position: str = ""
    gender: str = ""
    language: str = ""
    news: str = ""  # "yes", "no", or "" when the file does not say

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping) -> ParsedRow:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


@dataclass
class RowError:
    line: int
    field: str
    message: str


@dataclass
class SkippedRow:
    """A row for someone already registered for the seminar: not imported, not an error, counted."""

    line: int
    contact: str  # the e-mail (or, without one, the phone) that matched


@dataclass
class Validation:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        """Every row can be imported or is skipped, and there is at least one to import."""
        return not self.errors and bool(self.rows)

    @property
    def mapping_ok(self) -> bool:
        """The column mapping is usable (its problems are the errors of line 0); rows may still be invalid."""
        return not any(error.line == 0 for error in self.errors)

    @property
    def invalid_lines(self) -> list[int]:
        """The file's lines that have at least one problem, in file order."""
        return sorted({error.line for error in self.errors if error.line})

    def problems_by_line(self) -> dict[int, list[RowError]]:
        problems: dict[int, list[RowError]] = {}
        for error in self.errors:
            if error.line:
                problems.setdefault(error.line, []).append(error)
        return problems


@dataclass(frozen=True)
class Context:
    """What the validator needs to know about the database, gathered by the caller in a few queries."""

    registered_emails: frozenset[str] = frozenset()  # lower-cased, not-cancelled registrations of the seminar
    registered_phones: frozenset[str] = frozenset()  # phone_key of every not-cancelled registration's phone
    organizations: Mapping[str, tuple[int, str]] = field(default_factory=dict)  # normalised name: (id, kind)


LIMITS = {"full_name": 255, "email": 254, "phone": 32, "organization": 255, "position": 255}


def validate(table: Table, mapping: Sequence[str], context: Context | None = None) -> Validation:
    """Check every row; collect every problem with its line number. Valid only when there are no errors.

    A row for someone already registered for the seminar is skipped, whatever else it says: its e-mail matches
    an active registration's, or, for a row without an e-mail, its phone does. A row with an e-mail is matched
    by that e-mail only: colleagues share an office phone, and each registers under their own address.
    """
    context = context or Context()
    result = Validation()
    problems = mapping_errors(mapping)
    if problems:
        result.errors = [RowError(0, "", message) for message in problems]
        return result
    columns = {name: index for index, name in enumerate(mapping) if name}
    labels = dict(FIELDS)
    seen_emails: dict[str, int] = {}
    seen_phones: dict[str, int] = {}
    for line, cells in table.rows:
        values = {name: cells[index].strip() if index < len(cells) else "" for name, index in columns.items()}
        row = ParsedRow(line=line, full_name=" ".join(values.get("full_name", "").split()))
        errors: list[tuple[str, str]] = []

        for name, limit in LIMITS.items():
            if len(values.get(name, "")) > limit:
                errors.append((name, _("longer than %(limit)d characters") % {"limit": limit}))
        if not row.full_name:
            errors.append(("full_name", _("the full name is missing")))

        email = normalise_email(values.get("email"))
        if lengthened_past_limit(values.get("email")):
            # Lower-casing made it longer ("İ" becomes two characters): too long to store.
            errors.append(("email", _("longer than %(limit)d characters") % {"limit": LIMITS["email"]}))
        elif email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(("email", _("“%(value)s” is not a valid e-mail address") % {"value": email}))
            else:
                row.email = email
        phone = values.get("phone", "")
        if phone:
            if not is_phone(phone):
                errors.append(("phone", _("“%(value)s” is not a phone number") % {"value": phone}))
            else:
                row.phone = phone
        if not email and not phone:
            errors.append(("email", _("give an e-mail or a phone")))

        _read_choice(values, "gender", GENDER_ALIASES, row, errors, _("female, male, another or empty"))
        _read_choice(values, "language", LANGUAGE_ALIASES, row, errors, "kk, ru, en")
        _read_choice(values, "organization_kind", ORGANIZATION_KIND_ALIASES, row, errors, ", ".join(ORGANIZATION_KINDS))
        _read_choice(values, "news", NEWS_ALIASES, row, errors, _("yes, no or empty"))
        organization = values.get("organization", "")
        if organization:
            match = context.organizations.get(normalise(organization))
            if match:
                row.organization_id, kind = match
                row.organization_kind = row.organization_kind or kind
            else:
                row.organization_name = organization
        row.position = values.get("position", "")

        # Already registered for the seminar: skipped, not an error (nothing the file says would be written).
        if row.email and row.email in context.registered_emails:
            result.skipped.append(SkippedRow(line, row.email))
            continue
        if not email and row.phone and phone_key(row.phone) in context.registered_phones:
            result.skipped.append(SkippedRow(line, row.phone))
            continue

        # Duplicates inside the file.
        if row.email:
            if row.email in seen_emails:
                errors.append(("email", _("the same e-mail as line %(line)d") % {"line": seen_emails[row.email]}))
            seen_emails.setdefault(row.email, line)
        elif row.phone:
            key = phone_key(row.phone)
            if key in seen_phones:
                errors.append(("phone", _("the same phone as line %(line)d") % {"line": seen_phones[key]}))
            seen_phones.setdefault(key, line)

        if errors:
            result.errors.extend(RowError(line, str(labels.get(name, name)), message) for name, message in errors)
        else:
            result.rows.append(row)
    return result


@functools.cache
def _field_label_aliases() -> dict[str, str]:
    aliases = {}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            aliases.update({normalise(str(label)): name for name, label in FIELDS})
    return aliases


@functools.cache
def _label_aliases(name: str) -> dict[str, str]:
    """The choice labels of ``name`` in Kazakh, Russian and English (the template's drop-down lists offer them)."""
    from portal.models import Language, Organization
    from seminars.models import Person

    choices = {
        "gender": Person.Gender.choices,
        "language": Language.choices,
        "organization_kind": Organization.Kind.choices,
        "news": NEWS_CHOICES,
    }[name]
    aliases = {}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            aliases.update({normalise(str(label)): code for code, label in choices})
    return aliases


def _read_choice(values, name, aliases, row, errors, accepted) -> None:
    if name not in values:
        return
    raw = values[name]
    if not raw:
        return  # an empty cell says nothing; the person's record keeps what it has
    key = normalise(raw)
    code = (
        aliases.get(key)
        or _label_aliases(name).get(key)
        or (key.replace(" ", "_") if key.replace(" ", "_") in aliases.values() else None)
    )
    if code is None:
        errors.append((name, _("“%(value)s” is not one of: %(accepted)s") % {"value": raw, "accepted": accepted}))
    else:
        setattr(row, name, code)
