"""Dates and times as Indonesian official documents write them, in an
agency's time zone: ``{% load pdf_tags %}`` in the PDF templates.

- ``{{ value|tanggal_panjang:agency }}`` → "Jumat, 1 Agustus 2025"
- ``{{ value|tanggal:agency }}`` → "1 Agustus 2025"
- ``{{ value|jam:agency }}`` → "08.30 WIB"
- ``{{ photo.image|media_src }}``: where the renderer reads a stored file.
- ``{% filter kalimat %}… dipimpin oleh {{ name }}{% endfilter %}``: a
  sentence ended by one period, even after a name whose titles end in one
  ("…, M.PSSp.", not "…, M.PSSp..").
- ``{{ visit|tanggal_kunjungan }}`` → "Jumat, 1 Agustus 2025",
  ``{{ visit|jam_kunjungan }}`` → "08.30–15.00 WIB" and
  ``{{ visit|waktu_kunjungan }}`` → "Jumat, 1 Agustus 2025, pukul 08.30–15.00 WIB",
  in the host's zone: the time where the visit takes place

Always in Indonesian, whatever the language of the request: these are the
words printed on documents that are signed. A datetime is shown in the
agency's zone (WIB, WITA or WIT); without an agency, in the portal's zone.
A plain date is shown as it is.
"""

import datetime
import functools
import zoneinfo

from django import template
from django.conf import settings
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from .. import pdf

register = template.Library()

_ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def _indonesian(function):
    """Run a filter in Indonesian, whatever language is active."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override("id"):
            return function(*args, **kwargs)

    return wrapper


def _zone(agency):
    if agency is not None:
        return agency.tzinfo, agency.time_zone
    return zoneinfo.ZoneInfo(settings.TIME_ZONE), _ZONE_LABELS.get(settings.TIME_ZONE, "")


def _local(value, agency):
    if isinstance(value, datetime.datetime):
        tz, _label = _zone(agency)
        return timezone.localtime(value, tz) if timezone.is_aware(value) else value
    return value


def _format(value, pattern):
    return dateformat.format(value, pattern)


@register.filter
def media_src(file):
    """The address of a stored file in a document (see ``reports.pdf``)."""
    return pdf.media_src(file) if file else ""


@register.filter(is_safe=True)
def kalimat(text):
    """The sentence ``text`` ended by a period, unless it already ends with
    one (an academic title such as "M.PSSp.") or with "!" or "?"."""
    text = text.rstrip()
    if not text or text.endswith((".", "!", "?")):
        return text
    return text + "."


@register.filter
@_indonesian
def tanggal_panjang(value, agency=None):
    """ "Jumat, 1 Agustus 2025"."""
    if not value:
        return ""
    return _format(_local(value, agency), "l, j F Y")


@register.filter
@_indonesian
def tanggal(value, agency=None):
    """ "1 Agustus 2025", as under a signature."""
    if not value:
        return ""
    return _format(_local(value, agency), "j F Y")


@register.filter
@_indonesian
def jam(value, agency=None):
    """ "08.30 WIB"."""
    if not value:
        return ""
    return f"{_format(_local(value, agency), 'H.i')} {_zone(agency)[1]}".strip()


@register.filter
def pukul(value, agency=None):
    """ "08.30", for a table whose heading names the zone."""
    if not value:
        return ""
    return _format(_local(value, agency), "H.i")


def _visit_times(visit):
    host = visit.host
    return _local(visit.start, host), _local(visit.end, host), host.time_zone


@register.filter
@_indonesian
def tanggal_kunjungan(visit):
    """The day of a visit in the host's zone, "Jumat, 1 Agustus 2025", or its
    first and last day: "Kamis, 31 Juli 2025 s.d. Jumat, 1 Agustus 2025"."""
    start, end, _label = _visit_times(visit)
    if start.date() == end.date():
        return _format(start, "l, j F Y")
    return _("%(start)s s.d. %(end)s") % {
        "start": _format(start, "l, j F Y"),
        "end": _format(end, "l, j F Y"),
    }


@register.filter
@_indonesian
def jam_kunjungan(visit):
    """The hours of a visit in the host's zone: "08.30–15.00 WIB"."""
    start, end, label = _visit_times(visit)
    if start.date() == end.date():
        return f"{_format(start, 'H.i')}–{_format(end, 'H.i')} {label}"
    return _("%(start)s s.d. %(end)s") % {
        "start": f"{_format(start, 'H.i')} {label}",
        "end": f"{_format(end, 'H.i')} {label}",
    }


@register.filter
@_indonesian
def waktu_kunjungan(visit):
    """ "Jumat, 1 Agustus 2025, pukul 08.30–15.00 WIB"; a longer visit
    names its first and last day with their hours."""
    start, end, label = _visit_times(visit)
    if start.date() == end.date():
        return _("%(day)s, pukul %(hours)s") % {
            "day": tanggal_kunjungan(visit),
            "hours": jam_kunjungan(visit),
        }
    return _("%(start)s s.d. %(end)s") % {
        "start": _("%(day)s, pukul %(time)s")
        % {"day": _format(start, "l, j F Y"), "time": f"{_format(start, 'H.i')} {label}"},
        "end": _("%(day)s, pukul %(time)s")
        % {"day": _format(end, "l, j F Y"), "time": f"{_format(end, 'H.i')} {label}"},
    }
