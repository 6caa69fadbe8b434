"""The page cache (pagecache/): a repeat view comes from the cache, a write
shows on the next view, and one reader never sees another's page."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.handlers.base import BaseHandler
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pagecache import pages, stamps
from reports.models import ReportStatus
from reports.services import report_publish, report_unpublish
from tests.factories import make_participant, make_report
from tests.stamping import UnstampedWrite, check_requests, written_tables
from visits.delegation import participant_save
from visits.models import DelegationRole, Participant, Side, Visit, VisitStatus

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def visit(story_visit):
    return story_visit(status=VisitStatus.SCHEDULED)


def without_tokens(response):
    """The page without its CSRF tokens, which differ on every response."""
    return TOKEN.sub("", response.content.decode())


def kept_keys():
    return set(pages.pages_cache()._cache)  # LocMemCache's own dict, in the tests


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_a_repeat_view_comes_from_the_cache(client, salatiga, visit):
    client.force_login(salatiga.staff)
    url = reverse("visits:detail", args=[visit.pk])
    first = get(client, url)

    with CaptureQueriesContext(connection) as queries:
        second = get(client, url)

    assert without_tokens(second) == without_tokens(first)
    # The session, the user, the visit (the permission check) and the stamps;
    # none of the page's own (participants, agenda, timeline).
    assert len(queries) <= 5, [q["sql"] for q in queries]
    assert not any("visits_participant" in q["sql"] for q in queries)


def test_a_write_shows_on_the_next_view(client, salatiga, visit):
    client.force_login(salatiga.staff)
    url = reverse("visits:detail", args=[visit.pk])
    get(client, url)

    participant_save(
        participant=Participant(visit=visit, side=Side.VISITOR, name="Rina Kusuma", order=1),
        by=salatiga.staff,
    )

    assert "Rina Kusuma" in get(client, url).content.decode()


def test_a_write_of_the_other_agency_shows_too(client, salatiga, magelang, visit):
    """The host adds its receiving official: the visitor's page shows it."""
    client.force_login(salatiga.staff)
    url = reverse("visits:detail", args=[visit.pk])
    get(client, url)

    participant_save(
        participant=Participant(
            visit=visit,
            side=Side.HOST,
            role=DelegationRole.RECEIVING_OFFICIAL,
            name="Pak Hadi",
            order=1,
        ),
        by=magelang.staff,
    )

    assert "Pak Hadi" in get(client, url).content.decode()


def test_two_agencies_and_two_roles_get_their_own_keys_and_pages(salatiga, magelang, visit):
    """The same address read by the visitor's staff, the visitor's head and
    the host's staff: three keys, and the pages differ where the data does."""
    url = reverse("visits:dashboard")
    bodies = {}
    for name, user in (
        ("visitor staff", salatiga.staff),
        ("visitor head", salatiga.head),
        ("host staff", magelang.staff),
    ):
        before = kept_keys()
        client = Client()
        client.force_login(user)
        bodies[name] = get(client, url).content.decode()
        assert len(kept_keys() - before) == 1, name

    assert len(kept_keys()) == 3
    assert bodies["visitor staff"] != bodies["host staff"]
    assert bodies["visitor staff"] != bodies["visitor head"]
    assert "Kota Salatiga" in bodies["host staff"]  # the host waits for the visitor


def test_the_permission_check_comes_before_the_cache(client, salatiga, malang, visit):
    url = reverse("visits:detail", args=[visit.pk])
    client.force_login(salatiga.staff)
    get(client, url)

    client.force_login(malang.staff)
    assert client.get(url).status_code == 404


def test_each_response_carries_its_own_csrf_token_and_it_works(salatiga, visit):
    url = reverse("visits:detail", args=[visit.pk])
    tokens = []
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        client.force_login(salatiga.staff)
        body = get(client, url).content.decode()
        assert pages.CSRF_PLACEHOLDER not in body
        tokens.append(CSRF.search(body)[1])
        # The token of the kept page is accepted: the language switch.
        switched = client.post(
            reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": tokens[-1]}
        )
        assert switched.status_code == 302
    assert tokens[0] != tokens[1]


def test_a_page_with_a_message_waiting_is_neither_read_nor_kept(client, salatiga, visit):
    client.force_login(salatiga.staff)
    url = reverse("visits:detail", args=[visit.pk])
    get(client, url)
    before = kept_keys()
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Tersimpan rapi.")])

    assert "Tersimpan rapi." in get(client, url).content.decode()
    assert kept_keys() == before
    assert "Tersimpan rapi." not in get(client, url).content.decode()


