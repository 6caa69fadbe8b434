"""The restore drill on PostgreSQL: the demo with uploaded photos is backed
up with ``backup_portal``, restored with ``restore_portal`` into a new
database and a new media folder, and both installations are compared by
querying them (every table's rows, every sequence) and by hashing every file
— not by trusting the manifest."""

import json

import pytest

from tests.postgres import connect

from .conftest import file_digests

# Backed up empty: the database cache (rate-limit counters) and the sessions.
TRANSIENT = ["django_session", "studitiru_cache", "usersessions_usersession"]


def tables(conn):
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    )
    return [name for (name,) in rows]


def rows_of(conn, table):
    """Every row of ``table`` as PostgreSQL writes it, sorted."""
    return [
        text
        for (text,) in conn.execute(f'SELECT r::text FROM "{table}" AS r ORDER BY 1')  # noqa: S608
    ]


def sequences(conn):
    return conn.execute(
        "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        " ORDER BY sequencename"
    ).fetchall()


def database_of(site):
    return site.database_url.rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def restored(postgres, postgres_backup, tmp_path_factory):
    """The backup, restored into a new database and a new media folder."""
    site = postgres.site("restored", tmp_path_factory.mktemp("restored") / "media")
    done = site.manage("restore_portal", str(postgres_backup))
    return site, done.stdout


def test_every_table_holds_the_same_rows_after_the_restore(postgres, postgres_source, restored):
    site, _ = restored
    with (
        connect(postgres.url, database_of(postgres_source)) as before,
        connect(postgres.url, database_of(site)) as after,
    ):
        assert tables(after) == tables(before)
        compared = [table for table in tables(before) if table not in TRANSIENT]
        assert len(compared) > 30
        for table in compared:
            assert rows_of(after, table) == rows_of(before, table), table
        # The demo itself came back, not only empty tables.
        assert len(rows_of(after, "visits_participant")) == 62
        assert len(rows_of(after, "reports_photo")) == 3
        # New rows get new ids, not those of restored rows.
        assert sequences(after) == sequences(before)


def test_sessions_and_cached_counters_are_not_restored(postgres, postgres_source, restored):
    site, _ = restored
    with (
        connect(postgres.url, database_of(postgres_source)) as before,
        connect(postgres.url, database_of(site)) as after,
    ):
        assert len(rows_of(before, "django_session")) == 1
        # The failed login's counter (beside the page cache's stamps).
        assert [row for row in rows_of(before, "studitiru_cache") if "login_failed" in row]
        for table in TRANSIENT:
            assert rows_of(after, table) == [], table


def test_every_media_file_is_restored_with_the_same_sha256(postgres_source, restored):
    site, output = restored
    original = file_digests(postgres_source.media_root)

    assert file_digests(site.media_root) == original
    # Three photos, their thumbnails and a logo.
    assert len(original) == 7
    assert f"{len(original)} berkas sama dengan manifest" in output


def test_the_restored_portal_needs_no_migration_and_checks_clean(postgres_backup, restored):
    site, _ = restored

    assert site.manage("migrate", "--check", check=False).returncode == 0
    assert site.manage("check").returncode == 0


def test_the_manifest_describes_the_backup(postgres, postgres_source, postgres_backup):
    manifest = json.loads((postgres_backup / "manifest.json").read_text())
    database = manifest["database"]

    assert database["vendor"] == "postgresql"
    assert database["transient_tables"] == TRANSIENT
    with connect(postgres.url, database_of(postgres_source)) as source:
        counts = {
            table: source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables(source)
            if table not in TRANSIENT
        }
        applied = [
            f"{app}.{name}"
            for app, name in source.execute(
                "SELECT app, name FROM django_migrations ORDER BY app, name"
            )
        ]
    assert {table: entry["rows"] for table, entry in database["tables"].items()} == counts
    assert database["migrations"] == applied
    assert {name: entry["sha256"] for name, entry in manifest["media"]["files"].items()} == (
        file_digests(postgres_source.media_root)
    )
    written = file_digests(postgres_backup)
    assert database["dump"]["sha256"] == written["database.pgdump"]
    assert manifest["media"]["archive"]["sha256"] == written["media.tar"]
    assert manifest["versions"]["django"].startswith("6.")
    assert postgres_backup.name.startswith("studitiru-")
    assert postgres_backup.stat().st_mode & 0o077 == 0, "the backup holds personal data"


def test_check_backup_accepts_a_whole_backup(postgres_source, postgres_backup):
    done = postgres_source.manage("check_backup", str(postgres_backup))

    assert "utuh" in done.stdout
