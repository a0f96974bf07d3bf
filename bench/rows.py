"""Write many rows of a Django model fast: COPY on PostgreSQL, batched INSERTs elsewhere.

A `Table` turns a dict of the values the generator chose into a row in the model's own column order. Every
column the generator does not mention takes what Django would give it: the field's default, now() for
auto_now/auto_now_add, NULL for a nullable field, '' for a blank text field. So a field another app adds
later with a default needs no change here; a required field without a default stops the generator with a
message naming it, instead of failing inside COPY.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from django.db.models.fields.json import JSONField

_MISSING = object()


class UnfilledField(Exception):
    """A required column without a default that the generator does not fill."""


def _fallback(field: models.Field, now: dt.datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now.date() if type(field) is models.DateField else now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.empty_strings_allowed and field.blank:
        return ""
    return _MISSING


class Table:
    """The columns of one model (or auto-created M2M table) and how to fill the ones nobody names."""

    def __init__(self, model: type[models.Model], *, now: dt.datetime):
        self.model = model
        self.db_table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.columns = [f.column for f in self.fields]
        self.fallbacks = {f.attname: _fallback(f, now) for f in self.fields}
        self.json_fields = {f.attname for f in self.fields if isinstance(f, JSONField)}
        self._getter = operator.itemgetter(*self.attnames)
        self._checked = False

    @property
    def label(self) -> str:
        return self.model._meta.label

    def row(self, values: dict[str, Any]) -> tuple:
        if not self._checked:
            self._check(values)
        return self._getter({**self.fallbacks, **values})  # both steps run in C: this is the hot loop

    def _check(self, values: dict[str, Any]) -> None:
        # Once per table: a misspelt name or an unfilled required column is a bug in the generator.
        unknown = set(values) - set(self.attnames)
        if unknown:
            raise UnfilledField(f"{self.label} has no column(s) {sorted(unknown)}")
        missing = [a for a in self.attnames if a not in values and self.fallbacks[a] is _MISSING]
        if missing:
            raise UnfilledField(
                f"{self.label}.{', '.join(missing)} has no default and bench/generate.py does not fill it: "
                "add it to the generator."
            )
        self._checked = True


class Sink:
    """Where rows go. `write` returns how many rows it wrote."""

    def write(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        raise NotImplementedError


class CopySink(Sink):
    """PostgreSQL: COPY ... FROM STDIN through psycopg 3, values adapted by psycopg itself."""

    def write(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        from psycopg.types.json import Jsonb

        qn = connection.ops.quote_name
        sql = f"COPY {qn(table.db_table)} ({', '.join(qn(c) for c in table.columns)}) FROM STDIN"
        json_positions = [i for i, a in enumerate(table.attnames) if a in table.json_fields]
        count = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for values in rows:
                row = table.row(values)
                if json_positions:
                    row = list(row)
                    for i in json_positions:
                        row[i] = Jsonb(row[i])
                copy.write_row(row)
                count += 1
        return count


class InsertSink(Sink):
    """Any other database (SQLite in tests): executemany in batches, each value through the field's prep."""

    batch_size = 500

    def write(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        qn = connection.ops.quote_name
        placeholders = ", ".join(["%s"] * len(table.columns))
        columns = ", ".join(qn(c) for c in table.columns)
        sql = f"INSERT INTO {qn(table.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - quoted names
        count = 0
        with connection.cursor() as cursor:
            for batch in _batches((self._prep(table, table.row(v)) for v in rows), self.batch_size):
                cursor.executemany(sql, batch)
                count += len(batch)
        return count

    @staticmethod
    def _prep(table: Table, row: tuple) -> tuple:
        return tuple(f.get_db_prep_save(v, connection) for f, v in zip(table.fields, row, strict=True))


def _batches(items: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_sink() -> Sink:
    return CopySink() if connection.vendor == "postgresql" else InsertSink()


@contextmanager
def foreign_keys_checked_in_bulk(tables: Iterable[str]) -> Iterator[None]:
    """PostgreSQL: take the foreign keys of `tables` off for the load and put the same ones back after.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so two million COPYed rows queue one check each
    for COMMIT (almost two minutes here). ADD CONSTRAINT checks the whole table in one join instead. Nothing
    goes unchecked: a single bad row makes ADD CONSTRAINT fail and the whole transaction roll back. Must run
    inside a transaction (DDL is transactional in PostgreSQL); elsewhere it does nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        # Checks still pending from earlier statements would block ALTER TABLE: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid "
            "WHERE c.contype = 'f' AND t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace "
            "ORDER BY 1, 2",
            [sorted(set(tables))],
        )
        constraints = cursor.fetchall()
        qn = connection.ops.quote_name
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {qn(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {qn(name)} {definition}")
