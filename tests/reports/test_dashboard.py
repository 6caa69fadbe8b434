"""The dashboard's first screen as each role reads it: what waits for the
user first, the empty lists named on one line, and the chart of the agency's
ATM progress per topic (reports.selectors.dashboard_screen and
adoption_progress, drawn by templates/visits/dashboard.html)."""

import contextlib
import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Role
from reports.models import AdoptionItem, CheckIn
from reports.models import AdoptionStatus as S
from reports.selectors import adoption_progress, dashboard_screen
from tests.factories import make_adoption_item, make_report, make_user, make_visit
from visits.models import VisitStatus
from visits.selectors import WAITING_FOR, dashboard_sections

pytestmark = pytest.mark.django_db

URL = "/dasbor/"
DAY = datetime.timedelta(days=1)


def dashboard(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def waiting(content):
    """The keys of the cards under "Menunggu Anda", top to bottom."""
    match = re.search(
        r'data-dashboard="waiting">(.*?)(?:id="kosong"|data-dashboard="others")', content, re.S
    )
    return re.findall(r'<section class="card[^"]*" id="([a-z_]+)"', match.group(1)) if match else []


def folded(content):
    """The keys of the lists named on the line "Tidak ada yang menunggu"."""
    return re.findall(r'data-empty="([a-z_]+)"', content)


def cards(content):
    return re.findall(r'<section class="card[^"]*" id="([a-z_]+)"', content)


def chart_data(content):
    match = re.search(
        r'<script id="atm-progress-data" type="application/json">(.*?)</script>', content
    )
    return json.loads(match.group(1)) if match else None


def first_heading(content):
    """The text of the first heading of a card on the page."""
    match = re.search(
        r'<h3 class="h6 mb-0" id="[a-z_]+-title">(?:<svg[^>]*><use[^>]*></use></svg>)?([^<]+)</h3>',
        content,
    )
    return match.group(1).strip()


def stale(item, days=40):
    """``item`` last changed ``days`` ago."""
    AdoptionItem.objects.filter(pk=item.pk).update(updated_at=timezone.now() - days * DAY)


# --- What waits for whom ---------------------------------------------------------------


def test_a_head_sees_the_report_awaiting_approval_first(client, salatiga, magelang, visit):
    """A request to answer and an item to review wait too: the report comes first."""
    make_visit(salatiga.agency, magelang.agency, status=VisitStatus.REQUESTED)
    report = make_report(visit, salatiga.agency, status="submitted")
    make_adoption_item(report, status=S.PROPOSED)

    content = dashboard(client, salatiga.head)

    assert waiting(content) == ["reports_to_review", "atm_review", "to_answer"]
    assert first_heading(content) == "Laporan menunggu persetujuan"
    assert content.index("Menunggu Anda") < content.index("Laporan menunggu persetujuan")
    assert content.index('id="reports_to_review"') < content.index('id="atm_progress"')


def test_a_penyuluh_sees_the_reports_to_write_and_the_check_ins_due_first(
    client, salatiga, magelang, visit
):
    other = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.HELD, start=timezone.now() - 5 * DAY
    )
    report = make_report(other, salatiga.agency)  # a draft: after the visit to report on
    stale(make_adoption_item(report, status=S.IN_PROGRESS))
    make_visit(salatiga.agency, magelang.agency, status=VisitStatus.REQUESTED)

    content = dashboard(client, salatiga.penyuluh)

    assert waiting(content) == ["reports_to_write", "report_drafts", "atm_checkins_due"]
    assert first_heading(content) == "Laporan yang perlu ditulis"
    # The request is the coordinators' to answer; the penyuluh sees it among the others.
    assert "to_answer" in cards(content) and "to_answer" not in waiting(content)


def test_staff_see_requests_and_date_proposals_to_answer_then_visits_coming_up(
    client, salatiga, magelang, malang
):
    make_visit(magelang.agency, salatiga.agency)  # scheduled in a month
    make_visit(salatiga.agency, malang.agency, status=VisitStatus.REQUESTED)
    make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.DATE_PROPOSED,
        proposed_start=timezone.now() + 40 * DAY,
        proposed_end=timezone.now() + 40 * DAY + datetime.timedelta(hours=6),
    )

    content = dashboard(client, salatiga.staff)

    assert waiting(content) == ["to_answer", "proposals", "upcoming"]
    assert first_heading(content) == "Permohonan menunggu jawaban kami"


