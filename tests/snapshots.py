"""Asserting that a refusal wrote nothing: the rows of the tables a refused
request or service call could have touched are the same after it as before.

    with unchanged("visits"):
        response = client.post(...)
    assert response.status_code == 403

A status code alone does not show that nothing happened: a view may write,
then refuse (or answer 404) without rolling back."""

from contextlib import contextmanager

from django.apps import apps
from django.db.models import QuerySet


def _querysets(sources):
    """(label, queryset) for each source: an app label (every table of the
    app, its history and timelines included), a model or a queryset."""
    for source in sources:
        if isinstance(source, str):
            for model in apps.get_app_config(source).get_models(include_auto_created=True):
                yield model._meta.label, model._base_manager.all()
        elif isinstance(source, QuerySet):
            yield source.model._meta.label, source.all()
        else:
            yield source._meta.label, source._base_manager.all()


def snapshot(*sources) -> dict:
    """Every row of ``sources`` by table and primary key, as ``values()``
    (the rows of two sources of one table together)."""
    tables = {}
    for label, queryset in _querysets(sources):
        pk = queryset.model._meta.pk.attname
        rows = tables.setdefault(label, {})
        rows.update((row[pk], row) for row in queryset.order_by().values())
    return tables


def differences(before: dict, after: dict) -> list[str]:
    """What changed between two snapshots, one line per added, deleted or
    changed row (with the changed fields' old and new values)."""
    lines = []
    for label, old in before.items():
        new = after[label]
        lines += [f"{label} #{pk} deleted: {old[pk]}" for pk in sorted(old.keys() - new.keys())]
        lines += [f"{label} #{pk} added: {new[pk]}" for pk in sorted(new.keys() - old.keys())]
        for pk in sorted(old.keys() & new.keys()):
            changed = {
                field: (value, new[pk][field])
                for field, value in old[pk].items()
                if value != new[pk][field]
            }
            if changed:
                lines.append(f"{label} #{pk} changed: {changed}")
    return lines


@contextmanager
def unchanged(*sources):
    """Fail when the block adds, deletes or changes a row of ``sources``
    (app labels, models or querysets). Put it outside ``pytest.raises`` so
    that it compares after the refused call."""
    if not sources:
        raise TypeError("unchanged() needs the app labels, models or querysets to compare.")
    before = snapshot(*sources)
    yield
    changes = differences(before, snapshot(*sources))
    assert not changes, "The database changed:\n" + "\n".join(changes)
