"""The agency's iCalendar feed at a secret, revocable address, its window
and its cache, and the page where members find it."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Agency, Role, Topic
from tests.access import (
    assert_refuses_an_account_without_an_agency,
    assert_sends_anonymous_users_to_log_in,
)
from tests.factories import agency_fixture, make_agency, make_user, make_visit
from visits.feeds import calendar_key, render_calendar, reset_calendar_feed, window_start
from visits.models import (
    CalendarFeed,
    DelegationRole,
    EmploymentType,
    Participant,
    Side,
    Venue,
    VenueKind,
    Visit,
    VisitStatus,
    VisitTopic,
)
from visits.services import visit_accept, visit_cancel, visit_update

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
PAGE = "/kalender/langganan/"
RESET = "/kalender/langganan/atur-ulang/"


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "https://studitiru.example.go.id/"


malang = agency_fixture("35.73")
madiun = agency_fixture("35.19")


@pytest.fixture
def staff(malang):
    return make_user(malang, Role.STAFF)


@pytest.fixture
def feed(malang, staff):
    return reset_calendar_feed(agency=malang, by=staff)


def fetch(client, feed):
    response = client.get(f"/kalender/{feed.token}.ics")
    assert response.status_code == 200
    return response


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def uid_of(visit):
    return f"visit-{visit.pk}@studitiru"


def cached_fetch(client, feed):
    """Fetch the feed twice; the second answer must come from the cache (only
    the token, the key and the cached body, in the shared database cache, are
    read), so that a later fetch shows a change only if the cache key saw it."""
    fetch(client, feed)
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client, feed)
    assert len(queries) == 3
    return response


def last_month():
    return timezone.localdate(timezone.now(), WIB) - datetime.timedelta(days=30)


def demo_visit(malang, madiun, day=None, **fields):
    """Madiun at Malang on ``day`` (a month ago by default), 08.30–15.00 WIB."""
    day = day or last_month()
    visit = make_visit(
        malang,
        madiun,
        status=fields.pop("status", VisitStatus.HELD),
        start=datetime.datetime.combine(day, datetime.time(8, 30), tzinfo=WIB),
        end=datetime.datetime.combine(day, datetime.time(15, 0), tzinfo=WIB),
        title="Studi tiru penguatan SLRT",
        topics=["SLRT", "PUSKESOS"],
        **fields,
    )
    visit.venues.create(kind=VenueKind.OFFICE, name="Aula Dinas Sosial Kota Malang", order=0)
    visit.venues.create(kind=VenueKind.FIELD, name="Kelurahan Pandanwangi", order=1)
    return visit


def test_the_feed_answers_without_login_as_text_calendar(client, feed):
    response = fetch(client, feed)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "Studi tiru — Dinsos Kota Malang"
    assert str(calendar["x-wr-caldesc"]) == (
        "Kunjungan studi tiru Dinas Sosial Kota Malang dari Portal Studi Tiru: "
        "12 bulan terakhir dan semua kunjungan mendatang."
    )
    # Calendar programs that honour it fetch the feed again every hour.
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in response.content
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in response.content


def test_each_visit_is_one_event_with_a_stable_uid_utc_times_and_a_summary(
    client, feed, malang, madiun
):
    day = last_month()
    visit = demo_visit(malang, madiun, day)

    [(uid, event)] = events(fetch(client, feed)).items()

    assert uid == f"visit-{visit.pk}@studitiru"
    assert event.decoded("dtstart") == visit.start
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(0)
    # 08.30 WIB is 01.30 UTC of the same day.
    assert event.decoded("dtstart") == datetime.datetime.combine(
        day, datetime.time(1, 30), tzinfo=datetime.UTC
    )
    assert event.decoded("dtend") == visit.end
    assert str(event["summary"]) == "Studi tiru: Dinsos Kabupaten Madiun → Dinsos Kota Malang"
    assert str(event["location"]) == "Aula Dinas Sosial Kota Malang; Kelurahan Pandanwangi"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["url"]) == f"https://studitiru.example.go.id/kunjungan/{visit.pk}/"


def test_the_description_gives_topics_status_and_the_portal_link(client, feed, malang, madiun):
    visit = demo_visit(malang, madiun)
    [event] = events(fetch(client, feed)).values()
    assert str(event["description"]).splitlines() == [
        "Studi tiru penguatan SLRT",
        "Dinas Sosial Kabupaten Madiun berkunjung ke Dinas Sosial Kota Malang.",
        "Topik: SLRT (Sistem Layanan dan Rujukan Terpadu), PUSKESOS (Pusat Kesejahteraan Sosial)",
        "Status: Terlaksana",
        f"Rincian di Portal Studi Tiru: https://studitiru.example.go.id/kunjungan/{visit.pk}/",
    ]


def test_a_visit_still_being_arranged_is_tentative(client, feed, malang, madiun):
    visit = make_visit(malang, madiun, status=VisitStatus.REQUESTED)
    assert str(events(fetch(client, feed))[f"visit-{visit.pk}@studitiru"]["status"]) == "TENTATIVE"


def test_the_feed_holds_both_sides_and_own_drafts_but_nothing_else(client, feed, malang, madiun):
    salatiga, magelang = make_agency("33.73"), make_agency("33.71")
    hosted = make_visit(malang, madiun)
    made = make_visit(salatiga, malang, status=VisitStatus.HELD)
    own_draft = make_visit(magelang, malang, status=VisitStatus.DRAFT)
    make_visit(malang, salatiga, status=VisitStatus.DRAFT)  # Salatiga's draft
    make_visit(malang, madiun, status=VisitStatus.CANCELLED)
    make_visit(malang, madiun, status=VisitStatus.DECLINED)
    make_visit(magelang, salatiga)  # another agency's visit

    assert set(events(fetch(client, feed))) == {
        f"visit-{hosted.pk}@studitiru",
        f"visit-{made.pk}@studitiru",
        f"visit-{own_draft.pk}@studitiru",
    }


def test_the_feed_carries_no_personal_data_of_participants(client, feed, malang, madiun):
    visit = demo_visit(malang, madiun)
    Participant.objects.create(
        visit=visit,
        side=Side.VISITOR,
        role=DelegationRole.HEAD,
        name="Dedy Anggoro",
        employment_type=EmploymentType.PNS,
        nip="198503302003121002",
        phone="081234567890",
        email="dedy.anggoro@madiunkab.go.id",
    )
    Participant.objects.create(
        visit=visit,
        side=Side.HOST,
        role=DelegationRole.RECEIVING_OFFICIAL,
        name="Syahrial Hamid",
        phone="0341-123456",
        email="syahrial@malangkota.go.id",
    )

    body = fetch(client, feed).content.decode()

    for personal in [
        "198503302003121002",
        "081234567890",
        "dedy.anggoro@madiunkab.go.id",
        "0341-123456",
        "syahrial@malangkota.go.id",
        "Dedy Anggoro",
        "Syahrial Hamid",
    ]:
        assert personal not in body


def test_an_unknown_token_is_404(client, feed):
    assert client.get("/kalender/bukan-token-yang-benar.ics").status_code == 404


def test_a_reset_revokes_the_old_address_and_the_new_one_works(client, feed, malang, staff):
    new = reset_calendar_feed(agency=malang, by=staff)

    assert client.get(f"/kalender/{feed.token}.ics").status_code == 404
    assert fetch(client, new).status_code == 200
    feed.refresh_from_db()
    assert (feed.revoked_by, feed.revoked_at is not None, new.token != feed.token) == (
        staff,
        True,
        True,
    )


def test_only_a_scheduler_of_the_agency_may_reset_its_feed(malang, madiun):
    with pytest.raises(PermissionDenied):
        reset_calendar_feed(agency=malang, by=make_user(malang, Role.PENYULUH))
    with pytest.raises(PermissionDenied):
        reset_calendar_feed(agency=malang, by=make_user(madiun, Role.STAFF))
    assert CalendarFeed.objects.count() == 0


def test_an_agency_has_one_working_feed_at_most(feed, malang):
    with pytest.raises(IntegrityError):
        CalendarFeed.objects.create(agency=malang, token="another", created_at=timezone.now())


@pytest.mark.parametrize("count", [5, 50])
def test_the_feed_runs_a_fixed_number_of_queries(
    client, feed, malang, madiun, django_assert_num_queries, count
):
    for _ in range(count):
        demo_visit(malang, madiun)

    # the feed, the cache key, the visits, their venues, their topics; and the
    # shared database cache: a miss (1), then storing the body (Django counts
    # the table's rows, then a savepoint, a read, an insert, its release: 5)
    with django_assert_num_queries(11):
        response = fetch(client, feed)

    assert len(events(response)) == count

    # From the cache: the feed, the cache key and the cached body.
    with django_assert_num_queries(3):
        assert fetch(client, feed).content == response.content


# --- The window: the past year and everything ahead --------------------------


def test_the_feed_holds_visits_of_the_past_year_and_all_ahead(client, feed, malang, madiun):
    now = timezone.now()

    def ended(days_ago):
        end = now - datetime.timedelta(days=days_ago)
        return make_visit(
            malang,
            madiun,
            status=VisitStatus.HELD,
            start=end - datetime.timedelta(hours=6),
            end=end,
        )

    ended(395)  # 13 months ago
    eleven_months = ended(335)
    ahead = make_visit(malang, madiun, start=now + datetime.timedelta(days=400))

    assert set(events(fetch(client, feed))) == {uid_of(eleven_months), uid_of(ahead)}


def test_the_window_starts_at_midnight_a_year_ago_and_moves_each_day(malang, madiun):
    now = timezone.now()
    since = window_start(now)
    year_ago = timezone.localdate(now, WIB) - datetime.timedelta(days=365)
    assert since == datetime.datetime.combine(year_ago, datetime.time.min, tzinfo=WIB)

    def ending(end):
        return make_visit(
            malang,
            madiun,
            status=VisitStatus.HELD,
            start=end - datetime.timedelta(hours=6),
            end=end,
        )

    edge = ending(since)
    ending(since - datetime.timedelta(seconds=1))
    tomorrow = now + datetime.timedelta(days=1)

    def uids(now):
        calendar = icalendar.Calendar.from_ical(render_calendar(malang, now=now))
        return {str(event["uid"]) for event in calendar.walk("VEVENT")}

    assert (uids(now), uids(tomorrow)) == ({uid_of(edge)}, set())
    assert calendar_key(malang, now=now) != calendar_key(malang, now=tomorrow)


# --- The cache ----------------------------------------------------------------


@pytest.fixture
def madiun_staff(madiun):
    return make_user(madiun, Role.STAFF)


@pytest.fixture
def planned(malang, madiun):
    """Madiun's request to visit Malang in two weeks, about SLRT and
    Puskesos, in the hall and at a kelurahan."""
    visit = make_visit(
        malang,
        madiun,
        status=VisitStatus.REQUESTED,
        start=timezone.now().replace(microsecond=0) + datetime.timedelta(days=14),
        title="Studi tiru penguatan SLRT",
        topics=["SLRT", "PUSKESOS"],
    )
    visit.venues.create(kind=VenueKind.OFFICE, name="Aula Dinas Sosial Kota Malang", order=0)
    visit.venues.create(kind=VenueKind.FIELD, name="Kelurahan Pandanwangi", order=1)
    return visit


def edit(
    visit,
    by,
    *,
    topics=("SLRT", "PUSKESOS"),
    venues=("Aula Dinas Sosial Kota Malang", "Kelurahan Pandanwangi"),
):
    """Save the visitor's edit of ``visit`` as the request form does."""
    visit_update(
        visit=visit,
        topics=[(Topic.objects.get(code=code), "") for code in topics],
        venues=[(VenueKind.OFFICE, name) for name in venues],
        by=by,
    )


