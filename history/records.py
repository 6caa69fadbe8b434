"""Declaring and writing the change history.

Every tracked model says ``history = tracked(...)``. A historical row is
written by ``save()`` and ``delete()`` (also the admin's and a cascade's);
its user is, in this order:

1. the acting user of the service being run (``records_actor``: the ``by=``
   of every service), so a write made by a task or a management command
   names the person it was made for, not nobody;
2. the logged-in user of the request (``simple_history``'s
   ``HistoryRequestMiddleware``): the Django admin and anything else that
   saves in a request.

Writes that bypass ``save()`` (``QuerySet.update``, ``bulk_create``) write
no history by themselves: the services that use them call
``record_change`` (or ``simple_history.utils.bulk_create_with_history``).
"""

import contextvars
import functools
from contextlib import contextmanager

from simple_history.models import HistoricalRecords

_actor = contextvars.ContextVar("history_actor", default=None)


@contextmanager
def acting_as(user):
    """Name ``user`` as the author of every historical row written inside."""
    token = _actor.set(user)
    try:
        yield user
    finally:
        _actor.reset(token)


def records_actor(service):
    """Decorate a service taking ``by=``: its writes are recorded as ``by``'s."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        by = kwargs.get("by")
        if by is None or not getattr(by, "is_authenticated", False):
            return service(*args, **kwargs)
        with acting_as(by):
            return service(*args, **kwargs)

    return wrapper


def history_user(instance=None, request=None, **kwargs):
    """The user a historical row names (``HistoricalRecords(get_user=...)``)."""
    actor = _actor.get()
    if actor is not None:
        return actor
    if request is not None and request.user.is_authenticated:
        return request.user
    return None


class TrackedRecords(HistoricalRecords):
    """``HistoricalRecords`` that skips a save touching only untracked fields
    (a login updating ``last_login``, an ``updated_at`` alone): such a save
    changes nothing the history shows."""

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if (
            not created
            and update_fields is not None
            and set(update_fields) <= set(self.excluded_fields)
        ):
            return
        super().post_save(instance, created, using=using, **kwargs)


def tracked(*, excluded_fields=()):
    """The history of a model: ``history = tracked(excluded_fields=[...])``.

    Exclude fields that carry no meaning of their own (``updated_at``), and
    fields a service writes as an ``F()`` expression (``Report.version``):
    the historical row copies the value, and an expression is no value."""
    return TrackedRecords(
        excluded_fields=list(excluded_fields),
        get_user=history_user,
        # A historical row is read by the history pages of one object:
        # indexed by the object's id (simple-history's own), and its date.
        cascade_delete_history=False,
    )


def record_change(instance, *, by=None):
    """Write a "changed" historical row for ``instance`` as it is now, after
    a write that bypassed ``save()`` (a ``QuerySet.update``). ``instance``
    must hold the values the database holds (refresh it first)."""
    record_changes([instance], by=by)


def record_changes(instances, *, by=None):
    """``record_change`` for many rows of one model, in one insert."""
    instances = list(instances)
    if instances:
        user = by if by is not None else history_user()
        type(instances[0]).history.bulk_history_create(instances, update=True, default_user=user)
