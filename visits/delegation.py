"""Writes to a visit's people and programme: the delegation, the host's
officials, attendance on the day and the agenda.

Like ``visits.services``, every function here is keyword-only, takes the
acting user (``by``), checks the predicate of ``visits.permissions`` on a
fresh, locked visit row and writes in one transaction. Views and commands call
these; nothing else writes a ``Participant`` or an ``AgendaItem``.

Two rules live here rather than in the predicates:

- A visit has at most one head of delegation (a partial unique constraint):
  naming a new head demotes the previous one to member first, in the same
  transaction.
- Participants are removed only before the visit is held. From "held" on the
  list is the attendance record (the *daftar hadir* the report appends), so a
  person who did not come is marked "tidak hadir" instead of deleted, and an
  import can add to the list but no longer replace it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from edits import guard
from history.personal import scrub_personal_history
from history.records import record_changes, records_actor
from pagecache import stamps

from . import permissions
from .models import (
    VISITOR_ROLES,
    AgendaItem,
    ContactErasure,
    DelegationRole,
    Participant,
    Side,
    Visit,
)


def _lock(visit) -> Visit:
    """The visit's row, locked until the transaction ends, with its agencies
    (the predicates read them) but without locking the agencies' rows."""
    return (
        Visit.objects.select_for_update(of=("self",))
        .select_related("host__province", "visitor__province")
        .get(pk=visit.pk)
    )


def _lock_own_participant(participant, by) -> tuple[Visit, Participant]:
    """The visit (locked) and a fresh copy of ``participant``, once ``by``
    may edit the people of the participant's side."""
    visit = _lock(participant.visit)
    fresh = Participant.objects.get(pk=participant.pk, visit=visit)
    _require_side_editable(by, visit, fresh.side)
    return visit, fresh


def _require_side_editable(by, visit, side):
    """Refuse, with the rule that refuses it, unless ``by`` may edit the
    people of ``side`` on the (locked) ``visit``."""
    if not permissions.can_edit_participants(by, visit, side):
        raise permissions.refusal(
            by, visit, permissions.side_check(permissions.can_edit_participants, side)
        )


def _next_order(visit, side) -> int:
    last = visit.participants.filter(side=side).aggregate(last=Max("order"))["last"]
    return (last or 0) + 1


def _demote_heads(visit, *, keep=None):
    """Make the current head of the delegation a plain member, so that another
    participant can become head without breaking the one-head constraint."""
    heads = Participant.objects.filter(visit=visit, role=DelegationRole.HEAD)
    if keep is not None and keep.pk is not None:
        heads = heads.exclude(pk=keep.pk)
    for head in heads:  # at most one; saved one by one for the change history
        head.role = DelegationRole.MEMBER
        head.save(update_fields=["role"])


def _check_role(participant):
    """The database refuses a role of the other side; say so in words first."""
    if (participant.side == Side.VISITOR) != (participant.role in VISITOR_ROLES):
        raise ValidationError(
            {
                "role": _("Peran ini tidak sesuai dengan pihak %(side)s.")
                % {"side": Side(participant.side).label}
            }
        )


def registered_nips(visit, *, replacing_side=None, excluding=None) -> dict[str, str]:
    """The NIPs already on the visit's list (both sides), each with the name of
    its participant: the rule "one NIP once per visit" (the constraint
    ``visits_participant_nip_once_per_visit``), read by the form and by the
    import. ``replacing_side``'s list is about to be replaced and does not
    count; neither does the participant being edited (``excluding``)."""
    rows = visit.participants.exclude(nip="")
    if replacing_side is not None:
        rows = rows.exclude(side=replacing_side)
    if excluding is not None and excluding.pk is not None:
        rows = rows.exclude(pk=excluding.pk)
    rows = rows.only("nip", "front_title", "name", "back_title")
    return {row.nip: row.full_name for row in rows}


def nip_taken_message(name: str) -> str:
    return _("NIP ini sudah terdaftar sebagai peserta kunjungan ini (%(name)s).") % {"name": name}


def _check_nip_once(participant, visit):
    if not participant.nip:
        return
    taken = registered_nips(visit, excluding=participant)
    if participant.nip in taken:
        raise ValidationError({"nip": nip_taken_message(taken[participant.nip])})


def _check_nips_once(participants, visit, *, replacing_side):
    """The sheet was checked when read; the list may have changed since."""
    taken = registered_nips(visit, replacing_side=replacing_side)
    for participant in participants:
        if participant.nip in taken:
            message = nip_taken_message(taken[participant.nip])
            raise ValidationError(f"{participant.full_name}: {message}")
        if participant.nip:
            taken[participant.nip] = participant.full_name