def test_an_agency_admin_sees_the_coordinators_work_first(client, salatiga, magelang):
    make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT)
    make_visit(salatiga.agency, magelang.agency, status=VisitStatus.REQUESTED)

    content = dashboard(client, make_user(salatiga.agency, Role.ADMIN))

    assert waiting(content) == ["to_answer", "drafts"]


def test_every_role_reads_every_list_it_gets_once(salatiga):
    """Whatever the role, each list shows once: waiting, among the others, or folded."""
    for user in (salatiga.head, salatiga.penyuluh, salatiga.staff):
        screen = dashboard_screen(user, dashboard_sections(salatiga.agency))
        shown = [lst.key for lst in (*screen.waiting, *screen.others, *screen.empty)]
        assert len(shown) == len(set(shown))
        # Nothing has rows: the role's own lists are named first, in its order.
        mine = [key for key in WAITING_FOR[user.membership.role] if key in shown]
        assert [lst.key for lst in screen.empty][: len(mine)] == mine


# --- Empty lists fold into one line ----------------------------------------------------


def test_empty_lists_are_named_on_one_line_not_a_card_each(client, salatiga, magelang, visit):
    make_report(visit, salatiga.agency, status="submitted")

    content = dashboard(client, salatiga.head)

    assert waiting(content) == ["reports_to_review"]
    assert content.count('id="kosong"') == 1
    assert folded(content)[:2] == ["atm_review", "reports_to_publish"]
    assert set(folded(content)).isdisjoint(cards(content))
    assert "Tidak ada yang menunggu:" in content
    assert "Tidak ada butir ATM yang menunggu tinjauan." not in content  # no empty card


def test_with_nothing_waiting_the_screen_says_so_in_one_line(client, salatiga):
    content = dashboard(client, salatiga.staff)

    assert waiting(content) == []
    assert cards(content) == ["atm_progress"]
    assert folded(content) == [
        "to_answer",
        "proposals",
        "upcoming",
        "drafts",
        "atm_overdue",
        "waiting",
        "recent",
    ]


# --- The ATM progress chart ------------------------------------------------------------


def test_the_chart_counts_the_agencys_items_per_topic_and_stage(client, salatiga, magelang, visit):
    report = make_report(visit, salatiga.agency)
    for topic, status in [
        ("SLRT", S.PROPOSED),
        ("SLRT", S.RETURNED),
        ("SLRT", S.APPROVED),
        ("SLRT", S.ADOPTED),
        ("DTKS", S.IN_PROGRESS),
        ("DTKS", S.IN_PROGRESS),
        ("DTKS", S.DROPPED),
        ("ATENSI", S.DROPPED),
    ]:
        make_adoption_item(report, topic, status=status)
    # Magelang's items never count for Salatiga.
    theirs = make_report(visit, magelang.agency)
    make_adoption_item(theirs, "SLRT", status=S.ADOPTED)
    make_adoption_item(theirs, "PUSKESOS", status=S.APPROVED)

    progress = adoption_progress(salatiga.agency)
    content = dashboard(client, salatiga.staff)

    assert [(t.code, t.counts) for t in progress.topics] == [
        ("DTKS", (0, 0, 2, 0)),
        ("SLRT", (2, 1, 0, 1)),
    ]
    assert progress.dropped == 2
    data = chart_data(content)
    assert data["labels"] == ["DTKS", "SLRT"]
    assert [(stage["key"], stage["counts"]) for stage in data["stages"]] == [
        ("planned", [0, 2]),
        ("approved", [0, 1]),
        ("in_progress", [2, 0]),
        ("adopted", [0, 1]),
    ]
    assert [stage["label"] for stage in data["stages"]] == [
        "Direncanakan",
        "Disetujui",
        "Sedang berjalan",
        "Diadopsi",
    ]
    # The same numbers in a table, for screen readers.
    row = re.search(r'<tr data-topic="SLRT">(.*?)</tr>', content, re.S).group(1)
    assert re.findall(r'<td class="text-end[^"]*">(\d+)</td>', row) == ["2", "1", "0", "1", "4"]
    assert "PUSKESOS" not in data["labels"]


def test_the_chart_is_drawn_by_a_local_script_not_an_inline_one(client, salatiga, visit):
    make_adoption_item(make_report(visit, salatiga.agency), status=S.APPROVED)

    content = dashboard(client, salatiga.staff)

    assert '<canvas id="atm-progress-chart" role="img" aria-label=' in content
    assert 'src="/static/vendor/chart.js/chart.umd.min.js"' in content
    assert 'src="/static/js/atm-progress-chart.js"' in content
    assert re.search(r"<script>(?!</script>)", content) is None


