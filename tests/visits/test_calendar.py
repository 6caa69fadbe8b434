"""The agency's month calendar: a Monday-first grid of its visits, with
national holidays and collective leave days marked."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from agencies.models import Role
from tests.access import (
    assert_refuses_an_account_without_an_agency,
    assert_sends_anonymous_users_to_log_in,
)
from tests.factories import agency_fixture, log_in, make_agency, make_user, make_visit
from visits.models import VisitStatus

pytestmark = pytest.mark.django_db

URL = "/kalender/"
WIB = ZoneInfo("Asia/Jakarta")
AUGUST_2025 = {"tahun": "2025", "bulan": "8"}


malang = agency_fixture("35.73")
madiun = agency_fixture("35.19")


@pytest.fixture
def member(client, malang):
    return log_in(client, make_user(malang, Role.PENYULUH))


def at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=WIB)


def cells(response):
    return {cell["date"]: cell for week in response.context["grid"] for cell in week}


def visits_by_day(response):
    """{date: [visit pk, ...]} for the days that show a visit."""
    return {
        day: [visit.pk for visit in cell["visits"]]
        for day, cell in cells(response).items()
        if cell["visits"]
    }


def test_anonymous_users_are_sent_to_log_in(client):
    assert_sends_anonymous_users_to_log_in(client, URL)


def test_an_account_without_an_agency_gets_403(client):
    assert_refuses_an_account_without_an_agency(client, URL)


def test_the_grid_starts_on_monday_and_covers_the_month(client, member):
    response = client.get(URL, AUGUST_2025)
    grid = response.context["grid"]
    assert grid[0][0]["date"] == datetime.date(2025, 7, 28)  # a Monday
    assert grid[-1][-1]["date"] == datetime.date(2025, 8, 31)  # a Sunday
    content = response.content.decode()
    assert "Agustus 2025" in content
    assert ">Senin</span>" in content
    assert ">Minggu</span>" in content


def test_a_visit_shows_on_the_day_it_takes_place(client, member, malang, madiun):
    # The demo visit: Madiun at Malang on Friday 1 August 2025.
    visit = make_visit(malang, madiun, status=VisitStatus.HELD, start=at(2025, 8, 1, 8))
    response = client.get(URL, AUGUST_2025)
    assert visits_by_day(response) == {datetime.date(2025, 8, 1): [visit.pk]}
    assert f'href="/kunjungan/{visit.pk}/"' in response.content.decode()


def test_a_visit_of_several_days_shows_on_each_of_them(client, member, malang, madiun):
    visit = make_visit(malang, madiun, start=at(2025, 8, 4, 8), end=at(2025, 8, 6, 15))
    response = client.get(URL, AUGUST_2025)
    assert visits_by_day(response) == {
        datetime.date(2025, 8, 4): [visit.pk],
        datetime.date(2025, 8, 5): [visit.pk],
        datetime.date(2025, 8, 6): [visit.pk],
    }
    # Its start time shows on the first day only.
    days = cells(response)
    assert [days[datetime.date(2025, 8, d)]["starts"] for d in (4, 5, 6)] == [
        {visit.pk},
        set(),
        set(),
    ]


def test_a_visit_across_the_month_end_shows_on_its_days_in_the_grid(client, member, malang, madiun):
    visit = make_visit(malang, madiun, start=at(2025, 7, 29), end=at(2025, 8, 2, 12))
    response = client.get(URL, AUGUST_2025)
    assert list(visits_by_day(response)) == [
        datetime.date(2025, 7, 29),
        datetime.date(2025, 7, 30),
        datetime.date(2025, 7, 31),
        datetime.date(2025, 8, 1),
        datetime.date(2025, 8, 2),
    ]
    assert [v.pk for v in response.context["month_visits"]] == [visit.pk]


def test_days_are_read_in_the_agencys_time_zone(client, member, malang, madiun):
    # 18.00 UTC on 31 August is 01.00 WIB on 1 September.
    make_visit(malang, madiun, start=datetime.datetime(2025, 8, 31, 18, tzinfo=datetime.UTC))
    assert visits_by_day(client.get(URL, AUGUST_2025)) == {}
    september = visits_by_day(client.get(URL, {"tahun": "2025", "bulan": "9"}))
    assert list(september) == [datetime.date(2025, 9, 1)]


def test_both_sides_show_and_so_do_own_drafts(client, member, malang, madiun):
    salatiga = make_agency("33.73")
    hosted = make_visit(malang, madiun, start=at(2025, 8, 5))
    made = make_visit(salatiga, malang, start=at(2025, 8, 6), status=VisitStatus.REQUESTED)
    draft = make_visit(salatiga, malang, start=at(2025, 8, 7), status=VisitStatus.DRAFT)
    response = client.get(URL, AUGUST_2025)
    assert visits_by_day(response) == {
        datetime.date(2025, 8, 5): [hosted.pk],
        datetime.date(2025, 8, 6): [made.pk],
        datetime.date(2025, 8, 7): [draft.pk],
    }


def test_cancelled_declined_others_drafts_and_strangers_visits_do_not_show(
    client, member, malang, madiun
):
    salatiga, magelang = make_agency("33.73"), make_agency("33.71")
    make_visit(malang, madiun, start=at(2025, 8, 5), status=VisitStatus.CANCELLED)
    make_visit(malang, madiun, start=at(2025, 8, 6), status=VisitStatus.DECLINED)
    make_visit(malang, madiun, start=at(2025, 8, 7), status=VisitStatus.DRAFT)
    make_visit(magelang, salatiga, start=at(2025, 8, 8))
    assert visits_by_day(client.get(URL, AUGUST_2025)) == {}


def test_visits_are_coloured_by_status(client, member, malang, madiun):
    make_visit(malang, madiun, start=at(2025, 8, 5), status=VisitStatus.REQUESTED)
    assert 'class="cal-visit status-requested"' in client.get(URL, AUGUST_2025).content.decode()


def test_national_holidays_and_collective_leave_days_are_marked(client, member):
    response = client.get(URL, AUGUST_2025)
    days = cells(response)
    assert days[datetime.date(2025, 8, 17)]["holiday"] == "Hari Kemerdekaan Republik Indonesia"
    assert (
        days[datetime.date(2025, 8, 18)]["holiday"]
        == "Cuti Bersama Hari Kemerdekaan Republik Indonesia"
    )
    assert days[datetime.date(2025, 8, 1)]["holiday"] is None
    content = response.content.decode()
    assert '<div class="cal-holiday-name">Hari Kemerdekaan Republik Indonesia</div>' in content


def test_it_links_to_the_previous_and_next_month_across_the_year(client, member):
    content = client.get(URL, {"tahun": "2025", "bulan": "12"}).content.decode()
    assert 'href="/kalender/?tahun=2025&amp;bulan=11"' in content
    assert 'href="/kalender/?tahun=2026&amp;bulan=1"' in content


def test_without_a_month_it_shows_the_current_one(client, member):
    today = timezone.localdate(timezone.now(), WIB)
    response = client.get(URL)
    assert response.context["month_start"] == today.replace(day=1)
    assert response.context["is_this_month"] is True


@pytest.mark.parametrize(
    "query", [{"tahun": "2025", "bulan": "13"}, {"tahun": "abc", "bulan": "8"}]
)
def test_an_invalid_month_shows_this_month_with_a_message(client, member, query):
    today = timezone.localdate(timezone.now(), WIB)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert response.context["month_start"] == today.replace(day=1)
    assert (
        "Bulan yang diminta tidak valid; kalender menampilkan bulan ini."
        in response.content.decode()
    )


@pytest.mark.parametrize("count", [5, 50])
def test_the_calendar_runs_a_fixed_number_of_queries(
    client, member, malang, madiun, django_assert_num_queries, count
):
    for n in range(count):
        make_visit(
            malang, madiun, start=at(2025, 8, 1 + n % 28, 8), end=at(2025, 8, 1 + n % 28, 15)
        )

    with django_assert_num_queries(3):
        response = client.get(URL, AUGUST_2025)

    assert len(response.context["month_visits"]) == count


# --- The month and year picker -------------------------------------------------------


def test_the_picker_shows_the_month_on_screen(client, member):
    response = client.get(URL, AUGUST_2025)

    content = response.content.decode()
    assert 'aria-label="Pilih bulan dan tahun"' in content
    assert '<option value="8" selected>Agustus</option>' in content
    assert 'name="tahun" value="2025"' in content
    assert '<label class="form-label small mb-1" for="id_bulan">Bulan</label>' in content
    assert '<label class="form-label small mb-1" for="id_tahun">Tahun</label>' in content


def test_the_picker_reaches_march_in_one_step(client, member):
    """What the picker sends: the month chosen and the year typed."""
    response = client.get(URL, {"bulan": "3", "tahun": "2024"})

    assert response.context["month_start"] == datetime.date(2024, 3, 1)
    assert "Kalender kunjungan · Maret 2024" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"bulan": "3", "tahun": "1999"}, "tahun"),
        ({"bulan": "3", "tahun": "20245"}, "tahun"),
        ({"bulan": "0", "tahun": "2025"}, "bulan"),
        ({"bulan": "3\x00", "tahun": "2025"}, "bulan"),
        ({"bulan": "3", "tahun": ""}, "tahun"),
        ({"bulan": "x" * 10_000, "tahun": "2025"}, "bulan"),
    ],
    ids=["year-too-early", "year-too-long", "month-zero", "nul-byte", "no-year", "endless"],
)
def test_an_invalid_pick_is_a_message_on_the_picker(client, member, query, field):
    today = timezone.localdate(timezone.now(), WIB)

    response = client.get(URL, query)

    assert response.status_code == 200
    assert response.context["month_start"] == today.replace(day=1)
    picker = response.context["picker"]
    assert list(picker.errors) == [field]
    assert f'id="id_{field}_error"' in response.content.decode()