def test_the_second_fetch_is_served_from_the_cache(client, feed, planned):
    first = cached_fetch(client, feed)
    assert set(events(first)) == {uid_of(planned)}


def test_a_new_status_shows_in_the_next_fetch(client, feed, planned, staff):
    assert str(events(cached_fetch(client, feed))[uid_of(planned)]["status"]) == "TENTATIVE"

    visit_accept(visit=planned, by=staff)

    assert str(events(fetch(client, feed))[uid_of(planned)]["status"]) == "CONFIRMED"


@pytest.mark.parametrize(
    ("change", "prop", "shown"),
    [
        ({"title": "Studi tiru pemutakhiran DTSEN"}, "description", "pemutakhiran DTSEN"),
        ({"topics": ["DTSEN"]}, "description", "Topik: DTSEN (Data Tunggal Sosial"),
        ({"venues": ["Kantor Kelurahan Bunulrejo"]}, "location", "Kantor Kelurahan Bunulrejo"),
    ],
)
def test_an_edited_title_topic_or_venue_shows_in_the_next_fetch(
    client, feed, planned, madiun_staff, change, prop, shown
):
    assert shown not in str(events(cached_fetch(client, feed))[uid_of(planned)][prop])

    planned.title = change.pop("title", planned.title)
    edit(planned, madiun_staff, **change)

    assert shown in str(events(fetch(client, feed))[uid_of(planned)][prop])


