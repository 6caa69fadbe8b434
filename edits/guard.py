"""The guard against lost updates, shared by every edit form but the report's.

When a form opens, the page carries a *version*: a signed digest of each
value the form edits (``version_of``). The service that saves the form locks
the row, takes the values as they are now and calls ``check``: if someone
else changed a field since the version was handed out, to something other
than what the user is saving, nothing is saved and ``EditConflict`` says,
field by field, their value and the user's. The view answers 409 with the
user's form as they typed it, the other person's values beside it, and the
new version in the form, so that "Simpan versi saya" saves over it and
"Pakai versi mereka" reloads the saved one (``EditGuard``, with the
``_edit_conflict.html`` partial inside the form).

No column is needed: the digests are of the values the form shows. Only
digests travel in the page (never the values, some of them personal data),
signed so that a version cannot be forged or moved to another object. A form
posted without a valid version is treated as opened at an unknown version:
every field that differs from the saved value is a conflict.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.db.models.fields.files import FieldFile
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from studitiru import dates

SALT = "edits.guard.version"
FIELD_NAME = "edit_version"


@dataclass(frozen=True)
class Value:
    """One edited field of an object: its label, the text the conflict page
    shows and the key compared (the text itself unless it hides a
    difference, e.g. two files shown alike)."""

    label: str
    text: str
    key: str | None = None

    @property
    def compared(self) -> str:
        return self.text if self.key is None else self.key


# What a form edits of one object, by field name.
Snapshot = dict[str, Value]


@dataclass(frozen=True)
class Change:
    """A field someone else changed since the user opened the form."""

    label: str
    theirs: str
    mine: str


class EditConflict(Exception):
    """Someone else saved the object since the user opened the form; nothing
    was saved. ``version`` is the version of what is saved now: a form posted
    again with it saves the user's values over the other person's."""

    def __init__(self, *, changes: list[Change], version: str, when="", who=""):
        super().__init__("edit conflict")
        self.changes = changes
        self.version = version
        self.when = when
        self.who = who


def _text(instance, field, tz=None, zone="") -> Value:
    value = getattr(instance, field.attname)
    label = capfirst(str(field.verbose_name))
    if field.choices:
        return Value(label, str(dict(field.flatchoices).get(value, value or "")), str(value))
    if field.is_relation:
        related = getattr(instance, field.name) if value is not None else None
        return Value(label, str(related) if related is not None else "", str(value or ""))
    if isinstance(value, FieldFile):
        text = _("Berkas terlampir") if value else ""
        return Value(label, text, value.name or "")
    if isinstance(value, datetime.datetime):
        return Value(label, moment(value, tz, zone), value.astimezone(datetime.UTC).isoformat())
    if isinstance(value, datetime.date):
        return Value(label, date_format(value, "j F Y"), value.isoformat())
    if isinstance(value, bool):
        return Value(label, _("Ya") if value else _("Tidak"), str(value))
    return Value(label, "" if value is None else str(value))


def moment(value, tz=None, zone="") -> str:
    """An aware datetime as the conflict page shows it, in ``tz`` (the
    current time zone when not given), naming that zone (``zone``, the
    agency's label, is the one ``tz`` has): "1 Agustus 2025, 09.00 WIB"."""
    return dates.moment(value, tz=tz)


def model_values(instance, names, *, tz=None, zone="") -> Snapshot:
    """The snapshot of the model fields ``names`` of ``instance``; moments
    are shown in ``tz`` (named ``zone``), e.g. the host agency's."""
    return {name: _text(instance, instance._meta.get_field(name), tz, zone) for name in names}


def _about(instance) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def _digest(value: Value) -> str:
    return hashlib.sha256(value.compared.encode()).hexdigest()[:20]


def version_of(values: Snapshot, *, about) -> str:
    """The version of ``about`` (a saved model instance) whose edited
    fields are ``values``: what an edit page hands out."""
    digests = {name: _digest(value) for name, value in values.items()}
    return signing.dumps({"o": _about(about), "f": digests}, salt=SALT)


def _base(version, about) -> dict | None:
    """The digests a version was made of; None when missing, forged or of
    another object."""
    if not version:
        return None
    try:
        payload = signing.loads(version, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("o") != _about(about):
        return None
    fields = payload.get("f")
    return fields if isinstance(fields, dict) else None


def check(version, *, about, current: Snapshot, mine: Snapshot, when="", who="") -> None:
    """Raise ``EditConflict`` unless the user's values may be saved.

    Call it holding the row lock, with ``current`` the values saved now and
    ``mine`` the values about to be saved. A field conflicts when it changed
    since ``version`` (or the version is unknown) and the user is saving
    something else in it. ``when`` (a ``moment``) and ``who`` say when and
    by whom the object was saved last, if it knows."""
    base = _base(version, about)
    changes = []
    for name, now in current.items():
        ours = mine.get(name, now)
        if base is not None and base.get(name) == _digest(now):
            continue  # nobody changed it since the user opened the form
        if ours.compared == now.compared:
            continue  # both ended at the same value
        changes.append(Change(label=now.label, theirs=now.text, mine=ours.text))
    if changes:
        if not who:
            who, when = _last_saved(about, when)
        raise EditConflict(
            changes=changes, version=version_of(current, about=about), when=when, who=who
        )


def _last_saved(about, when) -> tuple[str, str]:
    """Who saved ``about`` last and when, from its change history (models
    tracked by django-simple-history have one): the other person of a
    conflict. Untracked models, or a save without an author, name nobody."""
    records = getattr(about, "history", None)
    latest = records.select_related("history_user").first() if records is not None else None
    if latest is None or latest.history_user is None:
        return "", when
    return latest.history_user.get_full_name(), (when or moment(latest.history_date))


class VersionForm(forms.Form):
    """The version a posted edit form was opened at (a hidden field)."""

    edit_version = forms.CharField(required=False, max_length=4000)


class EditGuard:
    """An edit view's side of the guard: the version the page carries, the
    one the posted form was opened at, and the conflict after a refused save.

    ``values`` gives the snapshot of ``about`` (the service's own function,
    so that the page and the check compare the same fields)."""

    def __init__(self, request, *, about, values):
        self.conflict: EditConflict | None = None
        if request.method == "POST":
            form = VersionForm(request.POST)
            self.version = form.cleaned_data[FIELD_NAME] if form.is_valid() else ""
        else:
            self.version = version_of(values(about), about=about)

    @property
    def page_version(self) -> str:
        """What the page's hidden field holds: after a conflict, the version
        saved now, so that saving again keeps the user's values."""
        return self.conflict.version if self.conflict else self.version


def render_edit(request, template, context, edit_guard: EditGuard | None):
    """Render an edit page: 409 after a conflict, 200 otherwise. Pages that
    also add objects pass no guard when adding."""
    if edit_guard is None:
        return render(request, template, context)
    context = {**context, "edit_guard": edit_guard}
    return render(request, template, context, status=409 if edit_guard.conflict else 200)
