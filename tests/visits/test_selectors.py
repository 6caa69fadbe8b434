"""The reads of the visits app (visits/selectors.py), asked directly: which
visits each dashboard section holds for each side of a visit, where its
boundaries lie, and what a calendar month holds beyond its grid."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from agencies.models import Role
from tests.factories import make_visit
from visits.models import VisitStatus
from visits.selectors import (
    DASHBOARD_SECTION_SIZE,
    DashboardList,
    arrange_dashboard,
    calendar_month,
    dashboard_sections,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime.datetime(2025, 8, 15, 10, tzinfo=WIB)


def listed(agency, now=NOW):
    """{section key: [visit pk, ...]} of ``agency``'s dashboard at ``now``."""
    return {
        section.key: [v.pk for v in section.rows] for section in dashboard_sections(agency, now=now)
    }


def nothing_but(**sections):
    return {
        "to_answer": [],
        "proposals": [],
        "upcoming": [],
        "waiting": [],
        "drafts": [],
        "recent": [],
    } | sections


def test_a_request_waits_for_the_host_and_the_visitor_waits_for_it(salatiga, magelang, malang):
    request = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED, start=NOW + 20 * DAY
    )

    assert listed(magelang.agency) == nothing_but(to_answer=[request.pk])
    assert listed(salatiga.agency) == nothing_but(waiting=[request.pk])
    assert listed(malang.agency) == nothing_but()


def test_a_proposed_date_waits_for_the_visitor_and_the_host_waits_for_it(salatiga, magelang):
    proposal = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.DATE_PROPOSED,
        start=NOW + 20 * DAY,
        proposed_start=NOW + 30 * DAY,
        proposed_end=NOW + 30 * DAY + 6 * datetime.timedelta(hours=1),
    )

    assert listed(salatiga.agency) == nothing_but(proposals=[proposal.pk])
    assert listed(magelang.agency) == nothing_but(waiting=[proposal.pk])


def test_a_draft_is_its_authors_alone(salatiga, magelang):
    draft = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT)

    assert listed(salatiga.agency) == nothing_but(drafts=[draft.pk])
    assert listed(magelang.agency) == nothing_but()


def test_a_scheduled_visit_is_upcoming_for_both_sides_until_it_ends(salatiga, magelang):
    ongoing = make_visit(
        magelang.agency, salatiga.agency, start=NOW - 2 * DAY, end=NOW + datetime.timedelta(hours=1)
    )
    make_visit(magelang.agency, salatiga.agency, start=NOW - 3 * DAY, end=NOW - DAY)

    assert listed(salatiga.agency) == nothing_but(upcoming=[ongoing.pk])
    assert listed(magelang.agency) == nothing_but(upcoming=[ongoing.pk])
    # An hour later it has ended and is upcoming no more.
    assert listed(magelang.agency, NOW + 2 * datetime.timedelta(hours=1)) == nothing_but()


def test_recently_held_is_held_or_reported_within_90_days_newest_first(salatiga, magelang):
    reported = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.REPORTED, start=NOW - 89 * DAY
    )
    held = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD, start=NOW - DAY)
    make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD, start=NOW - 91 * DAY)

    assert listed(salatiga.agency) == nothing_but(recent=[held.pk, reported.pk])
    assert listed(magelang.agency) == nothing_but(recent=[held.pk, reported.pk])


def test_each_section_lists_a_few_and_counts_all(salatiga, magelang):
    for n in range(DASHBOARD_SECTION_SIZE + 2):
        make_visit(magelang.agency, salatiga.agency, start=NOW + (n + 1) * DAY)

    upcoming = {section.key: section for section in dashboard_sections(salatiga.agency, now=NOW)}[
        "upcoming"
    ]

    assert (len(upcoming.rows), upcoming.count) == (
        DASHBOARD_SECTION_SIZE,
        DASHBOARD_SECTION_SIZE + 2,
    )
    assert [visit.start for visit in upcoming.rows] == sorted(
        visit.start for visit in upcoming.rows
    )
    # The rows come with both agencies, and the link shows the whole list.
    assert upcoming.rows[0].host == magelang.agency
    assert upcoming.link == "/kunjungan/?status=scheduled&dari=2025-08-15"


def test_each_section_links_to_the_visit_list_filtered_alike(salatiga):
    links = {section.key: section.link for section in dashboard_sections(salatiga.agency, now=NOW)}

    assert links == {
        "to_answer": "/kunjungan/?status=requested&peran=tuan_rumah",
        "proposals": "/kunjungan/?status=date_proposed&peran=pengunjung",
        "upcoming": "/kunjungan/?status=scheduled&dari=2025-08-15",
        "waiting": "/kunjungan/?status=aktif",
        "drafts": "/kunjungan/?status=draft",
        "recent": "/kunjungan/?status=selesai&dari=2025-05-17",
    }