# What the participant form edits, compared by the edit guard.
PARTICIPANT_FIELDS = (
    "front_title",
    "name",
    "back_title",
    "position",
    "division",
    "role",
    "employment_type",
    "nip",
    "phone",
    "email",
)


def participant_values(participant) -> guard.Snapshot:
    return guard.model_values(participant, PARTICIPANT_FIELDS)


@records_actor
def participant_save(*, participant: Participant, by, version=None) -> Participant:
    """Add a participant to, or change one on, the user's own side.

    ``participant`` comes from the participant form: for a new one, ``visit``
    and ``side`` are set by the caller and the next number in the side's list
    is given. The side of a stored participant never changes. When the
    participant is made head of the delegation, the previous head becomes a
    member (same transaction). A change with the ``version`` the edit form
    was opened at raises ``guard.EditConflict`` when someone else changed
    the participant since (nothing is saved).
    """
    with transaction.atomic():
        visit = _lock(participant.visit)
        if participant.pk is not None:
            stored = Participant.objects.select_for_update().get(pk=participant.pk, visit=visit)
            participant.side = stored.side
        _require_side_editable(by, visit, participant.side)
        if participant.pk is not None and version is not None:
            guard.check(
                version,
                about=stored,
                current=participant_values(stored),
                mine=participant_values(participant),
            )
        _check_role(participant)
        participant.full_clean(exclude=["visit"], validate_constraints=False)
        _check_nip_once(participant, visit)
        if participant.pk is None:
            participant.order = _next_order(visit, participant.side)
        if participant.role == DelegationRole.HEAD:
            _demote_heads(visit, keep=participant)
        participant.save()
    return participant


@records_actor
def participant_make_head(*, participant: Participant, by) -> Participant:
    """Make a member of the visiting delegation its head; the previous head
    becomes a member."""
    with transaction.atomic():
        visit, fresh = _lock_own_participant(participant, by)
        if fresh.side != Side.VISITOR:
            raise ValidationError(_("Hanya anggota rombongan pengunjung yang dapat menjadi ketua."))
        if fresh.role != DelegationRole.HEAD:
            _demote_heads(visit, keep=fresh)
            fresh.role = DelegationRole.HEAD
            fresh.save(update_fields=["role"])
    participant.role = DelegationRole.HEAD
    return participant


@records_actor
def participant_delete(*, participant: Participant, by) -> None:
    """Remove a participant of the user's own side, before the visit is held."""
    with transaction.atomic():
        visit, fresh = _lock_own_participant(participant, by)
        if not permissions.can_remove_participants(by, visit, fresh.side):
            raise ValidationError(
                _(
                    "Kunjungan sudah terlaksana: daftar peserta kini menjadi daftar hadir. "
                    "Tandai peserta sebagai tidak hadir alih-alih menghapusnya."
                )
            )
        fresh.delete()


@records_actor
def participants_import(
    *, visit: Visit, side: Side, participants: list[Participant], replace: bool, by
) -> int:
    """Add the rows of a checked participant sheet to the user's own side
    (``replace=False``) or put them in place of that side's list
    (``replace=True``, only before the visit is held). The other side is never
    touched. A head in the sheet takes over from the current head. Returns the
    number of participants created. One transaction: all rows or none.
    """
    heads = [p for p in participants if p.role == DelegationRole.HEAD]
    if len(heads) > 1:
        raise ValidationError(_("Sebuah rombongan hanya boleh memiliki satu ketua."))
    with transaction.atomic():
        locked = _lock(visit)
        _require_side_editable(by, locked, side)
        if replace:
            if not permissions.can_remove_participants(by, locked, side):
                raise ValidationError(
                    _(
                        "Kunjungan sudah terlaksana: daftar peserta tidak dapat diganti, "
                        "hanya ditambah."
                    )
                )
            locked.participants.filter(side=side).delete()
            first = 1
        else:
            first = _next_order(locked, side)
        _check_nips_once(participants, locked, replacing_side=side if replace else None)
        if heads:
            _demote_heads(locked)
        for number, participant in enumerate(participants, start=first):
            participant.visit = locked
            participant.side = side
            participant.order = number
        bulk_create_with_history(participants, Participant, batch_size=500, default_user=by)
        stamps.touch_objects(participants)
    return len(participants)


@records_actor
def attendance_set(*, participant: Participant, attended: bool | None, by) -> Participant:
    """Record whether a participant (of either side) came: True, False, or
    None for "not recorded yet"."""
    with transaction.atomic():
        visit = _lock(participant.visit)
        if not permissions.can_mark_attendance(by, visit):
            raise permissions.refusal(by, visit, permissions.can_mark_attendance)
        current = Participant.objects.filter(pk=participant.pk, visit=visit).first()
        if current is None:
            raise Participant.DoesNotExist
        current.attended = attended
        current.save(update_fields=["attended"])  # through save(): the history sees it
    participant.attended = attended
    return participant


