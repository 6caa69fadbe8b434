"""Reading a gettext catalogue (.po) for the tests: its entries, their
translations and flags. The standard library reads only compiled catalogues,
which leave out exactly what the tests look for (untranslated and fuzzy
entries)."""

import ast
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

# What makemessages reads, and what it must not: the virtualenv, the npm
# packages, collected static files, runtime data, the tests and benchmarks.
# The Makefile's `messages` target passes the same list.
IGNORED = [".venv", "node_modules", "staticfiles", "var", "tests", "benchmarks", "locale"]

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    @property
    def translated(self):
        return bool(self.msgstr) and all(self.msgstr) and "fuzzy" not in self.flags

    def where(self):
        place = self.references[0] if self.references else "?"
        return f"{self.msgid!r} ({place})"


def read(path):
    """The entries of a .po file, the header left out; obsolete entries (#~)
    are ignored."""
    entries, entry, field_name = [], Entry(), None

    def close():
        nonlocal entry, field_name
        if field_name is not None and entry.msgid:
            entries.append(entry)
        entry, field_name = Entry(), None

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close()
        elif line.startswith("#"):
            if field_name is not None:
                close()
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#:"):
                entry.references += line[2:].split()
        elif line.startswith('"'):
            _append(entry, field_name, ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            field_name = keyword
            if keyword.startswith("msgstr"):
                entry.msgstr.append("")
            elif keyword == "msgctxt":
                entry.msgctxt = ""
            elif keyword == "msgid_plural":
                entry.msgid_plural = ""
            _append(entry, field_name, ast.literal_eval(value))
    close()
    return entries


def _append(entry, field_name, text):
    if field_name == "msgctxt":
        entry.msgctxt += text
    elif field_name == "msgid":
        entry.msgid += text
    elif field_name == "msgid_plural":
        entry.msgid_plural += text
    elif field_name and field_name.startswith("msgstr"):
        entry.msgstr[-1] += text


def compile_stale():
    """Compile each catalogue of ``LOCALE_PATHS`` whose .mo is missing or older
    than its .po (the .mo files are not committed). Written beside and then
    renamed, so a test run never reads half a file."""
    for base in settings.LOCALE_PATHS:
        for po in Path(base).glob("*/LC_MESSAGES/*.po"):
            mo = po.with_suffix(".mo")
            if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                continue
            partial = mo.with_suffix(f".mo.{os.getpid()}")
            subprocess.run(["msgfmt", "--check-format", "-o", partial, po], check=True)
            os.replace(partial, mo)