def test_without_items_the_chart_has_an_empty_state(client, salatiga, magelang, visit):
    make_adoption_item(make_report(visit, magelang.agency), status=S.APPROVED)
    make_adoption_item(make_report(visit, salatiga.agency), status=S.DROPPED)

    content = dashboard(client, salatiga.head)

    assert "Belum ada butir rencana ATM." in content
    assert chart_data(content) is None
    assert "atm-progress-chart" not in content
    assert "chart.umd.min.js" not in content


@pytest.mark.parametrize("per_kind", [1, 8])
def test_a_heads_dashboard_runs_a_fixed_number_of_queries(
    client, salatiga, magelang, django_assert_num_queries, per_kind
):
    for n in range(per_kind):
        visit = make_visit(
            magelang.agency,
            salatiga.agency,
            status=VisitStatus.HELD,
            start=timezone.now() - (n + 1) * DAY,
        )
        report = make_report(visit, salatiga.agency, status="submitted")
        for topic, status in [("SLRT", S.PROPOSED), ("DTKS", S.IN_PROGRESS), ("ATENSI", S.ADOPTED)]:
            make_adoption_item(report, topic, status=status)
        make_visit(salatiga.agency, magelang.agency, status=VisitStatus.REQUESTED)
    client.force_login(salatiga.head)

    # 5 for the visits (the session, the user with their agency, the section
    # and order of every visit in any section, the first of each, their
    # agencies), 2 for the report lists, 3 for the ATM lists (their counts,
    # the items to review, the overdue ones), 1 for the chart.
    with django_assert_num_queries(11):
        content = client.get(URL).content.decode()

    assert chart_data(content)["stages"][0]["counts"] == [0, 0, per_kind]


# --- Check-ins due ---------------------------------------------------------------------


def test_an_item_under_way_wants_a_progress_note_every_thirty_days(client, salatiga, visit):
    report = make_report(visit, salatiga.agency)
    quiet = make_adoption_item(report, status=S.IN_PROGRESS, replicate="Tanpa kabar")
    noted = make_adoption_item(report, status=S.IN_PROGRESS, replicate="Baru dicatat")
    make_adoption_item(report, status=S.APPROVED, replicate="Baru disetujui")  # just approved
    waiting_review = make_adoption_item(report, status=S.PROPOSED, replicate="Menunggu kepala")
    for item in (quiet, noted, waiting_review):
        stale(item)
    CheckIn.objects.create(item=noted, date=timezone.localdate() - 5 * DAY, note="Rapat.")
    CheckIn.objects.create(item=quiet, date=timezone.localdate() - 45 * DAY, note="Lama.")

    assert list(AdoptionItem.objects.checkin_due()) == [quiet]
    content = dashboard(client, salatiga.penyuluh)
    assert 'data-count="atm_checkins_due">1<' in content
    assert "Tanpa kabar" in content
    assert "Baru dicatat" not in content and "Baru disetujui" not in content

    client.force_login(salatiga.penyuluh)
    response = client.get(reverse("reports:items"), {"status": "perlu_catatan"})
    assert [item.pk for item in response.context["items"]] == [quiet.pk]


# --- Every query of the dashboard can be prepared --------------------------------------

# psycopg caches the parse of a query, and so prepares it, only up to this
# many parameters: a query with more is parsed and planned on every request.
PREPARED_PARAMETERS = 50


@contextlib.contextmanager
def parameter_counts():
    """The number of parameters of each query run inside, by its SQL."""
    counts = {}

    def count(execute, sql, params, many, context):
        counts[sql] = len(params or ())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counts


@pytest.mark.parametrize("role", ["head", "penyuluh", "staff"])
def test_every_query_of_the_dashboard_has_at_most_fifty_parameters(
    client, salatiga, magelang, visit, role
):
    report = make_report(visit, salatiga.agency, status="submitted")
    make_adoption_item(report, status=S.PROPOSED)
    make_visit(salatiga.agency, magelang.agency, status=VisitStatus.REQUESTED)
    make_visit(magelang.agency, salatiga.agency)
    client.force_login(getattr(salatiga, role))

    with CaptureQueriesContext(connection) as captured, parameter_counts() as counts:
        response = client.get(URL)

    assert response.status_code == 200
    assert len(counts) == len({query["sql"] for query in captured.captured_queries})
    too_many = {sql: n for sql, n in counts.items() if n > PREPARED_PARAMETERS}
    assert too_many == {}
    # The visit lists' counts, the widest query, is among those measured.
    assert max(counts.values()) > 20
