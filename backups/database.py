"""The database of a backup, for each vendor the portal runs on.

PostgreSQL: ``pg_dump --format=custom`` (compressed, restored table by table
by ``pg_restore``) of a snapshot exported by a read-only transaction, in
which the rows of every table are counted and digested too: the dump and the
manifest describe the same instant even while the portal serves requests.
SQLite (the embedded default): a copy made with SQLite's online backup API.

A table's digest is the sha256 of the sorted md5 of each of its rows, so the
restored table can be shown to hold the same rows, not only as many.

The transient tables — the database cache (rate-limit counters, used TOTP
codes, cached feeds) and the sessions — are backed up empty: restoring
yesterday's counters is meaningless, and a session key is as good as a
password to whoever reads a backup; after a restore everybody logs in again.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from .manifest import BackupError

# libpq's connection keywords and the environment variables that set them, so
# that pg_dump and pg_restore connect exactly as the portal does without a
# password on their command line.
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "options": "PGOPTIONS",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "application_name": "PGAPPNAME",
}
# Rows are digested as text: the same text on every server and session.
POSTGRES_SESSION = (
    "SET TimeZone = 'UTC'",
    "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 3",
    "SET bytea_output = 'hex'",
)
# (app label, model name) of the tables kept empty, besides the database caches.
TRANSIENT_MODELS = [("sessions", "Session"), ("usersessions", "UserSession")]


def transient_tables() -> list[str]:
    """The same whatever cache the environment chose: a backup made with
    Redis is restored where the database cache is used, and the other way
    round, and the cache table (made by a migration) exists in both."""
    tables = {
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    }
    if getattr(settings, "CACHE_TABLE", None):
        tables.add(settings.CACHE_TABLE)
    for label, model in TRANSIENT_MODELS:
        if any(config.label == label for config in apps.get_app_configs()):
            tables.add(apps.get_model(label, model)._meta.db_table)
    return sorted(tables)


def for_connection(alias="default"):
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        return PostgresDatabase(connections[alias].settings_dict)
    if vendor == "sqlite":
        return SqliteDatabase(connections[alias].settings_dict)
    raise BackupError(
        _("Pencadangan mendukung PostgreSQL dan SQLite, bukan %(vendor)s.") % {"vendor": vendor}
    )


def _rows_digest(row_digests) -> str:
    return hashlib.sha256("".join(sorted(row_digests)).encode()).hexdigest()


class PostgresDatabase:
    vendor = "postgresql"
    dump_name = "database.pgdump"

    def __init__(self, settings_dict):
        params = {
            "dbname": settings_dict["NAME"],
            "user": settings_dict["USER"],
            "password": settings_dict["PASSWORD"],
            "host": settings_dict["HOST"],
            "port": settings_dict["PORT"],
        }
        params |= {
            key: value
            for key, value in settings_dict.get("OPTIONS", {}).items()
            if key in LIBPQ_ENVIRONMENT
        }
        self.params = {key: str(value) for key, value in params.items() if value}
        self.name = settings_dict["NAME"]

    # --- connections ---------------------------------------------------------

    def connect(self, **options):
        import psycopg

        try:
            connection = psycopg.connect(**self.params, **options)
        except psycopg.OperationalError as error:
            raise BackupError(
                _("Tidak dapat terhubung ke basis data %(name)s: %(error)s")
                % {"name": self.name, "error": str(error).strip()}
            ) from error
        for statement in POSTGRES_SESSION:
            connection.execute(statement)
        connection.commit()
        return connection

    def _environment(self):
        environment = {
            key: value for key, value in os.environ.items() if key not in LIBPQ_ENVIRONMENT.values()
        }
        environment |= {LIBPQ_ENVIRONMENT[key]: value for key, value in self.params.items()}
        return environment

    def _run(self, command):
        program = shutil.which(command[0])
        if program is None:
            raise BackupError(
                _("%(program)s tidak ditemukan: pasang klien PostgreSQL (postgresql-client).")
                % {"program": command[0]}
            )
        done = subprocess.run(
            [program, *command[1:]],
            env=self._environment(),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(
                _("%(program)s gagal: %(error)s")
                % {"program": command[0], "error": done.stderr.strip()}
            )
        return done.stdout

    # --- what the database holds ---------------------------------------------

    @staticmethod
    def _tables(connection) -> list[str]:
        rows = connection.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(current_schemas(false))"
            " ORDER BY c.relname"
        ).fetchall()
        return [name for (name,) in rows]

    @staticmethod
    def _table_stats(connection, table) -> dict:
        from psycopg import sql

        rows, digests = connection.execute(
            sql.SQL(
                "SELECT count(*), coalesce(string_agg(md5(backup_row::text), ''"
                " ORDER BY md5(backup_row::text)), '') FROM {} AS backup_row"
            ).format(sql.Identifier(table))
        ).fetchone()
        return {"rows": rows, "sha256": hashlib.sha256(digests.encode()).hexdigest()}

    def _describe(self, connection, transient) -> dict:
        tables = self._tables(connection)
        migrations = []
        if "django_migrations" in tables:
            migrations = [
                f"{app}.{name}"
                for app, name in connection.execute(
                    "SELECT app, name FROM django_migrations ORDER BY app, name"
                )
            ]
        return {
            "tables": {
                table: self._table_stats(connection, table)
                for table in tables
                if table not in transient
            },
            "transient_tables": sorted(set(tables) & set(transient)),
            "migrations": migrations,
            "server_version": connection.execute("SHOW server_version").fetchone()[0],
        }

    def describe(self) -> dict:
        with self.connect() as connection:
            return self._describe(connection, transient_tables())

    def table_names(self) -> list[str]:
        with self.connect() as connection:
            return self._tables(connection)

    # --- backup and restore --------------------------------------------------

    def dump(self, path: Path) -> dict:
        """Dump the database into ``path``; returns what it holds at the
        instant of the dump."""
        from psycopg import IsolationLevel

        transient = transient_tables()
        with self.connect() as connection:
            connection.isolation_level = IsolationLevel.REPEATABLE_READ
            connection.read_only = True
            with connection.transaction():
                snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
                description = self._describe(connection, transient)
                excluded = [
                    f'--exclude-table-data="{table}"' for table in description["transient_tables"]
                ]
                self._run(
                    ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(path)]
                    + excluded
                )
        description["dump_tool"] = self._run(["pg_dump", "--version"]).strip()
        return description

    def check_dump(self, path: Path) -> None:
        """The dump can be read: pg_restore lists its contents."""
        self._run(["pg_restore", "--list", str(path)])

    def empty(self) -> None:
        """Drop every table (and what depends on them) of the database."""
        from psycopg import sql

        with self.connect() as connection:
            tables = self._tables(connection)
            if tables:
                connection.execute(
                    sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(
                        sql.SQL(", ").join(sql.Identifier(table) for table in tables)
                    )
                )
            connection.commit()

    def restore(self, path: Path) -> None:
        connections["default"].close()
        self._run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={self.name}",
                str(path),
            ]
        )


class SqliteDatabase:
    vendor = "sqlite"
    dump_name = "database.sqlite3"

    def __init__(self, settings_dict):
        self.path = Path(settings_dict["NAME"])
        self.name = str(self.path)

    @staticmethod
    def _tables(connection) -> list[str]:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        ).fetchall()
        return [name for (name,) in rows]

    @staticmethod
    def _quoted(table):
        return '"' + table.replace('"', '""') + '"'

    def _describe(self, connection, transient) -> dict:
        tables = self._tables(connection)
        description = {"tables": {}, "migrations": []}
        for table in tables:
            if table in transient:
                continue
            rows = connection.execute(f"SELECT * FROM {self._quoted(table)}")  # noqa: S608
            digests = [hashlib.md5(repr(tuple(row)).encode()).hexdigest() for row in rows]
            description["tables"][table] = {"rows": len(digests), "sha256": _rows_digest(digests)}
        if "django_migrations" in tables:
            description["migrations"] = [
                f"{app}.{name}"
                for app, name in connection.execute(
                    "SELECT app, name FROM django_migrations ORDER BY app, name"
                )
            ]
        description["transient_tables"] = sorted(set(tables) & set(transient))
        description["server_version"] = sqlite3.sqlite_version
        return description

    def describe(self) -> dict:
        if not self.path.exists():
            return {"tables": {}, "migrations": [], "transient_tables": []}
        with sqlite3.connect(self.path) as connection:
            return self._describe(connection, transient_tables())

    def table_names(self) -> list[str]:
        if not self.path.exists():
            return []
        connection = sqlite3.connect(self.path)
        try:
            return self._tables(connection)
        finally:
            connection.close()

    def dump(self, path: Path) -> dict:
        """Copy the database into ``path`` (a consistent copy even while the
        portal writes), then empty the transient tables of the copy."""
        source, copy = sqlite3.connect(self.path), sqlite3.connect(path)
        try:
            source.backup(copy)
            transient = transient_tables()
            for table in set(self._tables(copy)) & set(transient):
                copy.execute(f"DELETE FROM {self._quoted(table)}")  # noqa: S608
            copy.commit()
            copy.execute("VACUUM")  # the deleted sessions leave no trace in free pages
            # One file, without a write-ahead log beside it (the portal's own is in WAL mode).
            copy.execute("PRAGMA journal_mode = DELETE")
            description = self._describe(copy, transient)
        finally:
            source.close()
            copy.close()
        description["dump_tool"] = f"sqlite3 backup API (SQLite {sqlite3.sqlite_version})"
        return description

    def check_dump(self, path: Path) -> None:
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            result = str(error)
        if result != "ok":
            raise BackupError(
                _("Salinan basis data %(name)s rusak: %(error)s")
                % {"name": path.name, "error": result}
            )

    def empty(self) -> None:
        connections["default"].close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def restore(self, path: Path) -> None:
        connections["default"].close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        source, target = (
            sqlite3.connect(f"file:{path}?mode=ro", uri=True),
            sqlite3.connect(self.path),
        )
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
