"""Making a backup, checking one and restoring it; the management commands
``backup_portal``, ``check_backup`` and ``restore_portal`` call these.

A backup is one directory, ``studitiru-<UTC date and time>``, made under the
directory given and readable by its owner only (it holds personal data):

- the database dump (``database.pgdump`` or ``database.sqlite3``),
- ``media.tar``, every file under ``MEDIA_ROOT``,
- ``manifest.json``: when, by which versions, the database's vendor and
  migrations, every table's rows and digest, every file's size and sha256,
  and the size and sha256 of the dump and the archive.

It is written as ``<name>.partial`` and renamed once complete, so a backup
that was interrupted never looks like one.
"""

import importlib.metadata
import os
import platform
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from . import database, manifest, media
from .manifest import BackupError

MEDIA_ARCHIVE = "media.tar"
BACKUP_NAME = re.compile(r"^studitiru-\d{8}-\d{6}$")


def app_versions() -> dict:
    """The version of the distribution that provides each installed app
    (``null`` for the portal's own apps, whose state the migrations record)."""
    distributions = importlib.metadata.packages_distributions()
    versions = {}
    for config in apps.get_app_configs():
        top = config.name.split(".")[0]
        names = distributions.get(top)
        versions[config.name] = importlib.metadata.version(names[0]) if names else None
    return versions


def make_backup(destination: Path) -> Path:
    """Back the database and the media files up into a new directory under
    ``destination``; returns its path."""
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if Path(destination).resolve().is_relative_to(media_root):
        # It would archive itself and every earlier backup, and the web
        # server may serve the media folder to anyone.
        raise BackupError(
            _("Cadangan tidak boleh disimpan di dalam folder media %(path)s.")
            % {"path": media_root}
        )
    db = database.for_connection()
    now = datetime.now(UTC)
    name = f"studitiru-{now:%Y%m%d-%H%M%S}"
    final = Path(destination) / name
    partial = final.with_name(name + ".partial")
    if final.exists() or partial.exists():
        raise BackupError(_("%(path)s sudah ada.") % {"path": final})
    partial.mkdir(parents=True, mode=0o700)
    os.chmod(partial, 0o700)
    try:
        _write_backup(partial, db=db, now=now)
    except BaseException:
        # Half a dump still holds personal data, and is no backup.
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(final)
    return final


def _write_backup(partial: Path, *, db, now) -> None:
    # The database first: a photo uploaded meanwhile is then an extra file in
    # the archive (harmless) rather than a row naming a missing one.
    described = db.dump(partial / db.dump_name)
    media_root = Path(settings.MEDIA_ROOT)
    files = media.archive(media_root, partial / MEDIA_ARCHIVE)
    manifest.write(
        partial,
        {
            "format": manifest.FORMAT,
            "created_at": now.isoformat(),
            "versions": {
                "python": platform.python_version(),
                "django": django.get_version(),
                "database_server": described["server_version"],
                "dump_tool": described["dump_tool"],
                "apps": app_versions(),
            },
            "database": {
                "vendor": db.vendor,
                "name": db.name,
                "dump": manifest.file_entry(partial / db.dump_name),
                "migrations": described["migrations"],
                "tables": described["tables"],
                "transient_tables": described["transient_tables"],
            },
            "media": {
                "root": str(media_root),
                "archive": manifest.file_entry(partial / MEDIA_ARCHIVE),
                "files": files,
            },
        },
    )
    for path in partial.iterdir():
        path.chmod(0o600)


