"""What an import gives back and keeps: the rows it did not take as an XLSX to fix, and the run's record.

The XLSX has the uploaded file's columns (headed by the field each was matched to, in the organizer's language,
so that the corrected file is matched again without questions), the cells as the file had them, and two more
columns: the problem with each row and the row's line in the uploaded file. It is laid out like every export
(portal.exports): a title row, typed and sized columns, a frozen and filtered header. The import reads a file
that starts with such a title row, so the corrected file is uploaded as it is.

It is made once, when the run is confirmed, and stored on the ImportRun for ImportRun.PROBLEMS_KEPT (seven
days), then emptied by the hourly purge: the pending import it could be rebuilt from is the uploader's own and
is deleted on confirmation, and keeping it would keep every row of the file, the imported ones too.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exports import NUMBER, Column, Table, xlsx_bytes
from seminars import imports
from seminars.models import ImportRun, Seminar

# A file name as text: no folders, no control characters, not longer than the column.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_file_name(name: str | None) -> str:
    base = re.split(r"[\\/]", name or "")[-1]
    return _CONTROL.sub("", base).strip()[:255]


def problem_text(errors: list[imports.RowError]) -> str:
    """One row's problems, for a person: "E-mail: “x” is not a valid e-mail address; Full name: ..."."""
    return "; ".join(f"{error.field}: {error.message}" if error.field else error.message for error in errors)


def problems_table(
    seminar: Seminar, table: imports.Table, mapping: list[str], validation: imports.Validation, *, file_name: str = ""
) -> Table:
    labels = dict(imports.FIELDS)
    columns = []
    for index, header in enumerate(table.headers):
        name = mapping[index] if index < len(mapping) else ""
        label = labels[name] if name in labels else (header or _("Column %(n)d") % {"n": index + 1})
        columns.append(Column(f"column_{index + 1}", str(label)))
    columns += [Column("problem", _("Problem")), Column("line", _("Line in the uploaded file"), NUMBER)]
    problems = validation.problems_by_line()
    rows = [[*cells, problem_text(problems[line]), line] for line, cells in table.rows if line in problems]
    filters = [(_("Uploaded file"), file_name)] if file_name else []
    return Table(
        title=_("Rows not imported: %(seminar)s") % {"seminar": seminar.title},
        columns=columns,
        rows=rows,
        filters=filters,
    )


def problems_xlsx(
    seminar: Seminar, table: imports.Table, mapping: list[str], validation: imports.Validation, *, file_name: str = ""
) -> bytes:
    return xlsx_bytes(problems_table(seminar, table, mapping, validation, file_name=file_name))


def problems_filename(run: ImportRun) -> str:
    return f"{run.seminar.slug}-import-{run.pk}-rows-not-imported.xlsx"


def purge_expired_problem_files(now: dt.datetime | None = None) -> int:
    """Empty the stored rows-not-imported files older than ImportRun.PROBLEMS_KEPT; return how many."""
    cutoff = (now or timezone.now()) - ImportRun.PROBLEMS_KEPT
    return ImportRun.objects.filter(created_at__lte=cutoff, problems_file__isnull=False).update(problems_file=None)


def count_expired_problem_files(now: dt.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - ImportRun.PROBLEMS_KEPT
    return ImportRun.objects.filter(created_at__lte=cutoff, problems_file__isnull=False).count()
