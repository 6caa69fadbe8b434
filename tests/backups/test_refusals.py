"""What a restore refuses, and what it finds: a damaged or altered dump or
archive before anything is touched, a database or media folder that is not
empty, and restored data that differs from the manifest."""

import hashlib
import io
import json
import shutil
import tarfile

import pytest

from tests.postgres import connect

from .conftest import Site


def tables(postgres, site):
    with connect(postgres.url, site.database_url.rsplit("/", 1)[1]) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(name for (name,) in rows)


@pytest.fixture
def backup(postgres_backup, tmp_path):
    """A copy of the backup that a test may damage."""
    return shutil.copytree(postgres_backup, tmp_path / postgres_backup.name)


@pytest.fixture
def empty_site(postgres, tmp_path, request):
    return postgres.site(request.node.name[:30].lower(), tmp_path / "media")


def flip_a_byte(path, offset=None):
    data = bytearray(path.read_bytes())
    offset = len(data) // 2 if offset is None else offset
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_damaged_dump_is_refused_before_the_database_is_touched(postgres, backup, empty_site):
    flip_a_byte(backup / "database.pgdump")

    done = empty_site.manage("restore_portal", str(backup), check=False)

    assert done.returncode == 1
    assert "Salinan basis data database.pgdump tidak sama dengan yang dicadangkan" in done.stderr
    assert tables(postgres, empty_site) == []
    assert not empty_site.media_root.exists()


def test_a_damaged_media_archive_is_refused_before_anything_is_touched(
    postgres, backup, empty_site
):
    flip_a_byte(backup / "media.tar")

    done = empty_site.manage("restore_portal", str(backup), check=False)

    assert done.returncode == 1
    assert "Arsip berkas media.tar tidak sama dengan yang dicadangkan" in done.stderr
    assert tables(postgres, empty_site) == []


def test_check_backup_finds_a_shortened_dump(postgres_source, backup):
    dump = backup / "database.pgdump"
    dump.write_bytes(dump.read_bytes()[:-100])

    done = postgres_source.manage("check_backup", str(backup), check=False)

    assert done.returncode == 1
    assert "database.pgdump berukuran" in done.stderr


def test_a_photo_altered_inside_the_archive_is_found_after_the_restore(
    postgres, backup, empty_site
):
    """The archive rewritten with one photo changed, and the manifest's
    checksum of the archive with it: the restore goes through, then finds
    the file that is not the one backed up and says so."""
    manifest = json.loads((backup / "manifest.json").read_text())
    photo = next(name for name in manifest["media"]["files"] if name.startswith("reports/"))
    rewritten = io.BytesIO()
    with (
        tarfile.open(backup / "media.tar") as source,
        tarfile.open(fileobj=rewritten, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for member in source.getmembers():
            data = bytearray(source.extractfile(member).read())
            if member.name == photo:
                data[len(data) // 2] ^= 0xFF
            tar.addfile(member, io.BytesIO(bytes(data)))
    (backup / "media.tar").write_bytes(rewritten.getvalue())
    manifest["media"]["archive"]["size"] = len(rewritten.getvalue())
    manifest["media"]["archive"]["sha256"] = hashlib.sha256(rewritten.getvalue()).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest))

    done = empty_site.manage("restore_portal", str(backup), check=False)

    assert done.returncode == 1
    assert "hasilnya berbeda dari cadangan" in done.stderr
    assert f"Berkas {photo} berbeda dari yang dicadangkan (ukuran atau sha256)." in done.stderr
    assert done.stderr.count("Berkas ") == 1


def test_a_table_that_differs_from_the_manifest_is_named_after_the_restore(backup, empty_site):
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["database"]["tables"]["visits_participant"]["rows"] += 1
    (backup / "manifest.json").write_text(json.dumps(manifest))

    done = empty_site.manage("restore_portal", str(backup), check=False)

    assert done.returncode == 1
    assert "Tabel visits_participant: 63 baris dalam cadangan, 62 setelah pemulihan." in done.stderr


def test_a_database_that_is_not_empty_is_refused(postgres, backup, empty_site):
    empty_site.manage("migrate", "--noinput", "-v", "0")
    before = tables(postgres, empty_site)

    done = empty_site.manage("restore_portal", str(backup), check=False)

    assert done.returncode == 1
    assert "tidak kosong" in done.stderr
    assert "--replace" in done.stderr
    assert tables(postgres, empty_site) == before
    assert not empty_site.media_root.exists()


def test_a_media_folder_that_is_not_empty_is_refused(postgres, backup, empty_site):
    (empty_site.media_root / "reports").mkdir(parents=True)
    (empty_site.media_root / "reports" / "foto.jpg").write_bytes(b"someone's photo")

    done = empty_site.manage("restore_portal", str(backup), check=False)

    assert done.returncode == 1
    assert f"Folder media {empty_site.media_root} tidak kosong" in done.stderr
    assert tables(postgres, empty_site) == []


def test_replace_restores_over_a_portal_and_keeps_its_old_files_aside(
    postgres, postgres_source, backup, empty_site
):
    empty_site.manage("migrate", "--noinput", "-v", "0")
    empty_site.manage("shell", "-c", "from django.core.cache import cache; cache.set('x', 1)")
    (empty_site.media_root / "lama.txt").parent.mkdir(parents=True)
    (empty_site.media_root / "lama.txt").write_text("berkas lama")

    done = empty_site.manage("restore_portal", "--replace", str(backup))

    assert "Cadangan dipulihkan dan diperiksa" in done.stdout
    (aside,) = empty_site.media_root.parent.glob("media.before-restore-*")
    assert (aside / "lama.txt").read_text() == "berkas lama"
    assert not (empty_site.media_root / "lama.txt").exists()
    assert tables(postgres, empty_site) == tables(postgres, postgres_source)


def test_a_backup_that_fails_says_why_and_leaves_nothing_behind(postgres, tmp_path):
    missing = Site(postgres.url + "studitiru_backup_no_such_database", tmp_path / "media")

    done = missing.manage("backup_portal", str(tmp_path / "cadangan"), check=False)

    assert done.returncode == 1
    assert "Tidak dapat terhubung ke basis data studitiru_backup_no_such_database" in done.stderr
    assert "Traceback" not in done.stderr
    assert list((tmp_path / "cadangan").iterdir()) == []
