"""Reads of the reports app: the public news, what the visit page and the
dashboard show of reports and ATM plans, and every agency's activity for the
national administrators.

Functions named for what they return, taking the user explicitly and
writing nothing; views and template tags call them. Who may see what is
asked of ``reports.permissions``.
"""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Membership
from agencies.permissions import HEAD_ROLES, agency_of, has_role, membership_of
from pagecache.rows import forget
from visits.models import Visit, VisitStatus, VisitTopic
from visits.permissions import visits_for_agency
from visits.selectors import (
    DashboardList,
    DashboardQuery,
    DashboardScreen,
    arrange_dashboard,
    read_dashboard_lists,
)

from . import permissions
from .filters import SHOW_AWAITING, SHOW_CHECKIN_DUE, SHOW_OVERDUE
from .models import (
    CHECKIN_INTERVAL,
    AdoptionItem,
    AdoptionStatus,
    Photo,
    Report,
    ReportStatus,
    checkin_due_condition,
    overdue_condition,
)

# How many reports or visits each report list of the dashboard shows; its
# count says how many more.
REPORT_LIST_SIZE = 8
# How many ATM items each ATM list of the dashboard shows; its count and link
# cover the rest.
ITEM_LIST_SIZE = 6


# --- The public news -------------------------------------------------------------------


def published_reports():
    """Published reports with both agencies and their provinces (for the
    time zones) and the visit's topics, newest first."""
    return (
        Report.objects.filter(status=ReportStatus.PUBLISHED)
        .select_related("agency__province", "visit__host__province", "visit__visitor__province")
        .prefetch_related(
            Prefetch(
                "visit__visit_topics",
                queryset=VisitTopic.objects.select_related("topic").order_by("order", "pk"),
            )
        )
        .order_by("-published_at", "-pk")
    )


def was_unpublished(pk) -> bool:
    """True when the report ``pk`` was published once and is not any more."""
    # Looked up by the report's own pk: an id beyond the column's range (a
    # hostile address) then finds nothing, on SQLite too.
    return (
        Report.objects.filter(pk=pk, events__from_status=ReportStatus.PUBLISHED)
        .exclude(status=ReportStatus.PUBLISHED)
        .exists()
    )


def with_cover_photo(reports):
    """Annotate ``cover_photo_id`` and ``cover_caption``: the report's first
    photo, in the same query."""
    first = Photo.objects.filter(report=OuterRef("pk")).order_by("order", "pk")
    return reports.annotate(
        cover_photo_id=Subquery(first.values("pk")[:1]),
        cover_caption=Subquery(first.values("caption")[:1]),
    )


# --- The visit page --------------------------------------------------------------------


@dataclass(frozen=True)
class VisitReports:
    """The reports of a visit its page shows: the user's agency's own, in
    any state, and the other agency's once published."""

    own: Report | None
    other: Report | None
    other_agency: Agency


def visit_reports_for(user, visit) -> VisitReports | None:
    """The reports of ``visit`` for ``user``'s agency, one query; None, and
    no query, before the visit is held (no report can exist yet) and for an
    account without an agency."""
    membership = membership_of(user)
    if membership is None or visit.status not in permissions.REPORTABLE_VISIT_STATES:
        return None
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
    return VisitReports(own=own, other=other, other_agency=other_agency)


@dataclass(frozen=True)
class AdoptionPlan:
    """One agency's ATM items of a visit, as the visit page shows them."""

    report: Report
    own: bool
    items: list
    can_add: bool


def visit_adoption_plans(user, visit) -> list[AdoptionPlan] | None:
    """What came of ``visit``: the ATM plan of the user's agency first (even
    without items yet), then the other agency's approved items, if any. Two
    queries once the visit has been held; None, and no query, before (no
    report, so no plan, can exist yet) or when the user may not see it."""
    if visit.status not in permissions.REPORTABLE_VISIT_STATES or not (
        permissions.can_view_outcome(user, visit)
    ):
        return None
    own_agency_id = agency_of(user).pk
    plans = []
    for report in permissions.outcome_reports_for_user(user, visit):
        own = report.agency_id == own_agency_id
        if own or report.outcome_items:
            can_add = own and permissions.can_add_item(user, report)
            plans.append(AdoptionPlan(report, own, report.outcome_items, can_add))
    return sorted(plans, key=lambda plan: not plan.own)


