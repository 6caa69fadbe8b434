"""How the national data set reaches the database: one table at a time,
with COPY on PostgreSQL and batched INSERTs elsewhere, timed per table."""

import time
from dataclasses import dataclass

from django.db import connection


@dataclass
class TableTiming:
    table: str
    rows: int
    seconds: float


def seconds_since(began):
    return f"{time.monotonic() - began:.1f} dtk"


class Writer:
    """Writes rows to one table at a time: COPY on PostgreSQL, batched
    INSERTs elsewhere (values prepared by the model's fields, so SQLite gets
    what the ORM would store). Columns a model gained since this module was
    written get their field's default. Records rows and seconds per table."""

    BATCH = 2000

    def __init__(self, result, log):
        self.result = result
        self.log = log
        self.copy = connection.vendor == "postgresql"
        self.models = []

    def first_free_id(self, model) -> int:
        """The primary key after the highest in ``model``'s table: the rows
        written next number on from it, and ``reset_sequences`` then moves
        the table's sequence past them."""
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({pk}) FROM {table}")
            (highest,) = cursor.fetchone()
        return (highest or 0) + 1

    def write(self, model, columns, rows):
        """Insert ``rows`` (tuples in the order of ``columns``, a list or a
        space-separated string of attribute names) into ``model``'s table."""
        began = time.monotonic()
        columns = columns.split() if isinstance(columns, str) else list(columns)
        fields = {f.attname: f for f in model._meta.concrete_fields}
        missing = [
            f
            for name, f in fields.items()
            if name not in columns and not f.primary_key and not f.generated
        ]
        if missing:
            defaults = tuple(f.get_default() for f in missing)
            columns = [*columns, *(f.attname for f in missing)]
            rows = (row + defaults for row in rows)
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(fields[c].column) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.copy:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
            else:
                prep = [fields[c].get_db_prep_save for c in columns]
                sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
                batch = []
                for row in rows:
                    batch.append([p(v, connection) for p, v in zip(prep, row, strict=True)])
                    if len(batch) == self.BATCH:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        seconds = time.monotonic() - began
        self.result.timings.append(TableTiming(model._meta.db_table, count, seconds))
        self.models.append(model)
        self.log(f"  {model._meta.db_table:<28} {count:>10,} baris  {seconds:7.1f} dtk")
        return count

    def phase(self, name, began):
        seconds = time.monotonic() - began
        self.result.phases[name] = seconds
        self.log(f"  ({name:<26} {'':>10}        {seconds:7.1f} dtk)")

    def reset_sequences(self):
        from django.core.management.color import no_style

        statements = connection.ops.sequence_reset_sql(no_style(), list(dict.fromkeys(self.models)))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def analyze(self) -> bool:
        """VACUUM ANALYZE the tables written (PostgreSQL, outside a
        transaction): statistics for the planner, and hint bits and the
        visibility map set now rather than by the first requests."""
        if not self.copy or connection.in_atomic_block:
            return False
        tables = ", ".join(
            connection.ops.quote_name(m._meta.db_table) for m in dict.fromkeys(self.models)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {tables}")
        return True
