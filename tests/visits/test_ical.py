"""The agency's iCalendar feed at a secret, revocable address, and the page
where members find it."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils import timezone

from agencies.models import Role
from tests.factories import make_agency, make_user, make_visit
from visits.feeds import reset_calendar_feed
from visits.models import (
    CalendarFeed,
    DelegationRole,
    EmploymentType,
    Participant,
    Side,
    VenueKind,
    VisitStatus,
)

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
PAGE = "/kalender/langganan/"
RESET = "/kalender/langganan/atur-ulang/"


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "https://studitiru.example.go.id/"


@pytest.fixture
def malang():
    return make_agency("35.73", short_name="Dinsos Kota Malang")


@pytest.fixture
def madiun():
    return make_agency("35.19", short_name="Dinsos Kabupaten Madiun")


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


def demo_visit(malang, madiun, **fields):
    """Madiun at Malang on Friday 1 August 2025, 08.30–15.00 WIB."""
    visit = make_visit(
        malang,
        madiun,
        status=fields.pop("status", VisitStatus.HELD),
        start=datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WIB),
        end=datetime.datetime(2025, 8, 1, 15, 0, tzinfo=WIB),
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
    # Calendar programs that honour it fetch the feed again every hour.
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in response.content
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in response.content


def test_each_visit_is_one_event_with_a_stable_uid_utc_times_and_a_summary(
    client, feed, malang, madiun
):
    visit = demo_visit(malang, madiun)

    [(uid, event)] = events(fetch(client, feed)).items()

    assert uid == f"visit-{visit.pk}@studitiru"
    assert event.decoded("dtstart") == visit.start
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(0)
    assert event.decoded("dtstart") == datetime.datetime(2025, 8, 1, 1, 30, tzinfo=datetime.UTC)
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

    # the feed, the visits, their venues, their topics
    with django_assert_num_queries(4):
        response = fetch(client, feed)

    assert len(events(response)) == count


# --- The subscription page ----------------------------------------------------


def test_anonymous_users_are_sent_to_log_in_from_the_page(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"/akun/login/?next={PAGE}"


def test_an_account_without_an_agency_gets_403(client):
    client.force_login(make_user(None))
    assert client.get(PAGE).status_code == 403


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