# --- The dashboard ---------------------------------------------------------------------


def dashboard_screen(user, visit_lists) -> DashboardScreen:
    """``user``'s dashboard in the order their role reads it: the agency's
    ``visit_lists`` (``visits.selectors.dashboard_sections``) with the report
    and ATM lists the role gets, arranged by ``visits.selectors.WAITING_FOR``."""
    membership = membership_of(user)
    lists = [*visit_lists, *dashboard_report_sections(user), *dashboard_plan_sections(user)]
    return arrange_dashboard(membership.role if membership else None, lists)


def dashboard_report_sections(user) -> list[DashboardList]:
    """The report lists of ``user``'s dashboard: held visits still without
    the agency's report and its drafts (for writers), reports awaiting
    approval and approved ones not yet published (for heads). At most two
    queries whatever the number of rows; none for the other roles."""
    agency = agency_of(user)
    writes = has_role(user, agency, permissions.WRITER_ROLES)
    reviews = has_role(user, agency, HEAD_ROLES)
    sections = [_reports_to_write(agency)] if writes else []
    wanted = ([ReportStatus.DRAFT] if writes else []) + (
        [ReportStatus.SUBMITTED, ReportStatus.APPROVED] if reviews else []
    )
    if wanted:
        sections += _reports_by_status(agency, wanted)
    return sections


def _reports_to_write(agency) -> DashboardList:
    """One query: the first held visits without ``agency``'s report, and their total."""
    visits = list(
        visits_for_agency(agency)
        .filter(status=VisitStatus.HELD)
        .exclude(Exists(Report.objects.filter(visit=OuterRef("pk"), agency=agency)))
        .with_agencies()
        .annotate(total=Window(Count("pk")))
        .order_by("-start", "-pk")[:REPORT_LIST_SIZE]
    )
    count = visits[0].total if visits else 0
    forget(visits, "total")
    return DashboardList(
        key="reports_to_write",
        title=_("Laporan yang perlu ditulis"),
        help=_("Kunjungan yang telah terlaksana tetapi belum ada laporan instansi kami."),
        icon="journal-plus",
        link=f"{reverse('visits:list')}?status={VisitStatus.HELD}",
        rows=visits,
        count=count,
        row_template=REPORT_ROW,
    )


# How a row of the dashboard's report lists (a visit or a report) and of its
# ATM lists (an item) is drawn.
REPORT_ROW = "reports/_report_dashboard_row.html"
ITEM_ROW = "reports/plan/_dashboard_row.html"

# The report lists of the dashboard, by the status of the reports they show.
REPORT_LISTS = {
    ReportStatus.DRAFT: {
        "key": "report_drafts",
        "title": _("Draf laporan kami"),
        "help": _("Laporan yang sedang ditulis atau dikembalikan untuk diperbaiki."),
        "icon": "pencil-square",
    },
    ReportStatus.SUBMITTED: {
        "key": "reports_to_review",
        "title": _("Laporan menunggu persetujuan"),
        "help": _("Setujui laporan, atau kembalikan kepada penulis dengan catatan."),
        "icon": "clipboard-check",
        "urgent": True,
    },
    ReportStatus.APPROVED: {
        "key": "reports_to_publish",
        "title": _("Laporan disetujui, belum terbit"),
        "help": _("Terbitkan di halaman berita publik bila sudah siap."),
        "icon": "globe2",
    },
}


# What a row of the dashboard's report lists shows (reports/_report_dashboard_row.html).
DASHBOARD_REPORT_FIELDS = (
    "title",
    "status",
    "updated_at",
    "visit__host__name",
    "visit__host__short_name",
    "visit__visitor__name",
    "visit__visitor__short_name",
)


