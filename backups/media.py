"""The media files (photos, evidence, logos, letters) in an uncompressed tar
archive: the pictures are JPEGs already, and a plain tar can be listed and
read by any system's tools.

Each file is hashed as it is written into the archive, from the same bytes,
so the manifest describes the archive exactly even while the portal runs.
"""

import hashlib
import os
import tarfile
from pathlib import Path

from django.utils.translation import gettext as _

from .manifest import BackupError, sha256_of


class _HashingReader:
    """A file read by ``tarfile``, hashed on the way."""

    def __init__(self, file):
        self.file, self.digest = file, hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _files(root: Path):
    """The regular files under ``root``, by relative POSIX path, sorted."""
    if not root.is_dir():
        return []
    found = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in names:
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


def inventory(root: Path) -> dict:
    """``{relative path: {"size", "sha256"}}`` of every file under ``root``."""
    return {
        name: {"size": (root / name).stat().st_size, "sha256": sha256_of(root / name)}
        for name in _files(root)
    }


def is_empty(root: Path) -> bool:
    return not root.exists() or not any(root.iterdir())


def archive(root: Path, path: Path) -> dict:
    """Write every file under ``root`` into the tar ``path``; returns the
    inventory of what was written. A file deleted meanwhile is left out."""
    files = {}
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name in _files(root):
            try:
                file = open(root / name, "rb")  # noqa: SIM115 - closed below
            except FileNotFoundError:
                continue
            with file:
                status = os.fstat(file.fileno())
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = status.st_size, status.st_mtime, 0o644
                reader = _HashingReader(file)
                tar.addfile(info, reader)
            files[name] = {"size": info.size, "sha256": reader.digest.hexdigest()}
    return files


def listing(path: Path) -> dict:
    """``{relative path: size}`` of the archive's files; refuses anything but
    plain files and directories inside the archive's root."""
    try:
        with tarfile.open(path, "r:") as tar:
            members = tar.getmembers()
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            _("Arsip berkas %(name)s tidak terbaca: %(error)s")
            % {"name": path.name, "error": error}
        ) from error
    files = {}
    for member in members:
        if member.isdir():
            continue
        if not member.isfile() or member.name.startswith("/") or ".." in member.name.split("/"):
            raise BackupError(
                _("Arsip berkas %(name)s memuat %(member)s, yang tidak dibuat oleh pencadangan.")
                % {"name": path.name, "member": member.name}
            )
        files[member.name] = member.size
    return files


def extract(path: Path, root: Path) -> None:
    """Unpack the archive into ``root`` (made when missing). The "data"
    filter refuses links, devices and paths leaving ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "r:") as tar:
        tar.extractall(root, filter="data")
