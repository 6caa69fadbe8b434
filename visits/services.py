"""Every write that changes a visit goes through this module.

Each action is a keyword-only function taking the acting user (``by``): it
checks the permission and the lifecycle step on a locked, fresh row, changes
the visit, writes the timeline event in the same transaction, and queues the
e-mail to the other agency once the transaction commits. Views, commands and
the admin call these; nothing else changes ``Visit.status``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from agencies.models import Topic
from agencies.permissions import agency_of, can_schedule
from edits import guard
from history.records import records_actor
from studitiru import dates
from uploads import cleanup

from . import permissions
from .models import Venue, VenueKind, Visit, VisitEvent, VisitStatus, VisitTopic
from .notifications import notify_other_side


@records_actor
def move_visit(
    *, visit: Visit, to_status: VisitStatus, by, comment: str = "", at=None, changes=None
) -> VisitEvent:
    """Move ``visit`` to ``to_status`` along the lifecycle and record who did it.

    ``changes`` are further fields set in the same save (a new date, say).
    Raises ``ValidationError`` when the lifecycle does not allow the step.
    Permission checks belong to the callers (the actions below and the demo
    loader); this is the one place where the state and the timeline change.
    """
    changes = changes or {}
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if not locked.can_move_to(to_status):
            raise ValidationError(
                _("Kunjungan berstatus %(from)s tidak dapat diubah menjadi %(to)s.")
                % {"from": locked.get_status_display(), "to": VisitStatus(to_status).label}
            )
        event = VisitEvent.objects.create(
            visit=locked,
            actor=by,
            actor_agency=agency_of(by) if by is not None else None,
            created_at=at or timezone.now(),
            from_status=locked.status,
            to_status=to_status,
            comment=comment,
        )
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at", *changes])
    for field, value in changes.items():
        setattr(visit, field, value)
    visit.status = to_status
    return event


def _act(*, visit, by, allowed, to_status, comment="", changes=None) -> VisitEvent:
    """Check ``allowed(by, visit)`` on the locked row, move, and notify."""
    with transaction.atomic():
        fresh = Visit.objects.select_for_update().select_related("host", "visitor").get(pk=visit.pk)
        if not allowed(by, fresh):
            raise permissions.refusal(by, fresh, allowed)
        event = move_visit(
            visit=fresh, to_status=to_status, by=by, comment=comment, changes=changes
        )
        notify_other_side(event)
    visit.refresh_from_db()
    return event


def _set_topics(visit, topics):
    """Make the visit's topics ``topics``: (Topic, questions) pairs.

    Only what changed is written, row by row, so that the change history
    says which topic was added, removed or given other questions (a visit
    has a handful of topics)."""
    stored = {row.topic_id: row for row in visit.visit_topics.all()}
    for order, (topic, questions) in enumerate(topics):
        row = stored.pop(topic.pk, None) or VisitTopic(visit=visit, topic=topic)
        if row.pk is None or (row.questions, row.order) != (questions, order):
            row.questions, row.order = questions, order
            row.save()
    for row in stored.values():
        row.delete()


def _set_venues(visit, venues):
    """Make the visit's places ``venues``: (VenueKind, name) pairs, in order;
    like ``_set_topics``, only what changed is written."""
    stored = list(visit.venues.all())
    for order, (kind, name) in enumerate(venues):
        row = stored.pop(0) if stored else Venue(visit=visit)
        if row.pk is None or (row.kind, row.name, row.order) != (kind, name, order):
            row.kind, row.name, row.order = kind, name, order
            row.save()
    for row in stored:
        row.delete()


# --- The dates a request or a proposal may carry ----------------------------------
#
# A request and the host's other date are plans: they start in the future,
# counted in the host's time zone (the visit happens there). A visit that
# really took place before it was entered in the portal is recorded by a
# national administrator in the admin (``visit_record_past``), never through
# the request form.


def _day(moment, tz):
    return formats.date_format(moment.astimezone(tz), "DATE_FORMAT")


def _time(moment, tz):
    with timezone.override(tz):
        return dates.clock(moment)


def date_refusal(*, host, start, end, current=None, proposal=False, now=None):
    """Why the moments ``start``–``end`` may not be asked for a visit to
    ``host``, as ``(field, message)`` (the field of the form the rule is
    about), or None when they may. The rules: the start is not in the past
    (a day before today, or an hour already gone today, in the host's zone);
    a proposal (``proposal=True``) is not the ``current`` (start, end)."""
    tz = host.tzinfo
    now = now or timezone.now()
    zone = host.time_zone
    what = _("Tanggal usulan") if proposal else _("Tanggal mulai")
    if start.astimezone(tz).date() < now.astimezone(tz).date():
        return "start_date", _(
            "%(what)s %(date)s sudah lewat: kunjungan hanya dapat diajukan untuk hari ini "
            "atau sesudahnya (hari ini %(today)s, waktu %(zone)s)."
        ) % {"what": what, "date": _day(start, tz), "today": _day(now, tz), "zone": zone}
    if start < now:
        return "start_time", _(
            "Jam mulai %(time)s %(zone)s sudah lewat hari ini (sekarang pukul %(now)s %(zone)s): "
            "kunjungan hanya dapat diajukan untuk waktu yang akan datang."
        ) % {"time": _time(start, tz), "now": _time(now, tz), "zone": zone}
    if proposal and current is not None and (start, end) == tuple(current):
        return "start_date", _(
            "Tanggal usulan sama dengan jadwal yang diajukan (%(date)s, %(start)s–%(end)s "
            "%(zone)s): usulkan tanggal atau jam lain, atau terima permohonan."
        ) % {
            "date": _day(start, tz),
            "start": _time(start, tz),
            "end": _time(end, tz),
            "zone": zone,
        }
    return None


def _check_dates(**kwargs):
    if refused := date_refusal(**kwargs):
        raise ValidationError(refused[1], code="date")


@records_actor
def visit_create(*, visit: Visit, topics: list[tuple[Topic, str]], venues=(), by) -> Visit:
    """Save a new visit request of the user's agency as a draft.

    ``visit`` is an unsaved instance (from the request form) with its host,
    dates and texts; the visitor is the user's agency. Side effects: the
    visit, its topics and places, and a "created" timeline event.
    """
    agency = agency_of(by)
    if agency is None or not can_schedule(by, agency):
        raise PermissionDenied
    visit.visitor = agency
    visit.status = VisitStatus.DRAFT
    visit.created_by = by
    _check_dates(host=visit.host, start=visit.start, end=visit.end)
    visit.full_clean(exclude=["request_letter_file", "reply_letter_file"])
    with transaction.atomic():
        visit.save()
        _set_topics(visit, topics)
        _set_venues(visit, venues)
        VisitEvent.objects.create(
            visit=visit,
            actor=by,
            actor_agency=agency,
            created_at=timezone.now(),
            from_status="",
            to_status=VisitStatus.DRAFT,
        )
    return visit


# What the request form edits of the visit itself, compared by the edit guard
# (with the times, the topics and the places).
REQUEST_FIELDS = (
    "host",
    "title",
    "start",
    "end",
    "purpose",
    "basis",
    "request_letter_number",
    "request_letter_date",
    "request_letter_file",
)


def _one_line(text):
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def visit_values(visit, *, topics=None, venues=None) -> guard.Snapshot:
    """What the request form edits, its times in the host's zone. ``topics``
    and ``venues`` are the form's pairs; the stored ones when not given."""
    if topics is None:
        # all(): the edit page prefetches them (with the topics) for its form too.
        topics = [(vt.topic, vt.questions) for vt in visit.visit_topics.all()]
    if venues is None:
        venues = [(venue.kind, venue.name) for venue in visit.venues.all()]
    host = visit.host
    values = guard.model_values(visit, REQUEST_FIELDS, tz=host.tzinfo, zone=host.time_zone)
    values["topics"] = guard.Value(
        _("Topik dan pertanyaan"),
        "\n".join(
            f"{topic.code} — {topic.name}" + (f": {_one_line(questions)}" if questions else "")
            for topic, questions in topics
        ),
    )
    values["venues"] = guard.Value(
        _("Tempat"),
        "\n".join(f"{VenueKind(kind).label}: {name}" for kind, name in venues),
    )
    return values


@records_actor
def visit_update(
    *, visit: Visit, topics: list[tuple[Topic, str]], venues=(), by, version=None
) -> Visit:
    """Save the visitor's changes to a request the host has not answered yet.

    With the ``version`` the edit form was opened at, raises
    ``guard.EditConflict`` (and saves nothing) when someone else changed the
    request since. Side effects: a request letter replaced or cleared leaves
    the storage once the change is committed."""
    with transaction.atomic():
        fresh = Visit.objects.select_for_update().select_related("host", "visitor").get(pk=visit.pk)
        if not permissions.can_edit_request(by, fresh):
            raise permissions.refusal(by, fresh, permissions.can_edit_request)
        if version is not None:
            prefetch_related_objects(
                [fresh],
                Prefetch("visit_topics", VisitTopic.objects.select_related("topic")),
                "venues",
            )
            guard.check(
                version,
                about=fresh,
                current=visit_values(fresh),
                mine=visit_values(visit, topics=topics, venues=venues),
                when=guard.moment(fresh.updated_at, fresh.host.tzinfo, fresh.host.time_zone),
            )
        visit.status = fresh.status  # the form never changes the state
        if (visit.start, visit.end, visit.host_id) != (fresh.start, fresh.end, fresh.host_id):
            # Moved: to a time still to come (a date left as it was stays).
            _check_dates(host=visit.host, start=visit.start, end=visit.end)
        visit.full_clean(exclude=["request_letter_file", "reply_letter_file"])
        visit.save()
        _set_topics(visit, topics)
        _set_venues(visit, venues)
        cleanup.delete_replaced(fresh, visit, "request_letter_file")
    return visit


REPLY_LETTER_FIELDS = ("reply_letter_number", "reply_letter_date", "reply_letter_file")


def reply_letter_values(visit) -> guard.Snapshot:
    """What the reply letter form edits, compared by the edit guard."""
    return guard.model_values(visit, REPLY_LETTER_FIELDS)


@records_actor
def visit_record_reply_letter(*, visit: Visit, by, number, date, file=None, version=None) -> Visit:
    """The host records its reply letter (surat balasan): number, date, scan.

    ``file`` is a new scan (a PDF checked by ``forms.LetterField``), None to
    keep the one stored, or False to remove it, as a form's file field
    cleans. With the ``version`` the form was opened at, raises
    ``guard.EditConflict`` (saving nothing) when someone else recorded the
    letter since. Side effects: a replaced or removed scan leaves the storage
    once the change is committed."""
    with transaction.atomic():
        fresh = Visit.objects.select_for_update().select_related("host", "visitor").get(pk=visit.pk)
        if not permissions.can_record_reply_letter(by, fresh):
            raise permissions.refusal(by, fresh, permissions.can_record_reply_letter)
        saved = reply_letter_values(fresh)
        stored = fresh.reply_letter_file
        fresh.reply_letter_number = number
        fresh.reply_letter_date = date
        fields = ["reply_letter_number", "reply_letter_date", "updated_at"]
        if file is not None:
            fresh.reply_letter_file = file or ""
            fields.append("reply_letter_file")
        if version is not None:
            guard.check(
                version,
                about=fresh,
                current=saved,
                mine=reply_letter_values(fresh),
                when=guard.moment(fresh.updated_at, fresh.host.tzinfo, fresh.host.time_zone),
            )
        fresh.save(update_fields=fields)
        if fresh.reply_letter_file.name != stored.name:
            cleanup.delete_on_commit(stored)
    return fresh


def visit_submit(*, visit, by, comment=""):
    """Send the draft to the host (draft → requested); e-mails the host."""
    if not visit.visit_topics.exists():
        raise ValidationError(_("Pilih setidaknya satu topik sebelum mengajukan kunjungan."))
    # A draft whose date has passed meanwhile is moved first (edit the request).
    _check_dates(host=visit.host, start=visit.start, end=visit.end)
    return _act(
        visit=visit,
        by=by,
        allowed=permissions.can_submit,
        to_status=VisitStatus.REQUESTED,
        comment=comment,
    )


def visit_accept(*, visit, by, comment="", reply_letter_number="", reply_letter_date=None):
    """The host accepts the request (requested → scheduled); e-mails the visitor."""
    changes = {}
    if reply_letter_number:
        changes["reply_letter_number"] = reply_letter_number
    if reply_letter_date:
        changes["reply_letter_date"] = reply_letter_date
    return _act(
        visit=visit,
        by=by,
        allowed=permissions.can_answer_request,
        to_status=VisitStatus.SCHEDULED,
        comment=comment,
        changes=changes,
    )


def visit_decline(*, visit, by, comment=""):
    """The host declines the request (requested → declined); e-mails the visitor."""
    return _act(
        visit=visit,
        by=by,
        allowed=permissions.can_answer_request,
        to_status=VisitStatus.DECLINED,
        comment=comment,
    )


def visit_propose_date(*, visit, by, start, end, comment=""):
    """The host proposes another date (requested → date proposed); the
    visitor accepts or refuses it. E-mails the visitor."""
    if end < start:
        raise ValidationError(_("Waktu selesai tidak boleh sebelum waktu mulai."))
    _check_dates(
        host=visit.host, start=start, end=end, current=(visit.start, visit.end), proposal=True
    )
    return _act(
        visit=visit,
        by=by,
        allowed=permissions.can_answer_request,
        to_status=VisitStatus.DATE_PROPOSED,
        comment=comment,
        changes={"proposed_start": start, "proposed_end": end},
    )


def visit_accept_proposal(*, visit, by, comment=""):
    """The visitor takes the host's date (date proposed → scheduled); e-mails the host."""
    fresh = Visit.objects.get(pk=visit.pk)
    return _act(
        visit=visit,
        by=by,
        allowed=permissions.can_answer_proposal,
        to_status=VisitStatus.SCHEDULED,
        comment=comment,
        changes={
            "start": fresh.proposed_start,
            "end": fresh.proposed_end,
            "proposed_start": None,
            "proposed_end": None,
        },
    )


def visit_refuse_proposal(*, visit, by, comment=""):
    """The visitor keeps its own date (date proposed → requested): the host
    answers the request again. E-mails the host."""
    return _act(
        visit=visit,
        by=by,
        allowed=permissions.can_answer_proposal,
        to_status=VisitStatus.REQUESTED,
        comment=comment,
        changes={"proposed_start": None, "proposed_end": None},
    )


def visit_cancel(*, visit, by, comment=""):
    """The visitor cancels before the visit is held; e-mails the host."""
    return _act(
        visit=visit,
        by=by,
        allowed=permissions.can_cancel,
        to_status=VisitStatus.CANCELLED,
        comment=comment,
        changes={"proposed_start": None, "proposed_end": None},
    )


def visit_mark_held(*, visit, by, comment=""):
    """Either side records that the visit took place (scheduled → held)."""
    return _act(
        visit=visit,
        by=by,
        allowed=permissions.can_mark_held,
        to_status=VisitStatus.HELD,
        comment=comment,
    )


# The three steps a visit that already took place passes through at once.
PAST_VISIT_STEPS = (VisitStatus.REQUESTED, VisitStatus.SCHEDULED, VisitStatus.HELD)


@records_actor
def visit_record_past(*, visit, by, now=None) -> Visit:
    """Record a draft whose dates are over as a visit that took place
    (draft → requested → scheduled → held, each step in the timeline with
    the note that an administrator recorded it). This is the one way to
    enter a visit held before it was in the portal: a national
    administrator creates it in the admin with its past dates and runs the
    admin action "Catat sebagai kunjungan yang sudah terlaksana"; the
    request form refuses dates in the past. Raises ``PermissionDenied`` for
    anyone but a superuser or staff member allowed to change visits, and
    ``ValidationError`` when the visit is not a draft or not over yet."""
    if not (by.is_active and by.is_staff and by.has_perm("visits.change_visit")):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        fresh = Visit.objects.select_for_update().get(pk=visit.pk)
        if fresh.status != VisitStatus.DRAFT:
            raise ValidationError(
                _("Hanya draf yang dapat dicatat sebagai kunjungan yang sudah terlaksana.")
            )
        if fresh.end > now:
            raise ValidationError(
                _(
                    "Kunjungan belum selesai: hanya kunjungan yang sudah berakhir yang "
                    "dapat dicatat sebagai sudah terlaksana."
                )
            )
        note = _("Dicatat oleh administrator: kunjungan yang sudah terlaksana.")
        for step in PAST_VISIT_STEPS:
            move_visit(visit=fresh, to_status=step, by=by, comment=note)
    visit.refresh_from_db()
    return visit