def _reports_by_status(agency, wanted) -> list[DashboardList]:
    """One query: the first reports of each wanted state and each state's total."""
    by_status = {status: [] for status in wanted}
    reports = (
        Report.objects.filter(agency=agency, status__in=wanted)
        .select_related("visit__host", "visit__visitor")
        .only(*DASHBOARD_REPORT_FIELDS)
        .annotate(
            position=Window(
                RowNumber(), partition_by=F("status"), order_by=[F("updated_at").desc(), "-pk"]
            ),
            total=Window(Count("pk"), partition_by=F("status")),
        )
        .filter(position__lte=REPORT_LIST_SIZE)
        .order_by("status", "position")
    )
    for report in reports:
        by_status[report.status].append(report)
    counts = {status: rows[0].total if rows else 0 for status, rows in by_status.items()}
    for rows in by_status.values():
        forget(rows, "position", "total")
    return [
        DashboardList(
            **REPORT_LISTS[status],
            link=f"{reverse('reports:list')}?status={status}",
            rows=by_status[status],
            count=counts[status],
            row_template=REPORT_ROW,
        )
        for status in wanted
    ]


def dashboard_plan_sections(user) -> list[DashboardList]:
    """The agency's ATM items that need ``user``'s attention: for heads,
    items awaiting review and items past their target date; for the others,
    overdue items and, for writers, items returned for revision and items
    wanting a progress note. One query counts them, one more per list shows
    the first few; none for an account without an agency."""
    agency = agency_of(user)
    if agency is None:
        return []
    if has_role(user, agency, HEAD_ROLES):
        queries = [_items_to_review(), _overdue_items()]
    elif has_role(user, agency, permissions.WRITER_ROLES):
        queries = [_overdue_items(), _items_returned(), _checkins_due()]
    else:
        queries = [_overdue_items()]
    items = AdoptionItem.objects.filter(report__agency=agency)
    return read_dashboard_lists(
        queries,
        counted=items,
        listed=items.select_related("topic", "report__visit").only(*DASHBOARD_ITEM_FIELDS),
        size=ITEM_LIST_SIZE,
    )


# What a row of the dashboard's ATM lists shows (reports/plan/_dashboard_row.html):
# never the report's long texts.
DASHBOARD_ITEM_FIELDS = (
    "topic__code",
    "replicate",
    "status",
    "target_date",
    "report__visit__title",
)


def _checkins_due() -> DashboardQuery:
    return DashboardQuery(
        DashboardList(
            key="atm_checkins_due",
            title=_("Butir ATM perlu catatan kemajuan"),
            help=_("Butir berjalan tanpa catatan kemajuan dalam %(days)s hari terakhir.")
            % {"days": CHECKIN_INTERVAL.days},
            icon="journal-text",
            link=_item_list(SHOW_CHECKIN_DUE),
            row_template=ITEM_ROW,
        ),
        condition=checkin_due_condition(),
        order=("updated_at", "pk"),
    )


def _item_list(status) -> str:
    """The address of the ATM item list filtered by ``status``."""
    return f"{reverse('reports:items')}?status={status}"


def _items_to_review() -> DashboardQuery:
    return DashboardQuery(
        DashboardList(
            key="atm_review",
            title=_("Butir ATM menunggu tinjauan"),
            help=_("Setujui butir rencana ATM, atau kembalikan dengan catatan."),
            icon="clipboard-check",
            link=_item_list(SHOW_AWAITING),
            row_template=ITEM_ROW,
        ),
        condition=Q(status=AdoptionStatus.PROPOSED),
        order=("updated_at", "pk"),
    )


def _items_returned() -> DashboardQuery:
    return DashboardQuery(
        DashboardList(
            key="atm_returned",
            title=_("Butir ATM dikembalikan"),
            help=_("Kepala meminta perbaikan: ubah butir, lalu ajukan ulang."),
            icon="arrow-return-left",
            link=_item_list(AdoptionStatus.RETURNED),
            row_template=ITEM_ROW,
        ),
        condition=Q(status=AdoptionStatus.RETURNED),
        order=("-updated_at", "-pk"),
    )


