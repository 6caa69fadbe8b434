"""Every agency's activity, for the national administrators: visits (made
and received), reports and ATM items by state, one row per agency, searched
and filtered by province, a page at a time, in a fixed number of queries."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from agencies.models import Regency, Role
from reports.models import AdoptionStatus, ReportStatus
from reports.selectors import activity_agencies, agency_activity
from tests.access import (
    assert_refuses_an_account_without_an_agency,
    assert_sends_anonymous_users_to_log_in,
)
from tests.factories import (
    make_adoption_item,
    make_agency,
    make_held_visit,
    make_report,
    make_user,
    make_visit,
)
from visits.models import Visit, VisitStatus

pytestmark = pytest.mark.django_db

URL = reverse("reports:agency_activity")


@pytest.fixture
def national_client(client, national_admin):
    client.force_login(national_admin)
    return client


def _regency_codes(count):
    return list(Regency.objects.order_by("code").values_list("code", flat=True)[:count])


def _row(rows, agency):
    [row] = [row for row in rows if row.agency == agency]
    return row


@pytest.fixture
def activity(salatiga, magelang, malang):
    """Salatiga visits Magelang in many states; Malang only receives one
    request; Salatiga's reports and ATM items are in several states."""
    for status in (
        VisitStatus.DRAFT,
        VisitStatus.REQUESTED,
        VisitStatus.DATE_PROPOSED,
        VisitStatus.SCHEDULED,
        VisitStatus.CANCELLED,
    ):
        make_visit(magelang.agency, salatiga.agency, status=status)
    make_visit(malang.agency, salatiga.agency, status=VisitStatus.DECLINED)
    held = make_held_visit(magelang.agency, salatiga.agency)
    reported = make_held_visit(magelang.agency, salatiga.agency)
    Visit.objects.filter(pk=reported.pk).update(status=VisitStatus.REPORTED)
    draft = make_report(held, salatiga.agency)
    published = make_report(reported, salatiga.agency, status=ReportStatus.PUBLISHED)
    make_report(reported, magelang.agency, status=ReportStatus.SUBMITTED)
    for status in (AdoptionStatus.PROPOSED, AdoptionStatus.PROPOSED, AdoptionStatus.RETURNED):
        make_adoption_item(draft, status=status)
    for status in (AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED):
        make_adoption_item(published, status=status)


def test_each_agency_has_its_visits_reports_and_items_by_state(
    activity, salatiga, magelang, malang
):
    rows = agency_activity(activity_agencies())

    visitor = _row(rows, salatiga.agency)
    # A draft request is the visitor's own: not counted.
    assert visitor.visits == {"requested": 2, "scheduled": 1, "held": 2, "ended": 2}
    assert visitor.reports == {"draft": 1, "submitted": 0, "approved": 0, "published": 1}
    assert visitor.items == {
        "proposed": 2,
        "returned": 1,
        "approved": 0,
        "in_progress": 1,
        "adopted": 1,
        "dropped": 0,
    }
    host = _row(rows, magelang.agency)
    assert host.visits == {"requested": 2, "scheduled": 1, "held": 2, "ended": 1}
    assert host.reports["submitted"] == 1 and sum(host.items.values()) == 0
    outsider = _row(rows, malang.agency)
    assert outsider.visits == {"requested": 0, "scheduled": 0, "held": 0, "ended": 1}
    assert (visitor.agency.member_count, outsider.agency.member_count) == (3, 3)
    assert visitor.groups() == [
        ("Kunjungan", [("Diajukan", 2), ("Terjadwal", 1), ("Terlaksana", 2), ("Batal/ditolak", 2)]),
        ("Laporan", [("Draf", 1), ("Terbit", 1)]),
        (
            "Butir rencana ATM",
            [("Diusulkan", 2), ("Dikembalikan", 1), ("Sedang berjalan", 1), ("Diadopsi", 1)],
        ),
    ]


def test_the_page_shows_the_counts_in_the_table(activity, national_client, salatiga):
    response = national_client.get(URL)

    assert response.status_code == 200
    assertContains(response, "Dinas Sosial Kota Salatiga")
    row = _row(response.context["page"].object_list, salatiga.agency)
    assert row.visits["held"] == 2
    for heading in ("Kunjungan", "Laporan", "Butir rencana ATM"):
        assertContains(response, f'<th scope="col">{heading}</th>', html=True)
    for count in ("2 terlaksana", "1 terbit", "1 diadopsi", "2 diusulkan"):
        assertContains(response, count)


def test_an_agency_without_members_offers_to_invite_its_first_coordinator(national_client):
    agency = make_agency("34.03")

    response = national_client.get(URL)

    assert _row(response.context["page"].object_list, agency).agency.member_count == 0
    invite = reverse("agencies:invite_coordinator", args=[agency.slug])
    assertContains(response, f'href="{invite}">Undang koordinator<')


def test_a_deactivated_member_does_not_count(national_client, salatiga):
    salatiga.penyuluh.is_active = False
    salatiga.penyuluh.save()

    response = national_client.get(URL)

    assert _row(response.context["page"].object_list, salatiga.agency).agency.member_count == 2


def test_the_list_is_filtered_by_province_and_searched(national_client, salatiga, malang):
    by_province = national_client.get(URL, {"province": "35"})
    searched = national_client.get(URL, {"q": "salatiga"})

    assert [row.agency for row in by_province.context["page"]] == [malang.agency]
    assert [row.agency for row in searched.context["page"]] == [salatiga.agency]
    assertNotContains(searched, "Dinas Sosial Kota Malang")


def test_an_unknown_province_is_a_message_and_the_whole_list(national_client, salatiga, malang):
    response = national_client.get(URL, {"province": "99"})

    assert response.status_code == 200
    assert response.context["form"].errors["province"]
    assert response.context["page"].paginator.count == 2


def test_the_list_is_paginated(national_client):
    for code in _regency_codes(28):
        make_agency(code)

    first = national_client.get(URL)
    second = national_client.get(URL, {"halaman": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 3
    assertContains(first, "?halaman=2")


@pytest.mark.parametrize("agencies", [3, 30])
def test_the_page_runs_a_fixed_number_of_queries(
    national_client, agencies, django_assert_num_queries
):
    made = [make_agency(code) for code in _regency_codes(agencies)]
    for host, visitor in zip(made, made[1:], strict=False):
        visit = make_held_visit(host, visitor)
        make_adoption_item(make_report(visit, visitor))
        make_user(host, Role.STAFF)

    with django_assert_num_queries(8):
        response = national_client.get(URL)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(agencies, 25)


# --- Only national administrators ----------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert_sends_anonymous_users_to_log_in(client, URL)


def test_an_account_without_an_agency_is_refused(client):
    assert_refuses_an_account_without_an_agency(client, URL)


@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_an_agency_is_refused(client, role):
    client.force_login(make_user(make_agency("33.71"), role))

    assert client.get(URL).status_code == 403
