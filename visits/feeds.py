"""An agency's visits as an iCalendar feed, at a secret address a calendar
program subscribes to, and the one write that changes that address.

The feed is read without logging in (calendar programs cannot), so whoever
holds the token sees the agency's schedule: titles, dates, places, topics and
status, never a participant's name, NIP, phone or e-mail. A scheduler of the
agency replaces a leaked address with ``reset_calendar_feed``.
"""

import datetime
import secrets

import icalendar
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.models import Agency
from agencies.permissions import can_schedule

from .models import CalendarFeed, Visit, VisitStatus
from .permissions import visits_for_agency

# A visit the host has confirmed is CONFIRMED in the calendar; one still being
# arranged is TENTATIVE. Cancelled and declined visits are left out.
CONFIRMED_STATES = frozenset({VisitStatus.SCHEDULED, VisitStatus.HELD, VisitStatus.REPORTED})

# How often calendar programs that honour it should fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=1)


def portal_url(path: str) -> str:
    """An absolute address on the portal, for links that leave the browser."""
    return settings.PORTAL_URL.rstrip("/") + path


def feed_url(feed: CalendarFeed) -> str:
    return portal_url(reverse("visits:ical", args=[feed.token]))


def active_feed(agency: Agency) -> CalendarFeed | None:
    """The agency's working feed, or None when none was issued yet."""
    return (
        CalendarFeed.objects.select_related("created_by")
        .filter(agency=agency, revoked_at__isnull=True)
        .first()
    )


def reset_calendar_feed(*, agency: Agency, by) -> CalendarFeed:
    """Issue a new secret feed address for ``agency`` and revoke the old one.

    Only a scheduler of the agency may do it (``PermissionDenied`` otherwise).
    Side effects: the working feed (if any) gets ``revoked_at``/``revoked_by``
    and stops answering at once; a new feed with a fresh token is created. The
    first call simply creates the agency's feed.
    """
    if not can_schedule(by, agency):
        raise PermissionDenied
    with transaction.atomic():
        # Two resets at once must leave exactly one working feed: take turns
        # on the agency's row (the partial unique constraint backs this up).
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        now = timezone.now()
        CalendarFeed.objects.filter(agency=agency, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=by
        )
        return CalendarFeed.objects.create(
            agency=agency, token=secrets.token_urlsafe(32), created_by=by, created_at=now
        )


def _feed_visits(agency: Agency):
    """The visits the agency's members see (``visits.permissions.visits_for_user``:
    its own, and the others' once submitted), minus cancelled and declined ones."""
    return (
        visits_for_agency(agency)
        .on_calendar()
        .select_related("host", "visitor")
        .prefetch_related("venues")
        .with_topics()
        .order_by("start", "pk")
    )


def _location(visit: Visit) -> str:
    places = [
        f"{venue.name}, {venue.address}" if venue.address else venue.name
        for venue in visit.venues.all()
    ]
    return "; ".join(places) or visit.host.name


def _description(visit: Visit) -> str:
    topics = ", ".join(
        f"{visit_topic.topic.code} ({visit_topic.topic.name})"
        for visit_topic in visit.visit_topics.all()
    )
    lines = [
        visit.title,
        _("%(visitor)s berkunjung ke %(host)s.")
        % {"visitor": visit.visitor.name, "host": visit.host.name},
        _("Topik: %(topics)s") % {"topics": topics or "—"},
        _("Status: %(status)s") % {"status": visit.get_status_display()},
        _("Rincian di Portal Studi Tiru: %(url)s")
        % {"url": portal_url(reverse("visits:detail", args=[visit.pk]))},
    ]
    return "\n".join(lines)


def _event(visit: Visit) -> icalendar.Event:
    event = icalendar.Event()
    # Stable across fetches and renames: calendar programs update the event in place.
    event.add("uid", f"visit-{visit.pk}@studitiru")
    event.add("dtstamp", visit.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", visit.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", visit.start.astimezone(datetime.UTC))
    event.add("dtend", visit.end.astimezone(datetime.UTC))
    event.add(
        "summary",
        _("Studi tiru: %(visitor)s → %(host)s")
        % {"visitor": visit.visitor.display_name, "host": visit.host.display_name},
    )
    event.add("location", _location(visit))
    event.add("description", _description(visit))
    event.add("url", portal_url(reverse("visits:detail", args=[visit.pk])))
    event.add("status", "CONFIRMED" if visit.status in CONFIRMED_STATES else "TENTATIVE")
    event.add("transp", "OPAQUE")
    return event


def render_calendar(agency: Agency) -> bytes:
    """The agency's visits as an iCalendar document (RFC 5545), times in UTC.

    Written in the portal's default language: a calendar program sends no
    language preference the portal could follow.
    """
    with translation.override(settings.LANGUAGE_CODE):
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Portal Studi Tiru//studitiru//ID")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        name = _("Studi tiru — %(agency)s") % {"agency": agency.display_name}
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add(
            "x-wr-caldesc",
            _("Kunjungan studi tiru %(agency)s dari Portal Studi Tiru.") % {"agency": agency.name},
        )
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
        for visit in _feed_visits(agency):
            calendar.add_component(_event(visit))
        return calendar.to_ical()
