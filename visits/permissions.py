"""Who may see and do what with a visit. Views, services and templates ask
these named predicates; no view loads a visit by itself.

Only the two agencies of a visit see it. Only the visiting agency drafts,
submits, answers a proposed date or cancels; only the host accepts, declines
or proposes another date (DESIGN.md). Another agency's visit answers 404, so
its existence does not leak; the wrong role in the right agency answers 403.
"""

import copy

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.permissions import HISTORY_ROLES, agency_of, can_schedule, has_role, membership_of

from .models import Side, Visit, VisitStatus

# States in which a visit can still change before it takes place.
OPEN_STATES = frozenset(
    {
        VisitStatus.DRAFT,
        VisitStatus.REQUESTED,
        VisitStatus.DATE_PROPOSED,
        VisitStatus.SCHEDULED,
    }
)
# States in which the delegation and the agenda can still be edited
# (attendance is marked on the day, so "held" is included).
PLANNING_STATES = OPEN_STATES | {VisitStatus.HELD}


def side_of(user, visit) -> Side | None:
    """The user's side of the visit: ``Side.VISITOR``, ``Side.HOST`` or None."""
    agency = agency_of(user)
    if agency is None:
        return None
    if agency.pk == visit.visitor_id:
        return Side.VISITOR
    if agency.pk == visit.host_id:
        return Side.HOST
    return None


def can_view(user, visit) -> bool:
    """The two agencies of the visit see everything of it, personal data
    of participants included. The host sees a draft only once it is submitted."""
    side = side_of(user, visit)
    if side == Side.HOST:
        return visit.status != VisitStatus.DRAFT
    return side == Side.VISITOR


def _schedules_for(user, visit, side) -> bool:
    """The user schedules for ``side`` of a visit they can see (the host does
    not plan a draft it has not been sent)."""
    agency = visit.visitor if side == Side.VISITOR else visit.host
    return side_of(user, visit) == side and can_view(user, visit) and can_schedule(user, agency)


def can_edit_request(user, visit) -> bool:
    """The visitor edits its request while the host has not answered it."""
    return visit.status in {VisitStatus.DRAFT, VisitStatus.REQUESTED} and _schedules_for(
        user, visit, Side.VISITOR
    )


def can_submit(user, visit) -> bool:
    return visit.status == VisitStatus.DRAFT and _schedules_for(user, visit, Side.VISITOR)


def can_answer_request(user, visit) -> bool:
    """Accept, decline or propose another date: the host, once requested."""
    return visit.status == VisitStatus.REQUESTED and _schedules_for(user, visit, Side.HOST)


def can_answer_proposal(user, visit) -> bool:
    """Accept or refuse the host's other date: the visitor."""
    return visit.status == VisitStatus.DATE_PROPOSED and _schedules_for(user, visit, Side.VISITOR)


def can_record_reply_letter(user, visit) -> bool:
    """The host files its reply letter once the request has reached it."""
    return visit.status != VisitStatus.DRAFT and _schedules_for(user, visit, Side.HOST)


def can_cancel(user, visit) -> bool:
    return visit.status in OPEN_STATES and _schedules_for(user, visit, Side.VISITOR)


def can_mark_held(user, visit) -> bool:
    """Either side records that a scheduled visit took place, from its first day on."""
    side = side_of(user, visit)
    return (
        visit.status == VisitStatus.SCHEDULED
        and visit.start <= timezone.now()
        and side is not None
        and _schedules_for(user, visit, side)
    )


def can_edit_participants(user, visit, side) -> bool:
    """Each agency keeps its own people: the visitor its delegation, the host
    its receiving officials."""
    return visit.status in PLANNING_STATES and _schedules_for(user, visit, side)


def can_remove_participants(user, visit, side) -> bool:
    """Removing people (one by one or by replacing the list) is allowed to the
    side's schedulers until the visit is held; afterwards the list is the
    attendance record and people are marked absent instead."""
    return visit.status in OPEN_STATES and can_edit_participants(user, visit, side)


def can_edit_agenda(user, visit) -> bool:
    """The host sets the agenda of the day; the visitor may adjust it too."""
    side = side_of(user, visit)
    return (
        visit.status in PLANNING_STATES and side is not None and _schedules_for(user, visit, side)
    )


def can_mark_attendance(user, visit) -> bool:
    return can_edit_agenda(user, visit)


def attendance_refusal(user, visit) -> str | None:
    """Why ``user`` may not mark attendance on ``visit``, naming the rule
    (the attendance page says it, the refused step answers it), or None
    when they may. The state comes first: once the visit is reported, its
    attendance is locked whoever asks."""
    if can_mark_attendance(user, visit):
        return None
    if visit.status == VisitStatus.REPORTED:
        return str(ATTENDANCE_LOCKED)
    if visit.status not in PLANNING_STATES:
        return f"{STATE_RULES[visit.status]} {ATTENDANCE_NOT_KEPT}"
    return str(ATTENDANCE_ROLES)


