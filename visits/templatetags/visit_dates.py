"""When a visit takes place, as the pages show it: in the host's time zone,
where the visit happens, whatever the reader's zone.

A tag rather than an included template: the dashboard and the lists show it
for dozens of visits, and a few lines of Python cost a fraction of an
``{% include %}`` with ``{% timezone %}`` and six date filters each."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from studitiru import dates
from studitiru.dates import date_format

register = template.Library()

DAY_FORMAT = dates.DAY_FORMAT


@register.simple_tag
def visit_when(visit):
    """``Senin, 4 Agustus 2025, 09.00–15.00 WIB`` for a visit within one day,
    ``Senin, 4 Agustus 2025 – Rabu, 6 Agustus 2025`` for a longer one."""
    zone = visit.host.tzinfo
    start = timezone.localtime(visit.start, zone)
    end = timezone.localtime(visit.end, zone)
    if start.date() == end.date():
        with timezone.override(zone):
            hours = dates.hours(start, end)
        return format_html(
            '{}<span class="text-body-secondary">, {}</span>', date_format(start, DAY_FORMAT), hours
        )
    return format_html("{} – {}", date_format(start, DAY_FORMAT), date_format(end, DAY_FORMAT))
