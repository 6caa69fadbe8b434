"""Panels the visits pages show about reports, without the visits app
importing this one: ``{% load report_panels %}`` in their templates.

- ``{% visit_reports_panel visit %}`` on the visit page: the user's agency's
  report of this visit (or the button to start it), and the other agency's
  report once it is published;
- ``{% dashboard_reports_panel %}`` on the dashboard: held visits still
  without our report and our drafts (for writers), reports awaiting approval
  and approved ones not yet published (for heads).

Each runs at most two queries, whatever the number of rows.
"""

from django import template
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from agencies.permissions import HEAD_ROLES, membership_of
from visits.models import VisitStatus
from visits.permissions import visits_for_agency

from .. import permissions
from ..models import Report, ReportStatus

register = template.Library()

# How many rows each dashboard section lists; its count says how many more.
SECTION_SIZE = 8


@register.simple_tag(takes_context=True)
def visit_reports_panel(context, visit):
    request = context["request"]
    user = request.user
    membership = membership_of(user)
    # A report starts once the visit is held; before that there is nothing
    # to show and no query to run.
    if membership is None or visit.status not in permissions.REPORTABLE_VISIT_STATES:
        return ""
    agency_id = membership.agency_id
    own = other = None
    for report in Report.objects.filter(visit=visit).filter(
        Q(agency_id=agency_id) | Q(status=ReportStatus.PUBLISHED)
    ):
        if report.agency_id == agency_id:
            own = report
        else:
            other = report
    other_agency = visit.host if agency_id == visit.visitor_id else visit.visitor
    return render_to_string(
        "reports/_report_visit_panel.html",
        {
            "visit": visit,
            "own": own,
            "other": other,
            "other_agency": other_agency,
            "can_start_report": own is None and permissions.can_start_report(user, visit),
        },
        request=request,
    )


@register.simple_tag(takes_context=True)
def dashboard_reports_panel(context):
    request = context["request"]
    user = request.user
    membership = membership_of(user)
    if membership is None:
        return ""
    agency = membership.agency
    is_writer = membership.role in permissions.WRITER_ROLES
    is_head = membership.role in HEAD_ROLES
    if not (is_writer or is_head):
        return ""

    sections = []
    if is_writer:
        # One query: the first held visits without our report, and their total.
        to_write = list(
            visits_for_agency(agency)
            .filter(status=VisitStatus.HELD)
            .exclude(Exists(Report.objects.filter(visit=OuterRef("pk"), agency=agency)))
            .with_agencies()
            .annotate(total=Window(Count("pk")))
            .order_by("-start", "-pk")[:SECTION_SIZE]
        )
        sections.append(
            {
                "key": "reports_to_write",
                "kind": "visits",
                "title": _("Laporan yang perlu ditulis"),
                "help": _(
                    "Kunjungan yang telah terlaksana tetapi belum ada laporan instansi kami."
                ),
                "icon": "journal-plus",
                "rows": to_write,
                "count": to_write[0].total if to_write else 0,
                "empty": _("Semua kunjungan yang terlaksana sudah memiliki laporan."),
            }
        )

    wanted = []
    if is_writer:
        wanted.append(ReportStatus.DRAFT)
    if is_head:
        wanted += [ReportStatus.SUBMITTED, ReportStatus.APPROVED]
    # One query: the first reports of each wanted state and each state's total.
    by_status = {status: [] for status in wanted}
    reports = (
        Report.objects.filter(agency=agency, status__in=wanted)
        .select_related("visit__host", "visit__visitor")
        .annotate(
            position=Window(
                RowNumber(), partition_by=F("status"), order_by=[F("updated_at").desc(), "-pk"]
            ),
            total=Window(Count("pk"), partition_by=F("status")),
        )
        .filter(position__lte=SECTION_SIZE)
        .order_by("status", "position")
    )
    for report in reports:
        by_status[report.status].append(report)

    texts = {
        ReportStatus.DRAFT: {
            "key": "report_drafts",
            "title": _("Draf laporan kami"),
            "help": _("Laporan yang sedang ditulis atau dikembalikan untuk diperbaiki."),
            "icon": "pencil-square",
            "empty": _("Tidak ada draf laporan."),
        },
        ReportStatus.SUBMITTED: {
            "key": "reports_to_review",
            "title": _("Laporan menunggu persetujuan"),
            "help": _("Setujui laporan, atau kembalikan kepada penulis dengan catatan."),
            "icon": "clipboard-check",
            "empty": _("Tidak ada laporan yang menunggu persetujuan."),
            "urgent": True,
        },
        ReportStatus.APPROVED: {
            "key": "reports_to_publish",
            "title": _("Laporan disetujui, belum terbit"),
            "help": _("Terbitkan di halaman berita publik bila sudah siap."),
            "icon": "globe2",
            "empty": _("Tidak ada laporan yang menunggu diterbitkan."),
        },
    }
    for status in wanted:
        rows = by_status[status]
        sections.append(
            {
                **texts[status],
                "kind": "reports",
                "rows": rows,
                "count": rows[0].total if rows else 0,
            }
        )
    return render_to_string(
        "reports/_report_dashboard_panel.html",
        {"sections": sections, "agency": agency},
        request=request,
    )