def _overdue_items() -> DashboardQuery:
    return DashboardQuery(
        DashboardList(
            key="atm_overdue",
            title=_("Butir ATM terlambat"),
            help=_("Target selesai sudah lewat, tetapi butir belum diadopsi atau dihentikan."),
            icon="alarm",
            link=_item_list(SHOW_OVERDUE),
            row_template=ITEM_ROW,
        ),
        condition=overdue_condition(),
        order=("target_date", "pk"),
    )


# --- The ATM item list ----------------------------------------------------------

# What the ATM item list shows of an item, its topic, division, report and
# visit (templates/reports/plan/item_list.html): the plan's texts, the
# report's and the agencies' long columns stay in the database.
ITEM_LIST_FIELDS = (
    "report",
    "topic",
    "division",
    "replicate",
    "target_date",
    "status",
    "updated_at",
    "topic__code",
    "topic__name",
    "division__name",
    "report__agency__name",
    "report__visit__title",
    *(
        f"report__visit__{side}__{name}"
        for side in ("host", "visitor")
        for name in ("name", "short_name")
    ),
)


def item_list_rows(agency):
    """``agency``'s ATM items with their progress, reading only the columns
    the item list shows."""
    return permissions.items_for_agency(agency).only(*ITEM_LIST_FIELDS)


# --- Every agency's activity (national administrators) ---------------------------

# The columns of the activity table: a key, its heading and the states it counts.
ACTIVITY_VISIT_COLUMNS = (
    ("requested", _("Diajukan"), (VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED)),
    ("scheduled", _("Terjadwal"), (VisitStatus.SCHEDULED,)),
    ("held", _("Terlaksana"), (VisitStatus.HELD, VisitStatus.REPORTED)),
    ("ended", _("Batal/ditolak"), (VisitStatus.CANCELLED, VisitStatus.DECLINED)),
)
ACTIVITY_REPORT_COLUMNS = tuple((s.value, s.label, (s,)) for s in ReportStatus)
ACTIVITY_ITEM_COLUMNS = tuple((s.value, s.label, (s,)) for s in AdoptionStatus)


@dataclass
class AgencyActivity:
    """One row of the activity table: the agency (with ``member_count``) and
    its counts by column key, visits made and received together (a draft
    request is the visitor's own and not counted)."""

    agency: Agency
    visits: dict
    reports: dict
    items: dict

    def groups(self) -> list:
        """The table's three cells, as (heading, counts): visits, reports and
        items, each with the (state's heading, count) of the states that
        have one, in the columns' order."""
        return [
            (heading, [(label, counts[key]) for key, label, _states in columns if counts[key]])
            for heading, counts, columns in (
                (_("Kunjungan"), self.visits, ACTIVITY_VISIT_COLUMNS),
                (_("Laporan"), self.reports, ACTIVITY_REPORT_COLUMNS),
                (_("Butir rencana ATM"), self.items, ACTIVITY_ITEM_COLUMNS),
            )
        ]


def activity_agencies():
    """Every agency, active or not, with its region and how many active
    members it has (none yet: its first coordinator is still to be invited)."""
    members = (
        Membership.objects.filter(agency=OuterRef("pk"), user__is_active=True)
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Agency.objects.select_related("province", "regency")
        .annotate(member_count=Coalesce(Subquery(members, output_field=IntegerField()), 0))
        .order_by("name")
    )


def _by_column(counts, columns) -> dict:
    """``counts`` ({state: n}) summed into ``columns``' keys."""
    return {key: sum(counts.get(state, 0) for state in states) for key, _label, states in columns}


