"""Version stamps: what a cached page's key says about the data under it.

Each agency has a stamp, and so have the public pages (``PUBLIC``) and what
every page shows of the whole portal, such as agency names and topics
(``EVERYTHING``). A write gives the stamps of what it touches a value never
used before; a page cached under the old value is never read again and
expires (``settings.PAGE_CACHE_SECONDS``).

A write is found in one of two ways:

- saves and deletes of the models each app follows (``follow`` in the app's
  ``stamps.py``), through Django's model signals: a service's, the admin's,
  a cascade's;
- writes that skip those signals (``QuerySet.update``, ``bulk_create``) call
  ``touch(queryset)`` or ``touch_objects(objects)`` beside them.

A stamp is changed at once, inside the transaction (with the database cache
it commits with the data), and again when the transaction commits: a reader
that read the old data before the commit may have kept it under the first new
value, never under the last. ``post_migrate`` changes ``EVERYTHING``, so a
data migration needs nothing of its own.
"""

import secrets
import threading
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_save, pre_delete

EVERYTHING = "everything"
PUBLIC = "public"
_PREFIX = "stamp:"

# Facets: parts of an agency's data that change often and that few pages
# show, with stamps of their own. A write to a visit's participants or to a
# report changes the facet's stamp, not the agency's: the calendar stays
# cached while a delegation is typed in, the visit list while a report is
# written. A page names the facets it shows (``cached_page(facets=...)``).
PEOPLE = "people"  # a visit's participants
REPORTS = "reports"  # reports and their ATM plans


def agency(agency_id, facet="") -> str:
    """The name of an agency's stamp, or of one facet of its data."""
    return f"agency:{agency_id}:{facet}" if facet else f"agency:{agency_id}"


def _in_facet(names, facet) -> set[str]:
    """``names`` with every agency's stamp turned into that of ``facet``."""
    if not facet:
        return names
    return {
        agency(name.split(":")[1], facet) if name.startswith("agency:") else name for name in names
    }


# --- What each model's rows touch -------------------------------------------------


@dataclass(frozen=True)
class Following:
    """How the rows of one model name the stamps they touch."""

    model: type
    agencies: tuple = ()  # attnames holding an agency id (host_id, visitor_id)
    via: str = ""  # a foreign key to a followed model whose stamps a row shares
    facet: str = ""  # the facet of its agencies' data the row belongs to (PEOPLE, REPORTS)
    everything: bool = False  # shown on every page: agency names, topics
    public: tuple = ()  # (attname, values): the row is on the public pages
    resolve: object = None  # fn(instance) -> set of stamp names, for the odd model
    ignore: frozenset = field(default_factory=frozenset)  # a save of only these fields

    def via_model(self):
        return self.model._meta.get_field(self.via).related_model

    def via_attname(self):
        return self.model._meta.get_field(self.via).attname


_followed: dict[type, Following] = {}
# Extra stamps a model's rows touch, declared by an app above its own (the
# reports app says when a visit is on the public pages).
_also: dict[type, list] = {}


def follow(model, **how):
    """Declare that writes to ``model`` change stamps (see ``Following``)."""
    _followed[model] = Following(model=model, ignore=frozenset(how.pop("ignore", ())), **how)
    uid = f"pagecache.{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    pre_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def also(model, resolve):
    """Add ``resolve(instance) -> set of names`` to what ``model``'s rows touch."""
    _also.setdefault(model, []).append(resolve)


def followed_models() -> list[type]:
    return list(_followed)


def stamps_of(instance) -> set[str]:
    """The stamps a row touches, as it is in memory."""
    how = _followed[type(instance)._meta.concrete_model]
    if how.everything:
        return {EVERYTHING}
    names = set()
    for attname in how.agencies:
        if (value := getattr(instance, attname)) is not None:
            names.add(agency(value, how.facet))
    if how.public:
        attname, values = how.public
        if getattr(instance, attname) in values:
            names.add(PUBLIC)
    if how.resolve is not None:
        names |= how.resolve(instance)
    if how.via and (parent_id := getattr(instance, how.via_attname())) is not None:
        names |= _in_facet(_stamps_of_row(how.via_model(), parent_id), how.facet)
    for resolve in _also.get(how.model, ()):
        names |= resolve(instance)
    return names


