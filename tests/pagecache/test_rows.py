"""Rows kept one by one (pagecache.rows, ``{% cached_rows %}``): a page made
again after a write draws only the rows whose data changed, and a kept row is
never another reader's nor out of date."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from agencies.models import Topic
from pagecache import rows, stamps
from tests.pagecache.test_pages import TOKEN
from visits.models import Visit, VisitStatus, VisitTopic
from visits.services import visit_submit


@pytest.fixture(autouse=True)
def rows_only(settings):
    """Whole pages made afresh, rows kept: the first view after a write."""
    settings.PAGE_CACHE = False
    settings.ROW_CACHE = True


@pytest.fixture
def drawn(monkeypatch):
    """How many rows were drawn (not taken from the cache) since the last read."""
    counts = {"drawn": 0}
    keep = rows.keep

    def counting_keep(markups):
        counts["drawn"] += len(markups)
        keep(markups)

    monkeypatch.setattr(rows, "keep", counting_keep)

    def read():
        value, counts["drawn"] = counts["drawn"], 0
        return value

    return read


def page(client, url):
    """The page without its CSRF tokens, which differ on every response."""
    response = client.get(url)
    assert response.status_code == 200, url
    return TOKEN.sub("", response.content.decode())


def test_the_rows_of_a_list_are_drawn_once_and_then_kept(client, salatiga, story_visit, drawn):
    story_visit(title="Studi SLRT", status=VisitStatus.SCHEDULED)
    story_visit(title="Studi PKH", status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)
    url = reverse("visits:list")

    first = page(client, url)
    assert drawn() == 3  # the two rows and the filter bar
    second = page(client, url)

    assert drawn() == 0
    assert second == first


def test_a_row_whose_data_changed_is_drawn_again(client, salatiga, story_visit, drawn):
    changed = story_visit(title="Studi SLRT", status=VisitStatus.SCHEDULED)
    story_visit(title="Studi PKH", status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)
    url = reverse("visits:list")
    page(client, url)
    drawn()

    Visit.objects.filter(pk=changed.pk).update(title="Studi SLRT Puskesos")
    VisitTopic.objects.create(visit=changed, topic=Topic.objects.get(code="DTKS"), order=1)
    shown = page(client, url)

    assert drawn() == 1  # the other row comes from the cache
    assert "Studi SLRT Puskesos" in shown
    assert "DTKS" in shown


def test_a_state_change_shows_on_the_dashboard_at_once(client, salatiga, magelang, story_visit):
    visit = story_visit(status=VisitStatus.DRAFT, topics=["SLRT"])
    client.force_login(salatiga.staff)
    dashboard = reverse("visits:dashboard")
    assert 'id="drafts"' in page(client, dashboard)

    visit_submit(visit=Visit.objects.get(pk=visit.pk), by=salatiga.staff)

    shown = page(client, dashboard)
    assert 'id="drafts"' not in shown
    assert f'href="/kunjungan/{visit.pk}/"' in shown


def test_each_agency_gets_its_own_row(client, salatiga, magelang, story_visit):
    """The same visit is a row of both agencies' lists, each in bold on its own side."""
    visit = story_visit(title="Studi SLRT", status=VisitStatus.SCHEDULED)
    url = reverse("visits:list")
    rows_of = {}
    for people in (salatiga, magelang):
        client.force_login(people.staff)
        rows_of[people.agency.pk] = page(client, url)

    bold = '<span class="fw-semibold">{}</span>'
    assert bold.format(visit.visitor.display_name) in rows_of[salatiga.agency.pk]
    assert bold.format(visit.host.display_name) not in rows_of[salatiga.agency.pk]
    assert bold.format(visit.host.display_name) in rows_of[magelang.agency.pk]


def test_a_row_is_kept_per_language(client, salatiga, story_visit):
    story_visit(status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)
    url = reverse("visits:list")

    assert "Terjadwal" in page(client, url)
    client.cookies["django_language"] = "en"
    assert "Scheduled" in page(client, url)


def test_a_row_that_reads_the_database_is_an_error_in_the_tests(salatiga, story_visit):
    """A row must be drawn from what the view loaded: what it read later
    would not be in its key."""
    story_visit(status=VisitStatus.SCHEDULED)
    template = Template(
        "{% load pagecache %}{% cached_rows visits as visit %}{{ visit.host.name }}{% endcached_rows %}"
    )
    visits = Visit.objects.only("pk", "title")  # the host is not loaded

    with pytest.raises(rows.RowReadDatabase, match="read the database"):
        template.render(Context({"visits": visits}))


def test_outside_the_tests_such_a_row_is_drawn_and_not_kept(settings, salatiga, story_visit, drawn):
    settings.TESTING = False
    visit = story_visit(status=VisitStatus.SCHEDULED)
    template = Template(
        "{% load pagecache %}{% cached_rows visits as visit %}{{ visit.host.name }}{% endcached_rows %}"
    )

    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            shown = template.render(Context({"visits": Visit.objects.only("pk", "title")}))
        assert shown == visit.host.name
        assert any("agencies_agency" in q["sql"] for q in queries)
    assert drawn() == 0


def test_after_a_row_read_the_database_no_later_row_is_kept(settings, story_visit, drawn):
    """What the first row loaded (a host cached on the visit the rows share)
    shows in the next rows without being in their keys."""
    settings.TESTING = False
    visit = story_visit(status=VisitStatus.SCHEDULED)
    shared = Visit.objects.only("pk", "title", "host_id").get(pk=visit.pk)
    template = Template(
        "{% load pagecache %}{% cached_rows visits as v %}{{ v.host.name }};{% endcached_rows %}"
    )

    shown = template.render(Context({"visits": [shared, shared]}))

    assert shown == f"{visit.host.name};{visit.host.name};"
    assert drawn() == 0


