"""Who may see and do what with reports and ATM plans. Views, services and
templates ask these named predicates.

A report and its ATM plan belong to one agency of the visit: only that
agency's people see them until the report is published, and then anyone
does, without personal data, through the public pages, and the other agency
of the visit opens its PDF. Penyuluh write the
report; a head of the same agency approves, returns or publishes it and
reviews the ATM items; the agency's staff, penyuluh and heads record the
items' progress. Another agency's report answers 404, the wrong role 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from agencies.models import Role
from agencies.permissions import (
    HEAD_ROLES,
    HISTORY_ROLES,
    agency_of,
    has_role,
    require_membership,
)
from visits.models import Visit, VisitStatus
from visits.permissions import can_view as can_view_visit
from visits.permissions import passes_in_another_state, side_of

from .models import (
    ACTIVE_ADOPTION_STATES,
    AdoptionItem,
    AdoptionStatus,
    CheckIn,
    Report,
    ReportStatus,
)

# Who writes the report and drafts the ATM plan.
WRITER_ROLES = frozenset({Role.PENYULUH, Role.HEAD})
# Who records progress of an approved ATM item.
PROGRESS_ROLES = frozenset({Role.STAFF, Role.PENYULUH, Role.HEAD})
# A report is written once the visit has taken place.
REPORTABLE_VISIT_STATES = frozenset({VisitStatus.HELD, VisitStatus.REPORTED})
EDITABLE_REPORT_STATES = frozenset({ReportStatus.DRAFT})
EDITABLE_ITEM_STATES = frozenset({AdoptionStatus.PROPOSED, AdoptionStatus.RETURNED})


def is_own(user, report) -> bool:
    agency = agency_of(user)
    return agency is not None and agency.pk == report.agency_id


# --- Reports ---------------------------------------------------------------------------


def can_view(user, report) -> bool:
    """The report's agency sees it in every state."""
    return is_own(user, report)


def can_view_document(user, report) -> bool:
    """The report's PDF: its agency's in every state; once published, the
    other agency of the visit opens it too, to file the signed document."""
    if is_own(user, report):
        return True
    return report.status == ReportStatus.PUBLISHED and side_of(user, report.visit) is not None


def can_start_report(user, visit) -> bool:
    """A penyuluh (or head) of either agency of a held visit starts that
    agency's report; ``reports.services.report_create`` refuses a second one."""
    agency = agency_of(user)
    return (
        side_of(user, visit) is not None
        and visit.status in REPORTABLE_VISIT_STATES
        and has_role(user, agency, WRITER_ROLES)
    )


def can_edit(user, report) -> bool:
    return report.status in EDITABLE_REPORT_STATES and has_role(user, report.agency, WRITER_ROLES)


def can_write(user, report) -> bool:
    """A writer of the report's agency, whatever the report's state: the edit
    page accepts their save and, if the report moved on meanwhile, gives their
    text back instead of refusing it."""
    return has_role(user, report.agency, WRITER_ROLES)


def can_submit(user, report) -> bool:
    return report.status == ReportStatus.DRAFT and has_role(user, report.agency, WRITER_ROLES)


def can_review(user, report) -> bool:
    """Approve or return a submitted report: a head of its agency."""
    return report.status == ReportStatus.SUBMITTED and has_role(user, report.agency, HEAD_ROLES)


def can_publish(user, report) -> bool:
    return report.status == ReportStatus.APPROVED and has_role(user, report.agency, HEAD_ROLES)


def can_unpublish(user, report) -> bool:
    """Take a published report off the public pages: a head of its agency."""
    return report.status == ReportStatus.PUBLISHED and has_role(user, report.agency, HEAD_ROLES)


def can_withdraw_approval(user, report) -> bool:
    """An approved report not yet published goes back to draft for changes."""
    return can_publish(user, report)


def can_view_history(user, report) -> bool:
    """The change history of a report and of its photos' captions: the heads
    and admins of the report's agency."""
    return has_role(user, report.agency, HISTORY_ROLES)


def can_view_item_history(user, item) -> bool:
    """The change history of an ATM item and its check-ins: like the report's."""
    return can_view_history(user, item.report)


def can_manage_photos(user, report) -> bool:
    return can_edit(user, report)


# --- ATM plan --------------------------------------------------------------------------


