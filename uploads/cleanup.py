"""Stored files leave the storage when nothing names them any more.

Django never deletes a stored file: a replaced logo, a cleared letter or the
photos of a deleted report would stay on the disk (or in the bucket) for
ever, full of personal data and counted in every backup. Two moments end a
file's life, and both wait for the change to be committed, so that a change
rolled back still finds its files:

- a row points at a new file, or at none: the service or admin that saved it
  calls ``delete_replaced`` with the row as it was;
- a row is deleted, by a service, the admin or a cascade from its parent:
  ``delete_with_rows`` connects the models that hold files, in their apps'
  ``ready()``. A ``post_delete`` receiver is the one place that sees
  cascades (a report deleted in the admin takes its photos along); it
  decides nothing, it only tidies the storage.

A file that cannot be deleted (the storage is down) is logged and left: the
change it belonged to is already committed.
"""

import logging

from django.db import models, transaction
from django.db.models.signals import post_delete

logger = logging.getLogger(__name__)


def delete_on_commit(*files, using=None):
    """Delete the stored ``files`` (``FieldFile`` values) once the current
    transaction commits, at once outside of one. Empty ones are skipped."""
    stored = [(file.storage, file.name) for file in files if file and file.name]
    if stored:
        transaction.on_commit(lambda: _delete(stored), using=using)


def delete_now(*files):
    """Delete the stored ``files`` at once: the files a failed change had
    already written (one never written has nothing to delete)."""
    _delete(
        [
            (file.storage, file.name)
            for file in files
            if file and file.name and getattr(file, "_committed", True)
        ]
    )


def delete_replaced(before, after, *field_names, using=None):
    """Once committed, delete the files that ``before`` (the row as it was
    stored) names in ``field_names`` and ``after`` (the row as saved) no
    longer does: replaced by another upload, or cleared."""
    delete_on_commit(
        *(
            getattr(before, name)
            for name in field_names
            if getattr(before, name).name != getattr(after, name).name
        ),
        using=using,
    )


def delete_with_rows(*model_classes):
    """Delete the files of every row of ``model_classes`` deleted from now on,
    once the deletion commits."""
    for model in model_classes:
        post_delete.connect(
            _delete_files_of_row, sender=model, dispatch_uid=f"uploads.cleanup:{model._meta.label}"
        )


def _delete_files_of_row(sender, instance, using, **kwargs):
    deferred = instance.get_deferred_fields()
    delete_on_commit(
        *(
            getattr(instance, field.attname)
            for field in sender._meta.concrete_fields
            if isinstance(field, models.FileField) and field.attname not in deferred
        ),
        using=using,
    )


def _delete(stored):
    for storage, name in stored:
        try:
            storage.delete(name)
        except Exception as error:  # noqa: BLE001 - any storage, any failure
            logger.warning("Stored file %s was not deleted: %s", name, error)
