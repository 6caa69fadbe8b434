"""Rows of a list kept one by one, under keys made of what they show.

A write makes the pages of its agencies miss (``pagecache.pages``), but it
changes one or two rows of a list, not the other twenty: ``{% cached_rows %}``
(``pagecache/templatetags/pagecache.py``) keeps each row's markup under a key
made of the row's own data as the view read it — every field loaded, every
related row selected and prefetched, every annotation — with the values it
is given, the language, the time zone and the hour. A row whose data changed
has another key, so a kept row is never stale and needs no stamp: the first
view after a write draws the rows that changed and takes the others from the
cache. ``EVERYTHING``'s stamp is part of the key, so a deployment (its
``migrate``) and a change of names shown everywhere start afresh.

A row is drawn with only what the tag passes it (as ``{% include … only %}``),
and a row whose drawing read the database (a field or relation the view did
not load) is not kept: its key could not say what it showed. In the test
suite and with ``DEBUG`` that is an error, so a row template that reaches for
more than it was given fails its tests.

``{% cached_part %}`` keeps a part of a page under the values it names and
the same language, zone, hour and ``EVERYTHING``: for a part drawn from those
alone (the visit list's filter bar: its query string, the agency's id, and
the topics, regions and agencies to choose, all under ``EVERYTHING``).
"""

import hashlib
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language

from . import pages, stamps


class RowReadDatabase(Exception):
    """A row drawn for the cache read the database (see the module's text)."""


class Unkeyable(Exception):
    """A row holds a value whose data the key cannot name: it is not kept."""


def enabled() -> bool:
    return (settings.PAGE_CACHE or settings.ROW_CACHE) and not pages.is_bypassed()


# Values whose repr() is their whole data.
_PLAIN = frozenset(
    {str, int, float, bool, type(None), bytes, Decimal, UUID, date, datetime, time, timedelta}
)


class Fingerprints:
    """Digests of values' data as loaded: equal digests, equal rows. A model
    instance met again (the visit every participant points back to) is
    walked once per ``Fingerprints``."""

    def __init__(self):
        self.instances = {}  # id(instance) -> digest
        self.walking = set()  # ids of the instances being walked
        self.cycles = 0  # placeholders given for them so far

    def of(self, value) -> str:
        parts = []
        self._collect(value, parts)
        return _digest(parts)

    def _collect(self, value, parts):
        kind = type(value)
        if kind in _PLAIN:
            parts.append(value)
        elif isinstance(value, Model):
            parts.append(self._instance(value))
        elif kind in (list, tuple):
            parts.append((kind.__name__, len(value)))
            for item in value:
                self._collect(item, parts)
        elif kind is dict:
            parts.append(("dict", len(value)))
            for key in sorted(value, key=repr):
                parts.append(key)
                self._collect(value[key], parts)
        elif isinstance(value, (str, int, float)):  # a choice, a SafeString
            parts.append((kind.__name__, value))
        elif isinstance(value, Promise):
            parts.append(str(value))
        elif isinstance(value, (set, frozenset)):
            self._collect(sorted(value, key=repr), parts)
        elif is_dataclass(value) and not isinstance(value, type):
            for each in fields(value):
                parts.append(each.name)
                self._collect(getattr(value, each.name), parts)
        elif isinstance(value, ZoneInfo):
            parts.append(value.key)
        elif isinstance(value, FieldFile):
            parts.append(value.name)
        elif isinstance(value, QuerySet) and value._result_cache is not None:
            self._collect(value._result_cache, parts)
        else:
            # Its repr() may not hold its data (or may hold an address).
            raise Unkeyable(f"cannot name a {kind.__name__} by its data")

    def _instance(self, instance) -> str:
        known = self.instances.get(id(instance))
        if known is not None:
            return known
        if id(instance) in self.walking:  # a relation cached both ways
            self.cycles += 1
            return f"cycle:{instance._meta.label}:{instance.pk}"
        self.walking.add(id(instance))
        cycles = self.cycles
        parts = [instance._meta.label]
        for name, value in instance.__dict__.items():
            if name == "_state":
                continue
            parts.append(name)
            if name == "_prefetched_objects_cache":
                for relation in sorted(value):
                    parts.append(relation)
                    self._collect(list(value[relation]), parts)
            else:
                self._collect(value, parts)
        for relation, related in sorted(instance._state.fields_cache.items()):
            parts.append(relation)
            self._collect(related, parts)
        self.walking.discard(id(instance))
        digest = _digest(parts)
        # A digest that stands for an instance still being walked (above it)
        # lacks that instance's data: it holds only inside that walk.
        if self.cycles == cycles:
            self.instances[id(instance)] = digest
        return digest


def _digest(parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def list_key(node_id, given: dict, context, fingerprints) -> str:
    """What every row of one list shares in its key."""
    return repr(
        (
            node_id,
            fingerprints.of(given),
            # {% autoescape %}, {% localize %} and {% localtime %} around the tag
            (context.autoescape, context.use_l10n, context.use_tz),
            get_language(),
            timezone.get_current_timezone_name(),
            # As a whole page's: "late by 3 days, 20 hours" changes by the hour.
            timezone.now().strftime("%Y-%m-%d %H"),
            # Not read when nothing is kept (the tests' checks with the cache off).
            _everything(getattr(context, "request", None)) if enabled() else "",
        )
    )


def row_key(shared: str, row, number, fingerprints) -> str:
    digest = hashlib.sha256(f"{shared}|{number}|{fingerprints.of(row)}".encode()).hexdigest()
    return "row:" + digest


def _everything(request) -> str:
    """``EVERYTHING``'s stamp, read once per request."""
    value = getattr(request, "everything_stamp", None)
    if value is None:
        value = stamps.current([stamps.EVERYTHING])[stamps.EVERYTHING]
        if request is not None:
            request.everything_stamp = value
    return value


def forget(instances, *names):
    """Remove annotations that belong to the list, not to its rows (a window's
    total or position): in each row's key they would change every row's key
    whenever any row comes or goes."""
    for instance in instances:
        for name in names:
            instance.__dict__.pop(name, None)


def rows_cache():
    return caches["rows"]


def kept(keys) -> dict[str, str]:
    return rows_cache().get_many(keys)


def keep(drawn: dict[str, str]):
    if drawn:
        rows_cache().set_many(drawn, settings.PAGE_CACHE_SECONDS)


@contextmanager
def watching_queries():
    """Yields the list of the SQL run inside, filled as it runs."""
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield queries


def strict() -> bool:
    return settings.DEBUG or settings.TESTING