def can_add_item(user, report) -> bool:
    """The plan can grow while the report is being written or afterwards: a
    new lesson may come up months later."""
    return has_role(user, report.agency, WRITER_ROLES)


def can_edit_item(user, item) -> bool:
    return item.status in EDITABLE_ITEM_STATES and has_role(user, item.report.agency, WRITER_ROLES)


def can_propose_item(user, item) -> bool:
    """A returned item, revised, goes back to the head."""
    return item.status == AdoptionStatus.RETURNED and has_role(
        user, item.report.agency, WRITER_ROLES
    )


def can_review_item(user, item) -> bool:
    return item.status == AdoptionStatus.PROPOSED and has_role(user, item.report.agency, HEAD_ROLES)


def can_start_item(user, item) -> bool:
    return item.status == AdoptionStatus.APPROVED and has_role(
        user, item.report.agency, PROGRESS_ROLES
    )


def can_check_in(user, item) -> bool:
    return item.status in ACTIVE_ADOPTION_STATES and has_role(
        user, item.report.agency, PROGRESS_ROLES
    )


def can_conclude_item(user, item) -> bool:
    """Mark an item adopted or dropped: a head decides."""
    return item.status in {
        AdoptionStatus.RETURNED,
        AdoptionStatus.APPROVED,
        AdoptionStatus.IN_PROGRESS,
    } and has_role(user, item.report.agency, HEAD_ROLES)


def can_adopt_item(user, item) -> bool:
    """Mark an item adopted: a head, once the work is under way."""
    return item.can_move_to(AdoptionStatus.ADOPTED) and can_conclude_item(user, item)


# --- Why a step is refused -------------------------------------------------------------

# What the 403 page says when a step is refused because of where the report or
# the ATM item is in its lifecycle (a page opened again with Back after the
# step was taken), or because of the user's role.
REPORT_RULES = {
    ReportStatus.DRAFT: _("Laporan ini masih draf: belum diajukan kepada kepala."),
    ReportStatus.SUBMITTED: _("Laporan ini sudah diajukan dan menunggu persetujuan kepala."),
    ReportStatus.APPROVED: _("Laporan ini sudah disetujui."),
    ReportStatus.PUBLISHED: _("Laporan ini sudah terbit."),
}
ITEM_RULES = {
    AdoptionStatus.PROPOSED: _("Butir ATM ini sudah diusulkan dan menunggu tinjauan kepala."),
    AdoptionStatus.RETURNED: _("Butir ATM ini dikembalikan kepada penulisnya untuk diperbaiki."),
    AdoptionStatus.APPROVED: _("Butir ATM ini sudah disetujui."),
    AdoptionStatus.IN_PROGRESS: _("Butir ATM ini sedang dijalankan."),
    AdoptionStatus.ADOPTED: _("Butir ATM ini sudah diadopsi."),
    AdoptionStatus.DROPPED: _("Butir ATM ini sudah dihentikan."),
}
NOT_YOUR_ROLE = _(
    "Peran Anda tidak dapat melakukan langkah ini: laporan dan rencana ATM ditulis "
    "oleh penyuluh dan kepala, ditinjau oleh kepala instansi."
)
NOT_HELD_YET = _("Laporan baru dapat ditulis setelah kunjungan terlaksana.")


def refusal(user, obj, check) -> PermissionDenied:
    """The ``PermissionDenied`` for ``check`` refusing ``user`` on a report or
    an ATM item, with the rule that refused it: its state, or the user's role."""
    rules = REPORT_RULES if isinstance(obj, Report) else ITEM_RULES
    if passes_in_another_state(user, obj, check, list(rules)):
        return PermissionDenied(rules[obj.status])
    return PermissionDenied(NOT_YOUR_ROLE)


def report_start_refusal(user, visit) -> PermissionDenied:
    if visit.status not in REPORTABLE_VISIT_STATES and passes_in_another_state(
        user, visit, can_start_report, REPORTABLE_VISIT_STATES
    ):
        return PermissionDenied(NOT_HELD_YET)
    return PermissionDenied(NOT_YOUR_ROLE)


# --- Loading for a request -------------------------------------------------------------


def reports_for_agency(agency):
    return Report.objects.filter(agency=agency)


