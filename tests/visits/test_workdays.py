"""National holidays and collective leave days (cuti bersama), by date."""

import datetime
from zoneinfo import ZoneInfo

from visits.workdays import holidays_between, holidays_during, is_holiday

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")


def test_independence_day_and_its_collective_leave_day_have_indonesian_names():
    assert holidays_between(datetime.date(2025, 8, 1), datetime.date(2025, 8, 31)) == {
        datetime.date(2025, 8, 17): "Hari Kemerdekaan Republik Indonesia",
        datetime.date(2025, 8, 18): "Cuti Bersama Hari Kemerdekaan Republik Indonesia",
    }


def test_both_ends_of_the_range_are_included():
    day = datetime.date(2025, 8, 17)
    assert holidays_between(day, day) == {day: "Hari Kemerdekaan Republik Indonesia"}


def test_a_range_across_new_year_takes_both_years_in_date_order():
    found = holidays_between(datetime.date(2025, 12, 24), datetime.date(2026, 1, 2))
    assert list(found) == [
        datetime.date(2025, 12, 25),
        datetime.date(2025, 12, 26),
        datetime.date(2026, 1, 1),
    ]
    assert found[datetime.date(2025, 12, 26)] == "Cuti Bersama Hari Raya Natal"
    assert found[datetime.date(2026, 1, 1)] == "Tahun Baru Masehi"


def test_a_range_without_holidays_is_empty():
    assert holidays_between(datetime.date(2025, 8, 4), datetime.date(2025, 8, 8)) == {}


def test_a_range_that_ends_before_it_starts_is_empty():
    assert holidays_between(datetime.date(2025, 8, 31), datetime.date(2025, 8, 1)) == {}


def test_the_days_of_a_visit_are_read_in_the_hosts_time_zone():
    # 15.30–16.30 UTC on 16 August 2025: 22.30–23.30 on the 16th in Jakarta,
    # 00.30–01.30 on the 17th in Jayapura.
    start = datetime.datetime(2025, 8, 16, 15, 30, tzinfo=datetime.UTC)
    end = start + datetime.timedelta(hours=1)
    assert holidays_during(start, end, WIB) == {}
    assert holidays_during(start, end, WIT) == {
        datetime.date(2025, 8, 17): "Hari Kemerdekaan Republik Indonesia"
    }


def test_a_visit_spanning_several_days_finds_every_holiday_on_them():
    start = datetime.datetime(2025, 8, 16, 9, 0, tzinfo=WIB)
    end = datetime.datetime(2025, 8, 19, 12, 0, tzinfo=WIB)
    assert list(holidays_during(start, end, WIB)) == [
        datetime.date(2025, 8, 17),
        datetime.date(2025, 8, 18),
    ]


def test_is_holiday_tells_a_holiday_from_a_working_day():
    assert is_holiday(datetime.date(2025, 8, 17))
    assert is_holiday(datetime.date(2025, 8, 18))  # cuti bersama
    assert not is_holiday(datetime.date(2025, 8, 1))  # the Madiun visit to Malang, a Friday
