"""Reads of the visits app: what the dashboard and the calendar show.

Functions named for what they return, taking the agency explicitly and
writing nothing; views and template tags call them. ``DashboardList`` and
``read_dashboard_lists`` are the shape every list of the dashboard shares,
the reports app's included; ``arrange_dashboard`` orders them for a role
(``WAITING_FOR``).
"""

import calendar
import datetime
import operator
from dataclasses import dataclass, field, replace
from functools import reduce
from urllib.parse import urlencode

from django.db.models import Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Role
from visits.filters import ROLE_HOST, ROLE_VISITOR, STATUS_DONE, STATUS_GROUPS, STATUS_OPEN
from visits.models import VisitStatus
from visits.permissions import visits_for_agency
from visits.workdays import holidays_between

# How many visits each dashboard section lists; its count and its link to the
# filtered list cover the rest.
DASHBOARD_SECTION_SIZE = 8
# What the dashboard shows of a visit (templates/visits/dashboard.html).
DASHBOARD_VISIT_FIELDS = (
    "host",
    "visitor",
    "title",
    "status",
    "start",
    "end",
    "proposed_start",
    "proposed_end",
    "updated_at",
)
# "Recently held" on the dashboard: visits held within this many days.
RECENT_DAYS = 90

DAY = datetime.timedelta(days=1)


# --- The dashboard ---------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardList:
    """One list of the dashboard: its first rows and how many there are in
    all, what it is called, and the address of the whole list."""

    key: str
    title: str
    help: str
    icon: str
    link: str
    urgent: bool = False
    rows: list = field(default_factory=list)
    count: int = 0
    # How a row is drawn (given "row", "section_key" and "agency").
    row_template: str = "visits/_dashboard_row.html"


@dataclass(frozen=True)
class DashboardQuery:
    """A dashboard list still to be read: which rows, in which order."""

    shown: DashboardList
    condition: Q
    order: tuple[str, ...]


def read_dashboard_lists(queries, *, counted, listed, size) -> list[DashboardList]:
    """The lists of ``queries`` with their counts and first ``size`` rows:
    one query on ``counted`` counts every list, one per list reads its rows
    from ``listed`` (the same rows with what the page shows of them)."""
    in_any = reduce(operator.or_, (query.condition for query in queries))
    counts = counted.filter(in_any).aggregate(
        **{query.shown.key: Count("pk", filter=query.condition) for query in queries}
    )
    return [
        replace(
            query.shown,
            count=counts[query.shown.key],
            rows=list(listed.filter(query.condition).order_by(*query.order)[:size]),
        )
        for query in queries
    ]


def read_disjoint_dashboard_lists(queries, *, counted, listed, size) -> list[DashboardList]:
    """``read_dashboard_lists`` for lists no row is in twice (the visits'
    lists: each names its states and the agency's side), in two queries
    however many lists there are: the list, the order and the id of every
    row in any of them, then the first ``size`` rows of each. Building one
    ORM query costs more than PostgreSQL's reading of a few dozen rows."""
    in_any = reduce(operator.or_, (query.condition for query in queries))
    list_of = Case(*(When(query.condition, then=Value(query.shown.key)) for query in queries))
    fields = {name.lstrip("-") for query in queries for name in query.order} | {"pk"}
    found = {}
    for row in counted.filter(in_any).annotate(list_key=list_of).values("list_key", *fields):
        found.setdefault(row["list_key"], []).append(row)
    first = {
        query.shown.key: [
            row["pk"] for row in _ordered(found.get(query.shown.key, []), query.order)[:size]
        ]
        for query in queries
    }
    rows = listed.in_bulk([pk for pks in first.values() for pk in pks])
    return [
        replace(
            query.shown,
            count=len(found.get(query.shown.key, [])),
            # A visit deleted between the two queries is left out.
            rows=[rows[pk] for pk in first[query.shown.key] if pk in rows],
        )
        for query in queries
    ]


def _ordered(rows, order):
    """``rows`` (dicts) sorted as ``order_by(*order)`` would sort them."""
    for name in reversed(order):
        rows = sorted(rows, key=operator.itemgetter(name.lstrip("-")), reverse=name[0] == "-")
    return rows


def dashboard_sections(agency, *, now=None) -> list[DashboardList]:
    """What waits for whom, for ``agency``: the requests and proposed dates
    awaiting its answer, what is coming, what waits for the other agency, its
    drafts and what was recently held, each with its first visits (host and
    visitor loaded) and its count.

    Three queries: the list and order of every visit in any section, the
    first visits of each, their agencies. Each condition names the agency's
    side and the states, so PostgreSQL reads only those visits through the
    (host, status, start) and (visitor, status, start) indexes, never the
    agency's history; no visit meets two conditions.
    """
    visits = visits_for_agency(agency)
    sections = read_disjoint_dashboard_lists(
        _dashboard_queries(agency, now or timezone.now()),
        counted=visits,
        listed=visits.only(*DASHBOARD_VISIT_FIELDS),
        size=DASHBOARD_SECTION_SIZE,
    )
    _load_agencies([visit for section in sections for visit in section.rows])
    return sections