def can_view_history(user, visit) -> bool:
    """The change history of a visit (its data, topics, places, people and
    agenda): the heads and admins of either agency, who both see the visit
    with its participants' personal data."""
    return can_view(user, visit) and has_role(user, agency_of(user), HISTORY_ROLES)


def visits_for_agency(agency):
    """The visits an agency's members see: its own, and the others' once
    submitted (a draft belongs to its author alone)."""
    return Visit.objects.for_agency(agency).exclude(host=agency, status=VisitStatus.DRAFT)


def visits_for_user(user):
    """Visits the user's agency may see, with host and visitor loaded."""
    agency = agency_of(user)
    if agency is None:
        return Visit.objects.none()
    return visits_for_agency(agency).with_agencies()


def get_visit_for_user(request, pk, *, check=None) -> Visit:
    """Load a visit the requesting user may see, or answer 404.

    ``check`` is a predicate such as ``can_answer_request``: when the user may
    see the visit but not do this, the answer is 403.
    """
    if membership_of(request.user) is None:
        raise PermissionDenied
    visit = get_object_or_404(visits_for_user(request.user), pk=pk)
    if check is not None and not check(request.user, visit):
        raise refusal(request.user, visit, check)
    return visit


# --- Why a step is refused -------------------------------------------------------------

# What the 403 page says when a step is refused because of where the visit is
# in its lifecycle: most often a page opened again with Back after the step
# was taken ("Kunjungan ini sudah diterima").
STATE_RULES = {
    VisitStatus.DRAFT: _("Kunjungan ini masih draf: belum diajukan kepada tuan rumah."),
    VisitStatus.REQUESTED: _("Permohonan ini sudah diajukan dan menunggu jawaban tuan rumah."),
    VisitStatus.DATE_PROPOSED: _(
        "Tuan rumah sudah mengusulkan tanggal lain: permohonan menunggu jawaban instansi tamu."
    ),
    VisitStatus.SCHEDULED: _("Kunjungan ini sudah diterima dan terjadwal."),
    VisitStatus.DECLINED: _("Kunjungan ini sudah ditolak."),
    VisitStatus.HELD: _("Kunjungan ini sudah terlaksana."),
    VisitStatus.REPORTED: _("Kunjungan ini sudah terlaksana dan dilaporkan."),
    VisitStatus.CANCELLED: _("Kunjungan ini sudah dibatalkan."),
}
ATTENDANCE_LOCKED = _(
    "Daftar hadir terkunci: kunjungan ini sudah dilaporkan, sehingga kehadiran menjadi "
    "bagian laporan dan tidak dapat diubah lagi."
)
ATTENDANCE_NOT_KEPT = _("Kehadiran tidak dicatat.")
ATTENDANCE_ROLES = _(
    "Anda dapat melihat daftar hadir; kehadiran dicatat oleh staf, admin, dan kepala "
    "kedua instansi."
)
NOT_STARTED = _("Kunjungan baru dapat dicatat terlaksana mulai hari pertamanya.")
OTHER_SIDE = _("Langkah ini dilakukan oleh instansi lain dalam kunjungan ini.")
NOT_A_SCHEDULER = _(
    "Peran Anda tidak dapat melakukan langkah ini: kunjungan diatur oleh staf, "
    "admin, dan kepala instansi."
)


def passes_in_another_state(user, obj, check, states) -> bool:
    """Whether ``check`` would let ``user`` act on ``obj`` in one of the other
    ``states``: then the refusal is about the lifecycle, not the user's role
    or side. ``obj`` itself is left as it is."""
    for state in states:
        if state == obj.status:
            continue
        other = copy.copy(obj)
        other.status = state
        if check(user, other):
            return True
    return False


def side_check(check, side):
    """``check(user, visit, side)`` as a predicate of user and visit."""
    return lambda user, visit: check(user, visit, side)


def refusal(user, visit, check) -> PermissionDenied:
    """The ``PermissionDenied`` for ``check`` refusing ``user`` on ``visit``,
    with the rule that refused it: the visit's state, the other agency's
    step, or the user's role. Refuses nothing by itself."""
    if check is can_mark_attendance:
        return PermissionDenied(attendance_refusal(user, visit))
    if passes_in_another_state(user, visit, check, VisitStatus.values):
        return PermissionDenied(STATE_RULES[visit.status])
    side = side_of(user, visit)
    agency = agency_of(user)
    if side is None or not can_schedule(user, agency):
        return PermissionDenied(NOT_A_SCHEDULER)
    if check is can_mark_held and visit.status == VisitStatus.SCHEDULED:
        return PermissionDenied(NOT_STARTED)
    return PermissionDenied(OTHER_SIDE)
