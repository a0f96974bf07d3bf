"""The audit trail, readable: who created, changed or deleted a record, when, and what changed.

django-simple-history keeps one historical row per save (`HistoricalRecords` on the model) and
`HistoryRequestMiddleware` records the logged-in user of the request. `history_entries(obj)` turns
those rows into entries for a page (the recommendation timeline) and `AuditedAdmin` shows the same
wording in the admin's history view.

Values are shown as people read them: choice labels, yes/no, local dates, related objects by name (all
of one model fetched in one query), "—" for empty. Personal data in a history (a participant's e-mail)
is shown to whoever sees the entries: pass `exclude=` on pages for readers without the right.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_m2m_reverse_field_name

EMPTY = "—"

ACTIONS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("deleted"),
}


@dataclass(frozen=True)
class FieldChange:
    field: str  # attribute name, for code
    label: str  # verbose name, for people
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    user: Any  # the User who made the change, None for the system (a task, a command, the demo loader)
    action: str  # "+" created, "~" changed, "-" deleted
    changes: tuple[FieldChange, ...]
    reason: str
    record_id: int

    @property
    def who(self) -> str:
        return str(self.user) if self.user is not None else _("the system")

    @property
    def action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))

    def __str__(self) -> str:
        when = formats.localize(timezone.localtime(self.when))
        text = f"{when} {self.who} {self.action_label}"
        if self.changes:
            text += ": " + "; ".join(str(change) for change in self.changes)
        return text


def history_entries(
    obj: models.Model,
    *,
    newest_first: bool = True,
    exclude: Iterable[str] = (),
    fields: Iterable[str] | None = None,
) -> list[HistoryEntry]:
    """Every recorded change of `obj` (which may since have been deleted), readable.

    Queries: one for the historical rows with their users, then one per related model named in a
    changed foreign key or many-to-many field.
    """
    model = obj._meta.concrete_model
    manager = model.history  # the HistoricalRecords manager of the model class
    records = list(
        manager.filter(**{model._meta.pk.attname: obj.pk})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries = entries_for_records(records, exclude=exclude, fields=fields)
    return entries[::-1] if newest_first else entries


def entries_for_records(
    records: Sequence[Any], *, exclude: Iterable[str] = (), fields: Iterable[str] | None = None
) -> list[HistoryEntry]:
    """Entries for historical rows of ONE object, oldest first; each change is diffed against the row before."""
    exclude = set(exclude)
    fields = list(fields) if fields is not None else None
    deltas = []
    previous = None
    for record in records:
        if previous is None or record.history_type != "~":
            deltas.append((record, []))
        else:
            delta = record.diff_against(previous, excluded_fields=exclude, included_fields=fields)
            deltas.append((record, list(delta.changes)))
        previous = record

    lookup = _RelatedLookup()
    for record, changes in deltas:
        for change in changes:
            lookup.want(_field(record, change.field), change.old, change.new)
    lookup.fetch()

    return [
        HistoryEntry(
            when=record.history_date,
            user=record.history_user,
            action=record.history_type,
            changes=tuple(_describe(_field(record, change.field), change, lookup) for change in changes),
            reason=record.history_change_reason or "",
            record_id=record.history_id,
        )
        for record, changes in deltas
    ]


def _field(record, name: str) -> models.Field:
    # The live model's field: verbose names, choices and the related model are declared there.
    return record.instance_type._meta.get_field(name)


class _RelatedLookup:
    """Collects the primary keys of related objects named in changes, then loads each model's in one query."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[type[models.Model], dict[Any, models.Model]] = {}

    def want(self, field: models.Field, *values: Any) -> None:
        if isinstance(field, models.ManyToManyField):
            name = get_m2m_reverse_field_name(field)
            for value in values:
                self.wanted[field.related_model].update(row[name] for row in value or [])
        elif isinstance(field, models.ForeignKey):
            self.wanted[field.related_model].update(v for v in values if v is not None)

    def fetch(self) -> None:
        for related_model, pks in self.wanted.items():
            self.found[related_model] = related_model._base_manager.in_bulk(pks) if pks else {}

    def name(self, related_model: type[models.Model], pk: Any) -> str:
        obj = self.found.get(related_model, {}).get(pk)
        if obj is None:
            return _("deleted %(model)s #%(pk)s") % {"model": related_model._meta.verbose_name, "pk": pk}
        return str(obj)


def _describe(field: models.Field, change, lookup: _RelatedLookup) -> FieldChange:
    return FieldChange(
        field=field.name,
        label=capfirst(str(field.verbose_name)),
        old=_display(field, change.old, lookup),
        new=_display(field, change.new, lookup),
    )


def _display(field: models.Field, value: Any, lookup: _RelatedLookup) -> str:
    if isinstance(field, models.ManyToManyField):
        name = get_m2m_reverse_field_name(field)
        names = sorted(lookup.name(field.related_model, row[name]) for row in value or [])
        return ", ".join(names) or EMPTY
    if value is None or value == "":
        return EMPTY
    if isinstance(field, models.ForeignKey):
        return lookup.name(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, dt.date):
        return formats.localize(value)
    return str(value)


class AuditedAdmin(SimpleHistoryAdmin):
    """simple-history's admin history view, with the changes worded as on the portal's pages."""

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The page lists newest first; each row is diffed against the one just older than it, and the
        # oldest row on the page against its predecessor on the next page (one more query).
        oldest_first = list(historical_records)[::-1]
        if not oldest_first:
            return
        before = oldest_first[0].prev_record
        chain = ([before] if before is not None else []) + oldest_first
        entries = entries_for_records(chain)[len(chain) - len(oldest_first) :]
        for entry, record in zip(entries, oldest_first, strict=True):
            record.history_delta_changes = [
                {"field": change.label, "old": change.old, "new": change.new} for change in entry.changes
            ]
