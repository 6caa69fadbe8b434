"""Indonesian national holidays and collective leave days (cuti bersama).

Government offices are closed on both, so a visit on one of them is unusual:
the calendar marks these days and the request form warns about them. The
dates come from the ``holidays`` package (decrees of the three ministers, SKB
3 Menteri, for the cuti bersama), with their Indonesian names.
"""

import datetime
from functools import lru_cache

import holidays

# "public": national holidays (hari libur nasional); "government": the
# collective leave days of civil servants (cuti bersama).
CATEGORIES = ("public", "government")


@lru_cache(maxsize=32)
def _holidays_of_year(year: int) -> dict[datetime.date, str]:
    calendar = holidays.country_holidays("ID", years=year, categories=CATEGORIES, language="id")
    # Two observances can fall on one day; the package joins their names with "; ".
    return dict(calendar.items())


def holidays_between(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """National holidays and collective leave days from ``start`` to ``end``
    (both included), by date, with their Indonesian names, in date order:
    ``{date(2025, 8, 17): "Hari Kemerdekaan Republik Indonesia", ...}``.
    """
    if end < start:
        return {}
    found = {}
    for year in range(start.year, end.year + 1):
        found.update(_holidays_of_year(year))
    return {day: found[day] for day in sorted(found) if start <= day <= end}


def holidays_during(
    start: datetime.datetime, end: datetime.datetime, tz: datetime.tzinfo
) -> dict[datetime.date, str]:
    """The holidays on the days a visit spans, its aware ``start`` and ``end``
    read as dates in the time zone ``tz`` (the host's: the day off is theirs)."""
    return holidays_between(start.astimezone(tz).date(), end.astimezone(tz).date())


def is_holiday(day: datetime.date) -> bool:
    return day in _holidays_of_year(day.year)