def _dashboard_queries(agency, now) -> list[DashboardQuery]:
    recent_since = now - RECENT_DAYS * DAY
    upcoming_from = timezone.localdate(now, agency.tzinfo)
    recent_from = timezone.localdate(recent_since, agency.tzinfo)
    return [
        DashboardQuery(
            DashboardList(
                key="to_answer",
                urgent=True,
                title=_("Permohonan menunggu jawaban kami"),
                help=_("Instansi lain ingin berkunjung: terima, tolak atau usulkan tanggal lain."),
                icon="inbox",
                link=_visit_list(status=VisitStatus.REQUESTED, peran=ROLE_HOST),
            ),
            condition=Q(host=agency, status=VisitStatus.REQUESTED),
            order=("start", "pk"),
        ),
        DashboardQuery(
            DashboardList(
                key="proposals",
                urgent=True,
                title=_("Usulan tanggal menunggu jawaban kami"),
                help=_("Tuan rumah mengusulkan tanggal lain: terima atau tolak usulannya."),
                icon="calendar2-range",
                link=_visit_list(status=VisitStatus.DATE_PROPOSED, peran=ROLE_VISITOR),
            ),
            condition=Q(visitor=agency, status=VisitStatus.DATE_PROPOSED),
            order=("start", "pk"),
        ),
        DashboardQuery(
            DashboardList(
                key="upcoming",
                title=_("Kunjungan mendatang"),
                help=_("Kunjungan terjadwal, sebagai tuan rumah maupun pengunjung."),
                icon="calendar-check",
                link=_visit_list(status=VisitStatus.SCHEDULED, dari=upcoming_from),
            ),
            condition=_either_side(agency, status=VisitStatus.SCHEDULED, end__gte=now),
            order=("start", "pk"),
        ),
        DashboardQuery(
            DashboardList(
                key="waiting",
                title=_("Menunggu jawaban instansi lain"),
                help=_("Permohonan kami yang belum dijawab tuan rumah, dan usulan tanggal kami."),
                icon="hourglass-split",
                link=_visit_list(status=STATUS_OPEN),
            ),
            condition=Q(visitor=agency, status=VisitStatus.REQUESTED)
            | Q(host=agency, status=VisitStatus.DATE_PROPOSED),
            order=("start", "pk"),
        ),
        DashboardQuery(
            DashboardList(
                key="drafts",
                title=_("Draf permohonan kami"),
                help=_("Belum dikirim ke tuan rumah."),
                icon="pencil-square",
                link=_visit_list(status=VisitStatus.DRAFT),
            ),
            condition=Q(visitor=agency, status=VisitStatus.DRAFT),
            order=("-updated_at", "-pk"),
        ),
        DashboardQuery(
            DashboardList(
                key="recent",
                title=_("Baru terlaksana"),
                help=_("Kunjungan yang terlaksana dalam %(days)s hari terakhir.")
                % {"days": RECENT_DAYS},
                icon="check2-circle",
                link=_visit_list(status=STATUS_DONE, dari=recent_from),
            ),
            condition=_either_side(
                agency,
                status__in=STATUS_GROUPS[STATUS_DONE],
                start__gte=recent_since,
                start__lt=now,
            ),
            order=("-start", "-pk"),
        ),
    ]


# What waits for whom: for each role, the dashboard lists (by key: the visit
# lists above, the report and ATM lists of reports.selectors) that ask
# something of it, most pressing first. The dashboard opens with those that
# have rows, in this order; the agency's other lists follow.
WAITING_FOR = {
    Role.HEAD: (
        "reports_to_review",
        "atm_review",
        "reports_to_publish",
        "to_answer",
        "proposals",
        "atm_overdue",
    ),
    Role.PENYULUH: (
        "reports_to_write",
        "atm_returned",
        "report_drafts",
        "atm_checkins_due",
        "atm_overdue",
    ),
    Role.STAFF: ("to_answer", "proposals", "upcoming", "drafts", "atm_overdue"),
    # An agency admin schedules and coordinates like the staff (neither
    # writing nor reviewing reports): the same work, the same order.
    Role.ADMIN: ("to_answer", "proposals", "upcoming", "drafts", "atm_overdue"),
}


@dataclass(frozen=True)
class DashboardScreen:
    """The dashboard as one role reads it: the lists waiting for that role
    (with rows, most pressing first), the agency's other lists with rows,
    and every list without rows (named on one line, not a card each)."""

    waiting: list[DashboardList]
    others: list[DashboardList]
    empty: list[DashboardList]


def arrange_dashboard(role, lists) -> DashboardScreen:
    """``lists`` in the order ``role`` reads them (``WAITING_FOR``)."""
    order = WAITING_FOR.get(role, ())
    mine = sorted(
        (shown for shown in lists if shown.key in order), key=lambda shown: order.index(shown.key)
    )
    rest = [shown for shown in lists if shown.key not in order]
    return DashboardScreen(
        waiting=[shown for shown in mine if shown.count],
        others=[shown for shown in rest if shown.count],
        empty=[shown for shown in mine + rest if not shown.count],
    )


