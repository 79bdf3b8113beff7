"""Bulk writes straight to a model's table, for imports of millions of rows (COPY on
PostgreSQL): Django's `bulk_create` builds a model instance per row, which dominates at that
size."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.db import connection, models


class TableWriter:
    """Rows of one model written straight to its table: the columns that vary per row are
    given, every other column takes the field's default (prepared once). PostgreSQL gets COPY,
    other databases one executemany per chunk."""

    def __init__(self, model: type[models.Model], varying: tuple[str, ...]) -> None:
        self.model = model
        fields = [
            f for f in model._meta.concrete_fields
            if f.attname in varying or not isinstance(f, models.AutoField)
        ]  # fmt: skip
        if len(set(varying)) != len(varying):
            raise ValueError(f"{model.__name__}: a column is given twice in {varying}")
        unknown = set(varying) - {f.attname for f in fields}
        if unknown:
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        self.columns = [f.column for f in fields]
        self.template: list[Any] = []
        self.slots = [i for i, f in enumerate(fields) if f.attname in varying]
        order = {name: i for i, name in enumerate(varying)}
        self.slots.sort(key=lambda i: order[fields[i].attname])
        for f in fields:
            if f.attname in varying:
                self.template.append(None)
                continue
            default = f.get_default()
            if (default is None and not f.null) or f.unique:
                raise ValueError(f"{model.__name__}.{f.attname} needs a value per row")
            self.template.append(f.get_db_prep_save(default, connection))

    def rows(self, values: Iterable[tuple[Any, ...]]) -> Iterator[list[Any]]:
        slots = self.slots
        for v in values:
            row = self.template.copy()
            for slot, value in zip(slots, v, strict=True):
                row[slot] = value
            yield row

    def write(self, values: Iterable[tuple[Any, ...]]) -> None:
        qn = connection.ops.quote_name
        table = qn(self.model._meta.db_table)
        columns = ", ".join(qn(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows(values):
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - quoted model names
                cursor.executemany(sql, list(self.rows(values)))

    def next_id(self) -> int:
        """The first primary key after the table's largest (an import is the only writer)."""
        top = self.model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0
        return top + 1

    def after_explicit_ids(self) -> None:
        """Move PostgreSQL's identity past the ids given explicitly."""
        if connection.vendor != "postgresql":
            return
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            top = f"SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(table)}"  # noqa: S608
            cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({top}))", [table])


def prepared_dates(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """Dates in a row as the database takes them (SQLite stores text)."""
    adapt = connection.ops.adapt_datefield_value
    return tuple(adapt(v) if isinstance(v, date) else v for v in values)