def test_a_new_date_shows_in_the_next_fetch(client, feed, planned, madiun_staff):
    cached_fetch(client, feed)

    planned.start += datetime.timedelta(days=7)
    planned.end += datetime.timedelta(days=7)
    edit(planned, madiun_staff)

    event = events(fetch(client, feed))[uid_of(planned)]
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (planned.start, planned.end)


def test_a_new_visit_shows_in_the_next_fetch(client, feed, planned, malang, madiun):
    cached_fetch(client, feed)

    new = make_visit(malang, madiun)

    assert set(events(fetch(client, feed))) == {uid_of(planned), uid_of(new)}


def test_a_cancelled_visit_leaves_the_next_fetch(client, feed, planned, madiun_staff):
    cached_fetch(client, feed)

    visit_cancel(visit=planned, by=madiun_staff)

    assert events(fetch(client, feed)) == {}


def test_a_deleted_visit_leaves_the_next_fetch(client, feed, planned, malang, madiun):
    gone, kept = make_visit(malang, madiun), make_visit(malang, madiun)
    cached_fetch(client, feed)

    gone.delete()

    assert set(events(fetch(client, feed))) == {uid_of(planned), uid_of(kept)}


def test_a_visit_saved_unchanged_shows_its_new_time_stamp(client, feed, planned):
    an_hour_ago = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    Visit.objects.filter(pk=planned.pk).update(updated_at=an_hour_ago)
    event = events(cached_fetch(client, feed))[uid_of(planned)]
    assert event.decoded("last-modified") == an_hour_ago

    planned.save()

    event = events(fetch(client, feed))[uid_of(planned)]
    # iCalendar times have no fractions of a second.
    assert event.decoded("last-modified") == planned.updated_at.replace(microsecond=0)


