"""Importing participants: upload, map the columns, preview, confirm. Nothing is written before the confirm.

When some rows have problems, the preview offers to import the valid ones (one transaction for all of them) and
to give the others back as an XLSX to fix; people already registered for the seminar are skipped and counted.
Every confirmed import is recorded (ImportRun): the import page lists the seminar's recent runs, and a run's page
offers its rows-not-imported file for ImportRun.PROBLEMS_KEPT.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, TemplateView, View

from portal.exports import xlsx_file_response
from portal.models import Language, Organization
from seminars import import_runs, import_store, importing, imports
from seminars.forms import ColumnMappingForm, ImportUploadForm
from seminars.models import ImportRun, PendingImport, Person
from seminars.permissions import SeminarPermissionMixin
from seminars.views.base import NoStoreMixin
from seminars.views.participants import participants_url

MAX_ERRORS_SHOWN = 200
PREVIEW_ROWS = 50
HISTORY_RUNS = 10


def display_rows(rows: list[imports.ParsedRow]) -> list[dict]:
    """Rows with labels instead of codes, and directory organizations by name (one query)."""
    names = {o.pk: o.name for o in Organization.objects.filter(pk__in={r.organization_id for r in rows} - {None})}
    kinds, genders, languages = dict(Organization.Kind.choices), dict(Person.Gender.choices), dict(Language.choices)
    return [
        {
            "line": r.line,
            "full_name": r.full_name,
            "email": r.email,
            "phone": r.phone,
            "organization": names.get(r.organization_id, "") if r.organization_id else r.organization_name,
            "in_directory": bool(r.organization_id),
            "kind": kinds.get(r.organization_kind, ""),
            "position": r.position,
            "gender": genders.get(r.gender, ""),
            "language": languages.get(r.language, ""),
            "news": dict(imports.NEWS_CHOICES).get(r.news, ""),
        }
        for r in rows
    ]


def can_preview(result: imports.Validation) -> bool:
    """The preview can go on: the mapping is usable and some row can be imported, or every row is fine.

    When no row at all is valid the mapping is the likelier culprit: the errors stay beside it.
    """
    return result.mapping_ok and (bool(result.rows) or not result.errors)


class ImportStateMixin(NoStoreMixin, SeminarPermissionMixin):
    """The import in progress for this seminar: the requesting user's own PendingImport row (import_store)."""

    permission_required = "seminars.change_participants"

    def state(self) -> PendingImport | None:
        if not hasattr(self, "_pending"):
            self._pending = import_store.pending(self.seminar, self.request.user)
        return self._pending

    def save_state(self, **values) -> None:
        pending = self.state()
        for name, value in values.items():
            setattr(pending, name, value)
        # An UPDATE that finds no row (confirmed or discarded meanwhile in another tab) is no error.
        PendingImport.objects.filter(pk=pending.pk).update(**values)

    def clear_state(self) -> None:
        import_store.discard(self.seminar, self.request.user)
        self._pending = None

    def load_table(self) -> imports.Table | None:
        pending = self.state()
        return imports.Table.from_json(pending.table) if pending is not None else None

    def url(self, name: str) -> str:
        return reverse(f"seminars:{name}", kwargs={"slug": self.seminar.slug})

    def restart(self, message: str):
        self.clear_state()
        messages.error(self.request, message)
        return HttpResponseRedirect(self.url("import"))

    def validate(self, table: imports.Table, mapping: list[str]) -> imports.Validation:
        return imports.validate(table, mapping, importing.import_context(self.seminar))


class ImportUploadView(ImportStateMixin, FormView):
    form_class = ImportUploadForm
    template_name = "seminars/import_upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(seminar=self.seminar, **kwargs)
        context["recognised"] = [(label, imports.HEADER_ALIASES[name]) for name, label in imports.FIELDS]
        # One query, whatever the number of runs: the seminar's recent imports with who ran them.
        context["runs"] = list(ImportRun.objects.filter(seminar=self.seminar).for_history()[:HISTORY_RUNS])
        return context

    def form_valid(self, form):
        self._pending = import_store.start(
            self.seminar,
            self.request.user,
            form.table,
            imports.guess_mapping(form.table.headers),
            file_name=form.cleaned_data["file"].name,
        )
        return HttpResponseRedirect(self.url("import_map"))


class ImportMappingView(ImportStateMixin, FormView):
    form_class = ColumnMappingForm
    template_name = "seminars/import_map.html"

    def get(self, request, *args, **kwargs):
        if self.get_table() is None:
            return self.restart(_("Upload the file first (an unfinished import expires after a day)."))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.get_table() is None:
            return self.restart(_("Upload the file first (an unfinished import expires after a day)."))
        return super().post(request, *args, **kwargs)

    def get_table(self) -> imports.Table | None:
        if not hasattr(self, "_table"):
            self._table = self.load_table()
        return self._table

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        table = self.get_table()
        kwargs.update(
            headers=table.headers,
            samples=[cells for _line, cells in table.rows[:3]],
            initial_mapping=self.state().mapping or imports.guess_mapping(table.headers),
        )
        return kwargs

    def get_context_data(self, **kwargs):
        table = self.get_table()
        context = super().get_context_data(seminar=self.seminar, table=table, row_count=len(table.rows), **kwargs)
        state = self.state()
        if "result" not in context and state.attempted and not state.validated:
            # Back here after a failed check (or a preview that no longer validates): show why.
            context["result"] = self.validate(table, state.mapping)
        result = context.get("result")
        if result is not None and not result.is_valid:
            context.update(
                errors=result.errors[:MAX_ERRORS_SHOWN],
                error_count=len(result.errors),
                errors_hidden=max(len(result.errors) - MAX_ERRORS_SHOWN, 0),
                error_lines=len({e.line for e in result.errors if e.line}),
            )
        return context

    def form_valid(self, form):
        mapping = form.mapping()
        result = self.validate(self.get_table(), mapping)
        checked = can_preview(result)
        self.save_state(mapping=mapping, validated=checked, attempted=True)
        if not checked:
            return self.render_to_response(self.get_context_data(form=form, result=result))
        return HttpResponseRedirect(self.url("import_preview"))