def test_the_language_is_part_of_the_key(client, salatiga, visit):
    client.force_login(salatiga.staff)
    url = reverse("visits:list")
    indonesian = get(client, url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    english = get(client, url).content.decode()

    assert 'lang="id"' in indonesian
    assert 'lang="en"' in english


# --- The public pages -------------------------------------------------------------------


def test_publishing_and_taking_off_show_on_the_public_news_at_once(client, salatiga, visit):
    report = make_report(visit, salatiga.agency, status=ReportStatus.APPROVED, title="Belajar SLRT")
    news = reverse("reports:news_list")
    assert "Belajar SLRT" not in get(client, news).content.decode()

    report_publish(report=report, by=salatiga.head)
    assert "Belajar SLRT" in get(client, news).content.decode()
    detail = report.get_public_url()
    assert "Belajar SLRT" in get(client, detail).content.decode()

    report_unpublish(report=report, by=salatiga.head, comment="Ada data yang salah.")
    assert "Belajar SLRT" not in get(client, news).content.decode()
    assert client.get(detail).status_code == 410


def test_an_anonymous_news_page_is_served_from_the_cache(client, salatiga, visit):
    make_report(visit, salatiga.agency, status=ReportStatus.PUBLISHED, title="Belajar DTKS")
    news = reverse("reports:news_list")
    get(client, news)

    with CaptureQueriesContext(connection) as queries:
        body = get(client, news).content.decode()

    assert "Belajar DTKS" in body
    assert len(queries) <= 1  # the stamps (the database cache in the tests)


# --- What bumps a stamp ---------------------------------------------------------------


def test_both_agencies_of_a_visit_are_bumped_by_its_writes(salatiga, magelang, visit):
    with stamps.recording() as bumped:
        visit.title = "Studi tiru DTKS"
        visit.save()
    assert {stamps.agency(salatiga.agency.pk), stamps.agency(magelang.agency.pk)} <= bumped.names


def test_a_participant_bumps_the_people_of_both_agencies_and_not_the_agencies(
    salatiga, magelang, visit
):
    with stamps.recording() as bumped:
        make_participant(visit, "host")
    people = {
        stamps.agency(salatiga.agency.pk, stamps.PEOPLE),
        stamps.agency(magelang.agency.pk, stamps.PEOPLE),
    }
    assert people <= bumped.names
    assert stamps.agency(salatiga.agency.pk) not in bumped.names


def test_a_participant_leaves_the_calendar_cached_and_shows_on_the_visit_page(
    client, salatiga, visit
):
    client.force_login(salatiga.staff)
    calendar, detail = reverse("visits:calendar"), reverse("visits:detail", args=[visit.pk])
    get(client, calendar), get(client, detail)

    participant_save(
        participant=Participant(visit=visit, side=Side.VISITOR, name="Rina Kusuma", order=1),
        by=salatiga.staff,
    )

    assert get(client, calendar).page_cache == "hit"
    shown = get(client, detail)
    assert shown.page_cache == "miss"
    assert "Rina Kusuma" in shown.content.decode()


def test_a_report_bumps_the_reports_of_both_agencies_and_leaves_the_visit_list_cached(
    client, salatiga, magelang, story_visit
):
    held = story_visit(status=VisitStatus.HELD)
    client.force_login(salatiga.staff)
    visits = reverse("visits:list")
    get(client, visits)

    with stamps.recording() as bumped:
        make_report(held, salatiga.agency)

    reports = {
        stamps.agency(salatiga.agency.pk, stamps.REPORTS),
        stamps.agency(magelang.agency.pk, stamps.REPORTS),
    }
    assert reports <= bumped.names
    assert get(client, visits).page_cache == "hit"


def test_a_visit_with_a_public_report_bumps_the_public_pages(salatiga, story_visit):
    unreported, published = story_visit(), story_visit()
    make_report(published, salatiga.agency, status=ReportStatus.PUBLISHED)

    with stamps.recording() as bumped:
        make_participant(unreported)
    assert stamps.PUBLIC not in bumped.names
    with stamps.recording() as bumped:
        make_participant(published)
    assert stamps.PUBLIC in bumped.names


def test_a_login_bumps_nothing(client, salatiga):
    with stamps.recording() as bumped:
        client.force_login(salatiga.staff)
    assert bumped.names == set()


def test_a_stamp_gets_a_value_never_used_before(salatiga):
    name = stamps.agency(salatiga.agency.pk)
    seen = {stamps.current([name])[name]}
    for _ in range(5):
        stamps.bump({name})
        seen.add(stamps.current([name])[name])
    assert len(seen) == 6


def test_a_migration_bumps_every_page(db):
    before = stamps.current([stamps.EVERYTHING])
    call_command("migrate", verbosity=0)
    assert stamps.current([stamps.EVERYTHING]) != before


def test_a_raw_sql_update_bumps_nothing_so_the_code_has_none(salatiga, magelang, visit):
    """A write in raw SQL passes no signal: the page cache cannot see it. The
    portal writes none (the test suite's request check would name it); this
    says what would happen."""
    with stamps.recording() as bumped, connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Visit._meta.db_table} SET title = 'x' WHERE id = %s", [visit.pk])
    assert bumped.names == set()


def test_the_request_check_names_an_update_that_bumps_nothing(monkeypatch, visit):
    check_requests(monkeypatch)

    def view(request):
        Visit.objects.filter(pk=visit.pk).update(title="Tanpa cap")
        return HttpResponse()

    handler = BaseHandler()
    handler._middleware_chain = view
    with pytest.raises(UnstampedWrite, match="visits_visit"):
        handler.get_response(RequestFactory().post("/"))


def test_written_tables_reads_the_three_kinds_of_write():
    assert written_tables(
        [
            'INSERT INTO "visits_participant" ("name") VALUES (%s)',
            'UPDATE "reports_report" SET "status" = %s',
            'DELETE FROM "visits_venue" WHERE "id" = %s',
            'SELECT "visits_visit"."id" FROM "visits_visit" FOR UPDATE',
        ]
    ) == {"visits_participant", "reports_report", "visits_venue"}


def test_the_coherence_run_catches_a_write_that_bumps_nothing(salatiga, visit):
    """tests/coherence.py can fail: a title changed behind the page cache's
    back is found on the visit page that came from the cache."""
    from tests.coherence import IncoherentPage, check_every_page

    check_every_page("the set-up")  # every reader's pages are kept
    Visit.objects.filter(pk=visit.pk).update(title="Judul yang diganti diam-diam")

    with pytest.raises(IncoherentPage, match="came from the cache with old data"):
        check_every_page("a raw update")