def test_a_change_committed_after_a_later_one_still_shows(client, feed, planned, malang, madiun):
    later = make_visit(malang, madiun)
    cached_fetch(client, feed)

    # Saved before ``later`` but committed after it: the newest change time of
    # the window does not move.
    Visit.objects.filter(pk=planned.pk).update(
        title="Studi tiru SLRT dan Puskesos",
        updated_at=later.updated_at - datetime.timedelta(seconds=1),
    )

    description = str(events(fetch(client, feed))[uid_of(planned)]["description"])
    assert description.startswith("Studi tiru SLRT dan Puskesos\n")


# Each value the feed shows, changed without saving the visit (a bulk update,
# or the admin's own page of an agency, a topic or a venue); the event to look
# at (Madiun's visit to Malang, or Malang's to Salatiga) and what it shows.
QUIET_WRITES = {
    "title": (
        lambda planned: Visit.objects.filter(pk=planned.pk).update(title="Studi tiru DTSEN"),
        "planned",
        "description",
        "Studi tiru DTSEN\n",
    ),
    "status": (
        lambda planned: Visit.objects.filter(pk=planned.pk).update(status=VisitStatus.SCHEDULED),
        "planned",
        "status",
        "CONFIRMED",
    ),
    "venue name": (
        lambda planned: Venue.objects.filter(visit=planned, order=0).update(
            name="Aula Sasana Krida"
        ),
        "planned",
        "location",
        "Aula Sasana Krida; ",
    ),
    "venue address": (
        lambda planned: Venue.objects.filter(visit=planned, order=0).update(
            address="Jl. Sulfat 12"
        ),
        "planned",
        "location",
        "Aula Dinas Sosial Kota Malang, Jl. Sulfat 12; ",
    ),
    "venue order": (
        lambda planned: Venue.objects.filter(visit=planned, order=0).update(order=2),
        "planned",
        "location",
        "Kelurahan Pandanwangi; Aula",
    ),
    "topic order": (
        lambda planned: VisitTopic.objects.filter(visit=planned, topic__code="SLRT").update(
            order=2
        ),
        "planned",
        "description",
        "Topik: PUSKESOS (",
    ),
    "topic code": (
        lambda planned: Topic.objects.filter(code="SLRT").update(code="SLRT-2"),
        "planned",
        "description",
        "Topik: SLRT-2 (",
    ),
    "topic name": (
        lambda planned: Topic.objects.filter(code="SLRT").update(name="Layanan Rujukan"),
        "planned",
        "description",
        "SLRT (Layanan Rujukan)",
    ),
    "visitor name": (
        lambda planned: Agency.objects.filter(pk=planned.visitor_id).update(
            name="Dinsos PPPA Madiun"
        ),
        "planned",
        "description",
        "Dinsos PPPA Madiun berkunjung",
    ),
    "visitor short name": (
        lambda planned: Agency.objects.filter(pk=planned.visitor_id).update(
            short_name="Dinsos Madiun"
        ),
        "planned",
        "summary",
        "Studi tiru: Dinsos Madiun →",
    ),
    "host name": (
        lambda planned: Agency.objects.filter(short_name="Dinsos Salatiga").update(
            name="Dinsos PPKB Salatiga"
        ),
        "abroad",
        "description",
        "berkunjung ke Dinsos PPKB Salatiga.",
    ),
    "host short name": (
        lambda planned: Agency.objects.filter(short_name="Dinsos Salatiga").update(
            short_name="Dinsos Kota Salatiga"
        ),
        "abroad",
        "summary",
        "→ Dinsos Kota Salatiga",
    ),
}