class ImportPreviewView(ImportStateMixin, TemplateView):
    """GET: what the import will do. POST: do it, in one transaction, after validating the file once more.

    With rows that have problems, the POST must say ``mode=valid`` (the "import the valid rows" button): the
    valid rows are written and the others come back as an XLSX from the run's page.
    """

    template_name = "seminars/import_preview.html"

    def checked(self):
        """The file checked against the database as it is now; or a redirect to the step to fix."""
        table = self.load_table()
        if table is None:
            return None, None, self.restart(_("Upload the file first (an unfinished import expires after a day)."))
        state = self.state()
        if not state.validated:
            return None, None, HttpResponseRedirect(self.url("import_map"))
        result = self.validate(table, state.mapping)
        if not can_preview(result):
            self.save_state(validated=False)
            messages.error(self.request, _("The file no longer validates; see the errors below."))
            return None, None, HttpResponseRedirect(self.url("import_map"))
        return table, result, None

    def get(self, request, *args, **kwargs):
        table, result, redirect = self.checked()
        if redirect is not None:
            return redirect
        rows = result.rows
        return self.render_to_response(
            self.get_context_data(
                seminar=self.seminar,
                rows=display_rows(rows[:PREVIEW_ROWS]),
                more_rows=max(len(rows) - PREVIEW_ROWS, 0),
                row_count=len(rows),
                file_rows=len(table.rows),
                skipped_count=len(result.skipped),
                invalid_count=len(result.invalid_lines),
                errors=result.errors[:MAX_ERRORS_SHOWN],
                error_count=len(result.errors),
                errors_hidden=max(len(result.errors) - MAX_ERRORS_SHOWN, 0),
                preview=importing.import_preview(self.seminar, rows),
            )
        )

    def post(self, request, *args, **kwargs):
        table, result, redirect = self.checked()
        if redirect is not None:
            return redirect
        if result.errors and request.POST.get("mode") != ImportRun.Mode.VALID_ROWS:
            messages.error(
                request, _("Some rows have problems: import only the valid rows, or correct the file and upload it.")
            )
            return HttpResponseRedirect(self.url("import_preview"))
        if not result.rows:
            messages.info(request, _("Nothing to import: everyone in the file is already registered."))
            return HttpResponseRedirect(self.url("import_preview"))
        try:
            run, summary = importing.run_import(
                self.seminar, table, self.state().mapping, result, by=request.user, file_name=self.state().file_name
            )
        except importing.ImportConflict:
            messages.error(request, _("Someone in the file was registered meanwhile; nothing was imported."))
            return HttpResponseRedirect(self.url("import_preview"))
        self.clear_state()
        messages.success(
            request,
            _("Imported %(rows)d participants: %(registered)d registered, %(waitlisted)d on the waiting list.")
            % {"rows": run.imported, "registered": summary.registered, "waitlisted": summary.waitlisted},
        )
        if run.skipped:
            messages.info(request, skipped_message(run.skipped))
        if run.invalid:
            return HttpResponseRedirect(run.get_absolute_url())
        return HttpResponseRedirect(participants_url(self.seminar))


def skipped_message(count: int) -> str:
    return ngettext(
        "%(n)d person already registered for the seminar was skipped.",
        "%(n)d people already registered for the seminar were skipped.",
        count,
    ) % {"n": count}


class ImportRunMixin(NoStoreMixin, SeminarPermissionMixin):
    """One recorded import of the seminar in the URL, for those who may manage its participants."""

    permission_required = "seminars.change_participants"

    def get_run(self) -> ImportRun:
        return get_object_or_404(ImportRun.objects.filter(seminar=self.seminar).for_history(), pk=self.kwargs["pk"])


class ImportRunView(ImportRunMixin, DetailView):
    """What an import did, and the rows it did not take, to download and fix."""

    template_name = "seminars/import_run.html"
    context_object_name = "run"

    def get_object(self, queryset=None) -> ImportRun:
        return self.get_run()

    def get_context_data(self, **kwargs):
        return super().get_context_data(seminar=self.seminar, **kwargs)


class ImportProblemsView(ImportRunMixin, View):
    """The rows an import did not take, with what is wrong with each: an XLSX kept for ImportRun.PROBLEMS_KEPT."""

    def get(self, request, *args, **kwargs):
        run = self.get_run()
        if not run.has_problems_file:  # none, emptied by the purge, or past its time and not purged yet
            raise Http404("no rows-not-imported file")
        data = ImportRun.objects.filter(pk=run.pk).values_list("problems_file", flat=True).get()
        run.seminar = self.seminar
        return xlsx_file_response(import_runs.problems_filename(run), bytes(data), private=True)