@records_actor
def attendance_record(*, visit, present, absent, by) -> int:
    """Record a checklist of the day at once: the participants whose ids are
    in ``present`` came, those in ``absent`` did not (the rows of the page
    left unchecked). Only rows whose attendance changes are written, each
    with its historical row. Returns how many rows changed."""
    present, absent = set(present), set(absent)
    if present & absent:
        raise ValueError("A participant cannot be present and absent at once.")
    changed = []
    with transaction.atomic():
        locked = _lock(visit)
        if not permissions.can_mark_attendance(by, locked):
            raise permissions.refusal(by, locked, permissions.can_mark_attendance)
        for attended, ids in ((True, present), (False, absent)):
            rows = (
                Participant.objects.filter(visit=locked, pk__in=ids)
                .exclude(attended=attended)
                .select_for_update(of=("self",))
            )
            pks = list(rows.values_list("pk", flat=True))
            if pks:
                Participant.objects.filter(pk__in=pks).update(attended=attended)
                stamps.touch(Participant.objects.filter(pk__in=pks))
                changed += pks
        # QuerySet.update writes no history by itself: one row per change.
        record_changes(Participant.objects.filter(pk__in=changed).order_by("pk"), by=by)
    return len(changed)


def agenda_item_values(item, *, visit) -> guard.Snapshot:
    """What the agenda form edits, its times in the host's zone."""
    fields = ("start", "end", "kind", "title", "place", "speaker")
    return guard.model_values(item, fields, tz=visit.host.tzinfo, zone=visit.host.time_zone)


@records_actor
def agenda_item_save(*, item: AgendaItem, by, version=None) -> AgendaItem:
    """Add an item to, or change one on, the visit's agenda. ``item.start`` and
    ``item.end`` are aware datetimes (the form reads them in the host's zone).
    A change with the ``version`` the edit form was opened at raises
    ``guard.EditConflict`` when someone else changed the item since."""
    with transaction.atomic():
        visit = _lock(item.visit)
        stored = None
        if item.pk is not None:
            stored = AgendaItem.objects.select_for_update().filter(pk=item.pk, visit=visit).first()
            if stored is None:
                raise AgendaItem.DoesNotExist
        if not permissions.can_edit_agenda(by, visit):
            raise permissions.refusal(by, visit, permissions.can_edit_agenda)
        if stored is not None and version is not None:
            guard.check(
                version,
                about=stored,
                current=agenda_item_values(stored, visit=visit),
                mine=agenda_item_values(item, visit=visit),
            )
        item.full_clean(exclude=["visit"])
        item.save()
    return item


@records_actor
def agenda_item_delete(*, item: AgendaItem, by) -> None:
    with transaction.atomic():
        visit = _lock(item.visit)
        if not permissions.can_edit_agenda(by, visit):
            raise permissions.refusal(by, visit, permissions.can_edit_agenda)
        AgendaItem.objects.filter(pk=item.pk, visit=visit).delete()


# --- Personal data (UU PDP) ------------------------------------------------------------


ERASURE_BATCH = 5000


def participants_erase_contacts(*, participants, reason: ContactErasure, by=None, at=None) -> int:
    """Erase the NIP, phone and e-mail of ``participants`` (a queryset) and
    record when and why on each row; names, titles, positions and attendance
    stay as the historical record. Returns how many rows were erased.

    The one erasure used by the retention task (``by=None``, the system) and
    by a person's request (``privacy.services``). Like ``move_visit`` it does
    not check permissions: its callers decide which rows a user may erase.
    Rows already erased are left as they are (their first date stays).
    """
    at = at or timezone.now()
    with transaction.atomic():
        pks = list(
            participants.filter(contact_erased_at__isnull=True)
            .select_for_update(of=("self",))
            .values_list("pk", flat=True)
        )
        # In batches: the first retention run on a national data set meets
        # hundreds of thousands of rows, more than one statement may name.
        for start in range(0, len(pks), ERASURE_BATCH):
            batch = pks[start : start + ERASURE_BATCH]
            stamps.touch(Participant.objects.filter(pk__in=batch).only("visit_id"))
            Participant.objects.filter(pk__in=batch).update(
                nip="",
                phone="",
                email="",
                contact_erased_at=at,
                contact_erasure=reason,
            )
            # The history keeps no copy of what was erased, and records the
            # erasure itself with who made it (nobody: the retention task).
            scrub_personal_history(participant_ids=batch)
            record_changes(Participant.objects.filter(pk__in=batch), by=by)
    return len(pks)
