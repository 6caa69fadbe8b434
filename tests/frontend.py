"""The portal's own cut of Bootstrap and its icons (static/build/, built by
``npm run build`` from frontend/build.mjs) for the tests: ``make test``
builds it first; a run of pytest itself builds it when it is missing or older
than what it is built from, as the message catalogues are compiled
(tests/catalogue.py)."""

import functools
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

from studitiru import icons

ROOT = Path(settings.BASE_DIR)
BUILT = [
    ROOT / "static" / "build" / name for name in ("bootstrap.css", "bootstrap.js", "icons.svg")
]
SOURCES = ("templates", "static/js", "frontend", *icons.PYTHON_PACKAGES)


def sources():
    for folder in SOURCES:
        yield from (
            p for p in (ROOT / folder).rglob("*") if p.suffix in {".html", ".py", ".js", ".mjs"}
        )
    yield ROOT / "package-lock.json"


def build_stale():
    """Runs the build when an output is missing or older than a source."""
    if all(p.exists() for p in BUILT):
        oldest = min(p.stat().st_mtime for p in BUILT)
        if all(p.stat().st_mtime <= oldest for p in sources()):
            return
    npm = shutil.which("npm")
    assert npm, "npm is needed to build static/build/ (make install-test)"
    subprocess.run([npm, "run", "--silent", "build"], cwd=ROOT, check=True, timeout=300)


@functools.cache
def sprite_names():
    return frozenset(icons.sprite_names())