def get_report_for_user(request, pk, *, check=None, visible=can_view) -> Report:
    """The report ``pk`` if the user's agency wrote it (404 otherwise, so that
    another agency's draft does not leak; ``visible`` names a wider rule,
    such as ``can_view_document``); 403 when ``check`` refuses, and for an
    account without an agency."""
    require_membership(request)
    report = get_object_or_404(
        Report.objects.select_related(
            "agency__province",
            "agency__regency",
            "visit__host__province",
            "visit__visitor__province",
        ),
        pk=pk,
    )
    if not visible(request.user, report):
        raise Http404
    if check is not None and not check(request.user, report):
        raise refusal(request.user, report, check)
    return report


def get_item_for_user(request, pk, *, check=None) -> AdoptionItem:
    """The ATM item ``pk`` of the user's agency, like ``get_report_for_user``."""
    require_membership(request)
    item = get_object_or_404(
        AdoptionItem.objects.select_related(
            "report__agency", "report__visit__host", "report__visit__visitor", "topic", "division"
        ),
        pk=pk,
    )
    if not can_view(request.user, item.report):
        raise Http404
    if check is not None and not check(request.user, item):
        raise refusal(request.user, item, check)
    return item


def get_visit_for_report(request, visit_pk):
    """The visit a new report is started for: a party's visit (404 otherwise),
    held, and a writer of the user's agency (403 otherwise)."""
    require_membership(request)
    visit = get_object_or_404(Visit.objects.select_related("host", "visitor"), pk=visit_pk)
    if not can_view_visit(request.user, visit):
        raise Http404
    if not can_start_report(request.user, visit):
        raise report_start_refusal(request.user, visit)
    return visit


# --- ATM plan: what each agency sees -------------------------------------------------

# The items of a visit the *other* agency sees in "what came of it": a head
# has approved them. Proposals under review stay the learning agency's own.
SHARED_ITEM_STATES = frozenset(
    {
        AdoptionStatus.APPROVED,
        AdoptionStatus.IN_PROGRESS,
        AdoptionStatus.ADOPTED,
        AdoptionStatus.DROPPED,
    }
)


def can_view_outcome(user, visit) -> bool:
    """Both agencies of a visit see what came of it: each one's ATM items
    (the other's once approved) with their status and progress."""
    return can_view_visit(user, visit)


def can_view_evidence(user, check_in) -> bool:
    """A check-in's evidence file is the item's agency's own."""
    return can_view(user, check_in.item.report)


def _with_progress(items):
    """Each item with its number of check-ins and the latest one's date and
    note, computed in the same query (no per-row lookups)."""
    latest = CheckIn.objects.filter(item=OuterRef("pk")).order_by("-date", "-id")
    return items.annotate(
        checkin_count=Count("check_ins", distinct=True),
        last_checkin_date=Subquery(latest.values("date")[:1]),
        last_checkin_note=Subquery(latest.values("note")[:1]),
    )


def items_for_agency(agency):
    """Every ATM item of ``agency``'s plans, across its visits, with what the
    plan pages show of each (topic, division, report and visit, progress)."""
    return _with_progress(
        AdoptionItem.objects.filter(report__agency=agency).select_related(
            "topic", "division", "report__agency", "report__visit__host", "report__visit__visitor"
        )
    )


def outcome_reports_for_user(user, visit):
    """The reports of ``visit`` with the ATM items ``user`` may see in the
    visit's outcome: all of their own agency's, the approved ones of the
    other agency. Two queries whatever the number of items."""
    agency = agency_of(user)
    if agency is None or not can_view_outcome(user, visit):
        return Report.objects.none()
    items = _with_progress(
        AdoptionItem.objects.filter(
            Q(report__agency=agency) | Q(status__in=SHARED_ITEM_STATES)
        ).select_related("topic")
    ).order_by("order", "id")
    return (
        Report.objects.filter(visit=visit)
        .select_related("agency")
        .prefetch_related(Prefetch("adoption_items", queryset=items, to_attr="outcome_items"))
        .order_by("id")
    )


def get_checkin_for_user(request, pk) -> CheckIn:
    """A check-in of the user's agency (404 for any other agency's)."""
    require_membership(request)
    check_in = get_object_or_404(CheckIn.objects.select_related("item__report"), pk=pk)
    if not can_view_evidence(request.user, check_in):
        raise Http404
    return check_in