@pytest.mark.parametrize(
    ("change", "which", "prop", "shown"), QUIET_WRITES.values(), ids=QUIET_WRITES
)
def test_a_value_changed_without_saving_the_visit_shows_in_the_next_fetch(
    client, feed, planned, malang, change, which, prop, shown
):
    # Malang visits Salatiga: an agency that is only ever the host here.
    abroad = make_visit(make_agency("33.73", short_name="Dinsos Salatiga"), malang)
    visit = {"planned": planned, "abroad": abroad}[which]
    assert shown not in str(events(cached_fetch(client, feed))[uid_of(visit)][prop])

    change(planned)

    assert shown in str(events(fetch(client, feed))[uid_of(visit)][prop])


@pytest.mark.parametrize("field", ["start", "end"])
def test_a_time_changed_without_saving_the_visit_shows_in_the_next_fetch(
    client, feed, planned, field
):
    cached_fetch(client, feed)

    moved = getattr(planned, field) - datetime.timedelta(hours=1)
    Visit.objects.filter(pk=planned.pk).update(**{field: moved})

    assert events(fetch(client, feed))[uid_of(planned)].decoded(f"dt{field}") == moved


def test_a_venue_edited_on_its_own_admin_page_shows_in_the_next_fetch(client, feed, planned):
    cached_fetch(client, feed)

    # The admin's venue page saves the venue alone; the visit row is untouched.
    venue = planned.venues.get(order=0)
    venue.address = "Jl. Sulfat No. 12, Malang"
    venue.save()

    location = str(events(fetch(client, feed))[uid_of(planned)]["location"])
    assert location == (
        "Aula Dinas Sosial Kota Malang, Jl. Sulfat No. 12, Malang; Kelurahan Pandanwangi"
    )


def test_a_renamed_visiting_agency_shows_in_the_next_fetch(client, feed, planned, madiun):
    cached_fetch(client, feed)

    madiun.name, madiun.short_name = "Dinas Sosial PPPA Kabupaten Madiun", "Dinsos PPPA Madiun"
    madiun.save()

    event = events(fetch(client, feed))[uid_of(planned)]
    assert str(event["summary"]) == "Studi tiru: Dinsos PPPA Madiun → Dinsos Kota Malang"
    assert "Dinas Sosial PPPA Kabupaten Madiun berkunjung" in str(event["description"])


def test_the_agencys_own_new_name_shows_in_the_next_fetch(client, feed, malang):
    # No visits: the name reaches the feed through the calendar's name alone.
    cached_fetch(client, feed)

    malang.name = "Dinas Sosial P3AP2KB Kota Malang"
    malang.save()
    calendar = icalendar.Calendar.from_ical(fetch(client, feed).content)
    assert str(calendar["x-wr-caldesc"]).startswith(
        "Kunjungan studi tiru Dinas Sosial P3AP2KB Kota Malang dari"
    )

    malang.short_name = "Dinsos P3AP2KB Kota Malang"
    malang.save()
    calendar = icalendar.Calendar.from_ical(fetch(client, feed).content)
    assert str(calendar["x-wr-calname"]) == "Studi tiru — Dinsos P3AP2KB Kota Malang"


def test_the_cache_key_changes_every_day(malang):
    # Also when no visit leaves the window: whatever the key cannot see (a
    # release that changes the feed's format) lasts a day at most.
    now = timezone.now()
    assert calendar_key(malang, now=now) != calendar_key(
        malang, now=now + datetime.timedelta(days=1)
    )