def shown(key, count):
    return DashboardList(key=key, title=key, help="", icon="", link="", count=count)


def test_a_role_reads_its_own_lists_first_in_its_order_and_the_empty_ones_on_one_line():
    lists = [
        shown("to_answer", 2),
        shown("upcoming", 0),
        shown("recent", 1),
        shown("reports_to_write", 0),
        shown("atm_review", 3),
        shown("reports_to_review", 1),
    ]

    head = arrange_dashboard(Role.HEAD, lists)
    assert [lst.key for lst in head.waiting] == ["reports_to_review", "atm_review", "to_answer"]
    assert [lst.key for lst in head.others] == ["recent"]
    assert [lst.key for lst in head.empty] == ["upcoming", "reports_to_write"]

    staff = arrange_dashboard(Role.STAFF, lists)
    assert [lst.key for lst in staff.waiting] == ["to_answer"]
    assert [lst.key for lst in staff.others] == ["recent", "atm_review", "reports_to_review"]
    assert [lst.key for lst in staff.empty] == ["upcoming", "reports_to_write"]

    # Without a role nothing is the user's own: the lists keep their order.
    nobody = arrange_dashboard(None, lists)
    assert nobody.waiting == []
    assert [lst.key for lst in nobody.others] == [
        "to_answer",
        "recent",
        "atm_review",
        "reports_to_review",
    ]


def test_a_calendar_month_lists_its_own_visits_and_holidays_not_the_grids_edges(
    salatiga, magelang, django_assert_num_queries
):
    # 29 July is in August's grid (it starts on Monday 28 July), not in August.
    july = make_visit(
        magelang.agency, salatiga.agency, start=datetime.datetime(2025, 7, 29, 9, tzinfo=WIB)
    )
    across = make_visit(
        magelang.agency,
        salatiga.agency,
        start=datetime.datetime(2025, 7, 31, 9, tzinfo=WIB),
        end=datetime.datetime(2025, 8, 1, 15, tzinfo=WIB),
    )

    with django_assert_num_queries(1):
        month = calendar_month(salatiga.agency, 2025, 8, today=datetime.date(2025, 8, 15))

    days = {cell["date"]: cell for week in month.grid for cell in week}
    assert [v.pk for v in days[datetime.date(2025, 7, 29)]["visits"]] == [july.pk]
    assert days[datetime.date(2025, 7, 31)]["starts"] == {across.pk}
    assert days[datetime.date(2025, 8, 1)]["starts"] == set()
    assert [v.pk for v in month.visits] == [across.pk]
    assert month.start == datetime.date(2025, 8, 1)
    assert month.weekdays[0] == datetime.date(2025, 7, 28)
    assert all(day.month == 8 for day in month.holidays)
    assert month.holidays[datetime.date(2025, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert days[datetime.date(2025, 8, 15)]["is_today"] is True
    # The visit knows its side: Salatiga is the visitor.
    assert (month.visits[0].is_host, month.visits[0].other_agency) == (False, magelang.agency)


def test_now_defaults_to_the_present(salatiga, magelang):
    soon = make_visit(magelang.agency, salatiga.agency, start=timezone.now() + DAY)

    assert listed(salatiga.agency, now=None)["upcoming"] == [soon.pk]


def test_the_two_query_reader_reads_what_a_query_per_list_would(salatiga, magelang, malang):
    """The dashboard reads its visit lists in two queries, ordered in Python:
    the same rows, order and counts as one ORM query per list, ties included."""
    from visits import selectors
    from visits.permissions import visits_for_agency

    same_start = NOW + 5 * DAY
    for host, visitor in ((magelang, salatiga), (salatiga, magelang), (malang, salatiga)):
        for status in VisitStatus.values:
            for n in range(3):
                make_visit(
                    host.agency,
                    visitor.agency,
                    status=status,
                    start=same_start if n < 2 else NOW - (n * 20) * DAY,
                    end=same_start + DAY if n < 2 else NOW - (n * 20 - 1) * DAY,
                    **(
                        {"proposed_start": NOW + 9 * DAY, "proposed_end": NOW + 10 * DAY}
                        if status == VisitStatus.DATE_PROPOSED
                        else {}
                    ),
                )

    for agency in (salatiga.agency, magelang.agency):
        queries = selectors._dashboard_queries(agency, NOW)
        visits = visits_for_agency(agency)
        arguments = {"counted": visits, "listed": visits, "size": 4}
        expected = selectors.read_dashboard_lists(queries, **arguments)
        read = selectors.read_disjoint_dashboard_lists(queries, **arguments)

        assert [(s.key, s.count, [v.pk for v in s.rows]) for s in read] == [
            (s.key, s.count, [v.pk for v in s.rows]) for s in expected
        ]
        assert sum(s.count for s in read) > len(read)  # the lists hold rows