def agency_activity(agencies) -> list[AgencyActivity]:
    """The visits, reports and ATM items of ``agencies`` (a page of
    ``activity_agencies``) by state: three grouped queries, however many
    agencies and rows there are."""
    agencies = list(agencies)
    ids = [agency.pk for agency in agencies]
    visits = {pk: {} for pk in ids}
    rows = (
        Visit.objects.filter(Q(visitor__in=ids) | Q(host__in=ids))
        .exclude(status=VisitStatus.DRAFT)
        .order_by()
        .values_list("visitor", "host", "status")
        .annotate(n=Count("pk"))
    )
    for visitor, host, status, n in rows:
        for side in {visitor, host} & visits.keys():
            visits[side][status] = visits[side].get(status, 0) + n
    reports = {pk: {} for pk in ids}
    rows = Report.objects.filter(agency__in=ids).order_by().values_list("agency", "status")
    for agency, status, n in rows.annotate(n=Count("pk")):
        reports[agency][status] = n
    items = {pk: {} for pk in ids}
    rows = AdoptionItem.objects.filter(report__agency__in=ids).order_by()
    for agency, status, n in rows.values_list("report__agency", "status").annotate(n=Count("pk")):
        items[agency][status] = n
    return [
        AgencyActivity(
            agency=agency,
            visits=_by_column(visits[agency.pk], ACTIVITY_VISIT_COLUMNS),
            reports=_by_column(reports[agency.pk], ACTIVITY_REPORT_COLUMNS),
            items=_by_column(items[agency.pk], ACTIVITY_ITEM_COLUMNS),
        )
        for agency in agencies
    ]


# --- The ATM progress chart ------------------------------------------------------------

# The path an ATM item takes, in order, and the states each stage counts: a
# returned item is being planned again; a dropped one has left the path.
PROGRESS_STAGES = (
    ("planned", _("Direncanakan"), (AdoptionStatus.PROPOSED, AdoptionStatus.RETURNED)),
    ("approved", _("Disetujui"), (AdoptionStatus.APPROVED,)),
    ("in_progress", _("Sedang berjalan"), (AdoptionStatus.IN_PROGRESS,)),
    ("adopted", _("Diadopsi"), (AdoptionStatus.ADOPTED,)),
)


@dataclass(frozen=True)
class TopicProgress:
    """How many of an agency's ATM items on one topic are at each stage."""

    code: str
    name: str
    counts: tuple[int, ...]  # in the order of PROGRESS_STAGES

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class AdoptionProgress:
    """An agency's ATM items on their path, per topic (the dashboard's chart
    and its table), and how many were dropped along the way."""

    topics: list[TopicProgress]
    dropped: int

    stages = tuple(label for _key, label, _states in PROGRESS_STAGES)

    def chart_data(self) -> dict:
        """What static/js/atm-progress-chart.js draws (through json_script)."""
        return {
            "labels": [topic.code for topic in self.topics],
            "names": [topic.name for topic in self.topics],
            "axis": str(_("Jumlah butir")),
            "stages": [
                {
                    "key": key,
                    "label": str(label),
                    "counts": [topic.counts[index] for topic in self.topics],
                }
                for index, (key, label, _states) in enumerate(PROGRESS_STAGES)
            ],
        }


def adoption_progress(agency) -> AdoptionProgress:
    """``agency``'s own ATM items counted per topic and stage: one query."""
    counts = {
        key: Count("pk", filter=Q(status__in=states)) for key, _label, states in PROGRESS_STAGES
    }
    rows = (
        AdoptionItem.objects.filter(report__agency=agency)
        .values("topic_id", "topic__code", "topic__name")
        .annotate(**counts, dropped=Count("pk", filter=Q(status=AdoptionStatus.DROPPED)))
        .order_by("topic__code")
    )
    topics, dropped = [], 0
    for row in rows:
        dropped += row["dropped"]
        progress = TopicProgress(
            row["topic__code"], row["topic__name"], tuple(row[key] for key in counts)
        )
        if progress.total:
            topics.append(progress)
    return AdoptionProgress(topics=topics, dropped=dropped)
