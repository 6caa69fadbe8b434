"""The reads of the reports app (reports/selectors.py), asked directly: which
reports and ATM items each agency and each role is shown, on the visit page,
on the dashboard and on the public news."""

import datetime

import pytest
from django.utils import timezone

from agencies.models import Role
from reports import services
from reports.models import AdoptionStatus as S
from reports.models import ReportStatus
from reports.selectors import (
    dashboard_plan_sections,
    dashboard_report_sections,
    published_reports,
    visit_adoption_plans,
    visit_reports_for,
    was_unpublished,
)
from tests.factories import make_adoption_item, make_report, make_user, make_visit
from visits.models import VisitStatus

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def keys(sections):
    return [section.key for section in sections]


def rows(sections):
    return {section.key: [row.pk for row in section.rows] for section in sections}


# --- The visit page --------------------------------------------------------------------


def test_each_agency_sees_its_own_report_and_the_others_once_published(salatiga, magelang, visit):
    own = make_report(visit, salatiga.agency)
    theirs = make_report(visit, magelang.agency)

    reports = visit_reports_for(salatiga.staff, visit)
    assert (reports.own, reports.other, reports.other_agency) == (own, None, magelang.agency)

    theirs.status, theirs.published_at = ReportStatus.PUBLISHED, timezone.now()
    theirs.save()
    reports = visit_reports_for(salatiga.staff, visit)
    assert (reports.own, reports.other) == (own, theirs)
    reports = visit_reports_for(magelang.staff, visit)
    assert (reports.own, reports.other, reports.other_agency) == (theirs, None, salatiga.agency)


def test_there_are_no_reports_before_the_visit_is_held_and_no_query_asks(
    salatiga, magelang, django_assert_num_queries
):
    scheduled = make_visit(magelang.agency, salatiga.agency)
    user = (
        type(salatiga.staff).objects.select_related("membership__agency").get(pk=salatiga.staff.pk)
    )

    with django_assert_num_queries(0):
        assert visit_reports_for(user, scheduled) is None


def test_an_account_without_an_agency_is_shown_no_reports(national_admin, visit):
    assert visit_reports_for(national_admin, visit) is None


def test_the_own_plan_comes_first_and_the_others_only_with_approved_items(
    salatiga, magelang, visit
):
    own = make_report(visit, salatiga.agency)
    theirs = make_report(visit, magelang.agency)
    proposed = make_adoption_item(theirs, status=S.PROPOSED)

    plans = visit_adoption_plans(magelang.penyuluh, visit)
    assert [(plan.report, plan.own, plan.can_add) for plan in plans] == [(theirs, True, True)]
    assert [item.pk for item in plans[0].items] == [proposed.pk]
    # Salatiga sees its empty plan, not Magelang's item under review.
    plans = visit_adoption_plans(salatiga.penyuluh, visit)
    assert [(plan.report, plan.own, plan.items) for plan in plans] == [(own, True, [])]

    approved = make_adoption_item(theirs, status=S.APPROVED)
    plans = visit_adoption_plans(salatiga.staff, visit)
    assert [(plan.report, plan.own, plan.can_add) for plan in plans] == [
        (own, True, False),
        (theirs, False, False),
    ]
    assert [item.pk for item in plans[1].items] == [approved.pk]


def test_an_outsider_and_a_visit_not_yet_held_show_no_plans(salatiga, magelang, malang, visit):
    make_report(visit, salatiga.agency)

    assert visit_adoption_plans(malang.head, visit) is None
    assert visit_adoption_plans(salatiga.head, make_visit(magelang.agency, salatiga.agency)) is None


# --- The dashboard ---------------------------------------------------------------------


def test_writers_write_and_heads_also_review_and_publish(salatiga, django_assert_num_queries):
    assert keys(dashboard_report_sections(salatiga.penyuluh)) == [
        "reports_to_write",
        "report_drafts",
    ]
    assert keys(dashboard_report_sections(salatiga.head)) == [
        "reports_to_write",
        "report_drafts",
        "reports_to_review",
        "reports_to_publish",
    ]
    with django_assert_num_queries(0):
        assert dashboard_report_sections(salatiga.staff) == []


