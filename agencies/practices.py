"""Every write to an agency's good practices goes through this module.

Each function is keyword-only and takes the acting user (``by``): it checks
that the user keeps the owning agency's practices, validates the row the way
the database will (the unique title per agency and topic), and saves it in a
transaction. A practice is never deleted: visit requests and reports may refer
to it, so it is deactivated and leaves the directory instead (DESIGN.md:
"Nothing is hard-deleted that a report or plan depends on").

This module also holds the read side of the directory that is more than a
filter: which topics a search word names (``topics_matching``); which topics
a topic filter covers is ``Topic.objects.lineage``.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from edits import guard
from history.records import record_change, records_actor
from pagecache import stamps

from .models import GoodPractice, Topic
from .permissions import can_manage_practices

# The fields a coordinator edits; agency and creation time are not among them.
EDITABLE_FIELDS = ("topic", "title", "description", "location", "contact", "is_active")


@records_actor
def create_practice(
    *, agency, by, topic, title, description="", location="", contact=""
) -> GoodPractice:
    """Add a good practice to ``agency``'s list, shown in the directory at once.

    Raises ``PermissionDenied`` unless ``by`` keeps ``agency``'s practices and
    ``ValidationError`` for a title the agency already uses for that topic.
    """
    if not can_manage_practices(by, agency):
        raise PermissionDenied
    practice = GoodPractice(
        agency=agency,
        topic=topic,
        title=title,
        description=description,
        location=location,
        contact=contact,
    )
    with transaction.atomic():
        practice.full_clean()
        practice.save()
    return practice


def practice_values(practice) -> guard.Snapshot:
    """What the practice form edits, compared by the edit guard."""
    return guard.model_values(practice, EDITABLE_FIELDS)


@records_actor
def update_practice(*, practice, by, version=None, **changes) -> GoodPractice:
    """Change the fields in ``changes`` (any of ``EDITABLE_FIELDS``).

    Setting ``is_active=True`` shows a deactivated practice again. Raises
    ``PermissionDenied`` unless ``by`` keeps the practice's agency's practices,
    ``ValidationError`` for a duplicate title, ``TypeError`` for a field that
    cannot be edited, and, with the ``version`` the edit form was opened at,
    ``guard.EditConflict`` (saving nothing) when someone else changed the
    practice since.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not can_manage_practices(by, practice.agency):
        raise PermissionDenied
    with transaction.atomic():
        stored = GoodPractice.objects.select_for_update().get(pk=practice.pk)
        for field, value in changes.items():
            setattr(practice, field, value)
        if version is not None:
            guard.check(
                version,
                about=stored,
                current=practice_values(stored),
                mine=practice_values(practice),
            )
        practice.full_clean()
        practice.save(update_fields=list(changes) or None)
    return practice


@records_actor
def deactivate_practice(*, practice, by) -> GoodPractice:
    """Take the practice out of the directory; it stays in the database and
    its agency can show it again from the edit form."""
    if not can_manage_practices(by, practice.agency):
        raise PermissionDenied
    with transaction.atomic():
        GoodPractice.objects.filter(pk=practice.pk).update(is_active=False)
        practice.is_active = False
        stamps.touch_objects([practice])
        record_change(practice, by=by)  # the update above bypassed save()
    return practice


def topics_matching(text, topics):
    """The topics of the loaded catalogue ``topics`` whose code, name or an
    alias contains ``text`` (case-insensitive), with their renamed forms: a
    search for "CSR" or "Puskesos" finds the practices filed under FTJSLP or
    PUSKESOS. A lazy queryset, for a filter."""
    needle = text.casefold()
    matched = [
        t
        for t in topics
        if needle in t.code.casefold()
        or needle in t.name.casefold()
        or any(needle in str(alias).casefold() for alias in t.aliases or [])
    ]
    return Topic.objects.lineage(*matched)
