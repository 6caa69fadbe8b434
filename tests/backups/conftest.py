"""The portal as an operator runs it for a backup drill: ``manage.py``
commands in processes of their own, each pointed by its environment at a
database and a media folder of the test's own.

On PostgreSQL the databases are made on the server of DATABASE_URL (or the
machine's, postgres://postgres@127.0.0.1:5432/) and dropped afterwards; the
tests are skipped when no server answers, except under CI, where they fail.
"""

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.postgres import create_database, drop_database, reachable_server

ROOT = Path(__file__).resolve().parent.parent.parent

# Real uploads through the portal's picture pipeline: three documentation
# photos (each a re-encoded JPEG and its thumbnail) on the demo's first
# report, and a logo for one agency.
UPLOADS = "\n".join(
    [
        "import io, random",
        "from PIL import Image",
        "from django.core.files.base import ContentFile",
        "from django.core.files.uploadedfile import SimpleUploadedFile",
        "from agencies.models import Agency",
        "from reports.models import Photo, Report",
        "from reports.photos import process_upload",
        "report = Report.objects.select_related('agency').order_by('pk').first()",
        "for n in range(3):",
        "    pixels = random.Random(n).randbytes(320 * 240 * 3)",
        "    data = io.BytesIO()",
        "    Image.frombytes('RGB', (320, 240), pixels).save(data, 'JPEG', quality=90)",
        "    upload = SimpleUploadedFile(f'foto-{n}.jpg', data.getvalue(), 'image/jpeg')",
        "    processed = process_upload(upload)",
        "    photo = Photo(report=report, caption=f'Foto {n}', order=10 + n,",
        "                  width=processed.width, height=processed.height)",
        "    photo.image, photo.thumbnail = processed.image, processed.thumbnail",
        "    photo.save()",
        "logo = io.BytesIO()",
        "Image.new('RGB', (120, 120), (20, 90, 160)).save(logo, 'PNG')",
        "agency = report.agency",
        "agency.logo.save('logo.png', ContentFile(logo.getvalue()))",
        # What must not travel in a backup: a session, a cached rate-limit counter.
        "from django.contrib.sessions.backends.db import SessionStore",
        "from django.core.cache import cache",
        "session = SessionStore()",
        "session['_auth_user_id'] = '1'",
        "session.create()",
        "cache.set('allauth:rl:login_failed:k:target@test.id', [1.0], 300)",
    ]
)


def file_digests(root: Path) -> dict:
    """sha256 of every file under ``root``, by relative path."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@dataclass
class Site:
    """One portal installation: its database and its media folder."""

    database_url: str
    media_root: Path

    def env(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_URL", "REDIS", "MEDIA_ROOT", "DJANGO_"))
        }
        return env | {
            "DJANGO_SETTINGS_MODULE": "studitiru.settings",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
            "DEBUG": "true",
            "TASKS_BACKEND": "immediate",
        }

    def manage(self, *arguments, check=True):
        done = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done


class PostgresServer:
    """Makes databases on the test server and drops them all at the end."""

    def __init__(self, url, prefix):
        self.url, self.prefix, self.names = url, prefix, []

    def new_database(self, label):
        name = f"{self.prefix}_{label}"
        create_database(self.url, name)
        self.names.append(name)
        return name

    def site(self, label, media_root):
        return Site(self.url + self.new_database(label), media_root)

    def drop_all(self):
        for name in self.names:
            drop_database(self.url, name)


@pytest.fixture(scope="session")
def postgres():
    server = reachable_server("the backup drill")
    databases = PostgresServer(server, f"studitiru_backup_drill_{os.getpid()}")
    try:
        yield databases
    finally:
        databases.drop_all()


@pytest.fixture(scope="session")
def postgres_source(postgres, tmp_path_factory):
    """The demo with uploaded photos and a logo, on PostgreSQL."""
    site = postgres.site("source", tmp_path_factory.mktemp("source") / "media")
    site.manage("migrate", "--noinput", "-v", "0")
    site.manage("load_demo")
    site.manage("shell", "-c", UPLOADS)
    return site


@pytest.fixture(scope="session")
def postgres_backup(postgres_source, tmp_path_factory):
    """The directory of one backup of ``postgres_source``."""
    destination = tmp_path_factory.mktemp("backups")
    postgres_source.manage("backup_portal", str(destination))
    (backup,) = destination.iterdir()
    return backup