def test_the_report_sections_hold_the_agencys_own_visits_and_reports(
    salatiga, magelang, malang, visit
):
    other_visit = make_visit(
        salatiga.agency, magelang.agency, status=VisitStatus.HELD, start=timezone.now() - DAY
    )
    draft = make_report(visit, salatiga.agency)
    submitted = make_report(other_visit, salatiga.agency, status=ReportStatus.SUBMITTED)
    make_report(other_visit, magelang.agency, status=ReportStatus.APPROVED)

    assert rows(dashboard_report_sections(salatiga.head)) == {
        "reports_to_write": [],
        "report_drafts": [draft.pk],
        "reports_to_review": [submitted.pk],
        "reports_to_publish": [],
    }
    assert rows(dashboard_report_sections(magelang.penyuluh)) == {
        "reports_to_write": [visit.pk],
        "report_drafts": [],
    }
    assert rows(dashboard_report_sections(malang.head)) == {
        "reports_to_write": [],
        "report_drafts": [],
        "reports_to_review": [],
        "reports_to_publish": [],
    }


def test_each_role_gets_its_atm_lists(salatiga):
    assert keys(dashboard_plan_sections(salatiga.head)) == ["atm_review", "atm_overdue"]
    assert keys(dashboard_plan_sections(salatiga.penyuluh)) == [
        "atm_overdue",
        "atm_returned",
        "atm_checkins_due",
    ]
    assert keys(dashboard_plan_sections(salatiga.staff)) == ["atm_overdue"]


def test_an_account_without_an_agency_gets_no_atm_lists(national_admin):
    assert dashboard_plan_sections(national_admin) == []


def test_the_atm_lists_hold_the_agencys_own_items(salatiga, magelang, visit):
    report = make_report(visit, salatiga.agency)
    proposed = make_adoption_item(report, status=S.PROPOSED)
    overdue = make_adoption_item(
        report, status=S.IN_PROGRESS, target_date=timezone.localdate() - DAY
    )
    make_adoption_item(report, status=S.ADOPTED, target_date=timezone.localdate() - DAY)
    returned = make_adoption_item(report, status=S.RETURNED)

    assert rows(dashboard_plan_sections(salatiga.head)) == {
        "atm_review": [proposed.pk],
        "atm_overdue": [overdue.pk],
    }
    assert rows(dashboard_plan_sections(salatiga.penyuluh)) == {
        "atm_overdue": [overdue.pk],
        "atm_returned": [returned.pk],
        "atm_checkins_due": [],
    }
    assert rows(dashboard_plan_sections(magelang.head)) == {"atm_review": [], "atm_overdue": []}
    assert {
        section.key: section.link for section in dashboard_plan_sections(salatiga.penyuluh)
    } == {
        "atm_overdue": "/atm/?status=terlambat",
        "atm_returned": "/atm/?status=returned",
        "atm_checkins_due": "/atm/?status=perlu_catatan",
    }


# --- The public news -------------------------------------------------------------------


def test_only_published_reports_are_public_newest_first(salatiga, magelang, visit):
    now = timezone.now()
    older = make_report(
        visit, salatiga.agency, status=ReportStatus.PUBLISHED, published_at=now - DAY
    )
    newer = make_report(visit, magelang.agency, status=ReportStatus.PUBLISHED, published_at=now)
    make_report(
        make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD),
        salatiga.agency,
        status=ReportStatus.APPROVED,
    )

    assert list(published_reports()) == [newer, older]


def test_a_report_taken_off_the_public_pages_was_unpublished(salatiga, visit):
    report = make_report(visit, salatiga.agency, status=ReportStatus.APPROVED)
    assert was_unpublished(report.pk) is False

    services.report_publish(report=report, by=salatiga.head)
    assert was_unpublished(report.pk) is False

    services.report_unpublish(report=report, by=salatiga.head, comment="Data perlu dikoreksi.")
    assert was_unpublished(report.pk) is True


def test_an_agency_admin_gets_no_report_lists_and_only_the_overdue_items(salatiga):
    """An agency admin manages accounts: neither a writer nor a reviewer."""
    admin = make_user(salatiga.agency, Role.ADMIN)

    assert dashboard_report_sections(admin) == []
    assert keys(dashboard_plan_sections(admin)) == ["atm_overdue"]