def prune(destination: Path, *, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest complete backups directly under
    ``destination`` (directories named and made by ``make_backup``); returns
    those deleted. Anything else there is left alone."""
    backups = sorted(
        path
        for path in Path(destination).iterdir()
        if path.is_dir() and BACKUP_NAME.match(path.name) and (path / manifest.NAME).is_file()
    )
    old = backups[:-keep] if keep > 0 else []
    for path in old:
        shutil.rmtree(path)
    return old


def check_backup(directory: Path) -> dict:
    """Check a backup without restoring it: the dump and the archive are the
    files the backup wrote, the dump can be read, and the archive lists the
    files of the manifest. Returns the manifest; raises ``BackupError``
    naming every difference."""
    directory = Path(directory)
    found = manifest.read(directory)
    problems = manifest.archive_differences(
        directory, found["database"]["dump"], _("Salinan basis data")
    ) + manifest.archive_differences(directory, found["media"]["archive"], _("Arsip berkas"))
    if problems:
        raise BackupError("\n".join(problems))
    db = database.for_connection()
    if db.vendor != found["database"]["vendor"]:
        raise BackupError(
            _("Cadangan ini dari basis data %(backup)s; portal ini memakai %(portal)s.")
            % {"backup": found["database"]["vendor"], "portal": db.vendor}
        )
    db.check_dump(directory / found["database"]["dump"]["name"])
    listed = media.listing(directory / found["media"]["archive"]["name"])
    expected = {name: entry["size"] for name, entry in found["media"]["files"].items()}
    if listed != expected:
        raise BackupError(
            "\n".join(
                manifest.file_differences(
                    {name: {"size": size} for name, size in expected.items()},
                    {name: {"size": size} for name, size in listed.items()},
                )
            )
        )
    return found


def known_migrations() -> set[str]:
    """The migrations of this version of the portal, as ``app.name``."""
    return {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}


def restore_backup(directory: Path, *, replace=False) -> dict:
    """Restore a backup into this portal's database and media folder, which
    must be empty (``replace``: the database's tables are dropped and the
    media folder is moved aside). Checks the backup before touching
    anything and the restored data after. Returns a summary; raises
    ``BackupError`` naming every difference."""
    directory = Path(directory)
    found = check_backup(directory)
    # Applied in the backup but unknown to this version, and the other way round.
    applied, known = set(found["database"]["migrations"]), known_migrations()
    newer = sorted(applied - known)
    if newer:
        raise BackupError(
            _(
                "Cadangan ini dibuat oleh versi portal yang lebih baru (migrasi yang tidak "
                "dikenal versi ini: %(migrations)s). Pasang versi itu dulu, lalu pulihkan."
            )
            % {"migrations": ", ".join(newer)}
        )
    db = database.for_connection()
    media_root = Path(settings.MEDIA_ROOT)
    tables = db.table_names()
    media_busy = not media.is_empty(media_root)
    if (tables or media_busy) and not replace:
        problems = []
        if tables:
            problems.append(
                _(
                    "Basis data %(name)s tidak kosong (%(count)d tabel). Pemulihan hanya ke basis "
                    "data kosong: buat yang baru (createdb), atau tambahkan --replace untuk "
                    "menghapus semua tabelnya."
                )
                % {"name": db.name, "count": len(tables)}
            )
        if media_busy:
            problems.append(
                _(
                    "Folder media %(path)s tidak kosong. Pemulihan hanya ke folder kosong, atau "
                    "tambahkan --replace untuk memindahkan isinya ke samping."
                )
                % {"path": media_root}
            )
        raise BackupError("\n".join(problems))
    moved_aside = None
    if media_busy:
        moved_aside = media_root.with_name(
            f"{media_root.name}.before-restore-{datetime.now(UTC):%Y%m%d-%H%M%S}"
        )
        media_root.rename(moved_aside)
    if tables:
        db.empty()

    db.restore(directory / found["database"]["dump"]["name"])
    media.extract(directory / found["media"]["archive"]["name"], media_root)

    restored = db.describe()
    problems = manifest.table_differences(found["database"]["tables"], restored["tables"])
    problems += manifest.file_differences(found["media"]["files"], media.inventory(media_root))
    if problems:
        raise BackupError(
            _("Pemulihan selesai, tetapi hasilnya berbeda dari cadangan:")
            + "\n"
            + "\n".join(problems)
        )
    return {
        "tables": len(found["database"]["tables"]),
        "rows": sum(table["rows"] for table in found["database"]["tables"].values()),
        "files": len(found["media"]["files"]),
        "moved_aside": moved_aside,
        "pending_migrations": sorted(known - applied),
    }