def _visit_list(**filters) -> str:
    """The address of the visit list filtered by ``filters``."""
    query = urlencode({name: str(value) for name, value in filters.items()})
    return f"{reverse('visits:list')}?{query}"


def _either_side(agency, **conditions):
    """Visits matching ``conditions`` where ``agency`` is the host or the
    visitor: the conditions written once, not once per side, keep the
    dashboard's count query within the 50 parameters psycopg prepares
    (PostgreSQL still reads each side through its index)."""
    return (Q(host=agency) | Q(visitor=agency)) & Q(**conditions)


def _load_agencies(visits):
    """Give ``visits`` their host and visitor (with province, for the time
    zone) from one query: the dashboard's sections share most of them."""
    ids = {visit.host_id for visit in visits} | {visit.visitor_id for visit in visits}
    agencies = Agency.objects.select_related("province").in_bulk(ids)
    for visit in visits:
        visit.host = agencies[visit.host_id]
        visit.visitor = agencies[visit.visitor_id]


# --- The visit list ----------------------------------------------------------------------

# What the visit list shows of a visit and its agencies (templates/visits/
# visit_list.html, the {% visit_when %} tag: the host's time zone); the
# rest of their columns (letters, purpose, addresses, letterheads) stays in
# the database, and building a page of rows costs less.
VISIT_LIST_FIELDS = (
    "host",
    "visitor",
    "title",
    "status",
    "start",
    "end",
    "updated_at",
    *(
        f"{side}__{name}"
        for side in ("host", "visitor")
        for name in ("name", "short_name", "province__time_zone")
    ),
)


def visit_list_rows(agency):
    """The visits ``agency``'s members see, with their topics and delegation
    size, reading only the columns the visit list shows."""
    return (
        visits_for_agency(agency)
        .select_related("host__province", "visitor__province")
        .only(*VISIT_LIST_FIELDS)
        .with_topics()
        .with_delegation_size()
    )


# --- The calendar ----------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarMonth:
    """A month of an agency's visits on a Monday-first grid of whole weeks.

    ``grid`` is a list of weeks, each a list of days: ``date``, ``in_month``,
    ``is_today``, ``is_sunday``, ``holiday`` (its name or None), ``visits``
    (every visit taking place that day) and ``starts`` (the pks of those
    starting that day). ``visits`` and ``holidays`` are those of the month
    itself, not of the grid's days before and after it.
    """

    start: datetime.date
    weekdays: list[datetime.date]
    grid: list[list[dict]]
    visits: list
    holidays: dict[datetime.date, str]


def calendar_month(agency, year, month, *, today) -> CalendarMonth:
    """The ``agency``'s visits of a month, as host and as visitor (not
    cancelled or declined, and never another agency's draft), with national
    holidays and collective leave days, read in the agency's time zone. One
    query."""
    tz = agency.tzinfo
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    first_day, last_day = weeks[0][0], weeks[-1][-1]
    visits = list(
        visits_for_agency(agency)
        .with_agencies()
        .on_calendar()
        .overlapping(
            datetime.datetime.combine(first_day, datetime.time.min, tzinfo=tz),
            datetime.datetime.combine(last_day + DAY, datetime.time.min, tzinfo=tz),
        )
        .order_by("start", "pk")
    )
    by_day = _visits_by_day(visits, agency, first_day, last_day)
    holidays = holidays_between(first_day, last_day)
    month_start = datetime.date(year, month, 1)
    month_end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return CalendarMonth(
        start=month_start,
        weekdays=weeks[0],
        grid=[
            [
                _calendar_day(day, month, today, holidays.get(day), by_day.get(day, []))
                for day in week
            ]
            for week in weeks
        ],
        visits=[
            visit
            for visit in visits
            if visit.local_start.date() <= month_end and visit.local_end.date() >= month_start
        ],
        holidays={day: name for day, name in holidays.items() if month_start <= day <= month_end},
    )


def _visits_by_day(visits, agency, first_day, last_day):
    """Each visit on every day it spans from ``first_day`` to ``last_day``,
    read in the agency's time zone; the visits learn their local times and
    which agency is the other one."""
    tz = agency.tzinfo
    by_day = {}
    for visit in visits:
        visit.local_start = timezone.localtime(visit.start, tz)
        visit.local_end = timezone.localtime(visit.end, tz)
        visit.is_host = visit.host_id == agency.pk
        visit.other_agency = visit.visitor if visit.is_host else visit.host
        day = max(visit.local_start.date(), first_day)
        while day <= min(visit.local_end.date(), last_day):
            by_day.setdefault(day, []).append(visit)
            day += DAY
    return by_day


def _calendar_day(day, month, today, holiday, visits) -> dict:
    return {
        "date": day,
        "in_month": day.month == month,
        "is_today": day == today,
        "is_sunday": day.weekday() == calendar.SUNDAY,
        "holiday": holiday,
        "visits": visits,
        # The start time belongs on the first day; later days continue.
        "starts": {visit.pk for visit in visits if visit.local_start.date() == day},
    }
