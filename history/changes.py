"""The "Riwayat perubahan" of an object and its parts, as people read it.

A page of a visit's history mixes rows of several historical tables (the
visit, its topics, places, participants and agenda). ``change_page`` reads
them as one list, newest first, a page at a time, in a number of queries
that does not grow with the history: one to count, one for the page's
(table, row) pairs, then per table on the page one for its rows (with the
user who made them) and one for the rows they follow, and one per kind of
object the changed values name (agencies, topics, divisions).

Each entry says who, when, what (added, changed, removed), of which object,
and for each field: its name, the old value and the new one, written for a
reader (a choice's label, an agency's name, an Indonesian date).
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from studitiru import dates

PAGE_SIZE = 25
EMPTY = "—"

# Bookkeeping fields no reader needs in a change list: the lifecycle
# timelines and the pages themselves say who created a row and when.
HIDDEN_FIELDS = frozenset(
    {
        "id",
        "order",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "uploaded_by",
        "width",
        "height",
        "thumbnail",
        "version",
    }
)

ACTIONS = {
    "+": gettext_lazy("ditambahkan"),
    "~": gettext_lazy("diubah"),
    "-": gettext_lazy("dihapus"),
}


@dataclass(frozen=True)
class Source:
    """One historical table read by a page: ``model`` (the live model), the
    rows that belong to the page's object (``filters`` on the historical
    table), the fields not shown, and how a row names its object."""

    model: type[models.Model]
    filters: dict
    hidden: frozenset = frozenset()
    describe: Callable | None = None

    @property
    def historical(self):
        return self.model.history.model


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    who: str
    action: str
    history_type: str
    subject: str
    changes: list[Change] = field(default_factory=list)


def change_page(sources, *, page_number=None, tz=None, page_size=PAGE_SIZE):
    """The page ``page_number`` of the changes recorded for ``sources``,
    newest first: a ``Page`` whose ``object_list`` are ``Entry`` objects.
    ``tz`` is the reader's time zone (their agency's)."""
    tz = tz or timezone.get_current_timezone()
    first, *others = [
        source.historical.objects.filter(**source.filters)
        .annotate(source=Value(index, output_field=models.IntegerField()))
        .values_list("source", "history_id", "history_date")
        .order_by()
        for index, source in enumerate(sources)
    ]
    # One UNION ALL of every table (SQLite refuses nested compound queries).
    union = first.union(*others, all=True) if others else first
    union = union.order_by("-history_date", "-history_id")
    page = Paginator(union, page_size).get_page(page_number)
    page.object_list = _entries(sources, list(page.object_list), tz)
    return page


def _entries(sources, keys, tz):
    wanted = {}
    for index, history_id, _date in keys:
        wanted.setdefault(index, []).append(history_id)
    rows, previous = {}, {}
    for index, ids in wanted.items():
        historical = sources[index].historical
        before = (
            historical.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values("history_id")[:1]
        )
        page_rows = list(
            historical.objects.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(previous_id=Subquery(before))
        )
        earlier = {
            row.history_id: row
            for row in historical.objects.filter(
                history_id__in=[row.previous_id for row in page_rows if row.previous_id]
            )
        }
        for row in page_rows:
            rows[index, row.history_id] = row
            previous[index, row.history_id] = earlier.get(row.previous_id)
    names = _related_names(sources, list(rows.values()) + list(filter(None, previous.values())))
    entries = []
    for index, history_id, _date in keys:
        source, row = sources[index], rows[index, history_id]
        changes = _changes(source, row, previous[index, history_id], names, tz)
        if row.history_type == "~" and not changes:
            # A save that changed nothing shown here (only bookkeeping).
            continue
        entries.append(
            Entry(
                when=timezone.localtime(row.history_date, tz),
                who=_who(row),
                action=ACTIONS.get(row.history_type, row.history_type),
                history_type=row.history_type,
                subject=_subject(source, row, names),
                changes=changes,
            )
        )
    return entries


def _shown_fields(source):
    hidden = HIDDEN_FIELDS | source.hidden
    return [f for f in source.historical.tracked_fields if f.name not in hidden]


def _related_names(sources, rows):
    """``{(model, pk): name}`` for every object a shown foreign key names,
    one query per related model."""
    wanted = {}
    by_table = {}
    for row in rows:
        by_table.setdefault(type(row), []).append(row)
    fields_of = {source.historical: _shown_fields(source) for source in sources}
    for table, table_rows in by_table.items():
        for f in fields_of[table]:
            if f.many_to_one:
                ids = {getattr(row, f.attname) for row in table_rows} - {None}
                wanted.setdefault(f.related_model, set()).update(ids)
    names = {}
    for model, ids in wanted.items():
        if ids:
            for pk, obj in model._default_manager.in_bulk(ids).items():
                names[model, pk] = str(obj)
    return names


def _changes(source, row, before, names, tz):
    if row.history_type == "-":
        return []
    changes = []
    for f in _shown_fields(source):
        new = getattr(row, f.attname)
        old = getattr(before, f.attname) if before is not None else None
        if before is not None and old == new:
            continue
        if before is None and new in (None, "", [], {}):
            continue  # a new row: only the fields that hold something
        changes.append(
            Change(
                field=capfirst(str(f.verbose_name)),
                old=display(f, old, names, tz) if before is not None else EMPTY,
                new=display(f, new, names, tz),
            )
        )
    return changes


def display(f, value, names, tz):
    """``value`` of field ``f`` as a reader knows it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if f.many_to_one:
        return names.get((f.related_model, value), _("(sudah dihapus)"))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("Ya") if value else _("Tidak")
    if isinstance(f, models.DateTimeField):
        return dates.moment(value, tz=tz)
    if isinstance(f, models.DateField):
        return formats.date_format(value, "j F Y")
    if isinstance(f, models.FileField):
        return os.path.basename(str(value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _who(row):
    user = row.history_user
    if user is None:
        return _("Sistem")
    return user.get_full_name()


def _subject(source, row, names):
    name = capfirst(str(source.model._meta.verbose_name))
    detail = source.describe(row, names) if source.describe else ""
    return f"{name}: {detail}" if detail else name