def test_a_new_portal_address_shows_in_the_next_fetch(client, feed, planned, settings):
    cached_fetch(client, feed)

    settings.PORTAL_URL = "https://studitiru.kemensos.go.id/"

    url = str(events(fetch(client, feed))[uid_of(planned)]["url"])
    assert url == f"https://studitiru.kemensos.go.id/kunjungan/{planned.pk}/"


def test_a_revoked_address_is_404_even_when_its_feed_was_cached(client, feed, malang, staff):
    etag = cached_fetch(client, feed)["ETag"]

    reset_calendar_feed(agency=malang, by=staff)

    assert client.get(f"/kalender/{feed.token}.ics").status_code == 404
    # Nor does the ETag a calendar program kept open a revoked address.
    assert client.get(f"/kalender/{feed.token}.ics", HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_a_calendar_program_holding_the_current_feed_gets_304(client, feed, planned, malang):
    etag = cached_fetch(client, feed)["ETag"]
    url = f"/kalender/{feed.token}.ics"

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert (response.status_code, response.content, len(queries)) == (304, b"", 2)
    assert (response["ETag"], response["Cache-Control"]) == (etag, "private, max-age=300")

    make_visit(malang, planned.visitor)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response["ETag"] != etag) == (200, True)
    assert len(events(response)) == 2


# --- The subscription page ----------------------------------------------------


def test_anonymous_users_are_sent_to_log_in_from_the_page(client):
    assert_sends_anonymous_users_to_log_in(client, PAGE)


def test_an_account_without_an_agency_gets_403(client):
    assert_refuses_an_account_without_an_agency(client, PAGE)


def test_a_member_sees_the_absolute_subscription_address(client, feed, malang):
    client.force_login(make_user(malang, Role.PENYULUH))
    response = client.get(PAGE)
    content = response.content.decode()
    assert f'value="https://studitiru.example.go.id/kalender/{feed.token}.ics"' in content
    assert "Google Calendar" in content
    assert "Berlangganan dari web" in content
    assert "Thunderbird" in content
    # A penyuluh reads the address but does not replace it.
    assert RESET not in content


def test_a_scheduler_gets_the_button_to_replace_the_address(client, feed, staff):
    client.force_login(staff)
    assert f'action="{RESET}"' in client.get(PAGE).content.decode()


def test_the_page_says_when_there_is_no_address_yet(client, malang):
    client.force_login(make_user(malang, Role.PENYULUH))
    content = client.get(PAGE).content.decode()
    assert "Instansi Anda belum memiliki alamat langganan kalender." in content
    assert ".ics" not in content


def test_the_page_never_shows_another_agencys_address(client, feed, madiun):
    client.force_login(make_user(madiun, Role.STAFF))
    assert feed.token not in client.get(PAGE).content.decode()


def test_a_scheduler_creates_then_replaces_the_address(client, malang, staff):
    client.force_login(staff)

    response = client.post(RESET)
    assert response.status_code == 302
    assert response["Location"] == PAGE
    first = CalendarFeed.objects.get(agency=malang)

    client.post(RESET)
    first.refresh_from_db()
    current = CalendarFeed.objects.get(agency=malang, revoked_at__isnull=True)
    assert (first.revoked_at is not None, current.created_by, current.pk != first.pk) == (
        True,
        staff,
        True,
    )
    assert "Alamat langganan baru telah dibuat." in client.get(PAGE).content.decode()


def test_a_penyuluh_may_not_replace_the_address(client, feed, malang):
    client.force_login(make_user(malang, Role.PENYULUH))
    assert client.post(RESET).status_code == 403
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_replacing_the_address_is_post_only(client, staff):
    client.force_login(staff)
    assert client.get(RESET).status_code == 405
    assert CalendarFeed.objects.count() == 0


def test_anonymous_users_cannot_replace_an_address(client, feed):
    response = client.post(RESET)
    assert response.status_code == 302
    assert response["Location"] == f"/akun/login/?next={RESET}"


def test_the_page_says_which_visits_the_feed_holds(client, feed, malang):
    client.force_login(make_user(malang, Role.PENYULUH))
    assert (
        "Langganan berisi kunjungan 12 bulan terakhir dan semua kunjungan yang akan datang."
        in client.get(PAGE).content.decode()
    )