def test_in_the_tests_rows_are_checked_even_with_the_cache_off(settings, story_visit, drawn):
    settings.ROW_CACHE = False
    story_visit(status=VisitStatus.SCHEDULED)
    template = Template(
        "{% load pagecache %}{% cached_rows visits as visit %}{{ visit.host.name }}{% endcached_rows %}"
    )

    with pytest.raises(rows.RowReadDatabase):
        template.render(Context({"visits": Visit.objects.only("pk", "title")}))
    assert drawn() == 0


def test_rows_are_not_kept_with_both_caches_off(settings, salatiga, story_visit, drawn):
    settings.ROW_CACHE = False
    story_visit(status=VisitStatus.SCHEDULED)
    template = Template(
        "{% load pagecache %}{% cached_rows visits as visit numbered %}{{ row_number }}. {{ visit.title }};"
        "{% endcached_rows %}"
    )
    visits = list(Visit.objects.all())

    assert template.render(Context({"visits": visits})) == f"1. {visits[0].title};"
    assert drawn() == 0


def test_equal_data_gives_equal_fingerprints_and_any_change_another(salatiga, story_visit):
    visit = story_visit(status=VisitStatus.SCHEDULED)

    def fingerprint():
        loaded = (
            Visit.objects.select_related("host").prefetch_related("visit_topics").get(pk=visit.pk)
        )
        return rows.Fingerprints().of(loaded)

    before = fingerprint()
    assert fingerprint() == before
    Visit.objects.filter(pk=visit.pk).update(title="Judul baru")
    assert fingerprint() != before
    after_title = fingerprint()
    VisitTopic.objects.create(visit=visit, topic=Topic.objects.get(code="DTKS"), order=1)
    assert fingerprint() != after_title


def test_a_row_that_points_back_to_one_named_before_is_named_by_its_data(story_visit):
    """A prefetched topic points back to its visit: once the visit has been
    named, the topic's name must still change with the visit's data."""
    visit = story_visit(status=VisitStatus.SCHEDULED, topics=["SLRT"])

    def topic_fingerprint():
        loaded = Visit.objects.prefetch_related("visit_topics").get(pk=visit.pk)
        fingerprints = rows.Fingerprints()
        fingerprints.of(loaded)
        return fingerprints.of(loaded.visit_topics.all()[0])

    before = topic_fingerprint()
    Visit.objects.filter(pk=visit.pk).update(title="Judul baru")
    assert topic_fingerprint() != before


def test_values_that_draw_differently_have_different_fingerprints():
    fingerprint = rows.Fingerprints().of
    assert fingerprint(mark_safe("<b>")) != fingerprint("<b>")
    assert fingerprint({1: "a", "1": "a"}) != fingerprint({1: "a"})
    assert fingerprint([[1], [2]]) != fingerprint([[1, 2]])


def test_the_filter_bar_is_kept_per_query_and_drawn_again_when_a_topic_changes(
    client, salatiga, story_visit, drawn
):
    story_visit(status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)
    url = reverse("visits:list")
    page(client, url)
    drawn()

    page(client, url)
    assert drawn() == 0  # the row and the filter bar
    searched = page(client, url + "?q=Puskesos")
    assert drawn() == 1  # the filter bar of that query; the row is kept
    assert 'value="Puskesos"' in searched

    topic = Topic.objects.get(code="SLRT")
    topic.name = "Sistem Layanan dan Rujukan Terpadu (baru)"
    topic.save()
    shown = page(client, url)
    assert "Sistem Layanan dan Rujukan Terpadu (baru)" in shown


def test_the_calendar_draws_again_only_the_weeks_a_write_changed(
    client, salatiga, story_visit, drawn
):
    visit = story_visit(title="Studi SLRT", status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)
    start = timezone.localtime(visit.start, salatiga.agency.tzinfo)
    url = reverse("visits:calendar") + f"?tahun={start.year}&bulan={start.month}"
    page(client, url)
    assert drawn() > 0
    page(client, url)
    assert drawn() == 0

    Visit.objects.filter(pk=visit.pk).update(title="Studi SLRT Puskesos")
    shown = page(client, url)

    # The visit's week in the grid and in the phone's agenda, and its row in
    # the month's list; the other weeks come from the cache.
    assert drawn() == 3
    assert shown.count("Studi SLRT Puskesos") >= 3


class Opaque:
    """A value whose repr() says nothing of its data."""

    def __init__(self, label):
        self.label = label


def test_a_row_the_key_cannot_name_is_an_error_in_the_tests_and_else_not_kept(db, settings, drawn):
    template = Template(
        "{% load pagecache %}{% cached_rows things as thing %}{{ thing.label }};{% endcached_rows %}"
    )
    things = [Opaque("satu"), Opaque("dua")]

    with pytest.raises(rows.Unkeyable):
        template.render(Context({"things": things}))

    settings.TESTING = False
    assert template.render(Context({"things": things})) == "satu;dua;"
    assert drawn() == 0


def test_a_page_missed_reads_the_stamps_once_for_itself_and_its_rows(
    settings, client, salatiga, story_visit, monkeypatch
):
    settings.PAGE_CACHE = True
    story_visit(status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)
    reads = []
    current = stamps.current
    monkeypatch.setattr(stamps, "current", lambda names: reads.append(names) or current(names))

    page(client, reverse("visits:list"))

    assert len(reads) == 1
