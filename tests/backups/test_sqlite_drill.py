"""The restore drill on the embedded default (SQLite under ``var/``, the
database of ``make run``): backed up, restored into a new file and a new
media folder, compared row by row and file by file. Runs whatever database
the suite itself uses."""

import json
import re
import shutil
import sqlite3

import pytest

from .conftest import UPLOADS, Site, file_digests

TRANSIENT = ["django_session", "studitiru_cache", "usersessions_usersession"]


def rows(path):
    """``{table: sorted rows}`` of the SQLite database at ``path``."""
    connection = sqlite3.connect(path)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            name: sorted(map(repr, connection.execute(f'SELECT * FROM "{name}"')))  # noqa: S608
            for name in names
        }
    finally:
        connection.close()


def site(directory):
    return Site(f"sqlite:///{directory / 'db.sqlite3'}", directory / "media")


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    portal = site(tmp_path_factory.mktemp("sqlite-source"))
    portal.manage("migrate", "--noinput", "-v", "0")
    portal.manage("load_demo")
    portal.manage("shell", "-c", UPLOADS)
    return portal


@pytest.fixture(scope="module")
def backup(source, tmp_path_factory):
    destination = tmp_path_factory.mktemp("sqlite-backups")
    source.manage("backup_portal", str(destination))
    (made,) = destination.iterdir()
    return made


def test_a_restored_sqlite_backup_holds_every_row_and_file(source, backup, tmp_path):
    target = site(tmp_path)

    done = target.manage("restore_portal", str(backup))

    before = rows(source.media_root.parent / "db.sqlite3")
    after = rows(tmp_path / "db.sqlite3")
    assert after.keys() == before.keys()
    for table in before:
        expected = [] if table in TRANSIENT else before[table]
        assert after[table] == expected, table
    assert len(before["django_session"]) == 1
    assert len(after["visits_participant"]) == 62
    assert file_digests(target.media_root) == file_digests(source.media_root)
    assert len(file_digests(target.media_root)) == 7
    assert "Cadangan dipulihkan dan diperiksa" in done.stdout
    # One file: no write-ahead log travels beside the copy.
    assert sorted(path.name for path in backup.iterdir()) == [
        "database.sqlite3",
        "manifest.json",
        "media.tar",
    ]


def test_a_sqlite_database_that_is_not_empty_is_refused(backup, tmp_path):
    target = site(tmp_path)
    target.manage("migrate", "--noinput", "-v", "0")
    before = rows(tmp_path / "db.sqlite3")

    done = target.manage("restore_portal", str(backup), check=False)

    assert done.returncode == 1
    assert "tidak kosong" in done.stderr
    assert rows(tmp_path / "db.sqlite3") == before


def test_a_backup_of_a_newer_portal_is_refused(backup, tmp_path):
    newer = shutil.copytree(backup, tmp_path / "newer")
    manifest = json.loads((newer / "manifest.json").read_text())
    manifest["database"]["migrations"].append("visits.9999_from_the_future")
    (newer / "manifest.json").write_text(json.dumps(manifest))
    target = site(tmp_path / "target")

    done = target.manage("restore_portal", str(newer), check=False)

    assert done.returncode == 1
    assert "visits.9999_from_the_future" in done.stderr
    assert not (tmp_path / "target" / "db.sqlite3").exists()


def test_a_backup_of_another_database_vendor_is_refused(backup, tmp_path):
    other = shutil.copytree(backup, tmp_path / "other")
    manifest = json.loads((other / "manifest.json").read_text())
    manifest["database"]["vendor"] = "postgresql"
    (other / "manifest.json").write_text(json.dumps(manifest))
    target = site(tmp_path / "target")

    done = target.manage("restore_portal", str(other), check=False)

    assert done.returncode == 1
    assert "Cadangan ini dari basis data postgresql; portal ini memakai sqlite." in done.stderr


def test_keep_deletes_all_but_the_newest_backups_and_nothing_else(source, tmp_path):
    for name in ("studitiru-20250101-020000", "studitiru-20250102-020000"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.json").write_text("{}")
    # Not backups of this command: an interrupted one, an operator's notes.
    (tmp_path / "studitiru-20250103-020000.partial").mkdir()
    (tmp_path / "catatan").mkdir()

    done = source.manage("backup_portal", "--keep", "2", str(tmp_path))

    remaining = sorted(path.name for path in tmp_path.iterdir())
    assert remaining[:3] == [
        "catatan",
        "studitiru-20250102-020000",
        "studitiru-20250103-020000.partial",
    ]
    assert len(remaining) == 4
    assert re.fullmatch(r"studitiru-\d{8}-\d{6}", remaining[3])
    assert remaining[3] > "studitiru-20250102-020000"
    assert "Cadangan lama dihapus" in done.stdout
    assert "studitiru-20250101-020000" in done.stdout


def test_a_backup_inside_the_media_folder_is_refused(source):
    inside = source.media_root / "cadangan"

    done = source.manage("backup_portal", str(inside), check=False)

    assert done.returncode == 1
    assert f"Cadangan tidak boleh disimpan di dalam folder media {source.media_root}" in (
        done.stderr
    )
    assert not inside.exists()


def test_the_cache_table_is_transient_whatever_cache_serves(settings):
    """A backup made on a server with Redis keeps its cache table's rows (login
    counters keyed by e-mail address) out, and a restore without Redis
    compares the same tables."""
    from backups.database import transient_tables

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }

    assert settings.CACHE_TABLE in transient_tables()
