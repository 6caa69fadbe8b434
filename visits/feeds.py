"""An agency's visits as an iCalendar feed, at a secret address a calendar
program subscribes to, and the one write that changes that address.

The feed is read without logging in (calendar programs cannot), so whoever
holds the token sees the agency's schedule: titles, dates, places, topics and
status, never a participant's name, NIP, phone or e-mail. A scheduler of the
agency replaces a leaked address with ``reset_calendar_feed``.

Calendar programs fetch the whole feed on every poll, so the feed holds a
window (the past year and everything ahead) and the rendered document is
cached under a key that changes with everything it shows (``calendar_key``).
"""

import datetime
import hashlib
import secrets

import icalendar
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.models import Agency
from agencies.permissions import can_schedule
from pagecache import stamps
from studitiru.links import absolute_url

from .models import CalendarFeed, Visit, VisitStatus
from .permissions import visits_for_agency

# A visit the host has confirmed is CONFIRMED in the calendar; one still being
# arranged is TENTATIVE. Cancelled and declined visits are left out.
CONFIRMED_STATES = frozenset({VisitStatus.SCHEDULED, VisitStatus.HELD, VisitStatus.REPORTED})

# How often calendar programs that honour it should fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=1)

# The feed holds the visits that ended within the past year, and all those
# ahead. Ten years of history made every poll cost most of a second of CPU;
# calendar programs drop the events a feed no longer holds (usual for
# subscriptions), and the portal keeps them all. The subscription page says so.
PAST = datetime.timedelta(days=365)

# A rendered feed is cached until its key changes; the key changes every day
# (the window moves), so an entry never needs to outlive the day.
CACHE_TIMEOUT = 24 * 60 * 60

# Every value the feed is built from (``_event``, ``_location``,
# ``_description``), besides the agency's own names and the settings: the
# cache key hashes them, read in one query ordered by the visit, venue and
# topic ids (which break ties in the feed). Agencies, topics and venues carry
# no change time and the admin edits them on pages of their own, so their
# values go in, not ``Visit.updated_at`` alone.
KEY_FIELDS = (
    "pk",
    "title",
    "status",
    "start",
    "end",
    "updated_at",
    "host__name",
    "host__short_name",
    "visitor__name",
    "visitor__short_name",
    "venues__order",
    "venues__name",
    "venues__address",
    "visit_topics__order",
    "visit_topics__topic__code",
    "visit_topics__topic__name",
)


def feed_url(feed: CalendarFeed) -> str:
    return absolute_url("visits:ical", feed.token)


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
        current = CalendarFeed.objects.filter(agency=agency, revoked_at__isnull=True)
        stamps.touch(current)
        current.update(revoked_at=now, revoked_by=by)
        return CalendarFeed.objects.create(
            agency=agency, token=secrets.token_urlsafe(32), created_by=by, created_at=now
        )


def window_start(now=None) -> datetime.datetime:
    """Midnight, portal time, a year before today: visits that ended before it
    are left out. It moves once a day, so a rendered feed keeps all day."""
    tz = timezone.get_default_timezone()
    day = timezone.localdate(now or timezone.now(), tz) - PAST
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def _window(agency: Agency, since: datetime.datetime):
    """The visits the agency's members see (``visits.permissions.visits_for_user``:
    its own, and the others' once submitted), minus cancelled and declined
    ones, that end at ``since`` or later."""
    return visits_for_agency(agency).on_calendar().filter(end__gte=since)


def _feed_visits(agency: Agency, since: datetime.datetime):
    return (
        _window(agency, since)
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
        % {"url": absolute_url("visits:detail", visit.pk)},
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
    event.add("url", absolute_url("visits:detail", visit.pk))
    event.add("status", "CONFIRMED" if visit.status in CONFIRMED_STATES else "TENTATIVE")
    event.add("transp", "OPAQUE")
    return event


def render_calendar(agency: Agency, *, now=None) -> bytes:
    """The agency's visits of the window (``window_start``) as an iCalendar
    document (RFC 5545), times in UTC.

    Written in the portal's default language: a calendar program sends no
    language preference the portal could follow.
    """
    since = window_start(now)
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
            _(
                "Kunjungan studi tiru %(agency)s dari Portal Studi Tiru: "
                "12 bulan terakhir dan semua kunjungan mendatang."
            )
            % {"agency": agency.name},
        )
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
        for visit in _feed_visits(agency, since):
            calendar.add_component(_event(visit))
        return calendar.to_ical()


def calendar_key(agency: Agency, *, now=None) -> str:
    """A digest of everything the agency's feed shows: its names, the
    settings the links and words come from, the window's day, and the
    ``KEY_FIELDS`` of the window's visits, read in one query (a row per
    visit, venue and topic combination). Any committed write that changes
    the feed changes the key, whatever path it took and whenever it commits.

    The day changes the key even when no visit falls out of the window: a
    release that changes the feed's format shows by the next day at the latest.
    """
    since = window_start(now)
    rows = (
        _window(agency, since)
        .order_by("pk", "venues__id", "visit_topics__id")
        .values_list(*KEY_FIELDS)
    )
    state = [
        agency.pk,
        agency.name,
        agency.short_name,
        since.isoformat(),
        settings.LANGUAGE_CODE,
        settings.PORTAL_URL,
        list(rows),
    ]
    return hashlib.sha256(repr(state).encode()).hexdigest()


def cached_calendar(agency: Agency, key: str, *, now) -> bytes:
    """``render_calendar(agency, now=now)``, from the cache when ``key`` (made
    with the same ``now``) was rendered before."""
    cache_key = f"visits:ical:{key}"
    body = cache.get(cache_key)
    if body is None:
        body = render_calendar(agency, now=now)
        cache.set(cache_key, body, CACHE_TIMEOUT)
    return body
