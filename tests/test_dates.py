"""One date and time style everywhere: "09.00–15.30 WIB" in Indonesian (a dot
in times, an en dash in ranges, the zone named), "09:00–15:30 WIB" in
English, in pages and in e-mails, written by ``studitiru.dates`` only."""

import datetime
import re
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, defaultfilters
from django.utils import timezone, translation

from studitiru import dates

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
START = datetime.datetime(2025, 8, 1, 9, 0, tzinfo=WIB)
END = datetime.datetime(2025, 8, 1, 15, 30, tzinfo=WIB)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", ["09.00 WIB", "09.00–15.30 WIB", "1 Agustus 2025, 09.00 WIB"]),
        ("en", ["09:00 WIB", "09:00–15:30 WIB", "1 August 2025, 09:00 WIB"]),
    ],
)
def test_times_follow_the_language_and_name_the_zone(language, expected):
    with translation.override(language):
        assert [dates.time_of_day(START), dates.hours(START, END), dates.moment(START)] == expected


def test_a_time_is_written_in_the_current_zone_and_names_it():
    with translation.override("id"), timezone.override(WITA):
        assert dates.hours(START, END) == "10.00–16.30 WITA"
    # An earlier test's request may leave another language active in this thread.
    with translation.override("id"):
        assert dates.moment(START, tz=WITA) == "1 Agustus 2025, 10.00 WITA"
        assert dates.moment(START, short=True) == "1 Agu 2025, 09.00 WIB"


def test_a_span_over_two_days_names_both_days_with_their_times():
    later = datetime.datetime(2025, 8, 2, 12, 0, tzinfo=WIB)
    with translation.override("id"):
        assert dates.span(START, END) == "Jumat, 1 Agustus 2025, 09.00–15.30 WIB"
        assert dates.span(START, later) == (
            "Jumat, 1 Agustus 2025, 09.00 WIB – Sabtu, 2 Agustus 2025, 12.00 WIB"
        )


def test_the_template_filters_follow_a_timezone_block():
    template = Template(
        "{% load tz dates %}{% timezone zone %}{{ start|hours:end }} · {{ start|clock }} · "
        "{{ start|moment_short }}{% endtimezone %}"
    )
    with translation.override("id"):
        text = template.render(Context({"zone": WITA, "start": START, "end": END}))
    assert text == "10.00–16.30 WITA · 10.00 · 1 Agu 2025, 10.00 WITA"


# A time written by hand in a template ("H:i", "H.i", |time:...) is how
# 09:00 and 09.00 came to mix and e-mails to omit the zone. Official
# documents (reports/pdf) have their own Indonesian filters in this style.
RAW_TIME = re.compile(r"""\|(?:date|time):["'][^"']*[HGgh][^"']*["']""")


def test_no_template_writes_a_time_by_hand():
    templates = Path(settings.BASE_DIR) / "templates"
    by_hand = [
        f"{path.relative_to(templates)}: {match.group(0)}"
        for path in sorted(templates.rglob("*"))
        if path.suffix in {".html", ".txt"} and "pdf" not in path.parts
        for match in RAW_TIME.finditer(path.read_text())
    ]
    assert by_hand == []


def test_no_form_asks_the_browser_for_its_own_date_or_time_picker():
    """A native date or time field follows the browser's language, not the
    page's: mm/dd/yyyy and AM/PM on an Indonesian page (studitiru/inputs.py)."""
    root = Path(settings.BASE_DIR)
    native = re.compile(r"""["']type["']\s*:\s*["'](?:date|time|datetime-local)["']""")
    found = [
        str(path.relative_to(root))
        for package in ("agencies", "visits", "reports", "privacy", "studitiru", "lifecycle")
        for path in (root / package).rglob("*.py")
        if native.search(path.read_text())
    ]
    assert found == []


# --- The memoised formatter ------------------------------------------------------------

FORMATS = ["DATE_FORMAT", "SHORT_DATE_FORMAT", "l, j F Y", "j M Y H.i", "N j, Y, P e", "D", "e T"]
VALUES = [
    START,
    START.astimezone(WITA),  # the same instant in another zone: equal, written otherwise
    START.astimezone(datetime.UTC),
    datetime.datetime(2025, 8, 1, 9, 0),  # naive
    datetime.datetime(2025, 12, 31, 23, 59, tzinfo=WIB),
]
TEMPLATE = Template(
    "{% load dates %}"
    + "".join(f'|{{{{ value|date:"{f}" }}}}' for f in FORMATS)
    + '|{{ value|time:"H.i" }}|{{ value|moment }}|{{ value|moment_short }}|{{ value|clock }}'
)


def written(value):
    return TEMPLATE.render(Context({"value": value}))


def test_the_memoised_date_filters_write_what_djangos_write_in_every_language_and_zone():
    """Every value written cold (an empty memo) and then again from a memo
    shared by both languages and two zones: the same text each time, and
    Django's own filters' text."""
    combos = [
        (language, zone, value)
        for language in ("id", "en")
        for zone in (WIB, WITA)
        for value in VALUES
    ]
    cold = {}
    for language, zone, value in combos:
        with translation.override(language), timezone.override(zone):
            dates.clear_memo()
            cold[language, zone, value] = written(value)
            local = timezone.template_localtime(value)
            djangos = [defaultfilters.date(local, f) for f in FORMATS]
            djangos.append(defaultfilters.time(local, "H.i"))
            assert cold[language, zone, value].split("|")[1 : len(djangos) + 1] == djangos
    for _ in range(2):
        for language, zone, value in combos:
            with translation.override(language), timezone.override(zone):
                assert written(value) == cold[language, zone, value]
    assert cold["id", WIB, START] != cold["en", WIB, START]
    assert cold["id", WIB, START] != cold["id", WITA, START]


def test_the_same_instant_in_two_zones_is_written_in_each_ones_own_time():
    dates.clear_memo()
    with translation.override("id"):
        assert dates.date_format(START, "H.i e") == "09.00 WIB"
        # A date is equal to no datetime, and written as a date.
        assert dates.date_format(datetime.date(2025, 8, 1), "DATE_FORMAT") == "1 Agustus 2025"
        assert dates.date_format(START.astimezone(WITA), "H.i e") == "10.00 WITA"
        assert dates.date_format(START, "H.i e") == "09.00 WIB"
