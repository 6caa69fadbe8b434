"""The one way the portal writes a time, in pages and in e-mails.

A time is written in the active language's format (``studitiru/formats/``:
"09.00" in Indonesian, "09:00" in English), in the current time zone (the
portal's, or the one a ``{% timezone %}`` block or ``timezone.override``
sets: usually the host's, where a visit takes place), and names that zone:
"09.00 WIB". A range takes an en dash without spaces: "09.00–15.30 WIB".
Dates alone use the named formats (``|date:"DATE_FORMAT"``) or "l, j F Y".

In templates, ``{% load dates %}``:

- ``{{ value|clock }}`` → "09.00" (for a table whose heading names the zone)
- ``{{ value|time_of_day }}`` → "09.00 WIB"
- ``{{ start|hours:end }}`` → "09.00–15.30 WIB"
- ``{{ value|moment }}`` → "1 Agustus 2025, 09.00 WIB" (``moment_short``:
  "1 Agu 2025, 09.00 WIB")
- ``{{ start|span:end }}`` → "Jumat, 1 Agustus 2025, 09.00–15.30 WIB", or
  both days with their times when it lasts longer

Official documents have their own Indonesian filters (``pdf_tags``), in the
same style.
"""

import datetime
import functools

from django import template
from django.utils import formats, timezone, translation

register = template.Library()

# How many formatted values each process keeps: a page writes the same few
# hundred dates again and again (every row of a list, every day of a month).
FORMATTED_CACHE_SIZE = 4096


@functools.lru_cache(maxsize=FORMATTED_CACHE_SIZE)
def _formatted(function, value, kind, tzinfo, fold, fmt, language, zone):
    return function(value, fmt)


def memoised(function, value, fmt):
    """``function(value, fmt)``, remembered under everything its text depends
    on: the value with its type, zone and fold (two aware datetimes of the
    same instant in different zones are equal), the format, the active
    language and the current time zone. Byte for byte what ``function``
    writes (tests/test_dates.py compares)."""
    key = (
        value,
        type(value),
        getattr(value, "tzinfo", None),
        getattr(value, "fold", 0),
        fmt,
        translation.get_language(),
        timezone.get_current_timezone(),
    )
    try:
        hash(key)
    except TypeError:  # an unhashable value or format: written each time
        return function(value, fmt)
    return _formatted(function, *key)


def clear_memo():
    """Forget every formatted value (for tests that write a value cold)."""
    _formatted.cache_clear()


def date_format(value, fmt=None) -> str:
    """Django's ``formats.date_format``, memoised."""
    return memoised(formats.date_format, value, fmt)


def time_format(value, fmt=None) -> str:
    """Django's ``formats.time_format``, memoised."""
    return memoised(formats.time_format, value, fmt)


ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
DAY_FORMAT = "l, j F Y"


def zone_label(tz=None) -> str:
    """ "WIB", "WITA" or "WIT" for ``tz`` (by default the current zone)."""
    tz = tz or timezone.get_current_timezone()
    key = getattr(tz, "key", str(tz))
    return ZONE_LABELS.get(key, key)


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def clock(value) -> str:
    """ "09.00": the time alone, in the current zone."""
    return time_format(_local(value), "TIME_FORMAT") if value else ""


def time_of_day(value) -> str:
    """ "09.00 WIB"."""
    return f"{clock(value)} {zone_label()}" if value else ""


def hours(start, end) -> str:
    """ "09.00–15.30 WIB"; "09.00 WIB" without an end."""
    if not start:
        return ""
    if not end:
        return time_of_day(start)
    return f"{clock(start)}–{clock(end)} {zone_label()}"


def moment(value, short=False, tz=None) -> str:
    """ "1 Agustus 2025, 09.00 WIB" ("1 Agu 2025, 09.00 WIB" when short), in
    ``tz`` when given (an agency's ``tzinfo``)."""
    if not value:
        return ""
    if tz is not None:
        with timezone.override(tz):
            return moment(value, short=short)
    local = _local(value)
    day = date_format(local, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
    return f"{day}, {time_of_day(local)}"


def span(start, end) -> str:
    """ "Jumat, 1 Agustus 2025, 09.00–15.30 WIB"; over several days
    "Jumat, 1 Agustus 2025, 09.00 WIB – Sabtu, 2 Agustus 2025, 12.00 WIB"."""
    if not start:
        return ""
    start, end = _local(start), _local(end)
    if not end or start.date() == end.date():
        return f"{date_format(start, DAY_FORMAT)}, {hours(start, end)}"
    return (
        f"{date_format(start, DAY_FORMAT)}, {time_of_day(start)} – "
        f"{date_format(end, DAY_FORMAT)}, {time_of_day(end)}"
    )


register.filter("clock", clock, expects_localtime=True)
register.filter("time_of_day", time_of_day, expects_localtime=True)
register.filter("hours", hours, expects_localtime=True)
register.filter("moment", moment, expects_localtime=True)
register.filter("span", span, expects_localtime=True)


@register.filter(expects_localtime=True)
def moment_short(value):
    return moment(value, short=True)
