"""Row synchronisation for the demo loaders: make the database hold the
declared rows, found by natural keys, writing only what differs, and count
the rows ``created`` and ``updated`` so that a second run can say it changed
nothing."""

from django.db import models


def sync(model, lookup, values, stats, *, on_create=None):
    """The row of ``model`` matching ``lookup`` and whether it was created:
    created with ``values`` (and ``on_create``) when missing, else with any
    differing ``values`` restored."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        stats["created"] += 1
        return model.objects.create(**lookup, **values, **(on_create or {})), True
    restore(obj, values, stats)
    return obj, False


def sync_rows(queryset, key_fields, rows, stats, *, on_create=None):
    """Make ``queryset`` hold ``rows``, matched on ``key_fields``: missing rows
    are inserted in one query, differing ones restored, others left alone.
    Rows of the queryset that match no row are kept.

    Returns the object of every row by its key tuple."""
    model = queryset.model
    existing = {tuple(_value(obj, name) for name in key_fields): obj for obj in queryset}
    objects, missing = {}, []
    for row in rows:
        key = tuple(_raw(row[name]) for name in key_fields)
        obj = existing.get(key)
        if obj is None:
            obj = model(**row, **(on_create or {}))
            missing.append(obj)
        else:
            restore(obj, {k: v for k, v in row.items() if k not in key_fields}, stats)
        objects[key] = obj
    model.objects.bulk_create(missing)
    stats["created"] += len(missing)
    return objects


def restore(obj, values, stats):
    """Save the fields of ``obj`` that differ from ``values``, and only those."""
    changed = [name for name, value in values.items() if _value(obj, name) != _raw(value)]
    if not changed:
        return
    for name in changed:
        setattr(obj, name, values[name])
    auto_now = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
    obj.save(update_fields=changed + auto_now)
    stats["updated"] += 1


def _value(obj, name):
    """A field's stored value; the id for a foreign key (no query)."""
    return getattr(obj, obj._meta.get_field(name).attname)


def _raw(value):
    return value.pk if isinstance(value, models.Model) else value