def _stamps_of_row(model, pk) -> set[str]:
    """The stamps of one row read from the database, once per transaction."""
    state = _state()
    key = (model, pk)
    if key not in state.rows:
        row = model._base_manager.filter(pk=pk).first()
        state.rows[key] = stamps_of(row) if row is not None else set()
    return state.rows[key]


# --- Changing stamps --------------------------------------------------------------


class _Transaction:
    """The stamps bumped in the current transaction, bumped again at its
    commit, and the rows already resolved in it."""

    def __init__(self):
        self.pending: set[str] = set()
        self.rows: dict = {}

    def __call__(self):  # the on_commit callback
        _write(self.pending)


_local = threading.local()


def _state() -> _Transaction:
    """This transaction's state; a fresh one outside a transaction or after a
    rollback dropped the callback that held the last one."""
    connection = transaction.get_connection(DEFAULT_DB_ALIAS)
    state = getattr(_local, "state", None)
    if not connection.in_atomic_block:
        return _Transaction()
    if state is None or not any(entry[1] is state for entry in connection.run_on_commit):
        state = _Transaction()
        transaction.on_commit(state)
        _local.state = state
    return state


def bump(names):
    """Give the stamps ``names`` new values, now and at the commit. A name
    written since this thread last read stamps is not written again now (a
    cascade of 500 deleted rows writes it once)."""
    names = set(names)
    if not names:
        return
    _record(names)
    _state().pending |= names
    written = getattr(_local, "written", None)
    if written is None:
        written = _local.written = set()
    _write(names - written)
    written |= names


def bump_everything(**kwargs):
    """Every page is made again (also ``post_migrate``'s receiver)."""
    bump({EVERYTHING})


def touch(queryset):
    """Bump what the rows of ``queryset`` touch: call it beside an ``update()``
    (before it when the update moves a row out of what the queryset selects)."""
    touch_objects(queryset)


def touch_objects(objects):
    """Bump what these rows touch (``bulk_create``'s objects, rows in hand)."""
    names = set()
    for instance in objects:
        _record_model(type(instance))
        names |= stamps_of(instance)
    bump(names)


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    how = _followed[sender._meta.concrete_model]
    if update_fields is not None and how.ignore and set(update_fields) <= how.ignore:
        _record_model(sender)  # seen, and shown on no page
        return
    touch_objects([instance])


def _deleted(sender, instance, **kwargs):
    touch_objects([instance])


def _write(names):
    # In one order, so that two transactions bumping the same agencies in the
    # database cache wait for each other instead of deadlocking.
    if names:
        values = {_PREFIX + name: secrets.token_hex(8) for name in sorted(names)}
        cache.set_many(values, timeout=None)


# --- Reading stamps ---------------------------------------------------------------


def current(names) -> dict[str, str]:
    """The values of the stamps ``names``; a stamp never set (or evicted) gets
    a new value, so that no page kept under an older one can match."""
    # A read starts what the next bump must write again; the rows resolved
    # so far may have changed since (in the one transaction of a test).
    _local.written = set()
    if (state := getattr(_local, "state", None)) is not None:
        state.rows.clear()
    keys = [_PREFIX + name for name in names]
    found = cache.get_many(keys)
    missing = {key: secrets.token_hex(8) for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found |= missing
    return {key.removeprefix(_PREFIX): found[key] for key in keys}


# --- For tests: what a block of code bumped ---------------------------------------


class recording:
    """``with recording() as bumped:`` collects, in ``bumped.names``, the
    stamps bumped inside, and in ``bumped.models`` the followed models whose
    rows were saved, deleted or touched."""

    def __enter__(self):
        self.names = set()
        self.models = set()
        _local.recorders = [*getattr(_local, "recorders", ()), self]
        return self

    def __exit__(self, *exc):
        _local.recorders = [r for r in _local.recorders if r is not self]


def _record(names):
    for recorder in getattr(_local, "recorders", ()):
        recorder.names.update(names)


def _record_model(model):
    for recorder in getattr(_local, "recorders", ()):
        recorder.models.add(model._meta.concrete_model)
