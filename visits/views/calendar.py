"""The agency's month calendar and its iCalendar feed."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.permissions import can_schedule, require_membership
from agencies.stamps import own_agency_page
from pagecache.pages import cached_page
from visits import feeds
from visits.forms import MonthForm
from visits.models import OFF_CALENDAR_STATES, CalendarFeed, VisitStatus
from visits.selectors import calendar_month


def _shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_of(request, today):
    """The (year, month) the query string asks for, this month when it asks
    for none, and an Indonesian message when it asks for one that is not;
    with the picker to show: set to that month, or with the invalid values
    and their errors."""
    if "tahun" in request.GET or "bulan" in request.GET:
        form = MonthForm(request.GET)
        if not form.is_valid():
            error = _("Bulan yang diminta tidak valid; kalender menampilkan bulan ini.")
            return today.year, today.month, error, form
        year, month = form.cleaned_data["tahun"], form.cleaned_data["bulan"]
    else:
        year, month = today.year, today.month
    return year, month, None, MonthForm(initial={"tahun": year, "bulan": month})


# The calendar's legend: the states of the visits it shows.
CALENDAR_STATUSES = [status for status in VisitStatus if status not in OFF_CALENDAR_STATES]


@cached_page(own_agency_page)
def month_calendar(request):
    """A month of the agency's visits on a Monday-first grid, as host and as
    visitor (not cancelled or declined, and never another agency's draft),
    with national holidays and collective leave days marked."""
    membership = require_membership(request)
    agency = membership.agency
    today = timezone.localdate(timezone.now(), agency.tzinfo)
    year, month, error, picker = _month_of(request, today)
    shown = calendar_month(agency, year, month, today=today)
    context = {
        "agency": agency,
        "error": error,
        "picker": picker,
        "month_start": shown.start,
        "weekdays": shown.weekdays,
        "grid": shown.grid,
        "month_visits": shown.visits,
        "month_holidays": shown.holidays,
        "prev": _month_link(year, month, -1),
        "next": _month_link(year, month, 1),
        "is_this_month": (year, month) == (today.year, today.month),
        "statuses": CALENDAR_STATUSES,
    }
    return render(request, "visits/calendar.html", context)


def _month_link(year, month, delta):
    """The query (``tahun``, ``bulan``) and the first day of the month
    ``delta`` months away, for the calendar's previous and next buttons."""
    year, month = _shift_month(year, month, delta)
    return {"tahun": year, "bulan": month, "date": datetime.date(year, month, 1)}


@login_not_required
@require_GET
def ical_feed(request, token):
    """The agency's visits as iCalendar, for calendar programs, which cannot
    log in: the secret token is the key. An unknown or revoked token is 404,
    checked on every request, before any cached document is looked at."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("agency"),
        token=token,
        revoked_at__isnull=True,
        agency__is_active=True,
    )
    # One moment for the key and the document, so that both see the same window.
    now = timezone.now()
    key = feeds.calendar_key(feed.agency, now=now)
    response = HttpResponse(content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="studi-tiru-{feed.agency.slug}.ics"'
    # The address is a secret: keep it out of shared caches and search engines.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The key changes whenever the document would: a calendar program that
    # sends it back (If-None-Match) gets an empty 304 with its ETag and
    # Cache-Control. Otherwise Django hands back ``response`` itself.
    response["ETag"] = f'"{key}"'
    answer = get_conditional_response(request, etag=response["ETag"], response=response)
    if answer is not response:
        return answer
    response.content = feeds.cached_calendar(feed.agency, key, now=now)
    return response


def calendar_feed(request):
    """The agency's subscription address with instructions for the common
    calendar programs; schedulers may issue a new address."""
    membership = require_membership(request)
    agency = membership.agency
    feed = feeds.active_feed(agency)
    context = {
        "agency": agency,
        "feed": feed,
        "feed_url": feeds.feed_url(feed) if feed else "",
        "can_reset": can_schedule(request.user, agency),
    }
    return render(request, "visits/calendar_feed.html", context)


@require_POST
def calendar_feed_reset(request):
    """Revoke the agency's feed address and issue a new one (schedulers only)."""
    membership = require_membership(request)
    agency = membership.agency
    if not can_schedule(request.user, agency):
        raise PermissionDenied
    had_feed = feeds.active_feed(agency) is not None
    feeds.reset_calendar_feed(agency=agency, by=request.user)
    if had_feed:
        messages.success(
            request,
            _(
                "Alamat langganan baru telah dibuat. Alamat lama tidak berlaku lagi: "
                "perbarui langganan di aplikasi kalender Anda."
            ),
        )
    else:
        messages.success(request, _("Alamat langganan kalender telah dibuat."))
    return redirect("visits:calendar_feed")
