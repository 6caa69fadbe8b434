"""The manifest of a backup (``manifest.json``) and the comparisons made
with it: what the backup holds, to be checked before a restore (the dump and
the archive are the files that were written) and after it (the restored
tables and files are the ones that were backed up).

The manifest records, per table, the number of rows and a digest of their
content, and per media file its size and sha256. The tables whose content is
transient (the database cache, sessions) are listed apart: their structure
is backed up, their rows are not.
"""

import hashlib
import json
from pathlib import Path

from django.utils.translation import gettext as _

FORMAT = 1
NAME = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made, checked or restored; the message says why."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_entry(path: Path) -> dict:
    return {"name": path.name, "size": path.stat().st_size, "sha256": sha256_of(path)}


def write(directory: Path, manifest: dict) -> None:
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False)
    (directory / NAME).write_text(text + "\n", encoding="utf-8")


def read(directory: Path) -> dict:
    path = directory / NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            _("%(path)s tidak ada: ini bukan direktori cadangan.") % {"path": path}
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(
            _("%(path)s rusak (bukan JSON yang sah: %(error)s).") % {"path": path, "error": error}
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(path)s bukan manifest cadangan format %(format)d.")
            % {"path": path, "format": FORMAT}
        )
    return manifest


def archive_differences(directory: Path, entry: dict, what: str) -> list[str]:
    """The dump or the media archive, against its size and sha256 in the manifest."""
    path = directory / entry["name"]
    if not path.is_file():
        return [_("%(what)s %(name)s tidak ada.") % {"what": what, "name": entry["name"]}]
    size = path.stat().st_size
    if size != entry["size"]:
        return [
            _("%(what)s %(name)s berukuran %(actual)d bita, manifest mencatat %(expected)d.")
            % {"what": what, "name": entry["name"], "actual": size, "expected": entry["size"]}
        ]
    if sha256_of(path) != entry["sha256"]:
        return [
            _("%(what)s %(name)s tidak sama dengan yang dicadangkan (sha256 berbeda).")
            % {"what": what, "name": entry["name"]}
        ]
    return []


def table_differences(expected: dict, actual: dict) -> list[str]:
    """Tables (``{name: {"rows": n, "sha256": digest}}``) of the backup against
    those of the restored database."""
    found = []
    for name in sorted(expected.keys() - actual.keys()):
        found.append(_("Tabel %(table)s tidak ada setelah pemulihan.") % {"table": name})
    for name in sorted(actual.keys() - expected.keys()):
        found.append(_("Tabel %(table)s tidak ada dalam cadangan.") % {"table": name})
    for name in sorted(expected.keys() & actual.keys()):
        want, got = expected[name], actual[name]
        if want["rows"] != got["rows"]:
            found.append(
                _(
                    "Tabel %(table)s: %(expected)d baris dalam cadangan, %(actual)d setelah pemulihan."
                )
                % {"table": name, "expected": want["rows"], "actual": got["rows"]}
            )
        elif want["sha256"] != got["sha256"]:
            found.append(
                _("Tabel %(table)s: jumlah baris sama (%(rows)d), isinya berbeda.")
                % {"table": name, "rows": want["rows"]}
            )
    return found


def file_differences(expected: dict, actual: dict) -> list[str]:
    """Media files (``{relative path: {"size": n, "sha256": digest}}``) of the
    backup against those in the media folder after the restore."""
    found = []
    for name in sorted(expected.keys() - actual.keys()):
        found.append(_("Berkas %(file)s tidak ada setelah pemulihan.") % {"file": name})
    for name in sorted(actual.keys() - expected.keys()):
        found.append(_("Berkas %(file)s tidak ada dalam cadangan.") % {"file": name})
    for name in sorted(expected.keys() & actual.keys()):
        if expected[name] != actual[name]:
            found.append(
                _("Berkas %(file)s berbeda dari yang dicadangkan (ukuran atau sha256).")
                % {"file": name}
            )
    return found
